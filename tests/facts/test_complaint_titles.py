"""The complaints' themes title: its follow-ups counted in French, none said as words."""

from __future__ import annotations

import pandas as pd

from pipeline.facts.sections import ComplaintFacts
from pipeline.facts.titles import complaint_themes_title


def _facts(follow_ups: list[str]) -> ComplaintFacts:
    return ComplaintFacts(
        year=2022, total=3, by_nature=[], by_channel=pd.DataFrame(),
        themes=pd.DataFrame({"theme": ["Accueil", "Locaux"], "count": [1, 1]}),
        replies=pd.DataFrame(), follow_ups=follow_ups,
    )  # fmt: skip


def test_no_follow_up_is_said_in_words_not_as_zero():
    assert complaint_themes_title(_facts([])) == (
        "Réclamations et suggestions : accueil en tête, aucune suite notée"
    )


def test_follow_ups_are_counted_with_their_agreement():
    assert complaint_themes_title(_facts(["a"])).endswith("accueil en tête, 1 suite donnée")
    assert complaint_themes_title(_facts(["a", "b"])).endswith("2 suites données")
