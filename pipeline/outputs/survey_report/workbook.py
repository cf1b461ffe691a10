"""Tables of a report shown two ways from one definition: in a notebook and its HTML rendering
with French number formats (``93,5 %``, ``+3,2 pts``), and in an Excel workbook with the raw
values and Excel number formats (``0.0%``), for colleagues who want the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.core.formatting import (
    excel_number_format,
    format_number,
    format_percent,
    format_points,
    rounded,
)
from pipeline.core.inert import neutralise_formulas
from pipeline.core.stable_zip import save_stable_workbook
from pipeline.outputs.escaping import html_text

SMALL_N_MARK = "*"  # after a figure computed on too few answers
# Excel number formats by kind of column (Excel shows them with the reader's separators).
EXCEL_FORMATS = {
    "integer": "#,##0",
    "percent": excel_number_format("%", 1),  # « 93,5 % », with the no-break space
    "pvalue": "0.000",
}  # points: each cell its own (« +2,8 pts », « −1,8 pt », « 0,0 pt »: :func:`_points_format`)


def _points_format(points) -> str | None:
    """A change in points as the report writes it: signed, « pt » under two, no « −0,0 »."""
    if points is None or pd.isna(points):
        return None
    return excel_number_format("points", 1, rounded(float(points), 1), signed=True)


def format_p_value(value) -> str:
    if pd.isna(value):
        return "–"
    return "< 0,001" if value < 0.001 else format_number(value, 3)


FORMATTERS = {  # pd.NA (nullable columns) is shown as « – », like a missing number
    "integer": lambda v: "–" if pd.isna(v) else format_number(v),
    "percent": lambda v: "–" if pd.isna(v) else format_percent(v, 1),
    "points": format_points,
    "pvalue": format_p_value,
    "text": lambda v: "" if pd.isna(v) else str(v),
}


@dataclass(frozen=True)
class ReportTable:
    """A table of the report: French headers, raw values, a kind per column (integer, percent,
    points, pvalue, text) that decides its format in HTML and in Excel, and a note (its n).

    ``display`` optionally replaces the HTML body with pre-formatted text (a pivot showing
    « 93,5 % (140) »); the workbook always gets the raw values.
    """

    sheet: str  # the workbook's sheet name (31 characters at most)
    title: str
    frame: pd.DataFrame
    kinds: dict[str, str] = field(default_factory=dict)
    note: str = ""
    display: pd.DataFrame | None = None
    text_columns: tuple[str, ...] = ()  # left-aligned columns of ``display`` (else the first)

    def kind(self, column: str) -> str:
        return self.kinds.get(column, "text")

    def formatted(self) -> pd.DataFrame:
        """Every cell as the French text shown in the report."""
        if self.display is not None:
            return self.display
        return pd.DataFrame(
            {c: self.frame[c].map(FORMATTERS[self.kind(c)]) for c in self.frame.columns}
        )

    def _repr_html_(self) -> str:
        shown = self.formatted()
        numeric = {c: self.kind(c) != "text" for c in shown.columns}
        if self.display is not None:
            text = self.text_columns or (shown.columns[0],)
            numeric = {c: c not in text for c in shown.columns}

        def cell(tag: str, column: str, text: str) -> str:
            classes = ["num"] if numeric[column] else []
            if tag == "td" and text.startswith("⚠"):
                classes.append("alert")
            elif tag == "td" and text.endswith(SMALL_N_MARK):
                classes.append("small-n")  # muted: too few answers to be read as the others
            attribute = f' class="{" ".join(classes)}"' if classes else ""
            return f"<{tag}{attribute}>{html_text(text)}</{tag}>"

        head = "".join(cell("th", c, c) for c in shown.columns)
        rows = "".join(
            "<tr>" + "".join(cell("td", c, v) for c, v in zip(shown.columns, row, strict=True))
            + "</tr>"
            for row in shown.itertuples(index=False)
        )  # fmt: skip
        note = f'<p class="table-note">{html_text(self.note)}</p>' if self.note else ""
        return (
            f'<table class="report-table"><caption>{html_text(self.title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{note}"
        )


def format_interval(low, high) -> str:
    """``(0.937, 0.989)`` → ``93,7 – 98,9 %``."""
    if pd.isna(low) or pd.isna(high):
        return "–"
    return f"{format_number(low * 100, 1)} – {format_percent(high, 1)}"


def write_workbook(
    tables: dict[str, ReportTable], path: Path, title: str, readme: list[str], build: str = ""
) -> Path:
    """One sheet per table (title, note, styled headers, Excel number formats) after a
    « Lisez-moi » sheet; ``build`` (the digest of the inputs) goes in its properties."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from pipeline.outputs.theme import BLEU_FRANCE

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Lisez-moi"
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14, color=BLEU_FRANCE)
    for row, line in enumerate(readme, start=3):
        sheet.cell(row=row, column=1, value=line)
    contents = len(readme) + 4
    sheet.cell(row=contents, column=1, value="Onglets").font = Font(bold=True)
    for offset, table in enumerate(tables.values(), start=1):
        sheet.cell(row=contents + offset, column=1, value=f"{table.sheet} : {table.title}")
    sheet.column_dimensions["A"].width = 110

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=BLEU_FRANCE)
    for table in tables.values():
        sheet = workbook.create_sheet(table.sheet[:31])
        sheet["A1"] = table.title
        sheet["A1"].font = Font(bold=True, size=12, color=BLEU_FRANCE)
        sheet["A2"] = table.note
        sheet["A2"].font = Font(italic=True, color="3A3A3A")
        first = 4
        for index, column in enumerate(table.frame.columns, start=1):
            cell = sheet.cell(row=first, column=index, value=column)
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="bottom")
            kind = table.kind(column)
            values = table.frame[column]
            if kind == "points":
                values = values.astype("Float64") * 100
            number_format = EXCEL_FORMATS.get(kind)
            for offset, value in enumerate(values, start=1):
                cell = sheet.cell(row=first + offset, column=index, value=_excel_value(value))
                if kind == "points":
                    number_format = _points_format(value)
                if number_format:
                    cell.number_format = number_format
            words = max(len(word) for word in str(column).split())  # headers wrap on 3 lines
            longest = max([words, len(str(column)) // 3, *(len(str(v)) for v in values.head(200))])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, longest + 3))
        sheet.row_dimensions[first].height = 45
        sheet.freeze_panes = sheet.cell(row=first + 1, column=2)
        if len(table.frame):
            last = get_column_letter(len(table.frame.columns))
            sheet.auto_filter.ref = f"A{first}:{last}{first + len(table.frame)}"
    from pipeline import __version__

    workbook.properties.title = title
    workbook.properties.language = "fr-FR"
    workbook.properties.identifier = build or None
    workbook.properties.version = __version__
    path.parent.mkdir(parents=True, exist_ok=True)
    neutralise_formulas(workbook)
    return save_stable_workbook(workbook, path)


def _excel_value(value):
    """A cell value openpyxl accepts: missing → empty, numpy scalars → Python numbers."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value
