"""Slide builders of the CLU deck, on the 16:9 template in the State's identity.

Every builder ``add_<kind>_slide(prs, ...)`` returns the slide it adds (the first one when a
table continues on further slides). Layouts are looked up by their French name, so any
template providing "Titre", "Titre et contenu", "Section", "Titre seul" and "Vide" works.
python-pptx does not auto-fit text: font sizes are chosen from the text length
(:func:`fit_font_size`) and every text box wraps.
"""

from __future__ import annotations

import math
import weakref
from contextlib import contextmanager
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData as _CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_MARK
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from pipeline.core.exceptions import TemplateError
from pipeline.core.formatting import format_percent
from pipeline.core.office_files import check_template_package
from pipeline.outputs import theme as tb
from pipeline.outputs.deck import pptx_xml as xml

LAYOUT_TITLE = "Titre"
LAYOUT_CONTENT = "Titre et contenu"
LAYOUT_SECTION = "Section"
LAYOUT_TITLE_ONLY = "Titre seul"
LAYOUT_BLANK = "Vide"
# Every layout the deck may use (a template must have them all: checked when a run starts).
LAYOUTS = (LAYOUT_TITLE, LAYOUT_CONTENT, LAYOUT_SECTION, LAYOUT_TITLE_ONLY, LAYOUT_BLANK)

MAX_TABLE_ROWS = 10
# Percent labels: a fraction shown with a no-break space before "%", as French typography wants
# ("97,2 %" in a French PowerPoint; the decimal mark follows the viewer's language).
PERCENT_FORMAT = '0.0"\u00a0"%'
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


class _InertWorkbookWriter(CategoryWorkbookWriter):
    """The chart's data workbook, where a category such as « =A1 » stays text (python-pptx's
    XlsxWriter would write it as a formula)."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        from xlsxwriter import Workbook

        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class CategoryChartData(_CategoryChartData):
    """python-pptx's chart data, with a data workbook that never holds a formula from input."""

    @property
    def _workbook_writer(self):
        if not hasattr(self, "_inert_writer"):
            self._inert_writer = _InertWorkbookWriter(self)
        return self._inert_writer


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color)


def _in(emu: int) -> float:
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


# --- text measure ------------------------------------------------------------------------------
_EM = {
    **dict.fromkeys("iljI.,;:'’|! \u00a0\u202f", 0.3),
    **dict.fromkeys('frt()[]-/J"', 0.4),
    **dict.fromkeys("mwMW%@—≥≤<>+=€…", 0.95),
}


def text_width_em(text: str, bold: bool = False) -> float:
    """Estimated width of ``text`` in em, per character class, measured on DejaVu Sans (what
    LibreOffice shows for Marianne when missing; wider than Marianne and Arial, hence safe)."""
    width = sum(_EM.get(char, 0.72 if char.isupper() else 0.62) for char in text)
    return width * (1.12 if bold else 1.0)


def _wrap(text: str, width_in: float, size_pt: float, bold: bool = False) -> list[str]:
    """Greedy word wrap as a renderer does it (no-break spaces keep their words together)."""
    limit = width_in * 72 / size_pt
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and text_width_em(candidate, bold) > limit:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def _words_fit(text: str, width_in: float, size_pt: float, bold: bool = False) -> bool:
    words = text.replace("\n", " ").split(" ")
    return max(text_width_em(word, bold) for word in words) * size_pt / 72 <= width_in


def fit_font_size(
    text: str,
    box_width_in: float,
    max_pt: float,
    min_pt: float,
    *,
    box_height_in: float | None = None,
    line_spacing: float = 1.2,
    bold: bool = False,
) -> float:
    """Largest whole size from ``max_pt`` down to ``min_pt`` at which ``text`` fits the box: on
    one line without ``box_height_in``, else wrapped within the height; no word is cut."""
    size = float(max_pt)
    while size > min_pt:
        lines = len(_wrap(text, box_width_in, size, bold))
        if box_height_in is None:
            fits = lines == 1
        else:
            fits = lines * size * line_spacing / 72 <= box_height_in
        if fits and _words_fit(text, box_width_in, size, bold):
            return size
        size -= 1
    return float(min_pt)


def _style_runs(frame, size_pt: float, color: str | None = None, bold=None, italic=None) -> None:
    size, rgb = Pt(size_pt), _rgb(color) if color else None
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            font = run.font  # (each ``run.font`` builds its proxy again: taken once)
            font.size = size
            if rgb is not None:
                font.color.rgb = rgb
            if bold is not None:
                font.bold = bold
            if italic is not None:
                font.italic = italic


def _text_box(slide, box, text: str, size_pt: float, color: str, flags: str = "", name=None):
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
    _style_runs(frame, size_pt, color, "bold" in flags, "italic" in flags)
    return shape


def _fill_text(shape, text: str, max_pt: float, min_pt: float, *, bold=False) -> float:
    """Put ``text`` in a placeholder at the largest size that holds in it; returns the size."""
    frame = shape.text_frame
    frame.word_wrap = True
    frame.text = text
    width, height = _in(shape.width) - 0.05, _in(shape.height) - 0.12
    size = fit_font_size(
        text, width, max_pt, min_pt, box_height_in=height, line_spacing=1.15, bold=bold
    )
    _style_runs(frame, size)
    return size


def _set_notes(slide, notes: str | None) -> None:
    if notes:
        slide.notes_slide.notes_text_frame.text = notes


def _content_width(prs) -> float:
    return _in(prs.slide_width) - 2 * tb.MARGIN_IN


def _new_slide(prs, layout: str, title: str, max_pt: float = 28, min_pt: float = 18):
    slide = prs.slides.add_slide(get_layout(prs, layout))
    _fill_text(slide.shapes.title, title, max_pt, min_pt, bold=True)
    return slide


def _finish(prs, slide, *, dark: bool = False, dark_number: bool | None = None) -> None:
    """Drop empty placeholders; draw the footer text and the slide number (a field)."""
    for placeholder in list(slide.placeholders):
        if not placeholder.has_text_frame or not placeholder.text_frame.text.strip():
            xml.remove_shape(placeholder)
    slide_w = _in(prs.slide_width)
    footer_w = slide_w - 2 * tb.MARGIN_IN - tb.SLIDE_NUMBER_W_IN - 0.2
    footer = _FOOTERS.get(prs.part, "")
    box = (tb.MARGIN_IN, tb.FOOTER_TOP_IN, footer_w, tb.FOOTER_H_IN)
    _text_box(slide, box, footer, 10, tb.WHITE if dark else tb.GREY_600, "middle", FOOTER_NAME)
    color = tb.WHITE if (dark if dark_number is None else dark_number) else tb.BLEU_FRANCE
    number_w = tb.SLIDE_NUMBER_W_IN
    box = (slide_w - tb.MARGIN_IN - number_w, tb.FOOTER_TOP_IN, number_w, tb.FOOTER_H_IN)
    number = _text_box(slide, box, "", 10, color, "middle right", NUMBER_NAME)
    paragraph = number.text_frame.paragraphs[0]
    xml.add_slide_number_field(paragraph, len(prs.slides), size_pt=10, color=color, bold=True)


# --- builders ----------------------------------------------------------------------------------
def add_title_slide(prs, title: str, subtitle: str, date_text: str, chair_text: str):
    """Cover: title, subtitle, meeting date and who chairs it."""
    slide = _new_slide(prs, LAYOUT_TITLE, title, 36, 24)
    _fill_text(slide.placeholders[1], subtitle, 20, 14)
    x, width = _in(slide.shapes.title.left), _in(slide.shapes.title.width)
    size = fit_font_size(date_text, width, 20, 14, bold=True)
    _text_box(slide, (x, 5.5, width, 0.4), date_text, size, tb.BLEU_FRANCE, "bold")
    size = fit_font_size(chair_text, width, 16, 11, box_height_in=0.75)
    _text_box(slide, (x, 5.98, width, 0.75), chair_text, size, tb.GREY_800)
    _finish(prs, slide, dark_number=True)
    return slide


def add_agenda_slide(prs, title: str, items: list[str]):
    """Numbered agenda ("Ordre du jour") in the content placeholder."""
    return add_numbered_slide(prs, title, items)


def add_numbered_slide(prs, title: str, items: list[str], *, notes: str | None = None):
    """A numbered list (the agenda, a label's engagements) in the content placeholder: the
    numbers are the list's own, never typed in the text beside a bullet."""
    slide = _new_slide(prs, LAYOUT_CONTENT, title)
    body = slide.placeholders[1]
    frame = body.text_frame
    frame.word_wrap = True
    frame.text = "\n".join(items)
    width, height = _in(body.width) - 0.55, _in(body.height) - 0.15
    size = 24.0
    while size > 14:
        lines = sum(len(_wrap(item, width, size)) for item in items)
        if (lines * 1.2 + len(items) * 0.8) * size / 72 <= height:
            break
        size -= 1
    for paragraph in frame.paragraphs:
        xml.set_autonumber(paragraph, tb.BLEU_FRANCE)
        paragraph.space_before = Pt(size * 0.8)
    _style_runs(frame, size, tb.GREY_900)
    _set_notes(slide, notes)
    _finish(prs, slide)
    return slide


def add_section_slide(prs, title: str):
    """Section divider on bleu France."""
    slide = _new_slide(prs, LAYOUT_SECTION, title, 40, 24)
    _finish(prs, slide, dark=True)
    return slide


def add_closing_slide(prs, title: str, contact: str):
    """Closing slide ("Merci de votre attention") with the quality team's contact."""
    slide = _new_slide(prs, LAYOUT_SECTION, title, 40, 24)
    _fill_text(slide.placeholders[1], contact, 20, 12)
    _finish(prs, slide, dark=True)
    return slide


def _rectangle(slide, box, color: str, name: str):
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(value) for value in box))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(color)
    shape.line.fill.background()
    shape.shadow.inherit = False
    shape.name = name
    return shape


def add_key_figures_slide(prs, title: str, figures: list[tuple[str, str]], *, notes=None):
    """2 to 4 key figures in cards: a big number ("38") over its label ("réclamations")."""
    if not 1 <= len(figures) <= 4:
        raise ValueError(f"Une diapositive porte de 1 à 4 chiffres clés, pas {len(figures)}.")
    slide = _new_slide(prs, LAYOUT_TITLE_ONLY, title)
    gap, count = 0.4, len(figures)
    card_w = (_content_width(prs) - gap * (count - 1)) / count
    card_h, top, inner_w = 3.2, tb.CONTENT_TOP_IN + 0.55, card_w - 0.5
    number_pt = min(fit_font_size(value, inner_w, 66, 24, bold=True) for value, _ in figures)
    label_pt = min(
        fit_font_size(label, inner_w, 20, 12, box_height_in=1.25) for _, label in figures
    )
    for index, (value, label) in enumerate(figures):
        x = tb.MARGIN_IN + index * (card_w + gap)
        _rectangle(slide, (x, top, card_w, card_h), tb.GREY_50, f"Carte {index + 1}")
        _rectangle(slide, (x, top + card_h - 0.08, card_w, 0.08), tb.BLEU_FRANCE, "Filet de carte")
        number_box, label_box = (x + 0.25, top + 0.25, inner_w, 1.3), (x + 0.25, top + 1.7)
        _text_box(slide, number_box, value, number_pt, tb.BLEU_FRANCE, "bold center bottom")
        _text_box(slide, (*label_box, inner_w, 1.3), label, label_pt, tb.GREY_800, "center")
    _set_notes(slide, notes)
    _finish(prs, slide)
    return slide


# --- tables ------------------------------------------------------------------------------------
_CELL_X, _CELL_Y, _MIN_ROW_IN = 0.08, 0.04, 0.4


def _split_rows(rows: list[list[str]]) -> list[list[list[str]]]:
    """Balanced chunks of at most MAX_TABLE_ROWS rows (14 rows → 7 + 7)."""
    if not rows:
        return [[]]
    size = math.ceil(len(rows) / math.ceil(len(rows) / MAX_TABLE_ROWS))
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def _auto_widths(header, rows, size: float, total: float, bold_col: int | None) -> list[float]:
    """Column widths (inches): a column narrower than its fair share keeps its one-line width,
    the others share what is left in proportion to their one-line width (then they wrap)."""
    pad = 2 * _CELL_X + 0.04
    natural = []
    for col, name in enumerate(header):
        cells = [text_width_em(row[col], col == bold_col) for row in rows]
        natural.append(max([text_width_em(name, True), *cells]) * size / 72 + pad)
    years = [col for col, name in enumerate(header) if name.strip().isdigit()]
    if years:  # year columns share one width: their longest unbreakable text
        words = [word for col in years for row in [header, *rows] for word in row[col].split(" ")]
        for col in years:
            natural[col] = max(text_width_em(word, True) for word in words) * size / 72 + pad
    if sum(natural) <= total:
        return [width * total / sum(natural) for width in natural]
    fixed: dict[int, float] = {}
    while True:
        flexible = [col for col in range(len(header)) if col not in fixed]
        share = (total - sum(fixed.values())) / len(flexible)
        small = {col: natural[col] for col in flexible if natural[col] <= share}
        if not small or len(small) == len(flexible):
            break
        fixed.update(small)
    left, flexible_sum = total - sum(fixed.values()), sum(natural[col] for col in flexible)
    return [fixed.get(col, natural[col] * left / flexible_sum) for col in range(len(header))]


def _row_height(cells: list[str], widths: list[float], size: float, bold=False) -> float:
    lines = max(
        len(_wrap(text, width - 2 * _CELL_X, size, bold))
        for text, width in zip(cells, widths, strict=True)
    )
    return max(lines * size * 1.2 / 72 + 2 * _CELL_Y + 0.04, _MIN_ROW_IN)


def _table_layout(header, chunks, total: float, height: float, shares, bold_col):
    """Largest font size (14 → 9 pt) with its column widths at which no word is cut and every
    chunk's table holds in ``height``."""
    rows = [row for chunk in chunks for row in chunk]
    size = 14.0
    while True:
        if shares:
            widths = [total * share / sum(shares) for share in shares]
        else:
            widths = _auto_widths(header, rows, size, total, bold_col)
        words_fit = all(
            _words_fit(text, width - 2 * _CELL_X, size, True)
            for row in [header, *rows]
            for text, width in zip(row, widths, strict=True)
        )
        tallest = max(
            _row_height(header, widths, size, True)
            + sum(_row_height(row, widths, size) for row in chunk)
            for chunk in chunks
        )
        if (words_fit and tallest <= height) or size <= 9:
            return size, widths
        size -= 1


def _style_cell(cell, text: str, size: float, style: tuple, align) -> None:
    fill, color, bold, italic = style
    cell.text = text
    cell.fill.solid()
    cell.fill.fore_color.rgb = _rgb(fill)
    cell.margin_left = cell.margin_right = Inches(_CELL_X)
    cell.margin_top = cell.margin_bottom = Inches(_CELL_Y)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame = cell.text_frame
    frame.word_wrap = True
    for paragraph in frame.paragraphs:
        paragraph.alignment = align
    _style_runs(frame, size, color, bold, italic)
    xml.set_cell_border(cell, tb.GREY_200)


def add_table_slide(
    prs,
    title: str,
    header: list[str],
    rows: list[list[str]],
    *,
    col_widths: list[float] | None = None,
    status_col: int | None = None,
    footnote: str | None = None,
    notes: str | None = None,
):
    """A native table of already formatted cells; beyond MAX_TABLE_ROWS rows it continues on
    slides titled "<title> (suite)". Returns the first slide (the one carrying the notes)."""
    width = _content_width(prs)
    height = tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN - (0.5 if footnote else 0.0)
    chunks = _split_rows(rows)
    size, widths = _table_layout(header, chunks, width, height, col_widths, status_col)
    centred = [col > 0 and all(len(row[col]) <= 24 for row in rows) for col in range(len(header))]
    aligns = [PP_ALIGN.CENTER if flag else PP_ALIGN.LEFT for flag in centred]
    slides = []
    for chunk in chunks:
        slide_title = title if not slides else title + CONTINUED
        slide = _new_slide(prs, LAYOUT_TITLE_ONLY, slide_title)
        heights = [_row_height(header, widths, size, True)]
        heights += [_row_height(row, widths, size) for row in chunk]
        box = (tb.MARGIN_IN, tb.CONTENT_TOP_IN, width, sum(heights))
        frame = slide.shapes.add_table(len(chunk) + 1, len(header), *(Inches(v) for v in box))
        frame.name = "Tableau"
        xml.set_alt_text(frame, f"Tableau : {slide_title}")
        table = frame.table
        xml.set_table_style(table)
        table.first_row, table.horz_banding = True, False
        for col, col_width in enumerate(widths):
            table.columns[col].width = Inches(col_width)
        for index, row_height in enumerate(heights):
            table.rows[index].height = Inches(row_height)
        for col, text in enumerate(header):
            header_style = (tb.BLEU_FRANCE, tb.WHITE, True, False)
            _style_cell(table.cell(0, col), text, size, header_style, aligns[col])
        for index, row in enumerate(chunk, start=1):
            plain = (tb.GREY_50 if index % 2 == 0 else tb.WHITE, tb.GREY_900, False, False)
            for col, text in enumerate(row):
                status = STATUS_STYLES.get(text.strip().lower()) if col == status_col else None
                _style_cell(table.cell(index, col), text, size, status or plain, aligns[col])
        if footnote:
            note_pt = fit_font_size(footnote, width, 11, 9, box_height_in=0.4)
            box = (tb.MARGIN_IN, tb.CONTENT_BOTTOM_IN - 0.4, width, 0.4)
            _text_box(slide, box, footnote, note_pt, tb.GREY_600, "italic bottom")
        _set_notes(slide, notes if not slides or not notes else f"Suite du tableau. {notes}")
        _finish(prs, slide)
        slides.append(slide)
    return slides[0]


# --- charts ------------------------------------------------------------------------------------
def _bar_labels(categories: list[str], slot_h_in: float, max_w_in: float):
    """Category label size and labels pre-wrapped so each holds in its bar's slot."""
    size = 14.0
    while size > 9:
        wrapped = [_wrap(label, max_w_in, size) for label in categories]
        tallest = max(len(lines) for lines in wrapped)
        words_fit = all(_words_fit(label, max_w_in, size) for label in categories)
        if words_fit and tallest * size * 1.2 / 72 <= slot_h_in * 0.85:
            break
        size -= 1
    wrapped = [_wrap(label, max_w_in, size) for label in categories]
    widest = max(text_width_em(line) for lines in wrapped for line in lines) * size / 72
    return size, ["\n".join(lines) for lines in wrapped], min(max_w_in, widest) + 0.15


def _value_scale(values: list[float], target: float | None) -> float:
    """Value axis maximum: 100 % for rates above 50 %, else a round value just above the data."""
    top = max([*values, target or 0.0])
    if top > 0.5:
        return max(1.0, top)
    step = 0.01 if top <= 0.1 else 0.05
    return max(step, math.ceil(top * 1.15 / step) * step)


def add_bar_chart_slide(
    prs,
    title: str,
    categories: list[str],
    values: list[float],
    *,
    target: float | None = None,
    number_format: str = PERCENT_FORMAT,
    notes: str | None = None,
    alt_text: str,
    horizontal: bool = True,
    series_name: str = "Taux",
):
    """A native (editable) bar chart of fractions shown as percents with data labels, bars in
    bleu France, categories top to bottom; the target is a dashed rouge Marianne line."""
    if not categories or len(categories) != len(values):
        raise ValueError(
            f"Graphique « {title} » : {len(categories)} catégories pour {len(values)} valeurs."
        )
    slide = _new_slide(prs, LAYOUT_TITLE_ONLY, title)
    width, height = _content_width(prs), tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN
    scale = _value_scale(values, target)
    top = 0.45 if target is not None and horizontal else 0.35
    if horizontal:
        slot = (height - top - 0.1) / max(len(categories), 1)
        label_pt, labels, label_w = _bar_labels(categories, slot, 0.5 * width)
        plot = (label_w + 0.1, top, width - label_w - 0.1 - 0.9, height - top - 0.1)
    else:
        right = 1.5 if target is not None else 0.1
        plot = (0.1, top, width - 0.1 - right, height - top - 0.75)
        slot = plot[2] / max(len(categories), 1) - 0.15
        label_pt = min(fit_font_size(c, slot, 14, 9, box_height_in=0.6) for c in categories)
        labels = categories
    data = CategoryChartData(number_format=number_format)
    data.categories = labels
    data.add_series(series_name, values)
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    box = (tb.MARGIN_IN, tb.CONTENT_TOP_IN, width, height)
    frame = slide.shapes.add_chart(kind, *(Inches(v) for v in box), data)
    frame.name = "Graphique"
    xml.set_alt_text(frame, alt_text)
    chart = frame.chart
    xml.prepare_chart_space(chart)
    chart.has_legend = chart.has_title = False
    chart.font.size = Pt(label_pt)
    chart.font.color.rgb = _rgb(tb.GREY_800)
    bars = chart.plots[0]
    bars.gap_width = 50 if len(categories) > 6 else 100
    bars.vary_by_categories = False
    bars.series[0].format.fill.solid()
    bars.series[0].format.fill.fore_color.rgb = _rgb(tb.BLEU_FRANCE)
    bars.has_data_labels = True
    data_labels = bars.data_labels
    data_labels.number_format, data_labels.number_format_is_linked = number_format, False
    # Inside the bar, at its base, when every bar is long enough: the target line never
    # crosses a label; otherwise after the bar end.
    inside = horizontal and min(values) / scale * plot[2] >= 0.9
    data_labels.position = (
        XL_LABEL_POSITION.INSIDE_BASE if inside else XL_LABEL_POSITION.OUTSIDE_END
    )
    data_labels.font.size, data_labels.font.bold = Pt(max(label_pt, 12)), True
    data_labels.font.color.rgb = _rgb(tb.WHITE if inside else tb.GREY_900)
    if not inside:
        xml.set_data_labels_fill(bars, tb.WHITE)
    category_axis, value_axis = chart.category_axis, chart.value_axis
    category_axis.reverse_order = horizontal
    category_axis.major_tick_mark = XL_TICK_MARK.NONE
    category_axis.format.line.color.rgb = _rgb(tb.GREY_200)
    category_axis.tick_labels.font.size = Pt(label_pt)
    value_axis.minimum_scale, value_axis.maximum_scale = 0, scale
    value_axis.has_major_gridlines = value_axis.visible = False
    xml.set_plot_area_layout(
        chart, plot[0] / width, plot[1] / height, plot[2] / width, plot[3] / height
    )
    if target is not None:
        origin = (tb.MARGIN_IN + plot[0], tb.CONTENT_TOP_IN + plot[1], plot[2], plot[3])
        line = _draw_target(slide, target, target / scale, origin, horizontal)
        if not inside:  # behind the bars and the (opaque) labels it would cross
            xml.send_behind(line, frame)
    _set_notes(slide, notes)
    _finish(prs, slide)
    return slide


def _draw_target(slide, target: float, share: float, plot, horizontal: bool):
    """Dashed rouge Marianne line across the plot area at the target, with its label."""
    px, py, pw, ph = plot
    if horizontal:
        x = px + pw * share
        ends, label_box = (x, py - 0.08, x, py + ph), (x - 1, py - 0.42, 2, 0.3)
    else:
        y = py + ph * (1 - share)
        ends, label_box = (px, y, px + pw, y), (px + pw + 0.1, y - 0.15, 1.3, 0.3)
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, *(Inches(v) for v in ends))
    line.name = "Ligne de cible"
    line.line.color.rgb = _rgb(tb.ROUGE_MARIANNE)
    line.line.width = Pt(2)
    line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    decimals = 0 if round(target * 100, 6).is_integer() else 1
    text = f"Cible : {format_percent(target, decimals)}"
    flags = "bold center bottom" if horizontal else "bold middle"
    _text_box(slide, label_box, text, 12, tb.ROUGE_MARIANNE, flags, "Libellé de cible")
    return line


# --- text slides ---------------------------------------------------------------------------------
def _bulleted(frame, items: list[str], size: float, color: str) -> None:
    frame.word_wrap = True
    frame.text = "\n".join(items)
    for paragraph in frame.paragraphs:
        paragraph.space_before = Pt(size * 0.45)
    _style_runs(frame, size, color)


def _list_size(items: list[str], width: float, height: float, max_pt: float, min_pt: float):
    size = max_pt
    while size > min_pt:
        lines = sum(len(_wrap(item, width, size)) for item in items)
        if (lines * 1.2 + len(items) * 0.45) * size / 72 <= height:
            break
        size -= 1
    return size


def add_bullets_slide(prs, title: str, items: list[str], *, notes: str | None = None):
    """A bulleted list in the content placeholder, at the largest size that holds."""
    slide = _new_slide(prs, LAYOUT_CONTENT, title)
    body = slide.placeholders[1]
    width, height = _in(body.width) - 0.5, _in(body.height) - 0.15
    size = _list_size(items, width, height, 22, 12)
    _bulleted(body.text_frame, items, size, tb.GREY_900)
    _set_notes(slide, notes)
    _finish(prs, slide)
    return slide


def add_two_lists_slide(
    prs, title: str, left: tuple[str, list[str]], right: tuple[str, list[str]], *, notes=None
):
    """Two headed lists side by side (« Points positifs » / « Points de vigilance »)."""
    slide = _new_slide(prs, LAYOUT_TITLE_ONLY, title)
    gap = 0.4
    card_w = (_content_width(prs) - gap) / 2
    top, height = tb.CONTENT_TOP_IN + 0.1, tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN - 0.1
    colors = (tb.SUCCESS, tb.ERROR)
    inner_w, list_h = card_w - 0.5, height - 1.0
    size = min(
        _list_size(items or ["–"], inner_w - 0.3, list_h, 18, 11) for _, items in (left, right)
    )
    for index, (heading, items) in enumerate((left, right)):
        x = tb.MARGIN_IN + index * (card_w + gap)
        _rectangle(slide, (x, top, card_w, height), tb.GREY_50, f"Carte {index + 1}")
        _rectangle(slide, (x, top, 0.08, height), colors[index], "Filet de carte")
        _text_box(slide, (x + 0.3, top + 0.2, inner_w, 0.5), heading, 20, colors[index], "bold")
        box = slide.shapes.add_textbox(*(Inches(v) for v in (x + 0.3, top + 0.8, inner_w, list_h)))
        box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        _bulleted(box.text_frame, [f"• {item}" for item in items] or ["–"], size, tb.GREY_900)
    _set_notes(slide, notes)
    _finish(prs, slide)
    return slide


def add_text_slide(prs, title: str, heading: str, body: str, *, notes: str | None = None):
    """A framed text (a template e-mail submitted for opinion), sized to fit its card."""
    slide = _new_slide(prs, LAYOUT_TITLE_ONLY, title)
    width = _content_width(prs)
    top, height = tb.CONTENT_TOP_IN + 0.1, tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN - 0.1
    _rectangle(slide, (tb.MARGIN_IN, top, width, height), tb.GREY_50, "Carte")
    _rectangle(slide, (tb.MARGIN_IN, top, 0.08, height), tb.BLEU_FRANCE, "Filet de carte")
    _text_box(slide, (tb.MARGIN_IN + 0.3, top + 0.15, width - 0.6, 0.45), heading, 18,
              tb.BLEU_FRANCE, "bold")  # fmt: skip
    text_h = height - 0.85
    size = fit_font_size(body, width - 0.6, 16, 9, box_height_in=text_h, line_spacing=1.25)
    _text_box(slide, (tb.MARGIN_IN + 0.3, top + 0.7, width - 0.6, text_h), body, size, tb.GREY_900)
    _set_notes(slide, notes)
    _finish(prs, slide)
    return slide


# --- other native charts -------------------------------------------------------------------------
CHART_KINDS = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}
SERIES_COLORS = (tb.BLEU_FRANCE, tb.ROUGE_MARIANNE, "6A6AF4", tb.GREY_500, tb.SUCCESS, tb.WARNING,
                 tb.INFO, tb.GREY_800)  # fmt: skip
COUNT_FORMAT = "#,##0"


def add_chart_slide(
    prs,
    title: str,
    kind: str,
    categories: list[str],
    series: dict[str, list[float | None]],
    *,
    alt_text: str,
    number_format: str = PERCENT_FORMAT,
    notes: str | None = None,
    maximum: float | None = None,
):
    """A native chart (column, bar, line or pie) with data labels; several series get a legend.

    Values are fractions with the percent format (python-pptx's ``%`` multiplies by 100), or
    counts with ``COUNT_FORMAT``. A missing value (None) leaves a gap, never a zero.
    """
    slide = _new_slide(prs, LAYOUT_TITLE_ONLY, title)
    width, height = _content_width(prs), tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN
    data = CategoryChartData(number_format=number_format)
    labels = [label if len(label) <= 40 else label[:38] + "…" for label in categories]
    data.categories = labels
    for name, values in series.items():
        data.add_series(name, values)
    box = (tb.MARGIN_IN, tb.CONTENT_TOP_IN, width, height)
    frame = slide.shapes.add_chart(CHART_KINDS[kind], *(Inches(v) for v in box), data)
    frame.name = "Graphique"
    xml.set_alt_text(frame, alt_text)
    chart = frame.chart
    xml.prepare_chart_space(chart)
    xml.set_blanks_as_gap(chart)
    chart.has_title = False
    size = 14 if len(categories) <= 6 else 12
    chart.font.size = Pt(size)
    chart.font.color.rgb = _rgb(tb.GREY_800)
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = number_format, False
    plot.data_labels.font.size = Pt(size)
    if kind == "pie":
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        plot.vary_by_categories = True
        for index, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(SERIES_COLORS[index % len(SERIES_COLORS)])
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    else:
        chart.has_legend = len(series) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        plot.vary_by_categories = False
        for index, item in enumerate(plot.series):
            color = _rgb(SERIES_COLORS[index % len(SERIES_COLORS)])
            if kind == "line":
                item.format.line.color.rgb = color
                item.format.line.width = Pt(2.5)
                item.marker.format.fill.solid()
                item.marker.format.fill.fore_color.rgb = color
                item.smooth = False
            else:
                item.format.fill.solid()
                item.format.fill.fore_color.rgb = color
        if kind in ("column", "bar"):
            plot.gap_width = 60
            plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        else:
            plot.data_labels.position = XL_LABEL_POSITION.ABOVE
        chart.category_axis.reverse_order = kind == "bar"
        chart.category_axis.major_tick_mark = XL_TICK_MARK.NONE
        chart.category_axis.format.line.color.rgb = _rgb(tb.GREY_200)
        value_axis = chart.value_axis
        value_axis.has_major_gridlines, value_axis.visible = False, False
        value_axis.minimum_scale = 0
        numbers = [v for values in series.values() for v in values if v is not None]
        top = maximum if maximum is not None else max(numbers or [1]) * 1.18
        value_axis.maximum_scale = top
    _set_notes(slide, notes)
    _finish(prs, slide)
    return slide
