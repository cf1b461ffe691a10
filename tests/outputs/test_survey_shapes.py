"""Every valid shape of survey runs through the report, its workbook, the deck and the minutes:
a criterion everybody answered « Non concerné » (or left blank) has no rate and every document
says so in French, never 0 %; one answer, one respondent, one year, no remarks, a profile
question nobody answered, a subgroup nobody belongs to."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline.compute.survey.analysis import analyse_survey, analysis_tables
from pipeline.compute.survey.satisfaction import NO_USABLE_ANSWER
from pipeline.core.config import QuestionCatalogue, SurveySettings, VerbatimThemes
from pipeline.core.meeting import Meeting
from pipeline.facts.measures import survey_measures
from pipeline.facts.survey import survey_facts
from pipeline.outputs.deck.kinds import new_presentation
from pipeline.outputs.deck.story.common import Deck
from pipeline.outputs.deck.story.survey import add_survey
from pipeline.outputs.minutes.items import survey_text
from pipeline.outputs.minutes.render import to_markdown
from pipeline.outputs.survey_report import charts
from pipeline.outputs.survey_report.tables import report_tables
from pipeline.outputs.survey_report.texts import key_figures_text, method_text, quotes_markdown
from pipeline.outputs.survey_report.workbook import write_workbook
from tests.conftest import slide_texts

NC = "Non concerné"
LEVELS = ["Très satisfait", "Satisfait", "Peu satisfait", "Pas satisfait"]
CATALOGUE = QuestionCatalogue.model_validate(
    {
        "scales": {
            "scale4": {"levels": LEVELS, "satisfied": LEVELS[:2], "very_satisfied": LEVELS[:1]},
            "mark10": {"min": 1, "max": 10, "satisfied_from": 6, "very_satisfied_from": 9},
        },
        "questions": [
            {"column": "age", "label": "Votre âge", "theme": "profil", "type": "single_choice",
             "options": ["moins de 40 ans", "40 ans et plus"]},
            {"column": "used_pan", "label": "PAN ?", "theme": "profil", "type": "yes_no"},
            {"column": "q_a", "label": "La courtoisie", "theme": "accueil", "type": "scale4"},
            {"column": "q_b", "label": "Le handicap", "theme": "accueil", "type": "scale4"},
            {"column": "q_pan", "label": "Le point numérique", "theme": "pan", "type": "scale4",
             "subgroup": "used_pan"},
            {"column": "q_mark", "label": "Note globale", "theme": "général", "type": "mark10",
             "overall": True},
            {"column": "comment", "label": "Remarques", "theme": "verbatims",
             "type": "free_text"},
        ],
        "breakdowns": [{"column": "site", "label": "Par site"}],
    }
)  # fmt: skip
THEMES = VerbatimThemes.model_validate({"themes": [{"label": "Attente", "keywords": ["attente"]}]})
MEETING = Meeting.model_validate(
    {"prefecture": "P", "date": "2023-01-24", "chair": {"name": "M. X"},
     "agenda": [{"title": "Enquête", "section": "survey"}]}
)  # fmt: skip


def responses(rows: int = 40, years=(2021, 2022)) -> pd.DataFrame:
    """A plain survey: every question answered, two sites, a few remarks."""
    frames = []
    for year in years:
        frames.append(
            pd.DataFrame(
                {
                    "year": year,
                    "site": ["Préfecture", "Sous-préfecture"] * (rows // 2),
                    "age": ["moins de 40 ans", "40 ans et plus"] * (rows // 2),
                    "used_pan": pd.array([True, False] * (rows // 2), dtype="boolean"),
                    "q_a": (LEVELS * rows)[:rows],
                    "q_b": (["Satisfait", "Peu satisfait", NC] * rows)[:rows],
                    "q_pan": (["Très satisfait", None] * rows)[:rows],
                    "q_mark": ([str(m) for m in range(1, 11)] * rows)[:rows],
                    "comment": (["Trop d'attente.", None, None, None] * rows)[:rows],
                }
            )
        )
    return pd.concat(frames, ignore_index=True).astype(
        {c: "string" for c in ("site", "age", "q_a", "q_b", "q_pan", "q_mark", "comment")}
    )


def _in_period(frame: pd.DataFrame, **values) -> pd.DataFrame:
    """The 2022 answers of the named columns replaced (earlier years kept)."""
    frame = frame.copy()
    for column, value in values.items():
        frame[column] = frame[column].astype("object").where(frame["year"] != 2022, value)
    return frame.astype({c: "string" for c in values if c != "used_pan"})


SHAPES = {
    "criterion_all_not_concerned": lambda r: _in_period(r, q_b=NC),
    "criterion_not_concerned_or_blank": lambda r: _in_period(
        r, q_b=[NC if i % 2 else None for i in range(len(r))]
    ),
    "overall_mark_all_not_concerned": lambda r: _in_period(r, q_mark=NC),
    "every_criterion_not_concerned": lambda r: _in_period(r, q_a=NC, q_b=NC, q_pan=NC, q_mark=NC),
    "criterion_answered_once": lambda r: _in_period(  # (the first 2022 row: the 41st)
        r, q_b=["Satisfait" if i == 40 else NC for i in range(len(r))]
    ),
    "one_respondent": lambda r: pd.concat(
        [r[r["year"] == 2021], r[r["year"] == 2022].head(1)], ignore_index=True
    ),  # fmt: skip
    "first_year_only": lambda r: r[r["year"] == 2022].reset_index(drop=True),
    "no_remarks": lambda r: r.assign(comment=pd.Series(pd.NA, index=r.index, dtype="string")),
    "profile_question_unanswered": lambda r: _in_period(r, age=None),
    "nobody_in_the_subgroup": lambda r: _in_period(r, used_pan=False),
}
UNRATED = {  # the period's questions each shape leaves without a rate
    "criterion_all_not_concerned": ["Le handicap"],
    "criterion_not_concerned_or_blank": ["Le handicap"],
    "overall_mark_all_not_concerned": ["Note globale"],
    "every_criterion_not_concerned": ["La courtoisie", "Le handicap", "Le point numérique",
                                      "Note globale"],
    "nobody_in_the_subgroup": ["Le point numérique"],
}  # fmt: skip
# The shapes whose charts once failed (an axis of NaN, a heat map of nothing): all drawn.
DRAWN = {"overall_mark_all_not_concerned", "every_criterion_not_concerned", "one_respondent"}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_valid_shape_of_survey_makes_every_document(shape, tmp_path):
    analysis = analyse_survey(SHAPES[shape](responses()), CATALOGUE, THEMES, SurveySettings(),
                              2022)  # fmt: skip
    unrated = UNRATED.get(shape, [])
    assert analysis.unrated["label"].tolist() == unrated

    # the report's tables and texts, and the workbook
    tables = report_tables(analysis)
    shown = {key: table._repr_html_() for key, table in tables.items()}
    criteria = tables["criteria"].frame.set_index("Critère")
    for label in unrated:
        assert criteria.loc[label, "Alerte"] == NO_USABLE_ANSWER
        assert pd.isna(criteria.loc[label, "Satisfaits"])  # no rate, never 0 %
        assert label in shown["criteria"] and NO_USABLE_ANSWER in shown["criteria"]
    headline = key_figures_text(analysis)
    assert all(label in headline for label in unrated)
    assert ("faute de réponse exploitable" in headline) == bool(unrated)
    assert method_text(analysis)
    assert quotes_markdown(analysis) == "" or "attente" in quotes_markdown(analysis).lower()
    if unrated:  # the workbook says it too (written for these shapes only: a second each)
        write_workbook(tables, tmp_path / "enquete.xlsx", "Enquête", ["Lisez-moi"])
        sheet = load_workbook(tmp_path / "enquete.xlsx")["Critères"]
        alerts = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
        assert alerts.count(NO_USABLE_ANSWER) == len(unrated)

    # the charts: drawn, or a sentence that says why not
    if shape in DRAWN:
        drawn = [charts.criterion_chart(analysis), *charts.distribution_charts(analysis),
                 charts.marks_chart(analysis, "q_mark"), charts.trend_chart(analysis),
                 charts.group_chart(analysis, "site"), charts.theme_chart(analysis),
                 charts.choice_chart(analysis, "age")]  # fmt: skip
        for chart in drawn:
            assert isinstance(chart, charts.Chart) or chart.message.startswith(
                ("Aucun", "Première", "Toutes", "Note globale", "Par site")
            ), chart.message
        if "Note globale" in unrated:
            assert NO_USABLE_ANSWER in drawn[-5].message  # the marks' chart says why

    # the deck's and the minutes' facts, slides and text
    tables = analysis_tables(analysis)
    facts = survey_facts(tables, MEETING, 2022, SurveySettings(), CATALOGUE, THEMES)
    assert list(facts.unrated) == unrated
    assert (facts.overall_rate is None) == ("Note globale" in unrated)
    scheme = SimpleNamespace(catalogue=SimpleNamespace(net_satisfaction=True))
    measures = tuple(survey_measures(tables["survey_rates"], 2022, CATALOGUE))
    whole = SimpleNamespace(survey=facts, scheme=scheme, not_kept=lambda section: "",
                            survey_results=measures, overall_previous=None,
                            significant=frozenset(), headlines=())  # fmt: skip
    prs = new_presentation()
    deck = Deck(prs, whole)
    add_survey(deck, "L'enquête de satisfaction")
    for builder in deck.annex:  # (the annex holds the details)
        builder()
    said = " ".join(
        " ".join(slide_texts(slide)) + " " + slide.notes_slide.notes_text_frame.text
        for slide in prs.slides
    )
    minutes = to_markdown(survey_text(whole, {})).replace("\u00a0", " ")  # (typeset « … »)
    for label in unrated:
        assert f"« {label} »" in said and f"« {label} »" in minutes
    assert ("aucune réponse exploitable" in minutes) == bool(unrated)
    if unrated:  # (these shapes have no true 0 %: one would be a criterion without rate)
        assert not re.search(r"(?<![\d,])0(,0)?[\u00a0 ]%", said + minutes)
    assert "1 questionnaires" not in said + minutes
