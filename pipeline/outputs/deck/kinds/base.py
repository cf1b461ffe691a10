"""What every slide kind shares: the template and its layouts, text boxes, notes, the footer
and the slide number.

Layouts are looked up by their French name, so any template providing "Titre", "Titre et
contenu", "Section", "Titre seul" and "Vide" works.
"""

from __future__ import annotations

import weakref
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from pipeline.core.exceptions import TemplateError
from pipeline.core.office_files import check_template_package
from pipeline.outputs import theme as tb
from pipeline.outputs.deck import pptx_xml as xml
from pipeline.outputs.deck.kinds.measure import fit_font_size

LAYOUT_TITLE = "Titre"
LAYOUT_CONTENT = "Titre et contenu"
LAYOUT_SECTION = "Section"
LAYOUT_TITLE_ONLY = "Titre seul"
LAYOUT_BLANK = "Vide"
# Every layout the deck may use (a template must have them all: checked when a run starts).
LAYOUTS = (LAYOUT_TITLE, LAYOUT_CONTENT, LAYOUT_SECTION, LAYOUT_TITLE_ONLY, LAYOUT_BLANK)
CONTINUED = " (suite)"
FOOTER_NAME = "Pied de page"
NUMBER_NAME = "Numéro de diapositive"

# Status cell → (fill, text colour, bold, italic); keys compared in lower case.
STATUS_STYLES = {
    "atteint": ("DFFEE6", tb.SUCCESS, True, False),
    "non atteint": ("FFE9E9", tb.ERROR, True, False),
    "partiellement atteint": ("FFE9E6", tb.WARNING, True, False),
    "sans objet": ("EEEEEE", tb.GREY_600, False, True),
    "réalisée": ("DFFEE6", tb.SUCCESS, True, False),
    "en retard": ("FFE9E9", tb.ERROR, True, False),
}

_FOOTERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color)


def inches_of(emu: int) -> float:
    return emu / 914400


# --- presentation and layouts ------------------------------------------------------------------
def new_presentation(template: Path | None = None) -> Presentation:
    """Open ``template`` (default: the bundled 16:9 template) without any of its slides.

    A template with macros or links to the outside in what the deck keeps is refused
    (:func:`~pipeline.core.office_files.check_template_package`): the deck never carries them."""
    path = Path(template) if template is not None else tb.DEFAULT_TEMPLATE_PATH
    if not path.exists():
        raise TemplateError(
            f"Modèle PowerPoint introuvable : {path}. Régénérez le modèle par défaut avec "
            "« python -m pipeline.template_builder » ou indiquez un modèle existant."
        )
    check_template_package(path)
    prs = Presentation(str(path))
    for slide in list(prs.slides):
        xml.delete_slide(prs, slide)
    return prs


def get_layout(prs: Presentation, name: str):
    """Return the layout called ``name``; TemplateError listing the available names otherwise."""
    for layout in prs.slide_layouts:
        if layout.name == name:
            return layout
    names = ", ".join(f"« {layout.name} »" for layout in prs.slide_layouts) or "aucune"
    raise TemplateError(
        f"Le modèle PowerPoint n'a pas de disposition « {name} ». Dispositions disponibles : "
        f"{names}. Utilisez le modèle par défaut ou renommez la disposition dans le masque."
    )


def set_footer(prs: Presentation, text: str) -> None:
    """Footer text of every slide (those already added are updated too)."""
    _FOOTERS[prs.part] = text
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name == FOOTER_NAME:
                shape.text_frame.paragraphs[0].runs[0].text = text


def style_runs(frame, size_pt: float, color: str | None = None, bold=None, italic=None) -> None:
    size, colour = Pt(size_pt), rgb(color) if color else None
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            font = run.font  # (each ``run.font`` builds its proxy again: taken once)
            font.size = size
            if colour is not None:
                font.color.rgb = colour
            if bold is not None:
                font.bold = bold
            if italic is not None:
                font.italic = italic


def text_box(slide, box, text: str, size_pt: float, color: str, flags: str = "", name=None):
    """A wrapping, non-autofit text box; ``box`` = (x, y, w, h) in inches; ``flags`` holds
    words among bold, italic, center, right, middle, bottom."""
    shape = slide.shapes.add_textbox(*(Inches(value) for value in box))
    shape.name = name or shape.name
    frame = shape.text_frame
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    anchors = {"middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
    aligns = {"center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
    frame.vertical_anchor = next((anchors[f] for f in flags.split() if f in anchors), None)
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = next((aligns[f] for f in flags.split() if f in aligns), None)
        paragraph.add_run().text = line
    style_runs(frame, size_pt, color, "bold" in flags, "italic" in flags)
    return shape


def fill_text(shape, text: str, max_pt: float, min_pt: float, *, bold=False) -> float:
    """Put ``text`` in a placeholder at the largest size that holds in it; returns the size."""
    frame = shape.text_frame
    frame.word_wrap = True
    frame.text = text
    width, height = inches_of(shape.width) - 0.05, inches_of(shape.height) - 0.12
    size = fit_font_size(
        text, width, max_pt, min_pt, box_height_in=height, line_spacing=1.15, bold=bold
    )
    style_runs(frame, size)
    return size


def set_notes(slide, notes: str | None) -> None:
    if notes:
        slide.notes_slide.notes_text_frame.text = notes


def content_width(prs) -> float:
    return inches_of(prs.slide_width) - 2 * tb.MARGIN_IN


# Readable from the back of the room (DECK.md): on a main slide, body text at 18 pt or more,
# table and chart text at 14 pt or more; the annex, a record read on paper, goes down to 11 pt.
BODY_MIN_PT, TABLE_MIN_PT, ANNEX_MIN_PT = 18, 14, 11
KICKER_NAME = "Rubrique"


def new_slide(
    prs, layout: str, title: str, max_pt: float = 28, min_pt: float = 20, kicker: str = ""
):
    """A slide of ``layout`` with its title fitted, and the section's name (``kicker``) small
    above it, on the right of the State's block."""
    slide = prs.slides.add_slide(get_layout(prs, layout))
    fill_text(slide.shapes.title, title, max_pt, min_pt, bold=True)
    if kicker:
        width = inches_of(prs.slide_width) - 2 * tb.MARGIN_IN - 3.2
        box = (inches_of(prs.slide_width) - tb.MARGIN_IN - width, 0.3, width, 0.4)
        size = fit_font_size(kicker, width, 14, 12)
        text_box(slide, box, kicker, size, tb.BLEU_FRANCE, "bold right middle", KICKER_NAME)
    return slide


def finish(prs, slide, *, dark: bool = False, dark_number: bool | None = None) -> None:
    """Drop empty placeholders; draw the footer text and the slide number (a field)."""
    for placeholder in list(slide.placeholders):
        if not placeholder.has_text_frame or not placeholder.text_frame.text.strip():
            xml.remove_shape(placeholder)
    slide_w = inches_of(prs.slide_width)
    footer_w = slide_w - 2 * tb.MARGIN_IN - tb.SLIDE_NUMBER_W_IN - 0.2
    footer = _FOOTERS.get(prs.part, "")
    box = (tb.MARGIN_IN, tb.FOOTER_TOP_IN, footer_w, tb.FOOTER_H_IN)
    text_box(slide, box, footer, 10, tb.WHITE if dark else tb.GREY_600, "middle", FOOTER_NAME)
    color = tb.WHITE if (dark if dark_number is None else dark_number) else tb.BLEU_FRANCE
    number_w = tb.SLIDE_NUMBER_W_IN
    box = (slide_w - tb.MARGIN_IN - number_w, tb.FOOTER_TOP_IN, number_w, tb.FOOTER_H_IN)
    number = text_box(slide, box, "", 10, color, "middle right", NUMBER_NAME)
    paragraph = number.text_frame.paragraphs[0]
    xml.add_slide_number_field(paragraph, len(prs.slides), size_pt=10, color=color, bold=True)


def rectangle(slide, box, color: str, name: str):
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(value) for value in box))
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(color)
    shape.line.fill.background()
    shape.shadow.inherit = False
    shape.name = name
    return shape
