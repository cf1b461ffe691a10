"""The deck's storyline, section by section: each module adds the main slides of an agenda
section (titles stating their finding, tables and charts readable from the back of the room) and
registers what it leaves to the annex. :mod:`pipeline.outputs.deck.storyline` assembles them.
"""
