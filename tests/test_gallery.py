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

pytestmark = pytest.mark.e2e
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
    shape = slide.shapes.title
    return shape.text_frame.text if shape is not None and shape.has_text_frame else ""


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
    assert 'lang="fr"' in page and "mis à jour le" in page
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
    minutes = paths.minutes_markdown.read_text(encoding="utf-8")
    assert f"« {label} »" in minutes and "aucune réponse exploitable" in minutes
    report = paths.survey_report.read_text(encoding="utf-8")
    assert label.replace("'", "&#x27;") in report or label in report
    assert "aucune réponse exploitable" in report
    sheet = load_workbook(paths.survey_workbook)["Critères"]
    rows = [row for row in sheet.iter_rows(values_only=True) if row and label in row]
    assert rows and "aucune réponse exploitable" in rows[0] and rows[0][6] is None  # no rate
