"""The CLU deck of the sample, read back: its storyline, titles that state findings, slides
readable from the back of the room, honesty (every result under its target on a main slide,
with its action; status colours), figures against the processed tables, notes, footer,
determinism and templates."""

from __future__ import annotations

import hashlib
import re
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
STATUS_BAR = "B34000"  # a result under its target, in the State's warning colour
CATEGORY_COLOURS_FORBIDDEN = {"E1000F", "CE0500", "B34000", "18753C"}


@pytest.fixture(scope="module")
def paths(sample_run):
    return sample_run["paths"]


@pytest.fixture(scope="module")
def deck(paths):
    return Presentation(paths.deck)


def title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def kicker(slide) -> str:
    return next((s.text_frame.text for s in slide.shapes if s.name == "Rubrique"), "")


def main_slides(deck) -> list:
    """The slides before the annex's divider."""
    slides = list(deck.slides)
    end = next(i for i, slide in enumerate(slides) if title(slide) == "Annexes")
    return slides[:end]


def slides_titled(deck, start: str) -> list:
    return [slide for slide in deck.slides if title(slide).startswith(start)]


def table_rows(slide) -> list[list[str]]:
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in table.rows]


def run_sizes(shape) -> list[float]:
    frames = [shape.text_frame] if shape.has_text_frame else []
    if shape.has_table:
        frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
    return [run.font.size.pt for frame in frames for p in frame.paragraphs for run in p.runs
            if run.text.strip() and run.font.size is not None]  # fmt: skip


def test_the_main_deck_tells_the_year_in_about_twenty_slides_then_an_annex(deck):
    titles = [title(slide) for slide in main_slides(deck)]
    assert 20 <= len(titles) <= 28, titles
    order = ["Ordre du jour", "La démarche", "L'essentiel de l'année", "Ce qui a changé",
             "Points d'amélioration", "Questions / réponses"]  # fmt: skip
    positions = [next(i for i, t in enumerate(titles) if t.startswith(s)) for s in order]
    assert positions == sorted(positions)
    annex = [title(s) for s in deck.slides][len(titles) :]
    assert annex[0] == "Annexes" and any(t.startswith("Indicateurs 2022 — module 1") for t in annex)


def test_sections_follow_the_agenda_by_their_section_name(deck, paths):
    from pipeline.core.meeting import load_meeting

    agenda = [item.title for item in load_meeting(paths.meeting).agenda]
    kickers = [kicker(slide) for slide in main_slides(deck) if kicker(slide) in agenda]
    firsts = [agenda.index(k) for k in dict.fromkeys(kickers)]
    assert firsts == sorted(firsts) and len(firsts) >= 6


def test_titles_of_data_slides_state_a_finding_with_its_figure(deck):
    figure = re.compile(r"\d")
    for slide in main_slides(deck):
        has_data = any(shape.has_table or shape.has_chart for shape in slide.shapes)
        if has_data:
            assert figure.search(title(slide)), title(slide)
            assert not title(slide).startswith("Indicateurs qualité"), title(slide)


def test_main_slides_are_readable_from_the_back_of_the_room(deck):
    small = ("Pied de page", "Numéro de diapositive", "Rubrique")
    for slide in main_slides(deck):
        for shape in slide.shapes:
            if shape.name in small:
                continue
            if shape.has_table:
                rows, columns = len(shape.table.rows) - 1, len(shape.table.columns)
                assert rows <= 6 and columns <= 5, title(slide)
                assert min(run_sizes(shape)) >= 14, title(slide)
            elif shape.has_text_frame and shape != slide.shapes.title and run_sizes(shape):
                least = 14 if shape.name in ("Note", "Légende", "Libellé de cible") else 18
                assert min(run_sizes(shape)) >= least, (title(slide), shape.name)
            if shape.has_chart:
                labels = shape.chart.plots[0].series[0].points
                texts = [labels[i].data_label.text_frame for i in range(len(labels))]
                sizes = [r.font.size.pt for f in texts for p in f.paragraphs for r in p.runs]
                assert sizes and min(sizes) >= 14, title(slide)


def test_no_program_words_on_main_slides(deck):
    forbidden = re.compile(r"Fisher|\.csv|\.xlsx|\.parquet|lignes lues|Aucune donnée pour")
    for slide in main_slides(deck):
        for text in slide_texts(slide):
            assert not forbidden.search(text), (title(slide), text)


def test_acronyms_are_spelled_out_on_the_slide_that_uses_them(deck):
    from pipeline.outputs.deck.story.common import ACRONYMS

    for slide in main_slides(deck):
        if not any(shape.has_table for shape in slide.shapes):
            continue
        text = " ".join(slide_texts(slide))
        for acronym, meaning in ACRONYMS.items():
            if re.search(
                rf"\b{acronym}\b", " ".join(table_rows(slide)[0] + sum(table_rows(slide)[1:], []))
            ):
                assert meaning in text, (title(slide), acronym)


def test_every_result_under_its_target_is_on_points_d_amelioration(deck, paths):
    indicators = pd.read_parquet(paths.table("indicators"))
    missed = indicators[
        (indicators["period"] == str(PERIOD)) & (indicators["status"] == "non atteint")
    ]
    rates = pd.read_parquet(paths.table("survey_rates"))
    weak = rates[(rates["year"] == PERIOD) & rates["below_target"].fillna(False).astype(bool)
                 & ~rates["overall"]]  # fmt: skip
    calls = pd.read_parquet(paths.table("mystery_call_compliance"))
    calls = calls[(calls["year"] == PERIOD) & (calls["level"] == "criterion")
                  & (calls["status"] == "non atteint")]  # fmt: skip
    emails = pd.read_parquet(paths.table("mystery_email_results"))
    emails = emails[(emails["year"] == PERIOD) & (emails["status"] == "non atteint")]
    slides = [s for s in main_slides(deck) if s.name == "Points d'amélioration"]
    with_action = [s for s in slides if "sans action prévue" not in title(s).lower()]
    without = [s for s in slides if "sans action prévue" in title(s).lower()]
    assert len(with_action) == 1 and len(without) == 1  # was three look-alike tables
    rows = [row for s in with_action for row in table_rows(s)[1:]]
    for row in rows:  # each with its action, its owner and deadline
        assert row[2] and row[2] != "–" and "aucune action" not in row[2].lower()
    results = [row[1] for row in rows]
    # Without an action: one row per kind of result, each result on its own line.
    kinds = [row for s in without for row in table_rows(s)[1:]]
    assert [row[0] for row in kinds] == [
        "Indicateurs", "Enquête", "Appels mystère", "Courriels mystère"
    ]  # fmt: skip
    results += [
        line.split(" : ")[-1].replace("\u00a0pour\u00a0", " pour ")
        for row in kinds
        for line in row[1].split("\n")
    ]
    assert len(results) == len(missed) + len(weak) + len(calls) + len(emails)
    values = {result.split(" pour ")[0] for result in results}
    rates_missed = [*weak["rate"], *calls["rate"], *emails.loc[emails["unit"] == "%", "value"]]
    for value in [*missed.loc[missed["unit"] == "%", "value"], *rates_missed]:
        assert format_percent(value) in values
    answered = len(rows)
    assert title(with_action[0]) == (
        f"Points d'amélioration : {answered} des {len(results)} résultats sous la cible ont une "
        "action prévue"
    )
    assert title(without[0]) == (
        f"Sans action prévue à ce jour : {len(results) - answered} résultats sous la cible, à "
        "décider"
    )


def test_bars_under_their_target_are_in_the_warning_colour_and_carry_their_n(deck, paths):
    rates = pd.read_parquet(paths.table("survey_rates"))
    current = rates[(rates["year"] == PERIOD) & ~rates["overall"] & (rates["n"] > 0)]
    slide = next(s for s in main_slides(deck) if title(s).startswith("Satisfaction par critère"))
    chart = next(shape.chart for shape in slide.shapes if shape.has_chart)
    categories = [c.replace("\n", " ") for c in chart.plots[0].categories]
    series = chart.plots[0].series[0]
    for index, row in enumerate(current.itertuples()):
        assert f"(n\u00a0=\u00a0{row.n})" in categories[index]
        fill = series.points[index].format.fill
        coloured = fill.type is not None and str(fill.fore_color.rgb) == STATUS_BAR
        assert coloured == bool(row.below_target), categories[index]
        if row.small_sample:
            assert categories[index].endswith("*")
        label = series.points[index].data_label.text_frame.text
        assert label == format_percent(row.rate)  # French, whatever the viewer's language


def test_categories_are_never_in_status_colours(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_chart and shape.chart.chart_type == 5:  # pie
                continue
            if (
                shape.has_chart
                and "Satisfaction par critère" not in title(slide)
                and not title(slide).startswith("Appels mystère")
            ):
                for series in shape.chart.plots[0].series:
                    fill = series.format.fill
                    if fill.type is not None:
                        assert str(fill.fore_color.rgb) not in CATEGORY_COLOURS_FORBIDDEN


def test_every_slide_has_notes_and_every_chart_alt_text(deck):
    for slide in list(deck.slides)[2:]:
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
    slide = next(s for s in main_slides(deck) if title(s).startswith("Appels mystère")
                 and any(shape.has_chart for shape in s.shapes))  # fmt: skip
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


def test_the_plan_lists_every_action_of_the_year_in_the_annex(deck, paths):
    plan = pd.read_parquet(paths.table("action_plan"))
    actions = plan[plan["plan_year"] == PERIOD]["action"].tolist()
    annexed = [s for s in slides_titled(deck, f"Plan d'actions {PERIOD} : état d'avancement")]
    shown = [row[1] for s in annexed for row in table_rows(s)[1:]]
    assert shown == actions
    late = plan[(plan["plan_year"] == PERIOD)]
    summary = slides_titled(deck, f"Plan d'actions {PERIOD} : ")[0]
    done = int((late["status"] == "réalisée").sum())
    assert f"{done} actions réalisées sur {len(actions)}" in title(summary)


def test_trainings_total_matches_the_register(deck, paths):
    trainings = pd.read_parquet(paths.table("trainings"))
    total = int(trainings[trainings["year"] == PERIOD]["agents_trained"].sum())
    assert any(title(s).startswith(f"Formation des agents {PERIOD} : {format_number(total)} ")
               for s in main_slides(deck))  # fmt: skip
    rows = table_rows(slides_titled(deck, "Formation des agents 2020")[0])
    assert rows[-1][0].startswith("Total") and rows[-1][-1] == format_number(total)


def test_survey_key_figures_match_the_responses(deck, paths):
    responses = pd.read_parquet(paths.table("survey_responses"))
    count = int((responses["year"] == PERIOD).sum())
    slide = slides_titled(deck, f"Enquête de satisfaction {PERIOD} : ")[0]
    assert format_number(count) in slide_texts(slide)
    marks = responses.loc[responses["year"] == PERIOD, "q_overall"]
    marks = pd.to_numeric(marks[marks != "Non concerné"], errors="coerce").dropna()
    assert format_percent((marks >= 6).mean()) in slide_texts(slide)
    assert format_percent((marks >= 6).mean()) in title(slide)


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


def test_a_section_without_data_is_a_line_of_the_agenda_and_of_l_essentiel(
    tmp_path, sample_run, monkeypatch
):
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
        lambda _: dataclasses.replace(
            facts, mystery=None, trainings=None, call_results=(), email_results=()
        ),  # fmt: skip
    )
    monkeypatch.setattr(ctx.paths.__class__, "deck", property(lambda self: tmp_path / "deck.pptx"))
    path, left_out = deck_module.build_deck(ctx)
    built = Presentation(path)
    titles = [title(slide) for slide in built.slides]
    assert not any(t.startswith(("Appels mystère", "Courriels mystère", "Formation des agents"))
                   for t in titles)  # fmt: skip
    assert any(t.startswith("Réclamations et suggestions") for t in titles)
    agenda = " ".join(slide_texts(next(s for s in built.slides if title(s) == "Ordre du jour")))
    assert "pas de campagne d'appels ni de courriels mystère en 2022" in agenda
    essentials = next(s for s in built.slides if title(s).startswith("L'essentiel"))
    assert any("Pas de campagne d'appels" in text for text in slide_texts(essentials))
    assert any(line.startswith("Section « Les formations des agents » :") for line in left_out)


def test_every_title_holds_on_two_lines_at_20_pt_or_more(deck):
    from pipeline.outputs.deck.kinds.measure import wrap

    for slide in deck.slides:
        shape = slide.shapes.title
        if shape is None or not shape.text_frame.text:
            continue
        size = shape.text_frame.paragraphs[0].runs[0].font.size.pt
        lines = wrap(shape.text_frame.text, shape.width / 914400 - 0.05, size, bold=True)
        assert size >= 20 and len(lines) <= 2, (shape.text_frame.text, size, len(lines))
