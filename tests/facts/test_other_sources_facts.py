"""The facts of the feedback platform, the second survey and the tutoring: few experiences or
answers are written as counts (« 3 sur 5 », « 2 sur 3 * »), never as a measure; the open-data
rows of the platform's year and of the second survey."""

from __future__ import annotations

import pandas as pd

from pipeline.core.config import (
    FeedbackSettings,
    SecondSurveySettings,
    VerbatimThemes,
    load_config,
    load_questions,
)
from pipeline.core.meeting import Meeting
from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.facts.feedback import feedback_facts
from pipeline.facts.results import _feedback_rows, open_data_table
from pipeline.facts.second_survey import second_survey_facts
from pipeline.facts.tutoring import tutoring_facts

THEMES = VerbatimThemes.model_validate({"themes": [{"label": "Rendez-vous", "keywords": ["rdv"]}]})
EMPTY = pd.DataFrame()


def summary(year=2022, experiences=5, positive=4, negative=1, replied=3, rated=0, mean=None):
    return pd.DataFrame({
        "year": [year], "experiences": [experiences], "positive": [positive], "neutral": [0],
        "negative": [negative], "felt": [positive + negative],
        "positive_share": [positive / (positive + negative)], "rated": [rated],
        "mean_rating": pd.array([mean], dtype="Float64"), "rating_max": [5],
        "replied": [replied], "reply_share": [replied / experiences],
    })  # fmt: skip


def feedback_tables(table):
    channels = pd.DataFrame({"year": [2022, 2022], "channel": ["Accueil", "Téléphone"],
                             "experiences": [3, 2], "positive": [3, 1], "negative": [0, 1],
                             "replied": [2, 1]})  # fmt: skip
    themes = pd.DataFrame(columns=["year", "theme", "theme_order", "count", "remarks"])
    return {"feedback_summary": table, "feedback_by_channel": channels,
            "feedback_themes": themes, "feedback_quotes": EMPTY}  # fmt: skip


def test_few_experiences_read_as_counts_many_as_shares():
    facts = feedback_facts(feedback_tables(summary()), FeedbackSettings(), THEMES, 2022)
    assert facts.fragile and facts.replied_text == "3 sur 5"
    assert facts.feelings == "4 positives, 1 négative"
    assert facts.summary == (
        "En 2022, 5 expériences partagées sur la plateforme « Donnez votre avis » (Services "
        "Publics+) : 4 positives, 1 négative. 3 sur 5 ont reçu une réponse de la préfecture."
    )
    assert facts.channels_text == "Par canal : Accueil 3, Téléphone 2."
    many = feedback_facts(feedback_tables(summary(experiences=40, positive=30, negative=10,
                                                  replied=30, rated=8, mean=3.75)),
                          FeedbackSettings(), THEMES, 2022)  # fmt: skip
    assert not many.fragile and many.replied_text == "75,0\u00a0%"
    assert many.rating_text == "3,8 sur 5 (8 notes)"


def test_no_experience_in_the_year_means_no_facts():
    assert feedback_facts(feedback_tables(summary(year=2021)), FeedbackSettings(), THEMES,
                          2022) is None  # fmt: skip


def second_tables():
    rates = pd.DataFrame({
        "year": [2022, 2022, 2022], "order": [1, 0, 2], "column": ["e_delay", "e_overall", "e_x"],
        "label": ["Le délai de réponse", "Votre satisfaction générale", "Non posée"],
        "overall": [False, True, False], "respondents": [3, 3, 3], "n": [3, 3, 0],
        "satisfied": [2, 2, 0], "very_satisfied": [1, 0, 0], "dissatisfied": [1, 1, 0],
        "rate": [2 / 3, 2 / 3, None], "very_rate": [1 / 3, 0.0, None],
        "net_satisfaction": [1 / 3, 1 / 3, None], "high_mark_rate": [None, None, None],
        "target": [0.85, 0.85, 0.85], "below_target": [True, True, False],
        "small_sample": [True, True, True], "subgroup": ["", "", ""],
        "theme": ["réponse", "générale", "réponse"],
    })  # fmt: skip

    def empty(*columns):
        return pd.DataFrame(columns=list(columns))

    return {
        "second_survey_rates": rates,
        "second_survey_changes": empty("year_before", "label", "column", "change", "significant"),
        "second_survey_choices": empty("year", "column", "answer", "share", "count"),
        "second_survey_ranking": empty("year", "position", "rank", "label", "rate", "n"),
        "second_survey_themes": empty("year", "theme", "theme_order", "count", "remarks"),
        "second_survey_quotes": empty("year", "theme", "quote", "tone", "role"),
    }


def meeting(**extra):
    return Meeting.model_validate(
        {"prefecture": "P", "date": "2023-01-24", "chair": {"name": "M. X"},
         "agenda": [{"title": "Enquête par courriel", "section": "second_survey"}], **extra}
    )  # fmt: skip


def test_a_second_survey_on_few_answers_marks_every_figure_fragile():
    catalogue = load_questions(load_config(DEFAULT_CONFIG), "second_survey_responses")
    window = {"start": "2022-09-01", "end": "2022-12-15", "mode": "par courriel", "sent": 40}
    facts = second_survey_facts(second_tables(), meeting(second_survey=window), 2022,
                                SecondSurveySettings(), catalogue, THEMES)  # fmt: skip
    assert facts.fragile and facts.response_rate == 3 / 40
    assert facts.returns == "3 réponses sur 40 questionnaires envoyés (7,5\u00a0%)"
    assert facts.overall_text == "2 sur 3 *"
    # the overall question first, a question nobody answered left out
    assert facts.criteria_rows == [["Votre satisfaction générale", "3", "2 sur 3 *"],
                                   ["Le délai de réponse", "3", "2 sur 3 *"]]  # fmt: skip
    assert facts.summary.startswith(
        "Enquête par courriel 2022, menée du 1er septembre au 15 décembre 2022 : 3 réponses"
    )
    assert "fragiles" in facts.summary and facts.fragile_note.startswith("* Moins de 30")


def test_a_second_survey_on_enough_answers_shows_percentages():
    catalogue = load_questions(load_config(DEFAULT_CONFIG), "second_survey_responses")
    facts = second_survey_facts(
        second_tables(), meeting(), 2022, SecondSurveySettings(min_reliable_n=3), catalogue, THEMES
    )
    assert not facts.fragile and facts.sent is None and facts.fragile_note == ""
    assert facts.overall_text == "66,7\u00a0%" and facts.returns == "3 réponses"


def test_tutoring_facts_say_sessions_agents_and_hours():
    table = pd.DataFrame({
        "kind": ["tutorat", "accompagnement", "", ""], "topic": ["Accueil", "Conflits", "Total",
                                                              "Total"],
        "year": [2022, 2022, 2022, 2021], "sessions": [2, 1, 3, 1],
        "agents": pd.array([3, None, 3, 2], dtype="Int64"),
        "hours": pd.array([4.5, None, 4.5, None], dtype="Float64"),
        "order": [0, 1, 2, 2], "is_total": [False, False, True, True],
    })  # fmt: skip
    facts = tutoring_facts({"tutoring_by_year": table}, 2022)
    assert facts.rows == [["Tutorat", "Accueil", "2", "3"], ["Accompagnement", "Conflits", "1",
                                                              "–"]]  # fmt: skip
    assert facts.total_text == (
        "En 2022, 3 séances de tutorat et d'accompagnement, 3 agents accompagnés (4,5 heures) ; "
        "1 séance en 2021 ; un agent accompagné deux fois compte deux fois."
    )
    assert tutoring_facts({"tutoring_by_year": table}, 2020) is None


def test_the_platforms_year_in_the_open_data_file():
    rows = _feedback_rows(summary(rated=2, mean=4.5), 2022, FeedbackSettings()).set_index(
        "code_indicateur")  # fmt: skip
    assert rows.loc["avis_experiences", "valeur"] == 5
    assert rows.loc["avis_experiences", "fiabilite"] == "fiable"  # a count is a count
    assert rows.loc["avis_experiences_positives", ["valeur", "type_qualite", "fiabilite"]].tolist(
    ) == [80.0, "qualité perçue", "à interpréter avec prudence"]  # fmt: skip
    assert rows.loc["avis_reponses", "type_qualite"] == "qualité rendue"
    assert rows.loc["avis_note_moyenne", ["valeur", "numerateur", "denominateur"]].tolist() == [
        4.5, 9.0, 2.0]  # fmt: skip
    assert _feedback_rows(summary(year=2021), 2022, FeedbackSettings()).empty


def test_without_the_new_sources_the_open_data_file_is_as_before():
    config = load_config(DEFAULT_CONFIG)
    from pipeline.compute.indicators import empty_indicators

    empty = empty_indicators()
    rates = second_tables()["second_survey_rates"].iloc[:0]
    before = open_data_table(empty, rates, empty.assign(service=""), config, 2022)
    after = open_data_table(empty, rates, empty.assign(service=""), config, 2022,
                            summary(year=2021), rates)  # fmt: skip
    pd.testing.assert_frame_equal(before, after)
