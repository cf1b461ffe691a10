"""A corpus of damaged inputs, each with the outcome the pipeline owes the user (issue 11).

:mod:`tests.corpus.cases` lists the cases; :mod:`tests.corpus_runner` plays them in one process
on a copy of the project; :mod:`tests.test_corpus` checks each outcome.
"""
