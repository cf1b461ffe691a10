"""Developer tooling, not part of a run: the sample generator and the data-contract
documentation.
"""
