"""How the dashboard's sheets print: A4 landscape fitted to the page's width, the header row
repeated on each page, a French header and footer with page numbers, and page breaks placed so
that a module (or a service) never starts at the foot of a page without its rows.

Spreadsheets break pages by themselves, row by row, blind to the groups of rows: a « Module 3 »
band could end page 1 alone. The sheet's layout is known when it is written (column widths, row
heights: :func:`pipeline.outputs.dashboard.workbook._fit_row_height` sets every row's), so the
pages are laid out here and every page's end is a manual break, with a margin of safety so that
Excel and LibreOffice never need a break of their own before ours.
"""

from __future__ import annotations

import math

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

# A4 landscape in points, and the margins (inches, as the sheet stores them).
PAGE_PT = (842.0, 595.0)
MARGINS_IN = {"left": 0.4, "right": 0.4, "top": 0.75, "bottom": 0.75, "header": 0.3,
              "footer": 0.3}  # fmt: skip
SAFETY = 0.93  # of a page's height: what our estimate of a page may fill (fonts, rounding)
DEFAULT_ROW_PT = 15.0  # Calibri 11 (Carlito where it is absent)


def column_points(width_chars: float) -> float:
    """A column's width in points: Excel's width in characters of Calibri 11 (7 pixels a
    character and 5 of padding, at 96 pixels an inch)."""
    return (width_chars * 7 + 5) * 0.75


def fit_scale(widths_chars: list[float]) -> float:
    """The scale at which the columns fill the printable width (never over 100 %), in whole
    percent, as spreadsheets round it."""
    printable = PAGE_PT[0] - (MARGINS_IN["left"] + MARGINS_IN["right"]) * 72
    total = sum(column_points(w) for w in widths_chars)
    return min(100, math.floor(100 * printable / total)) / 100 if total else 1.0


def page_capacity(scale: float) -> float:
    """The height of rows (points, at 100 %) a page holds at ``scale``, with the margin of
    safety."""
    printable = PAGE_PT[1] - (MARGINS_IN["top"] + MARGINS_IN["bottom"]) * 72
    return printable / scale * SAFETY


def page_breaks(
    heights: dict[int, float], header_row: int, last: int, bands: list[int], capacity: float
) -> list[int]:
    """The rows that start a page (after the first): rows ``1 … header_row`` open page 1, the
    header row is repeated on every other page, and each group of rows (a band row of
    ``bands`` and the rows down to the next band) is kept on one page when it fits on one,
    else starts where its band and its first row fit. Pure: the sheet's rows as heights."""

    def height(row: int) -> float:
        return heights.get(row, DEFAULT_ROW_PT)

    title = height(header_row)
    used = sum(height(row) for row in range(1, header_row + 1))
    starts, band_set = [], set(bands)
    following = [*bands[1:], last + 1]
    ends = {band: after - 1 for band, after in zip(bands, following, strict=True)}
    for row in range(header_row + 1, last + 1):
        needed = height(row)
        if row in band_set:
            whole = sum(height(r) for r in range(row, ends[row] + 1))
            first = height(row) + (height(row + 1) if row < ends[row] else 0)
            needed = whole if title + whole <= capacity else first
        if used + needed > capacity and used > title:
            starts.append(row)
            used = title
        used += height(row)
    return starts


def set_print_layout(sheet: Worksheet, header_row: int, header: str, footer: str,
                     bands: list[int] = ()) -> None:  # fmt: skip
    """Landscape A4 fitted to the width, ``header_row`` repeated on each page, ``header`` (the
    document) at the top left with the sheet's name at the right, ``footer`` at the bottom left
    with « Page n sur N » in the middle; with ``bands`` (the rows that open a group), a page
    break before every page's first row so that no group is cut from its first row."""
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0  # (0: as many pages high as needed)
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.horizontalCentered = True
    for side, inches in MARGINS_IN.items():
        setattr(sheet.page_margins, side, inches)
    header, footer = header.replace("&", "&&"), footer.replace("&", "&&")  # (« & » is a code)
    for part, text in ((sheet.oddHeader.left, header), (sheet.oddHeader.right, "&A"),
                       (sheet.oddFooter.left, footer),
                       (sheet.oddFooter.center, "Page &P sur &N")):  # fmt: skip
        part.text, part.size = text, 9
    if not bands:
        return
    widths = [
        sheet.column_dimensions[get_column_letter(col)].width or 8.43
        for col in range(1, sheet.max_column + 1)
    ]  # fmt: skip
    heights = {
        row: dimension.height
        for row, dimension in sheet.row_dimensions.items()
        if dimension.height is not None
    }  # fmt: skip
    capacity = page_capacity(fit_scale(widths))
    for start in page_breaks(heights, header_row, sheet.max_row, list(bands), capacity):
        sheet.row_breaks.append(Break(id=start - 1))  # (a break lies under the row it names)
