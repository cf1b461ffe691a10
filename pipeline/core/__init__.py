"""What every stage of the flow uses: paths, periods, configuration and its schemas, the label's
words, the meeting file, French formats, jours ouvrés, errors.
"""
