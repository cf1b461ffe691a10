"""The slow end-to-end runners (the corpus of damaged inputs, the gallery of préfectures) started
as soon as pytest knows it will need them, so that they run beside the other tests instead of
after them; their fixtures then wait for the results (:mod:`tests.conftest`)."""

from __future__ import annotations

BACKGROUND: dict = {}  # runner name → what its ``start`` returned, until its fixture takes it
