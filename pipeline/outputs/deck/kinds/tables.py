"""Native tables of already formatted cells, sized so no word is cut."""

from __future__ import annotations

import math

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches

from pipeline.outputs import theme as tb
from pipeline.outputs.deck import pptx_xml as xml
from pipeline.outputs.deck.kinds.base import (
    ANNEX_MIN_PT,
    CONTINUED,
    LAYOUT_TITLE_ONLY,
    STATUS_STYLES,
    TABLE_MIN_PT,
    content_width,
    finish,
    new_slide,
    rgb,
    set_notes,
    style_runs,
    text_box,
)
from pipeline.outputs.deck.kinds.measure import fit_font_size, text_width_em, words_fit, wrap

MAX_TABLE_ROWS = 10  # an annex table's rows per slide
MAIN_ROWS, MAIN_COLUMNS = 6, 5  # a main slide's table, readable from the back of the room

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
        len(wrap(text, width - 2 * _CELL_X, size, bold))
        for text, width in zip(cells, widths, strict=True)
    )
    return max(lines * size * 1.2 / 72 + 2 * _CELL_Y + 0.04, _MIN_ROW_IN)


def _table_layout(header, chunks, total: float, height: float, shares, bold_col, least: float):
    """Largest font size (18 pt down to ``least``) with its column widths at which no word is
    cut and every chunk's table holds in ``height``."""
    rows = [row for chunk in chunks for row in chunk]
    size = 18.0
    while True:
        if shares:
            widths = [total * share / sum(shares) for share in shares]
        else:
            widths = _auto_widths(header, rows, size, total, bold_col)
        every_word_fits = all(
            words_fit(text, width - 2 * _CELL_X, size, True)
            for row in [header, *rows]
            for text, width in zip(row, widths, strict=True)
        )
        tallest = max(
            _row_height(header, widths, size, True)
            + sum(_row_height(row, widths, size) for row in chunk)
            for chunk in chunks
        )
        if (every_word_fits and tallest <= height) or size <= least:
            return size, widths
        size -= 1


def fits_main_slide(
    prs, header: list[str], rows: list[list[str]], *, col_widths=None, footnote: str = ""
) -> bool:
    """Whether ``rows`` hold in one main slide's table: at most MAIN_ROWS rows and MAIN_COLUMNS
    columns, text at 14 pt or more, every word whole, within the slide's height (a storyline
    packs a long list on as few slides as it takes)."""
    if len(rows) > MAIN_ROWS or len(header) > MAIN_COLUMNS:
        return False
    height = tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN - (0.65 if footnote else 0.0)
    size, widths = _table_layout(header, [rows], content_width(prs), height, col_widths, None,
                                 TABLE_MIN_PT)  # fmt: skip
    tallest = _row_height(header, widths, size, True) + sum(
        _row_height(row, widths, size) for row in rows
    )
    every_word_fits = all(
        words_fit(text, width - 2 * _CELL_X, size, True)
        for row in [header, *rows]
        for text, width in zip(row, widths, strict=True)
    )
    return tallest <= height and every_word_fits


def _style_cell(cell, text: str, size: float, style: tuple, align) -> None:
    fill, color, bold, italic = style
    cell.text = text
    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(fill)
    cell.margin_left = cell.margin_right = Inches(_CELL_X)
    cell.margin_top = cell.margin_bottom = Inches(_CELL_Y)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame = cell.text_frame
    frame.word_wrap = True
    for paragraph in frame.paragraphs:
        paragraph.alignment = align
    style_runs(frame, size, color, bold, italic)
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
    kicker: str = "",
    annex: bool = False,
    cell_status: list[list[str | None]] | None = None,
):
    """A native table of already formatted cells. On a main slide: at most MAIN_ROWS rows and
    MAIN_COLUMNS columns, text at 14 pt or more (ValueError otherwise: the storyline sends
    longer tables to the annex). In the annex, beyond MAX_TABLE_ROWS rows the table continues
    on slides titled "<title> (suite)". ``cell_status`` colours each cell by its own status
    (« atteint », « non atteint »; a month's value beside its target). Returns the first slide
    (the one carrying the notes)."""
    if not annex and (len(rows) > MAIN_ROWS or len(header) > MAIN_COLUMNS):
        raise ValueError(
            f"Tableau « {title} » : {len(rows)} lignes × {len(header)} colonnes ; une "
            f"diapositive principale en porte au plus {MAIN_ROWS} × {MAIN_COLUMNS}."
        )
    width = content_width(prs)
    note_h = 0.65 if footnote else 0.0
    height = tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN - note_h
    chunks = _split_rows(rows)
    least = ANNEX_MIN_PT if annex else TABLE_MIN_PT
    size, widths = _table_layout(header, chunks, width, height, col_widths, status_col, least)
    centred = [col > 0 and all(len(row[col]) <= 24 for row in rows) for col in range(len(header))]
    aligns = [PP_ALIGN.CENTER if flag else PP_ALIGN.LEFT for flag in centred]
    slides, done = [], 0
    statuses = cell_status or [[None] * len(header) for _ in rows]
    for chunk in chunks:
        slide_title = title if not slides else title + CONTINUED
        slide = new_slide(prs, LAYOUT_TITLE_ONLY, slide_title, kicker=kicker)
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
                own = statuses[done + index - 1][col]
                status = status or (STATUS_STYLES.get(own) if own else None)
                _style_cell(table.cell(index, col), text, size, status or plain, aligns[col])
        done += len(chunk)
        if footnote:
            top_pt, low_pt = (12, 9) if annex else (16, TABLE_MIN_PT)
            note_pt = fit_font_size(footnote, width, top_pt, low_pt, box_height_in=note_h)
            box = (tb.MARGIN_IN, tb.CONTENT_BOTTOM_IN - note_h, width, note_h)
            text_box(slide, box, footnote, note_pt, tb.GREY_800, "italic bottom", "Note")
        set_notes(slide, notes if not slides or not notes else f"Suite du tableau. {notes}")
        finish(prs, slide)
        slides.append(slide)
    return slides[0]
