"""The whole pipeline on the bundled sample, in a copy of the project, read back as a user would.

Figures in the deck are checked against values recomputed here directly from the processed
tables, not against the pipeline's own computed tables only.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Emu

from pipeline.core.config import load_config, load_contract
from pipeline.core.formatting import format_value
from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.run.steps import STEPS
from tests.conftest import PERIOD, copy_project, digest, run_cli, slide_texts
from tests.products import GOLDEN, differences, product_digests

pytestmark = pytest.mark.e2e
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.(?:fr|com|org)")
PHONE = re.compile(r"(?<!\d)0[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
CONTACT = "pref-qualite@sylve.gouv.fr"  # the préfecture's public address, shown on purpose


def find_slide(deck, fragment: str):
    for slide in deck.slides:
        if any(fragment in text for text in slide_texts(slide)):
            return slide
    raise AssertionError(f"no slide mentions {fragment!r}")


@pytest.fixture(scope="module")
def project(sample_run):
    return sample_run


@pytest.fixture(scope="module")
def deck(project):
    return Presentation(project["paths"].deck)


def test_the_run_accounts_for_every_row(project):
    out = project["first"].stdout
    assert "lignes lues" in out and "en quarantaine" in out
    report = pd.read_csv(project["paths"].ingest_report, sep=";", encoding="utf-8-sig")
    read = report[report["status"] == "lu"]
    configured = load_config(DEFAULT_CONFIG).sources  # every source but the préfecture's own
    # and the ones few préfectures keep (the gallery's other_sources case runs them)
    others = {"feedback_platform", "second_survey_responses", "communication_monthly",
              "tutoring_sessions"}  # fmt: skip
    assert set(configured) == set(load_contract().sources) - {"own_register", "own_figures"} - (
        others)  # fmt: skip
    assert len(read) == 3 * len(configured)  # every source, three years
    kept_or_not = read["rows_kept"] + read["rows_quarantined"] + read["rows_set_aside"].fillna(0)
    assert (read["rows_read"] == kept_or_not).all()


def test_the_planted_bad_rows_are_in_quarantine_with_their_reason(project):
    quarantine = pd.read_csv(project["paths"].quarantine, sep=";", encoding="utf-8-sig")
    expected = pd.read_csv(project["root"] / "data" / "raw" / "anomalies_attendues.csv")
    codes = ["Source (code)", "Fichier", "Ligne", "Colonne (code du contrat)"]
    found = set(map(tuple, quarantine[codes].to_numpy()))
    key = ["source", "file", "row", "column"]
    assert found == set(map(tuple, expected[key].to_numpy()))
    assert quarantine["Motif"].notna().all()
    # People read the export's own header and the cell as it was typed.
    calls = quarantine[quarantine["Source (code)"] == "mystery_calls"]
    assert "Sonneries" in set(calls["Colonne de l'export"])  # the sample's own header
    assert not quarantine["Valeur saisie"].astype(str).str.endswith(".0").any()


def test_raw_data_is_never_written(project):
    assert digest(project["root"] / "data" / "raw") == project["raw_before"]


def test_each_step_leaves_its_executed_notebook(project):
    executed = sorted(p.name for p in project["paths"].executed_notebooks.glob("*.ipynb"))
    assert executed == sorted(item.notebook for item in STEPS)  # (not the exploration template)


def test_the_products_are_the_expected_ones(project):
    """Every processed table frame-equal and every document equal, member by member, to those
    recorded for the sample (by the in-process engine: both engines make the same products)."""
    found = product_digests(project["root"])
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    changed = differences(found, expected)
    assert not changed, "\n".join(changed) + "\n(changement voulu ? python -m tests.products)"


def test_a_second_run_reruns_nothing(project):
    assert project["second"].returncode == 0
    assert "aucune étape relancée" in project["second"].stdout
    assert "✓" not in project["second"].stdout


def test_deck_is_16_9_with_the_agenda(deck, project):
    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))
    agenda = find_slide(deck, "Ordre du jour")
    assert any("Les indicateurs qualité 2022" in text for text in slide_texts(agenda))
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width
            assert shape.top + shape.height <= deck.slide_height


def test_module_1_table_matches_the_processed_data(deck, project):
    telephony = pd.read_parquet(project["paths"].table("telephony_monthly"))
    year = telephony[telephony["month"].dt.year == PERIOD].dropna(
        subset=["calls_received", "calls_answered"]
    )
    rate = year["calls_answered"].sum() / year["calls_received"].sum()
    slide = find_slide(deck, "module 1")
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    header = [cell.text for cell in table.rows[0].cells]
    assert header[:3] == ["Indicateur", "Engagement", "Cible"] and header[-1] == "Statut"
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in list(table.rows)[1:]}
    calls = rows["Taux d'appels aboutis"]
    months = year["month"].nunique()  # a month set aside in quarantine is said, not hidden
    partial = f" ({months}\u00a0mois)" if months < 12 else ""
    assert calls[header.index(str(PERIOD))] == format_value(rate, "%") + partial
    assert calls[2] == "≥\u00a090\u00a0%"
    assert calls[-1] == ("atteint" if rate >= 0.90 else "non atteint")


def test_survey_chart_matches_the_responses(deck, project):
    responses = pd.read_parquet(project["paths"].table("survey_responses"))
    answers = responses.loc[responses["year"] == PERIOD, "q_courtesy"]
    answered = answers[answers.notna() & (answers != "Non concerné")]
    rate = answered.isin(["Très satisfait", "Satisfait"]).mean()
    titled = [s for s in deck.slides if s.shapes.title is not None]
    slide = next(s for s in titled if s.shapes.title.text.startswith("Satisfaction par critère"))
    chart = next(shape.chart for shape in slide.shapes if shape.has_chart)
    categories = [c.replace("\n", " ") for c in chart.plots[0].categories]
    values = list(chart.plots[0].series[0].values)
    index = next(i for i, c in enumerate(categories) if c.startswith("Courtoisie des agents"))
    assert values[index] == pytest.approx(rate)
    assert f"(n\u00a0=\u00a0{len(answered)})" in categories[index]


def test_complaint_counts_match_the_register(deck, project):
    register = pd.read_parquet(project["paths"].table("complaints"))
    counts = register[register["year"] == PERIOD]["nature"].value_counts()
    texts = slide_texts(find_slide(deck, "Réclamations et suggestions"))
    assert str(counts["réclamation"]) in texts
    index = texts.index(str(counts["réclamation"]))
    assert texts[index + 1].startswith("réclamation")


def test_minutes_draft_carries_attendance_and_figures(project):
    markdown = project["paths"].minutes_markdown.read_text(encoding="utf-8")
    html = project["paths"].minutes_html.read_text(encoding="utf-8")
    responses = pd.read_parquet(project["paths"].table("survey_responses"))
    respondents = int((responses["year"] == PERIOD).sum())
    assert "Étaient présents" in markdown and "Étaient excusés" in markdown
    assert f"{respondents} questionnaires" in markdown
    assert "du 21 novembre au 21 décembre 2022" in markdown
    assert "[À compléter" in markdown
    assert "<html" in html and "import " not in html  # code hidden


def test_no_personal_data_reaches_processed_or_output(project):
    paths = project["paths"]
    for table in paths.processed.glob("*.parquet"):
        frame = pd.read_parquet(table)
        assert not {"Nom du demandeur", "Courriel du demandeur", "Nom de l'agent"} & set(frame)
        text = frame.select_dtypes(include=["string", "object"]).astype("string")
        joined = " ".join(text.fillna("").to_numpy().ravel().tolist())
        assert not EMAIL.search(joined), table.name
        assert not PHONE.search(joined), table.name
    documents = [
        paths.minutes_markdown.read_text(encoding="utf-8"),
        paths.quarantine.read_text("utf-8-sig"),
    ]
    documents += [" ".join(slide_texts(s)) for s in Presentation(paths.deck).slides]
    for text in documents:
        assert not EMAIL.search(text.replace(CONTACT, ""))
        assert not PHONE.search(text)


def test_a_bad_period_gets_a_clear_message(project):
    result = run_cli(project["root"], "clu-deck", "--period", "20x2")
    assert result.returncode == 2
    assert "PERIOD doit être une année sur quatre chiffres" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failing_step_says_why_in_french_without_notebook_code(tmp_path):
    root = copy_project(tmp_path)
    meeting = root / "data" / "raw" / "2022" / "reunion_clu_2022.yaml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("date: 2023-01-24", "date: bientôt")
    )
    result = run_cli(root, "ingest", "--period", str(PERIOD), engine="inprocess")
    assert result.returncode == 2
    assert "Étape « lecture et contrôle des données brutes »" in result.stderr
    assert "reunion_clu_2022.yaml" in result.stderr and "date invalide" in result.stderr
    assert "bientôt" in result.stderr
    assert "cellule" not in result.stderr and "ConfigError" not in result.stderr
    assert "Traceback" not in result.stderr
    assert "output/2022/notebooks/01_ingest.ipynb" in result.stderr


def test_dashboard_workbook_matches_the_indicators(project):
    from openpyxl import load_workbook

    indicators = pd.read_parquet(project["paths"].table("indicators"))
    sheet = load_workbook(project["paths"].dashboard)[f"Tableau de bord {PERIOD}"]
    expected = indicators[
        (indicators["code"] == "tel_calls_answered") & (indicators["period"] == str(PERIOD))
    ]["value"].item()
    row = next(r for r in sheet.iter_rows() if r[1].value == "Taux d'appels aboutis")
    header = [c.value for c in sheet[5]]
    # stored as the documents round it: « 91,2 % »
    assert row[header.index(f"Résultats {PERIOD}")].value == pytest.approx(expected, abs=0.0005)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["clu-deck", "--help"],
        ["clu-deck"],
        ["foo"],
        ["transparence", "--period", "2022", "--trimestre", "5"],
    ],
)
def test_the_command_line_speaks_french(args):
    import contextlib
    import io

    from pipeline.cli import main

    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        pytest.raises(SystemExit),
    ):
        main(args)
    text = out.getvalue() + err.getvalue()
    assert "Usage : " in text
    for english in ("usage:", "show this help", "positional arguments", "required:", "error:",
                    "invalid choice", "options:\n  -h, --help            show"):  # fmt: skip
        assert english not in text, english


def test_a_month_set_aside_in_quarantine_says_so_in_the_dashboard(project):
    import openpyxl

    paths = project["paths"]
    quarantine = pd.read_csv(paths.quarantine, sep=";", encoding="utf-8-sig", dtype=str)
    telephony = quarantine[quarantine["Source (code)"] == "telephony_monthly"]
    months = set(telephony["Mois de la ligne"].dropna())
    assert months, "the sample sets a month of telephony aside"
    month = max(months)
    sheet = openpyxl.load_workbook(paths.dashboard)[f"Détail {PERIOD}"]
    header = [cell.value for cell in sheet[5]]
    calls = next(row for row in sheet.iter_rows(min_row=6, values_only=True)
                 if row[0] == "Taux d'appels aboutis")  # fmt: skip
    shown = calls[2 + int(month[5:]) - 1] if month.startswith(str(PERIOD)) else None
    assert header[2] == "janv." and shown == "en quarantaine"


def _document_texts(paths) -> dict[str, str]:
    """What people read in each document: slides, minutes, survey report (visible text), every
    cell of the dashboard and of the survey workbook, the quarantine's own columns."""
    import html as html_module

    from openpyxl import load_workbook

    texts = {
        "diaporama": " ".join(" ".join(slide_texts(s)) for s in Presentation(paths.deck).slides)
    }
    texts["compte rendu"] = paths.minutes_markdown.read_text(encoding="utf-8")
    report = paths.survey_report.read_text(encoding="utf-8")
    report = re.sub(r"<(script|style)\b.*?</\1>", " ", report, flags=re.S)
    texts["rapport d'enquête"] = html_module.unescape(re.sub(r"<[^>]+>", " ", report))
    for name, path in (("tableau de bord", paths.dashboard), ("classeur", paths.survey_workbook)):
        book = load_workbook(path)
        texts[name] = " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
            for cell in row if cell is not None
        )  # fmt: skip
    quarantine = pd.read_csv(paths.quarantine, sep=";", encoding="utf-8-sig", dtype=str)
    users = quarantine.drop(columns=["Source (code)", "Colonne (code du contrat)"])
    texts["quarantaine"] = " ".join(users.fillna("").to_numpy().ravel().tolist())
    return texts


def test_no_internal_code_reaches_a_document(project):
    contract = load_contract()
    codes = set(contract.sources)  # the sources' and columns' codes (snake_case ones: « site »
    codes |= {c for s in contract.sources.values() for c in s.columns if "_" in c}  # is a word)
    indicators = pd.read_parquet(project["paths"].table("indicators"))
    codes |= {c for c in indicators["code"].unique() if "_" in c}
    for name, text in _document_texts(project["paths"]).items():
        words = set(re.findall(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+", text))
        assert not codes & words, f"{name} : {sorted(codes & words)}"


def test_a_figure_reads_the_same_on_the_slides_in_the_minutes_and_the_dashboard(project):
    paths = project["paths"]
    indicators = pd.read_parquet(paths.table("indicators"))
    year = indicators[(indicators["period"] == str(PERIOD)) & indicators["value"].notna()]
    texts = _document_texts(paths)
    for row in year.itertuples():  # each indicator of the year presented
        shown = format_value(row.value, row.unit)
        assert shown in texts["diaporama"], (row.label, shown)
        assert shown in texts["compte rendu"], (row.label, shown)
