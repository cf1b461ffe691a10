"""Slide builders and the 16:9 template: structure checks on a reopened deck (no LibreOffice)."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu

from pipeline.core.exceptions import TemplateError
from pipeline.outputs.deck import kinds as slides
from pipeline.outputs.deck.pptx_xml import get_alt_text
from pipeline.outputs.deck.template import DEFAULT_TEMPLATE_PATH, build_default_template

FOOTER = "Comité local des usagers — 24 janvier 2023"
HEADER = ["Indicateur", "Engagement", "Cible", "2021", "2022", "Statut"]
STATUSES = ["atteint", "non atteint", "sans objet"]
ROWS_14 = [
    [f"Indicateur n° {i} de la relation générale avec les usagers", f"E {i}.1", "≥\u00a090\u00a0%",
     "88,0\u00a0%", "91,5\u00a0%", STATUSES[i % 3]]
    for i in range(1, 15)
]  # fmt: skip
CRITERIA = [
    "L'accueil à l'entrée de la préfecture",
    "La prise en compte des personnes en situation de handicap",
    "L'aide apportée au point d'accès numérique pour les démarches en ligne",
    "La satisfaction globale",
]
RATES = [0.962, 0.702, 0.927, 0.973]
ALT = "Diagramme en barres : taux de satisfaction par critère, cible 85 %"


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    prs = slides.new_presentation()
    slides.set_footer(prs, FOOTER)
    slides.add_title_slide(
        prs, "Comité local des usagers", "Bilan qualité 2022", "24 janvier 2023",
        "Sous la présidence du secrétaire général",
    )  # fmt: skip
    slides.add_agenda_slide(prs, "Ordre du jour", ["Démarche qualité", "Bilan 2022", "Questions"])
    slides.add_section_slide(prs, "Bilan 2022")
    slides.add_key_figures_slide(prs, "En chiffres", [("38", "réclamations"), ("165", "avis")])
    slides.add_table_slide(
        prs, "Module 1 — Relation générale avec les usagers", HEADER, ROWS_14, status_col=5,
        footnote="Source : tableau de bord qualité", notes="Deux indicateurs sous la cible.",
        annex=True,
    )  # fmt: skip
    slides.add_bar_chart_slide(
        prs, "Satisfaction par critère", CRITERIA, RATES, target=0.85, alt_text=ALT,
        notes="165 questionnaires.", missed=[False, True, False, False],
        legend="En orange : sous la cible de 85 %.", kicker="L'enquête de satisfaction",
    )  # fmt: skip
    slides.add_bar_chart_slide(
        prs, "Appels mystères", ["SVI", "Standard"], [0.04, 0.08], alt_text="x", horizontal=False
    )
    slides.add_closing_slide(prs, "Merci de votre attention", "Mission qualité")
    path = tmp_path_factory.mktemp("deck") / "deck.pptx"
    prs.save(path)
    return Presentation(str(path))


def _titles(prs) -> list[str]:
    return [slide.shapes.title.text if slide.shapes.title else "" for slide in prs.slides]


def _table_slides(prs):
    return [s for s in prs.slides if any(shape.has_table for shape in s.shapes)]


def _chart(slide):
    return next(shape for shape in slide.shapes if shape.has_chart)


def test_slide_size_is_16_9(deck):
    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 1e-3


def test_template_has_french_layouts_repositioned_for_16_9():
    prs = Presentation(str(DEFAULT_TEMPLATE_PATH))
    names = [layout.name for layout in prs.slide_layouts]
    assert names == ["Titre", "Titre et contenu", "Section", "Titre seul", "Vide"]
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.placeholders:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height
    # 4:3 positions would end at 8.7 in; the 16:9 title spans the wide slide.
    title = prs.slide_layouts.get_by_name("Titre seul").placeholders[0]
    assert title.left + title.width > Emu(11 * 914400)


def test_template_theme_uses_marianne_and_state_colours():
    with zipfile.ZipFile(DEFAULT_TEMPLATE_PATH) as archive:
        theme = etree.fromstring(archive.read("ppt/theme/theme1.xml"))
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    fonts = theme.xpath("//a:fontScheme/*/a:latin/@typeface", namespaces=ns)
    assert fonts == ["Marianne", "Marianne"]
    colour = {
        slot: theme.xpath(f"//a:clrScheme/a:{slot}/a:srgbClr/@val", namespaces=ns)[0]
        for slot in ("dk2", "accent1", "accent2")
    }
    assert colour == {"dk2": "000091", "accent1": "000091", "accent2": "E1000F"}


def test_template_build_is_deterministic_and_committed_one_is_current(tmp_path):
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    build_default_template(first)
    build_default_template(second)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == DEFAULT_TEMPLATE_PATH.read_bytes(), (
        "pipeline/resources/clu_template.pptx is stale: run python -m pipeline.template_builder"
    )
    core = Presentation(str(first)).core_properties
    assert (core.author, core.revision) == ("Préfecture", 1)


def test_missing_layout_error_lists_layout_names():
    prs = slides.new_presentation()
    with pytest.raises(TemplateError) as error:
        slides.get_layout(prs, "Deux contenus")
    message = str(error.value)
    assert "Deux contenus" in message
    for name in ("Titre", "Titre et contenu", "Section", "Titre seul", "Vide"):
        assert f"« {name} »" in message


def test_new_presentation_drops_template_slides(tmp_path):
    prs = slides.new_presentation()
    slides.add_section_slide(prs, "Diapositive du modèle")
    template = tmp_path / "modele.pptx"
    prs.save(template)
    assert len(slides.new_presentation(template).slides) == 0
    with pytest.raises(TemplateError):
        slides.new_presentation(tmp_path / "absent.pptx")


def test_table_reads_back_and_14_rows_split_on_two_slides(deck):
    table_slides = _table_slides(deck)
    assert [s.shapes.title.text for s in table_slides] == [
        "Module 1 — Relation générale avec les usagers",
        "Module 1 — Relation générale avec les usagers (suite)",
    ]
    read = []
    for slide in table_slides:
        table = next(shape for shape in slide.shapes if shape.has_table).table
        assert [cell.text for cell in table.rows[0].cells] == HEADER
        read += [[cell.text for cell in row.cells] for row in list(table.rows)[1:]]
    assert read == ROWS_14


def test_table_header_and_status_colours(deck):
    table = next(shape for shape in _table_slides(deck)[0].shapes if shape.has_table).table
    header = table.cell(0, 0)
    assert str(header.fill.fore_color.rgb) == "000091"
    assert header.text_frame.paragraphs[0].runs[0].font.bold
    fills = {}
    for row in list(table.rows)[1:]:
        cell = row.cells[5]
        fills[cell.text] = str(cell.fill.fore_color.rgb)
    assert fills == {"atteint": "DFFEE6", "non atteint": "FFE9E9", "sans objet": "EEEEEE"}


def test_chart_is_native_with_fractions_and_percent_format(deck):
    slide = next(s for s in deck.slides if s.shapes.title.text == "Satisfaction par critère")
    chart = _chart(slide).chart
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(chart.plots[0].series[0].values) == pytest.approx(RATES)
    assert chart.plots[0].data_labels.number_format == slides.PERCENT_FORMAT
    assert chart.category_axis.reverse_order  # first category on top
    labels = [label.replace("\n", " ") for label in chart.plots[0].categories]
    assert labels == CRITERIA
    assert any("Cible : 85\u00a0%" in s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_chart_has_alt_text_on_its_cnvpr(deck):
    slide = next(s for s in deck.slides if s.shapes.title.text == "Satisfaction par critère")
    frame = _chart(slide)
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == ALT
    assert get_alt_text(frame) == ALT


def test_notes_are_written(deck):
    notes = {
        slide.shapes.title.text: slide.notes_slide.notes_text_frame.text
        for slide in deck.slides
        if slide.has_notes_slide
    }
    module_1 = "Module 1 — Relation générale avec les usagers"
    assert notes[module_1] == "Deux indicateurs sous la cible."
    assert notes["Satisfaction par critère"] == "165 questionnaires."


def test_every_slide_has_footer_and_number(deck):
    for number, slide in enumerate(deck.slides, start=1):
        names = {shape.name: shape for shape in slide.shapes}
        assert names[slides.FOOTER_NAME].text_frame.text == FOOTER
        assert names[slides.NUMBER_NAME].text_frame.text == str(number)
        assert b'type="slidenum"' in etree.tostring(names[slides.NUMBER_NAME]._element)


def test_no_empty_placeholder_left(deck):
    for slide in deck.slides:
        for placeholder in slide.placeholders:
            assert placeholder.text_frame.text.strip()


def test_every_shape_lies_within_the_slide(deck):
    width, height = deck.slide_width, deck.slide_height
    for index, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            where = f"diapositive {index}, {shape.name}"
            assert shape.left >= 0 and shape.top >= 0, where
            assert shape.left + shape.width <= width, where
            assert shape.top + shape.height <= height, where


def test_fit_font_size_shrinks_long_text_and_respects_bounds():
    short = slides.fit_font_size("Ordre du jour", 12.0, 28, 18)
    long = slides.fit_font_size("Taux de réponse aux réclamations " * 4, 12.0, 28, 18)
    assert short == 28
    assert 18 <= long < 28
    assert slides.fit_font_size("x" * 500, 1.0, 28, 18) == 18
    wrapped = slides.fit_font_size("mot " * 30, 4.0, 24, 10, box_height_in=1.0)
    assert 10 <= wrapped < 24


def test_key_figures_reject_more_than_four():
    prs = slides.new_presentation()
    with pytest.raises(ValueError, match="1 à 4"):
        slides.add_key_figures_slide(prs, "Trop", [("1", "a")] * 5)


def test_set_footer_updates_slides_already_added():
    prs = slides.new_presentation()
    slide = slides.add_section_slide(prs, "Bilan 2022")
    slides.set_footer(prs, FOOTER)
    footer = next(shape for shape in slide.shapes if shape.name == slides.FOOTER_NAME)
    assert footer.text_frame.text == FOOTER


def test_chart_rejects_mismatched_values():
    prs = slides.new_presentation()
    with pytest.raises(ValueError, match="2 catégories pour 1 valeurs"):
        slides.add_bar_chart_slide(prs, "Graphique", ["a", "b"], [0.5], alt_text="x")


def test_a_main_slide_refuses_a_table_too_long_to_read_from_the_back():
    prs = slides.new_presentation()
    with pytest.raises(ValueError, match="au plus 6 × 5"):
        slides.add_table_slide(prs, "Trop long", HEADER[:5], [row[:5] for row in ROWS_14])
    with pytest.raises(ValueError, match="au plus 6 × 5"):
        slides.add_table_slide(prs, "Trop large", HEADER, ROWS_14[:3])


def test_a_main_table_is_written_at_14_pt_at_least():
    prs = slides.new_presentation()
    rows = [[row[0], row[2], row[3], row[4], row[5]] for row in ROWS_14[:6]]
    slide = slides.add_table_slide(prs, "Six lignes", [HEADER[i] for i in (0, 2, 3, 4, 5)], rows)
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    sizes = {run.font.size.pt for row in table.rows for cell in row.cells
             for p in cell.text_frame.paragraphs for run in p.runs}  # fmt: skip
    assert min(sizes) >= 14


def test_bar_labels_are_french_text_and_a_missed_bar_is_in_the_warning_colour(deck):
    slide = next(s for s in deck.slides if s.shapes.title.text == "Satisfaction par critère")
    series = _chart(slide).chart.plots[0].series[0]
    labels = [series.points[i].data_label.text_frame.text for i in range(len(RATES))]
    assert labels == ["96,2\u00a0%", "70,2\u00a0%", "92,7\u00a0%", "97,3\u00a0%"]
    fills = [series.points[1].format.fill.fore_color.rgb]
    assert str(fills[0]) == "B34000"
    names = {shape.name: shape for shape in slide.shapes}
    assert names["Rubrique"].text_frame.text == "L'enquête de satisfaction"
    assert names["Légende"].text_frame.text.startswith("En orange")


def test_headlines_and_quotes_slides_keep_their_texts_readable():
    prs = slides.new_presentation()
    headlines = [
        ("96,1 %", "des usagers satisfaits", "bon"),
        ("50,7 %", "de satisfaits du délai de rendez-vous, loin de la cible", "à améliorer"),
    ]
    first = slides.add_headlines_slide(prs, "L'essentiel", headlines, notes="n")
    quotes = [("Rendez-vous", "10 remarques", "Les délais sont trop longs.", True)]
    second = slides.add_quotes_slide(prs, "Ce que disent les usagers", quotes, notes="n")
    for slide in (first, second):
        shown = [shape for shape in slide.shapes if shape.has_text_frame
                 and shape.name not in (slides.FOOTER_NAME, slides.NUMBER_NAME)]  # fmt: skip
        runs = [r for s in shown for p in s.text_frame.paragraphs for r in p.runs if r.text.strip()]
        sizes = [run.font.size.pt for run in runs]
        assert sizes and min(sizes) >= 18
    texts = [shape.text_frame.text for shape in second.shapes if shape.has_text_frame]
    assert "« Les délais sont trop longs. »" in texts
