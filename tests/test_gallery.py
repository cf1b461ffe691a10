"""A gallery of small préfectures of other shapes than the sample, each run through the whole
chain (in one process, :mod:`tests.gallery_runner`), each with its own export headers and YAML.

Each case says which sections its deck must show and must not show, and figures computed by
hand from the rows it wrote; the freshness scenario checks what re-runs when nothing changed,
when an older file is put back and when another configuration is switched to and back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from pipeline.core.paths import ROOT
from tests.background import BACKGROUND
from tests.conftest import slide_texts
from tests.gallery.cases import CASES

pytestmark = [pytest.mark.e2e, pytest.mark.complete]  # (make test-complet)
BY_NAME = {case.name: case for case in CASES}


def start(root: Path) -> tuple[subprocess.Popen, Path]:
    """The gallery's runner started in a copy of the project (not waited for)."""
    for folder in ("notebooks", "config"):
        shutil.copytree(ROOT / folder, root / folder)
    env = {**os.environ, "CLU_PROJECT_ROOT": str(root), "CLU_ENGINE": "inprocess"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.gallery_runner", str(root), str(root / "results.json")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    return process, root


def collect(started: tuple[subprocess.Popen, Path]) -> dict:
    process, root = started
    stdout, stderr = process.communicate(timeout=1800)
    assert process.returncode == 0, stdout[-3000:] + stderr[-3000:]
    results = json.loads((root / "results.json").read_text(encoding="utf-8"))
    return {"root": root, "results": results}


@pytest.fixture(scope="session")
def gallery(tmp_path_factory):
    started = BACKGROUND.pop("gallery", None)  # started beside the other tests (conftest)
    return collect(started or start(tmp_path_factory.mktemp("gallery")))


def _deck(gallery, name):
    from pipeline.core.context import open_period, period_paths

    case = BY_NAME[name]
    ctx = open_period(case.period, Path(gallery["results"][name]["config"]))
    paths = period_paths(case.period, ctx.config, gallery["root"])
    return paths, Presentation(paths.deck)


def _title(slide) -> str:
    """The slide's title, and what the slide is (its name: the title states a finding that
    changes with the data, the name says « Enquête — satisfaction par critère »)."""
    shape = slide.shapes.title
    title = shape.text_frame.text if shape is not None and shape.has_text_frame else ""
    return f"{title} | {slide.name}"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_shape_gets_its_deck_and_minutes_without_a_traceback(gallery, name):
    run = gallery["results"][name]["run"]
    assert run["code"] == 0, run["stderr"]
    assert "Traceback" not in run["stdout"] + run["stderr"]
    paths, _ = _deck(gallery, name)
    assert paths.deck.is_file() and paths.minutes_docx.is_file() and paths.minutes_html.is_file()
    assert str(paths.output).endswith(f"{paths.workspace}/{BY_NAME[name].period}")


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_shape_shows_the_sections_it_has_and_only_those(gallery, name):
    case = BY_NAME[name]
    _, deck = _deck(gallery, name)
    titles = [_title(slide) for slide in deck.slides]
    for fragment in case.present:
        assert any(fragment in title for title in titles), (fragment, titles)
    for fragment in case.absent:
        assert not any(fragment in title for title in titles), (fragment, titles)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_shape_shows_the_figures_computed_by_hand(gallery, name):
    case = BY_NAME[name]
    _, deck = _deck(gallery, name)
    for fragment, expected in case.figures:
        slides = [s for s in deck.slides if fragment in _title(s)]
        assert slides, f"no slide titled with {fragment!r}"
        texts = []
        for slide in slides:
            texts += slide_texts(slide)
            for shape in slide.shapes:
                if shape.has_chart:
                    texts += [str(c) for c in shape.chart.plots[0].categories]
        assert any(expected in text for text in texts), (fragment, expected, texts)


def test_nothing_reruns_when_nothing_changed_and_content_decides(gallery):
    first = gallery["results"]["freshness_case"]
    scenario = gallery["results"][first]["freshness"]
    for run in scenario.values():
        assert run["code"] == 0, run["stderr"]
    assert scenario["unchanged"]["ran"] == []
    assert "lecture et contrôle des données brutes" in scenario["raw_changed"]["ran"]
    # The older file put back, with its older date: its content differs from the last run's.
    assert "lecture et contrôle des données brutes" in scenario["older_file_restored"]["ran"]
    # Another configuration in the same workspace: exactly the steps reading the survey settings.
    other = set(scenario["other_configuration"]["ran"])
    assert "enquête de satisfaction" in other and "diaporama du CLU" in other
    assert "lecture et contrôle des données brutes" not in other
    assert "indicateurs qualité" not in other
    back = set(scenario["back_to_first"]["ran"])
    assert back == other  # never « à jour » over documents built from the other configuration


def test_the_deck_needs_its_meeting_file_and_the_label_is_said_once(gallery):
    scenario = gallery["results"]["without_meeting"]
    other = scenario["other_label"]  # the meeting file names Services Publics+, the YAML not
    assert other["code"] == 2 and "Traceback" not in other["stderr"]
    assert "« Services Publics+ »" in other["stderr"] and "rubrique labels" in other["stderr"]
    assert other["ran"] == [] and "✓" not in other["stdout"]  # refused before any step ran
    missing = scenario["no_meeting_file"]
    assert missing["code"] == 2 and "Fichier de réunion introuvable" in missing["stderr"]
    survey = scenario["survey"]  # the survey needs no meeting file
    assert survey["code"] == 0, survey["stderr"]
    assert "enquête de satisfaction" in survey["ran"]
    assert Path(scenario["survey_report"]).is_file()


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice (soffice) or poppler-utils (pdfinfo) absent",
)
def test_libreoffice_renders_every_gallery_deck(gallery, tmp_path):
    decks = {name: _deck(gallery, name) for name in sorted(BY_NAME)}
    folder = tmp_path / "decks"
    folder.mkdir()
    for name, (paths, _) in decks.items():
        shutil.copy(paths.deck, folder / f"{name}.pptx")
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    subprocess.run(
        ["soffice", "--headless", profile, "--convert-to", "pdf", "--outdir", str(folder),
         *sorted(str(p) for p in folder.glob("*.pptx"))],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    for name, (_, deck) in decks.items():
        pdf = folder / f"{name}.pdf"
        assert pdf.is_file(), name
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        pages = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
        assert int(pages.split()[1]) == len(deck.slides), name


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_shape_publishes_a_valid_open_data_file_and_a_poster(gallery, name):
    """Every shape's open-data file validates against the schema, and its poster says only
    what its data holds: no survey line without a survey; the satisfaction nette is published
    for the survey's overall question, when it has one."""
    import json

    from frictionless import Resource, Schema

    paths, _ = _deck(gallery, name)
    folder = paths.transparence
    schema = Schema.from_descriptor(json.loads((folder / "resultats.schema.json").read_text()))
    report = Resource(path=paths.open_data.name, basepath=str(folder), schema=schema).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    page = paths.poster().read_text(encoding="utf-8")
    assert 'lang="fr"' in page and "mis à jour le" in page.lower()
    import pandas as pd

    data = pd.read_csv(paths.open_data, keep_default_na=False)
    kinds = set(data["type_qualite"])
    has_survey = (paths.table("survey_rates").is_file()
                  and len(pd.read_parquet(paths.table("survey_rates"))))  # fmt: skip
    assert ("qualité perçue" in kinds) == bool(has_survey), kinds
    if not has_survey:
        assert "usagers interrogés" not in page
    overall = 0
    if has_survey:
        rates = pd.read_parquet(paths.table("survey_rates"))
        overall = int((rates["overall"] & (rates["year"] == BY_NAME[name].period)).sum())
    net = data["code_indicateur"].str.startswith("satisfaction_nette_")
    assert int(net.sum()) == overall  # satisfaction nette of the overall question, when asked


def test_no_planted_personal_data_nor_formula_reaches_a_product_or_the_log(gallery):
    """The préfecture whose every short and free text carries names, e-mails, phone numbers
    and would-be formulas: none of them in its processed tables, documents, executed notebooks
    or log, and no text became a formula in its workbooks and csv files."""
    from tests.corpus.cases import assert_no_formula, assert_no_personal_data
    from tests.gallery.cases import PLANTED_NAMES

    root, name = gallery["root"], "personal_data"
    paths, _ = _deck(gallery, name)
    log = root / f"{name}.log"
    run = gallery["results"][name]["run"]
    log.write_text(run["stdout"] + "\n" + run["stderr"], encoding="utf-8")
    files = sorted(p for folder in (paths.processed, paths.output) for p in folder.rglob("*")
                   if p.is_file())  # fmt: skip
    assert any(p.suffix == ".xlsx" for p in files) and any(p.suffix == ".csv" for p in files)
    assert_no_personal_data(root, PLANTED_NAMES, [*files, log])
    assert_no_formula(root, files)


def test_own_indicators_and_targets_as_written_are_computed_by_hand(gallery):
    """Services Publics+ without `modules`: the élus' indicators shown; the SVI updates' target
    « ≥ 100 % » met by 100 %; the préfecture's own median delay, ‰ fraud rate and complaints
    delays by channel as computed by hand (the case's note); the export's « non suivi » kept;
    deadlines written as periods read; and the same figures in the dashboard."""
    import pandas as pd
    from openpyxl import load_workbook

    paths, _ = _deck(gallery, "own_indicators")
    run = gallery["results"]["own_indicators"]["run"]
    assert "Indicateur non affiché" not in run["stdout"]  # nothing left out under SP+
    table = pd.read_parquet(paths.table("indicators"))
    year = table[table["period"] == "2022"].set_index("code")
    assert {"elected_letters", "elected_emails", "elected_appointments_set",
            "elected_appointments_held"} <= set(year.index)  # fmt: skip
    svi = year.loc["tel_svi_updates"]
    assert (svi["value"], svi["target_comparator"], svi["target_value"]) == (1.0, ">=", 1.0)
    assert svi["status"] == "atteint" and svi["months"] == 11
    expected = {  # code: (value, status), from the case's note
        "permis_median": (9.0, "atteint"),  # median of 7, 8, 9, 10, 12 calendar days
        "permis_fraud": (21 / 4573 * 1000, "atteint"),  # 4,59 ‰ < 5 ‰
        "complaints_delay_electronic": (13 / 3, "atteint"),  # 4,3 j < 5 j
        "complaints_delay_paper": (9.5, "atteint"),  # 9,5 j < 10 j
        "complaints_on_time": (4 / 6, "non atteint"),
        "elected_letters": (0.5, "non atteint"),
        "elected_appointments_held": (0.5, "non atteint"),
    }
    for code, (value, status) in expected.items():
        assert year.loc[code, "value"] == pytest.approx(value), code
        assert year.loc[code, "status"] == status, code
    months = table[table["code"] == "permis_fraud"].set_index("period")
    assert months.loc["2022-02", "value"] == pytest.approx(4.6598, abs=1e-4)  # 5 / 1 073
    assert months.loc["2022-03", "value"] == pytest.approx(4.4)  # 11 / 2 500
    assert months.loc["2022-04", "na_reason"] == "non suivi"  # as the export wrote it
    svi_january = table[(table["code"] == "tel_svi_updates") & (table["period"] == "2022-01")]
    assert svi_january["na_reason"].item() == "non suivi"  # never « sans objet »
    actions = pd.read_parquet(paths.table("action_plan_actions"))
    assert len(actions) == 4  # « 2023-2024 », « S2 2022 », « fin 2022 » read, none set aside
    due = dict(zip(actions["action_id"], actions["due_on"].dt.strftime("%Y-%m"), strict=True))
    assert due == {"A1": "2022-05", "A2": "2024-12", "A3": "2022-12", "A4": "2022-12"}
    sheet = load_workbook(paths.dashboard)["Tableau de bord 2022"]
    rows = {row[1]: row for row in sheet.iter_rows(values_only=True) if row[1]}
    median = rows["Délai médian de traitement des permis de conduire"]
    assert median[2:5] == (9, "≤\u00a010\u00a0j", "atteint")
    fraud = rows["Taux de fraude documentaire (permis de conduire)"]
    # (stored as the documents round it: « 4,59 ‰ »; 4,5922 exactly in the table)
    assert fraud[2] == pytest.approx(4.59) and fraud[3:5] == (
        "<\u00a05\u00a0‰",
        "atteint",
    )
    svi_row = rows["Taux de mise à jour du SVI local dans le délai de 3 jours ouvrés"]
    assert svi_row[2:5] == (1, "≥\u00a0100\u00a0%", "atteint")
    assert rows["Délai moyen de réponse aux réclamations (papier)"][2:5] == (
        9.5, "<\u00a010\u00a0j", "atteint")  # fmt: skip


def test_no_text_becomes_live_markup_in_an_html_or_markdown_document(gallery):
    """The same préfecture's meeting file, configuration and survey sites hold ``<script>``,
    ``<img onerror>``, ``javascript:`` links and Markdown images (issue 24): every HTML and
    Markdown document shows them as typed (a .md read as nbconvert renders it), none runs,
    loads or links anything."""
    import html
    import re

    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from tests.hostile_files import MARKUP, live_markup

    paths, _ = _deck(gallery, "personal_data")
    documents = sorted(p for p in paths.output.rglob("*") if p.suffix in (".html", ".md")
                       and "notebooks" not in p.parts)  # fmt: skip
    names = {p.name for p in documents}
    assert {"CLU_2022_projet_compte_rendu.html", "CLU_2022_projet_compte_rendu.md",
            "enquete_satisfaction_2022.html", "affiche_2022.html"} <= names, names  # fmt: skip
    shown = {}
    for path in documents:
        page = path.read_text(encoding="utf-8")
        page = markdown2html_mistune(page) if path.suffix == ".md" else page
        assert not live_markup(page), f"{path.name} : {live_markup(page)[:5]}"
        shown[path.name] = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    minutes = shown["CLU_2022_projet_compte_rendu.md"]
    for key in ("place", "organisation", "poster_where"):
        assert " ".join(MARKUP[key].split()) in minutes, (key, minutes[:3000])
    assert MARKUP["site"] in shown["enquete_satisfaction_2022.html"]


def test_a_criterion_nobody_was_concerned_by_has_no_rate_and_every_document_says_so(gallery):
    """Haute-Brume's « L'accès en fauteuil roulant »: « Non concerné » or blank for every
    respondent. The survey step, the deck and the minutes run; the report, its workbook, the
    deck's notes and the minutes say « aucune réponse exploitable », never a rate of 0 %."""
    from openpyxl import load_workbook

    label = "L'accès en fauteuil roulant"
    paths, deck = _deck(gallery, "survey_only")
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides
                     if slide.has_notes_slide)  # fmt: skip
    assert f"« {label} »" in notes and "aucune réponse exploitable" in notes
    minutes = paths.minutes_markdown.read_text(encoding="utf-8").replace("\u00a0", " ")
    assert f"« {label} »" in minutes and "aucune réponse exploitable" in minutes
    report = paths.survey_report.read_text(encoding="utf-8")
    assert label.replace("'", "&#x27;") in report or label in report
    assert "aucune réponse exploitable" in report
    sheet = load_workbook(paths.survey_workbook)["Critères"]
    rows = [row for row in sheet.iter_rows(values_only=True) if row and label in row]
    assert rows and "aucune réponse exploitable" in rows[0] and rows[0][6] is None  # no rate


def test_other_sources_run_through_the_whole_chain_as_computed_by_hand(gallery):
    """The feedback platform's own export (dropped in as downloaded, other structures and years
    in it), an e-mail survey of 3 answers for 40 sent, communication figures and tutoring: their
    tables, the minutes, the open-data file and the survey report say what the case's note
    computes by hand."""
    import pandas as pd

    paths, _ = _deck(gallery, "other_sources")
    run = gallery["results"]["other_sources"]["run"]
    assert "1 écartée (hors des années lues, 2020 à 2022)" in run["stdout"]  # the 2019 row
    summary = pd.read_parquet(paths.table("feedback_summary")).set_index("year")
    year = summary.loc[2022]
    assert (year["experiences"], year["positive"], year["negative"], year["replied"]) == (
        5,
        4,
        1,
        3,
    )  # fmt: skip  (the mairie's experience left out)
    assert summary.loc[2021, "experiences"] == 1 and 2019 not in summary.index
    channels = pd.read_parquet(paths.table("feedback_by_channel"))
    assert channels[channels["year"] == 2022]["experiences"].tolist() == [2, 2, 1]
    rates = pd.read_parquet(paths.table("second_survey_rates"))
    now = rates[rates["year"] == 2022].set_index("column")
    assert (now.loc["e_overall", "satisfied"], now.loc["e_overall", "n"]) == (2, 3)
    assert (now.loc["e_clarity", "satisfied"], now.loc["e_clarity", "n"]) == (2, 2)
    assert now["small_sample"].all()
    indicators = pd.read_parquet(paths.table("indicators"))
    yearly = indicators[indicators["period"] == "2022"].set_index("code")
    assert yearly.loc["com_press_sends", "value"] == pytest.approx(21.5)
    assert yearly.loc["com_press_releases", "months"] == 11
    assert yearly.loc["com_site_visitors", "value"] == 622230
    assert yearly.loc["com_foreigners_pages", "value"] == pytest.approx(459116 / 622230)
    tutoring = pd.read_parquet(paths.table("tutoring_by_year"))
    total = tutoring[tutoring["is_total"] & (tutoring["year"] == 2022)].iloc[0]
    assert (total["sessions"], total["agents"], total["hours"]) == (4, 7, 9.5)
    minutes = paths.minutes_markdown.read_text(encoding="utf-8").replace("\u00a0", " ")
    for sentence in (
        "En 2022, 5 expériences partagées sur la plateforme « Donnez votre avis » (Services "
        "Publics+) : 4 positives, 1 négative. 3 sur 5 ont reçu une réponse de la préfecture "
        "(1 expérience en 2021).",
        "3 réponses sur 40 questionnaires envoyés (7,5 %). Satisfaction générale : 2 sur 3 \\*.",
        "En 2022, 4 séances de tutorat et d'accompagnement, 7 agents accompagnés (9,5 heures)",
    ):
        assert sentence in minutes, sentence
    data = pd.read_csv(paths.open_data).set_index("code_indicateur")
    assert data.loc["avis_experiences", "valeur"] == 5
    assert data.loc["avis_experiences_positives", "valeur"] == 80.0
    replies = data.loc["avis_reponses"]
    assert (replies["valeur"], replies["type_qualite"]) == (60.0, "qualité rendue")
    assert data.loc["avis_reponses", "fiabilite"] == "à interpréter avec prudence"
    second = data.loc["enquete_courriel_satisfaction_e_overall"]
    assert second["valeur"] == 66.7 and second["fiabilite"] == "à interpréter avec prudence"
    assert data.loc["enquete_courriel_satisfaction_nette_e_overall", "valeur"] == 33.3
    annual = data[(data["frequence"] == "annuelle")].loc["com_foreigners_pages"]
    assert annual["valeur"] == 73.8
    report = paths.survey_report.read_text(encoding="utf-8")
    assert "Enquête par courriel" in report and "3 réponses sur 40 questionnaires envoyés" in report
