"""The annual survey report: French tables, the workbook, and the files a sample run writes."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline.core.formatting import format_percent
from pipeline.outputs.survey_report.workbook import ReportTable, write_workbook
from tests.conftest import PERIOD, run_cli
from tests.excel_text import displayed

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.(?:fr|com|org)")
PHONE = re.compile(r"(?<!\d)0[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
# What a reader of the report can see: not the charts' base64 bytes, the style sheet or the scripts,
# where a run of ten digits is chance, not a telephone number.
NOT_TEXT = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+|<(style|script)\b.*?</\1>", re.S)


def small_table() -> ReportTable:
    frame = pd.DataFrame(
        {
            "Critère": ["Accueil", "Attente"],
            "n": [180, 12],
            "Satisfaits": [0.9348, pd.NA],
            "Écart": [0.032, -0.01],
        }
    ).astype({"Satisfaits": "Float64"})
    kinds = {"n": "integer", "Satisfaits": "percent", "Écart": "points"}
    return ReportTable("Critères", "Taux par critère", frame, kinds, "n = 180 répondants")


def test_report_tables_are_written_in_french_formats():
    shown = small_table().formatted()
    assert shown["Satisfaits"].tolist() == ["93,5\u00a0%", "–"]
    assert shown["Écart"].tolist() == ["+3,2\u00a0pts", "−1,0\u00a0pt"]
    html = small_table()._repr_html_()
    assert "<caption>Taux par critère</caption>" in html and "n = 180 répondants" in html
    assert '<td class="num">93,5\u00a0%</td>' in html


def test_the_workbook_keeps_numbers_with_excel_formats(tmp_path):
    path = write_workbook({"t": small_table()}, tmp_path / "e.xlsx", "Titre", ["Ligne"])
    book = load_workbook(path)
    assert book.sheetnames == ["Lisez-moi", "Critères"]
    sheet = book["Critères"]
    header = [cell.value for cell in sheet[4]]
    assert header == ["Critère", "n", "Satisfaits", "Écart"]
    assert sheet["A4"].font.bold and sheet["A4"].fill.fgColor.rgb.endswith("000091")
    assert sheet["C5"].value == 0.9348 and displayed(0.9348, sheet["C5"].number_format) == (
        "93,5\u00a0%"
    )  # the no-break space before « % », as in the report
    assert sheet["C6"].value is None  # missing stays empty, never 0
    assert sheet["D5"].value == pytest.approx(3.2)
    assert displayed(sheet["D5"].value, sheet["D5"].number_format) == "+3,2\u00a0pts"
    assert displayed(sheet["D6"].value, sheet["D6"].number_format) == "−1,0\u00a0pt"
    assert sheet["B5"].number_format == "#,##0"


# --- what the sample run wrote ---------------------------------------------------------------


@pytest.fixture(scope="module")
def report(sample_run):
    paths = sample_run["paths"]
    responses = pd.read_parquet(paths.table("survey_responses"))
    return {
        "paths": paths,
        "html": paths.survey_report.read_text(encoding="utf-8"),
        "book": load_workbook(paths.survey_workbook),
        "current": responses[responses["year"] == PERIOD],
        "root": sample_run["root"],
    }


@pytest.mark.e2e
def test_the_report_has_a_working_table_of_contents_and_no_code(report):
    html = report["html"]
    assert "<title>Enquête de satisfaction 2022 — Préfecture de la Sylve</title>" in html
    nav = re.search(r'<nav class="toc">(.*?)</nav>', html, re.S).group(1)
    anchors = re.findall(r'href="#([^"]+)"', nav)
    assert len(anchors) >= 8
    for anchor in anchors:
        assert f'id="{anchor}"' in html, anchor
    assert "import " not in html and "Traceback" not in html and "Warning" not in html
    assert '<html lang="fr">' in html  # declared French (screen readers, RGAA)
    assert not re.search(r"\b\w+\.(?:yaml|parquet|ipynb|py)\b", html)  # no internal file named
    minutes = report["paths"].minutes_html.read_text(encoding="utf-8")
    assert '<html lang="fr">' in minutes


@pytest.mark.e2e
def test_every_chart_and_table_gives_its_n(report):
    html = report["html"]
    figures = re.findall(r"<figure.*?</figure>", html, re.S)
    assert len(figures) >= 8
    for figure in figures:
        assert re.search(r'alt="[^"]{20,}"', figure)
        assert re.search(r"<figcaption>.*n = \d", figure, re.S), figure[-300:]
    note = r'(?:<p class="table-note">.*?</p>)?'
    tables = re.findall(r'<table class="report-table">.*?</table>' + note, html, re.S)
    assert len(tables) >= 8
    for table in tables:
        assert re.search(r"\bn\b", table), table[:200]


@pytest.mark.e2e
def test_report_figures_match_the_responses(report):
    current = report["current"]
    marks = current["q_overall"]
    counted = pd.to_numeric(marks[marks.notna() & (marks != "Non concerné")])
    overall = (counted >= 6).mean()
    assert f"<strong>{format_percent(overall)} des répondants sont satisfaits</strong>" in report[
        "html"
    ]  # fmt: skip
    courtesy = current["q_courtesy"]
    answered = courtesy[courtesy.notna() & (courtesy != "Non concerné")]
    sheet = report["book"]["Critères"]
    header = [cell.value for cell in sheet[4]]
    row = next(r for r in sheet.iter_rows(min_row=5) if r[1].value == "La courtoisie des agents")
    assert row[header.index("n (réponses exprimées)")].value == len(answered)
    rate = row[header.index("Satisfaits")]
    assert rate.value == pytest.approx(answered.isin(["Très satisfait", "Satisfait"]).mean())
    assert displayed(0.5, rate.number_format) == "50,0\u00a0%"
    assert row[header.index("Non concernés")].value == int((courtesy == "Non concerné").sum())


@pytest.mark.e2e
def test_the_workbook_has_every_table(report):
    book = report["book"]
    expected = {
        "Lisez-moi", "Chiffres clés", "Critères", "Répartition", "Évolution", "Tests d'évolution",
        "Points forts et faibles", "Services Publics+", "Par site", "Par type d'usager", "Profil",
        "Verbatims - thèmes", "Verbatims - citations",
    }  # fmt: skip
    assert expected <= set(book.sheetnames)
    profile = book["Profil"]
    header = [cell.value for cell in profile[4]]
    procedures = [
        row[header.index("Part des répondants à la question")].value
        for row in profile.iter_rows(min_row=5)
        if row[0].value == "Quelle(s) démarche(s) ?"
    ]
    assert sum(procedures) > 1  # a multiple choice: each option ticked counts


@pytest.mark.e2e
def test_no_personal_data_in_the_report(report):
    texts = [NOT_TEXT.sub(" ", report["html"])]
    for sheet in report["book"].worksheets:  # numbers are figures; words could be personal data
        texts += [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    joined = "\n".join(texts)
    assert not EMAIL.search(joined) and not PHONE.search(joined)
    quotes = report["book"]["Verbatims - citations"]
    assert not any("masqué" in str(c.value) for row in quotes.iter_rows(min_row=5) for c in row)


@pytest.mark.e2e
def test_make_survey_reruns_nothing_once_the_report_is_made(report):
    result = run_cli(report["root"], "survey", "--period", str(PERIOD))
    assert result.returncode == 0, result.stderr
    assert "aucune étape relancée" in result.stdout
    assert "output/2022/enquete_satisfaction_2022.html" in result.stdout


def test_a_minimal_survey_still_makes_every_table_and_chart(tmp_path):
    """One year, one 4-level question, no marks, no free text, no subgroups."""
    from pipeline.compute.survey.analysis import analyse_survey
    from pipeline.core.config import QuestionCatalogue, SurveySettings, VerbatimThemes
    from pipeline.outputs.survey_report import charts
    from pipeline.outputs.survey_report.tables import report_tables
    from pipeline.outputs.survey_report.texts import key_figures_text, method_text, quotes_markdown

    levels = ["Très satisfait", "Satisfait", "Peu satisfait", "Pas satisfait"]
    catalogue = QuestionCatalogue.model_validate(
        {
            "scales": {"s": {"levels": levels, "satisfied": levels[:2]}},
            "questions": [{"column": "q", "label": "Accueil", "theme": "accueil", "type": "s"}],
        }
    )
    themes = VerbatimThemes.model_validate({"themes": [{"label": "T", "keywords": ["x"]}]})
    responses = pd.DataFrame({"year": [2022] * 3, "q": ["Satisfait", "Pas satisfait", None]})
    analysis = analyse_survey(responses, catalogue, themes, SurveySettings(), 2022)
    tables = report_tables(analysis)
    assert tables["criteria"].frame["Satisfaits"].iloc[0] == 0.5
    for table in tables.values():
        assert "<table" in table._repr_html_()
    write_workbook(tables, tmp_path / "e.xlsx", "Titre", ["Ligne"])
    assert "Sur un an" not in key_figures_text(analysis)  # no earlier year
    assert method_text(analysis) and quotes_markdown(analysis) == ""
    drawn = [charts.criterion_chart(analysis), *charts.distribution_charts(analysis)]
    drawn += [charts.trend_chart(analysis), charts.theme_chart(analysis)]
    assert isinstance(drawn[2], charts.NoChart)  # one year only: no trend to draw
    for chart in drawn[:2] + drawn[3:]:
        assert chart.png.startswith(b"\x89PNG")
