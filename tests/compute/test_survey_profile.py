"""Yes/no, single- and multiple-choice answers counted by hand."""

import pandas as pd

from pipeline.compute.survey.profile import answer_counts


def test_a_multiple_choice_counts_each_option_over_those_who_answered():
    answers = pd.Series(["titre de séjour; CNI / passeport", "CNI / passeport", None, "autre"])
    years = pd.Series([2022] * 4)
    options = ("titre de séjour", "CNI / passeport", "permis de conduire", "autre")
    counts = answer_counts(answers, years, options, multiple=True).set_index("answer")
    assert counts["count"].to_dict() == {
        "titre de séjour": 1, "CNI / passeport": 2, "permis de conduire": 0, "autre": 1,
    }  # fmt: skip
    assert set(counts["answered"]) == {3} and set(counts["blank"]) == {1}
    assert counts.loc["CNI / passeport", "share"] == 2 / 3
    assert counts["share"].sum() > 1  # several answers per respondent


def test_yes_no_and_free_categories():
    yes_no = answer_counts(pd.Series([True, False, True, None], dtype="boolean"),
                           pd.Series([2021, 2021, 2022, 2022]))  # fmt: skip
    by_year = yes_no.set_index(["year", "answer"])
    assert by_year.loc[(2021, "oui"), "share"] == 0.5
    assert by_year.loc[(2022, "oui"), ["count", "answered", "blank"]].tolist() == [1, 1, 1]
    sectors = answer_counts(pd.Series(["Dole", "Jura", "Jura"]), pd.Series([2022] * 3))
    assert sectors["answer"].tolist() == ["Jura", "Dole"]  # no options: most frequent first
