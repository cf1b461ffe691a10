"""Verbatims sorted by keywords, quotes chosen without personal data."""

import pandas as pd

from pipeline.compute.survey.verbatims import (
    comments,
    representative_quotes,
    theme_counts,
    themed_comments,
)
from pipeline.core.config import VerbatimThemes

THEMES = VerbatimThemes.model_validate(
    {
        "themes": [
            {"label": "Attente", "keywords": ["attent*", "délai*"]},
            {"label": "Point numérique", "keywords": ["pan", "point numérique"]},
            {"label": "Téléphone", "keywords": ["téléphon*"]},
        ]
    }
)


def remarks(texts: list[str | None], year: int = 2022) -> pd.DataFrame:
    return comments(pd.DataFrame({"year": year, "comment": texts}), "comment")


def test_keywords_match_words_ignoring_case_and_accents():
    found = remarks(
        [
            "Trop d'ATTENTE au guichet",  # prefix keyword, upper case
            "Delais trop longs",  # accent missing
            "Le panneau est illisible",  # "pan" is a whole-word keyword: not a match
            "Merci au PAN et au point numérique",
            "Rappelez-moi au [téléphone masqué].",  # a mask is not a subject
            "",
            None,
        ]
    )
    themed = themed_comments(found, THEMES)
    by_text = themed.groupby("text")["theme"].apply(list).to_dict()
    assert by_text["Trop d'ATTENTE au guichet"] == ["Attente"]
    assert by_text["Delais trop longs"] == ["Attente"]
    assert by_text["Le panneau est illisible"] == ["Autres remarques"]
    assert by_text["Merci au PAN et au point numérique"] == ["Point numérique"]
    assert by_text["Rappelez-moi au [téléphone masqué]."] == ["Autres remarques"]
    counts = theme_counts(themed, found, THEMES).set_index("theme")
    assert counts["remarks"].iloc[0] == 5  # empty answers are not remarks
    assert counts.loc["Attente", "count"] == 2 and counts.loc["Attente", "share"] == 2 / 5


def test_quotes_are_the_most_frequent_and_never_carry_personal_data():
    found = remarks(
        [
            "Attente trop longue.",
            "Attente trop longue.",
            "Délai correct.",
            "Attente interminable, appelez Mme Martin au 06 12 34 56 78.",
        ]
    )
    quotes = representative_quotes(themed_comments(found, THEMES), 2022, per_theme=3)
    assert quotes["quote"].tolist() == ["Attente trop longue.", "Délai correct."]
    assert quotes["times"].tolist() == [2, 1]


def test_a_remark_of_two_themes_counts_in_each_and_is_quoted_once():
    found = remarks(["Attente au point numérique trop longue.", "Le PAN est utile."])
    themed = themed_comments(found, THEMES)
    counts = theme_counts(themed, found, THEMES).set_index("theme")["count"]
    assert counts["Attente"] == 1 and counts["Point numérique"] == 2
    quotes = representative_quotes(themed, 2022, per_theme=3)
    assert quotes["quote"].is_unique
    first = quotes.set_index("quote")["theme"]
    assert first["Attente au point numérique trop longue."] == "Attente"  # its first theme
