"""The minutes draft: blocks of French text from the facts, written as Markdown and Word."""
