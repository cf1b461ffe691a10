"""Inputs refused before any step runs (issue 24): raw « files » that are not regular files of
the project, workbooks checked once per content, a template without the deck's layouts."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from pipeline.core.context import open_period
from pipeline.core.exceptions import InputFileError, TemplateError
from pipeline.core.paths import PeriodPaths
from pipeline.run import guards
from pipeline.run.provenance import file_digest
from tests.hostile_files import SURVEY, TEMPLATE, template_without_layouts, with_macros

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def ctx(tmp_path):
    """The sample's configuration over a raw folder of the test's own (2022's files)."""
    raw = tmp_path / "project" / "raw"
    shutil.copytree(REPO / "data" / "raw" / "2022", raw / "2022")
    sample = open_period(2022)
    paths = PeriodPaths(2022, root=tmp_path / "project", raw_dir=raw)
    return dataclasses.replace(sample, paths=paths)


def raw(ctx, name: str) -> Path:
    return ctx.paths.raw / "2022" / name


def test_every_raw_file_that_is_no_regular_file_is_refused_in_one_message(ctx, tmp_path):
    register = raw(ctx, "registre_courriers_courriels_2022.csv")
    register.unlink()
    os.mkfifo(register)  # hashing it would wait forever
    monthly = raw(ctx, "indicateurs_mensuels_2022.xlsx")
    monthly.unlink()
    monthly.mkdir()
    titles = raw(ctx, "transparence_2022.csv")
    titles.unlink()
    titles.symlink_to("/dev/zero")
    elsewhere = tmp_path / "ailleurs.xlsx"
    shutil.copy(SURVEY, elsewhere)
    survey = raw(ctx, "enquete_satisfaction_2022.xlsx")
    survey.unlink()
    survey.symlink_to(elsewhere)
    trainings = raw(ctx, "formations_2022.csv")
    trainings.unlink()
    trainings.symlink_to(tmp_path / "disparu.csv")
    with pytest.raises(InputFileError) as refused:
        guards.check_raw_files(ctx)
    message = str(refused.value)
    for fragment in (
        "registre_courriers_courriels_2022.csv : c'est un tube nommé",
        "indicateurs_mensuels_2022.xlsx : c'est un dossier",
        "transparence_2022.csv : lien vers /dev/zero, hors du dossier du projet",
        f"enquete_satisfaction_2022.xlsx : lien vers {elsewhere.resolve()}",
        "formations_2022.csv : lien symbolique vers",
    ):
        assert fragment in message, message


def test_a_link_inside_the_raw_folder_is_followed(ctx):
    kept = ctx.paths.raw / "exports" / "formations.csv"
    kept.parent.mkdir()
    raw(ctx, "formations_2022.csv").rename(kept)
    raw(ctx, "formations_2022.csv").symlink_to(kept)
    guards.check_raw_files(ctx)  # no error


def test_hashing_a_pipe_is_refused_never_waited_for(tmp_path):
    os.mkfifo(tmp_path / "tube.csv")
    with pytest.raises(InputFileError, match="tube.csv : ce n'est pas un fichier ordinaire"):
        file_digest(tmp_path / "tube.csv")


def test_workbooks_are_checked_once_per_content_and_their_macros_said(ctx, monkeypatch):
    scanned = []
    real = guards.sheet_extents.check_sheet_extents

    def counted(path, limits):
        scanned.append(path.name)
        return real(path, limits)

    monkeypatch.setattr(guards.sheet_extents, "check_sheet_extents", counted)
    assert guards.check_workbooks(ctx) == []
    first = sorted(scanned)
    assert "enquete_satisfaction_2022.xlsx" in first
    scanned.clear()
    assert guards.check_workbooks(ctx) == [] and scanned == []  # remembered by content
    survey = raw(ctx, "enquete_satisfaction_2022.xlsx")
    with_macros(survey, SURVEY)  # new content, with macros: checked again, and said
    notes = guards.check_workbooks(ctx)
    assert scanned == ["enquete_satisfaction_2022.xlsx"]
    assert len(notes) == 1 and "2022/enquete_satisfaction_2022.xlsx contient des macros" in notes[0]


def test_the_template_must_have_every_layout_the_deck_uses(tmp_path):
    guards.check_template(TEMPLATE)  # the bundled one has them
    with pytest.raises(TemplateError) as refused:
        guards.check_template(template_without_layouts(tmp_path / "modele.pptx"))
    message = str(refused.value)
    for fragment in ("modele.pptx", "« Titre et contenu »", "« Title Slide »", "Masque"):
        assert fragment in message, message


def test_a_raw_folder_that_is_itself_a_link_is_followed(ctx, tmp_path):
    """(The benchmark links data/raw to a scaled sample kept elsewhere.)"""
    linked = tmp_path / "project" / "data" / "raw"
    linked.parent.mkdir(parents=True)
    linked.symlink_to(ctx.paths.raw, target_is_directory=True)
    guards.check_raw_files(dataclasses.replace(ctx, paths=PeriodPaths(2022, root=ctx.paths.root)))
