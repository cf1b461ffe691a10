"""The figures as the documents show them, formatted in French, read from the computed tables: one
source for the deck and the minutes.
"""
