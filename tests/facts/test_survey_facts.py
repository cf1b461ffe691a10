"""The survey's facts: none for a year without questionnaires, whatever the earlier years."""

from __future__ import annotations

import pandas as pd

from pipeline.core.config import SurveySettings, VerbatimThemes, load_config, load_questions
from pipeline.core.meeting import Meeting
from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.facts.survey import survey_facts


def test_a_year_without_questionnaires_has_no_survey_facts_even_with_earlier_years():
    rates = pd.DataFrame(
        {"year": [2021, 2022], "respondents": [120, 0], "n": [118, 0], "overall": [False, False],
         "label": ["Accueil", "Accueil"], "rate": [0.9, None]}
    )  # fmt: skip
    empty = pd.DataFrame()
    tables = {"survey_rates": rates, "survey_changes": empty, "survey_choices": empty,
              "survey_ranking": empty, "survey_themes": empty, "survey_quotes": empty}  # fmt: skip
    meeting = Meeting.model_validate(
        {"prefecture": "P", "date": "2023-01-24", "chair": {"name": "M. X"},
         "agenda": [{"title": "Enquête", "section": "survey"}]}
    )  # fmt: skip
    catalogue = load_questions(load_config(DEFAULT_CONFIG))
    themes = VerbatimThemes.model_validate({"themes": [{"label": "T", "keywords": ["x"]}]})
    assert survey_facts(tables, meeting, 2022, SurveySettings(), catalogue, themes) is None
