"""The full CLU deck, read back: every section, its figures against the processed tables, notes,
alternative text, footer, determinism, templates, and a LibreOffice rendering where available."""

from __future__ import annotations

import hashlib
import shutil
import zipfile

import pandas as pd
import pytest
from pptx import Presentation

from pipeline.core.exceptions import TemplateError
from pipeline.core.formatting import format_number, format_percent
from pipeline.outputs.deck import pptx_xml as xml
from pipeline.outputs.deck.kinds import new_presentation
from tests.conftest import PERIOD, run_cli, slide_texts

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def paths(sample_run):
    return sample_run["paths"]


@pytest.fixture(scope="module")
def deck(paths):
    return Presentation(paths.deck)


def title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def slides_titled(deck, start: str) -> list:
    return [slide for slide in deck.slides if title(slide).startswith(start)]


def table_rows(slide) -> list[list[str]]:
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_sections_follow_the_agenda(deck):
    titles = [title(slide) for slide in deck.slides]
    order = [
        "Ordre du jour", "La démarche", "Indicateurs qualité", "Enquête de satisfaction",
        "Appels mystère", "Réclamations et suggestions", "Courriels types", "Plan d'actions",
        "Formation des agents", "Questions / réponses", "Merci de votre attention",
    ]  # fmt: skip
    positions = [next(i for i, t in enumerate(titles) if t.startswith(start)) for start in order]
    assert positions == sorted(positions)


def test_every_data_slide_has_notes_and_every_chart_alt_text(deck):
    for slide in list(deck.slides)[2:-2]:
        if title(slide) == "Questions / réponses":
            continue
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), title(
            slide
        )
        for shape in slide.shapes:
            if shape.has_chart or shape.shape_type == 13:  # 13: picture
                assert xml.get_alt_text(shape), title(slide)


def test_footer_and_slide_numbers_on_every_slide(deck):
    for slide in deck.slides:
        names = {shape.name for shape in slide.shapes}
        assert {"Pied de page", "Numéro de diapositive"} <= names
        footer = next(s for s in slide.shapes if s.name == "Pied de page").text_frame.text
        assert footer == "Comité local des usagers — 24 janvier 2023"


def test_nothing_lies_outside_the_slide(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, title(slide)
            assert shape.left + shape.width <= deck.slide_width, title(slide)
            assert shape.top + shape.height <= deck.slide_height, title(slide)


def test_mystery_chart_matches_the_grid(deck, paths):
    calls = pd.read_parquet(paths.table("mystery_calls"))
    calls = calls[calls["year"] == PERIOD]
    evaluated = calls["courtesy"].dropna()
    slide = slides_titled(deck, f"Appels mystère {PERIOD} : respect")[0]
    chart = next(shape.chart for shape in slide.shapes if shape.has_chart)
    categories = [c.replace("\n", " ") for c in chart.plots[0].categories]
    index = next(i for i, c in enumerate(categories) if c.startswith("Courtoisie"))
    assert chart.plots[0].series[0].values[index] == pytest.approx(evaluated.mean())
    assert f"(n\u00a0=\u00a0{len(evaluated)})" in categories[index]


def test_complaint_figures_match_the_register(deck, paths):
    register = pd.read_parquet(paths.table("complaints"))
    register = register[register["year"] == PERIOD]
    slide = slides_titled(deck, f"Réclamations et suggestions {PERIOD} : {len(register)} messages")[
        0
    ]
    shown = slide_texts(slide)
    for nature, label in (("réclamation", "réclamation"), ("hors champ", "message")):
        count = int((register["nature"] == nature).sum())
        index = shown.index(format_number(count))
        assert shown[index + 1].startswith(label)
    delays = slides_titled(deck, f"Réclamations et suggestions {PERIOD} : délais")[0]
    rows = {row[0]: row for row in table_rows(delays)}
    counted = register[register["nature"].isin(["réclamation", "suggestion"])]
    assert rows["Ensemble"][2] == format_number(len(counted))


def test_action_plan_lists_every_action_of_the_year_over_continued_slides(deck, paths):
    plan = pd.read_parquet(paths.table("action_plan"))
    actions = plan[plan["plan_year"] == PERIOD]["action"].tolist()
    shown = [
        row[1] for s in slides_titled(deck, f"Plan d'actions {PERIOD}") for row in table_rows(s)[1:]
    ]
    assert shown == actions
    continued = slides_titled(deck, f"Plan d'actions {PERIOD}")[1:]
    assert all(title(s).endswith("(suite)") for s in continued)


def test_trainings_total_matches_the_register(deck, paths):
    trainings = pd.read_parquet(paths.table("trainings"))
    total = int(trainings[trainings["year"] == PERIOD]["agents_trained"].sum())
    rows = table_rows(slides_titled(deck, "Formation des agents")[0])
    assert rows[-1][0].startswith("Total") and rows[-1][-1] == format_number(total)


def test_survey_key_figures_match_the_responses(deck, paths):
    responses = pd.read_parquet(paths.table("survey_responses"))
    count = int((responses["year"] == PERIOD).sum())
    slide = slides_titled(deck, f"Enquête de satisfaction {PERIOD} : du ")[0]
    assert format_number(count) in slide_texts(slide)
    marks = responses.loc[responses["year"] == PERIOD, "q_overall"]
    marks = pd.to_numeric(marks[marks != "Non concerné"], errors="coerce").dropna()
    assert format_percent((marks >= 6).mean()) in slide_texts(slide)


def test_the_deck_is_deterministic(tmp_path, sample_run):
    from pipeline.core.config import load_config
    from pipeline.core.context import Context
    from pipeline.core.paths import PeriodPaths
    from pipeline.outputs.deck.storyline import build_deck

    root = sample_run["root"]
    ctx = Context(
        PERIOD, load_config(root / "config" / "prefecture.yaml"), PeriodPaths(PERIOD, root)
    )

    def digest(path):
        with zipfile.ZipFile(path) as archive:
            return {n: hashlib.sha256(archive.read(n)).hexdigest() for n in archive.namelist()}

    made_by_the_run = tmp_path / "run.pptx"  # (by the notebook, in its kernel)
    shutil.copy(ctx.paths.deck, made_by_the_run)
    build = Presentation(made_by_the_run).core_properties.identifier  # its inputs' digest
    assert digest(made_by_the_run) == digest(build_deck(ctx, None, build)[0])


def test_a_template_without_a_needed_layout_gets_a_clear_error(tmp_path, sample_run):
    prs = new_presentation()
    prs.slide_layouts[0].name = "Diapositive de titre"
    broken = tmp_path / "prefecture.pptx"
    prs.save(broken)
    with pytest.raises(
        TemplateError, match="pas de disposition « Titre ».*« Diapositive de titre »"
    ):
        from pipeline.outputs.deck.kinds import get_layout

        get_layout(Presentation(broken), "Titre")
    result = run_cli(
        sample_run["root"], "clu-deck", "--period", str(PERIOD), "--template", str(broken)
    )
    assert result.returncode == 2 and "Dispositions disponibles" in result.stderr


def test_a_section_without_data_says_so_and_is_logged(tmp_path, sample_run, monkeypatch):
    import dataclasses

    from pipeline.core.config import load_config
    from pipeline.core.context import Context
    from pipeline.core.paths import PeriodPaths
    from pipeline.outputs.deck import storyline as deck_module

    root = sample_run["root"]
    ctx = Context(
        PERIOD, load_config(root / "config" / "prefecture.yaml"), PeriodPaths(PERIOD, root)
    )
    facts = deck_module.load_facts(ctx)
    monkeypatch.setattr(
        deck_module,
        "load_facts",
        lambda _: dataclasses.replace(facts, mystery=None, trainings=None),
    )
    monkeypatch.setattr(ctx.paths.__class__, "deck", property(lambda self: tmp_path / "deck.pptx"))
    path, left_out = deck_module.build_deck(ctx)
    built = Presentation(path)
    titles = [title(slide) for slide in built.slides]
    assert not any(
        t.startswith(("Appels mystère", "Courriels mystère", "Formation des agents"))
        for t in titles
    )
    assert any(t.startswith("Réclamations et suggestions") for t in titles)
    # The agenda's items keep one slide each, which says there is no data.
    for item in ("Les appels et courriels mystère 2022", "Les formations des agents"):
        slide = next(s for s in built.slides if title(s) == item)
        assert any("Aucune donnée pour 2022" in text for text in slide_texts(slide))
        assert any(line.startswith(f"Section « {item} » : aucune donnée") for line in left_out)
