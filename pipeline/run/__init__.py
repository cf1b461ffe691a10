"""Running the steps: which notebook each runs, what it reads and makes, by content; Papermill
execution (kernel or in-process), rendering of documents, outcomes.
"""
