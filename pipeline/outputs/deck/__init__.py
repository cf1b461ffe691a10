"""The CLU deck (python-pptx): assembled from the agenda and the facts, slide builders, raw OOXML
tweaks, the 16:9 template in the State's identity.
"""
