"""The « tableau de bord qualité » workbook, as CLU decks show it, from the tidy indicator
table: a yearly summary sheet, a monthly and quarterly detail sheet for the period, and the
numerators and denominators behind every value.

Values are real numbers with number formats (a colleague can compute with them), stored as
the documents round them (:mod:`pipeline.core.formatting`: half up at the precision shown), so
that a cell reads exactly as the deck, the minutes and the poster write its value — « 84,7 % »,
« 2,1 j », « +2,8 pts » — and never « −0,0 »; a value that would read as reaching a target it
misses gets the decimal that tells them apart (« 89,95 % » beside « ≥ 90 % », « non atteint »).
The exact figures stay in the numerators and denominators of their sheet. A missing value
shows its reason (« aucune demande », « sans objet », « non suivi », « aucune réponse »,
« en quarantaine ») in grey.

Printed: A4 landscape, fitted to the page's width, the header row repeated on each page, a
header and a footer in French (« Page 2 sur 5 »), and a page break before a module (or a
service) that would not fit under the previous one — never a band alone at a page's foot
(:mod:`pipeline.outputs.dashboard.printing`).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.styles import Font as _Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline import __version__
from pipeline.compute.indicators import MONTH, QUARTER, STATUS_MET, STATUS_MISSED, YEAR
from pipeline.core.formatting import (
    UNIT_SCALES,
    excel_number_format,
    figure_for_status,
    format_date,
    format_month_span,
    format_number,
    format_value_for_status,
    rounded,
    value_decimals,
)
from pipeline.core.inert import neutralise_formulas
from pipeline.core.stable_zip import save_stable_workbook
from pipeline.core.targets import target_text
from pipeline.outputs import theme
from pipeline.outputs.dashboard.printing import set_print_layout

BLUE, WHITE, GREY_TEXT = theme.BLEU_FRANCE, theme.WHITE, theme.GREY_600
MODULE_FILL = PatternFill("solid", fgColor="E3E3FD")
HEADER_FILL = PatternFill("solid", fgColor=BLUE)
STATUS_FILLS = {
    STATUS_MET: (PatternFill("solid", fgColor="B8FEC9"), "18753C"),
    STATUS_MISSED: (PatternFill("solid", fgColor="FFE9E9"), "CE0500"),
}
MONTHS_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                "oct.", "nov.", "déc.")  # fmt: skip
FONT_NAME = "Calibri"  # Carlito, metric-compatible, where Calibri is absent
THIN = Side(style="thin", color="DDDDDD")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FIXED_DATE = dt.datetime(2000, 1, 1)


def Font(**options) -> _Font:  # noqa: N802 - stands in for openpyxl's Font
    """openpyxl's Font with the workbook's font name, so every cell renders alike."""
    return _Font(name=FONT_NAME, **options)


def _write_figure(cell, row) -> None:
    """A value as the documents write it beside its target and status: the rounded number
    (:func:`~pipeline.core.formatting.figure_for_status`) and a format of as many decimals."""
    unit = row["unit"]
    number, places = figure_for_status(row["value"], unit, row.get("target_comparator"),
                                       row.get("target_value"), row.get("status"))  # fmt: skip
    cell.value = float(number / UNIT_SCALES.get(unit, 1))
    cell.number_format = excel_number_format(unit, places, number)


def _write_count(cell, value) -> None:
    """A count as an integer (« 58 918 », not 58918.0); a sum of delays keeps its decimals."""
    if value is None or pd.isna(value):
        return  # (left empty: no request, nothing to count)
    places = _count_places(value)
    number = rounded(value, places)
    cell.value = int(number) if places == 0 else float(number)
    cell.number_format = excel_number_format("nombre", places, number)


def _write_value(cell, row) -> None:
    """A value with its unit's format, or the reason it is missing (or too uncertain: a
    service's few requests), in grey italics."""
    if pd.isna(row["value"]) or not row.get("reliable", True):
        cell.value = row["na_reason"]
        cell.font = Font(italic=True, color=GREY_TEXT)
    else:
        _write_figure(cell, row)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = BORDER


def _write_change(cell, change, unit: str) -> None:
    """The change over a year: a rate's in points (« +2,8 pts », « −1,8 pt »), another in its
    unit; one that rounds to zero without a sign (« 0,0 pt »)."""
    if pd.notna(change):
        as_points = unit == "%"
        places = 1 if as_points else value_decimals(float(change), unit)
        number = rounded(change, places, 100 if as_points else 1)
        cell.value = float(number)
        cell.number_format = excel_number_format("points" if as_points else unit, places,
                                                 number, signed=True)  # fmt: skip
    cell.border = BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center")


def _color_status(cell, status: str) -> None:
    if status in STATUS_FILLS:
        fill, color = STATUS_FILLS[status]
        cell.fill = fill
        if cell.font is None or not cell.font.italic:
            cell.font = Font(bold=True, color=color)


def _header(sheet: Worksheet, row: int, labels: list[str], widths: list[float]) -> None:
    for col, (label, width) in enumerate(zip(labels, widths, strict=True), 1):
        cell = sheet.cell(row=row, column=col, value=label)
        cell.font = Font(bold=True, color=WHITE)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.row_dimensions[row].height = 32


def _title(sheet: Worksheet, title: str, subtitle: str, note: str) -> None:
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=16, color=BLUE)
    sheet["A2"] = subtitle
    sheet["A2"].font = Font(bold=True, size=12)
    sheet["A3"] = note
    sheet["A3"].font = Font(italic=True, color=GREY_TEXT)
    for row, height in ((1, 24), (2, 18), (3, 15), (4, 15)):  # (known: the pages are laid out)
        sheet.row_dimensions[row].height = height


def _print_setup(sheet: Worksheet, header_row: int, freeze: str) -> None:
    """The header row and the columns left of ``freeze`` stay in view; how the sheet prints is
    set once every sheet is written (:func:`printing.set_print_layout`)."""
    sheet.freeze_panes = freeze
    sheet.print_title_rows = f"{header_row}:{header_row}"


def _band_rows(sheet: Worksheet) -> list[int]:
    """The rows of the bands that open a group (a module, an engagement, a service)."""
    return [
        row[0].row for row in sheet.iter_rows(min_col=1, max_col=1)
        if row[0].fill is not None and row[0].fill.fgColor.rgb == MODULE_FILL.fgColor.rgb
    ]  # fmt: skip


def _group_band(sheet: Worksheet, row: int, heading: str, width: int) -> None:
    """The band above a group of indicators: « Module 1 — … » or « Engagement 2 — … »."""
    sheet.cell(row=row, column=1, value=heading)
    sheet.row_dimensions[row].height = 18
    for col in range(1, width + 1):
        cell = sheet.cell(row=row, column=col)
        cell.fill = MODULE_FILL
        cell.font = Font(bold=True, color=BLUE)
        cell.border = BORDER


def _text_cell(sheet: Worksheet, row: int, col: int, value, **font) -> None:
    cell = sheet.cell(row=row, column=col, value=value)
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    cell.border = BORDER
    if font:
        cell.font = Font(**font)


def _fit_row_height(sheet: Worksheet, row: int, widths: list[float]) -> None:
    """Row height for its wrapped text: spreadsheets do not grow rows written by openpyxl."""
    lines = 1
    for col, width in enumerate(widths, 1):
        value = sheet.cell(row=row, column=col).value
        if width and isinstance(value, str):
            lines = max(lines, math.ceil(len(value) * 1.1 / max(width - 2, 1)))
    sheet.row_dimensions[row].height = 14 * lines + 3


def _merge_repeated(sheet: Worksheet, col: int, first: int, last: int) -> None:
    """Merge runs of equal values in a column (the theme of consecutive indicators)."""
    start = first
    for row in range(first + 1, last + 2):
        value = sheet.cell(row=row, column=col).value if row <= last else object()
        if value != sheet.cell(row=start, column=col).value or row > last:
            if row - 1 > start and sheet.cell(row=start, column=col).value:
                sheet.merge_cells(
                    start_row=start, start_column=col, end_row=row - 1, end_column=col
                )
            start = row


def _indicator_rows(indicators: pd.DataFrame, granularity: str) -> dict[str, pd.DataFrame]:
    """Per indicator code (in catalogue order), its rows of one granularity indexed by period."""
    rows = indicators[indicators["granularity"] == granularity]
    return {code: frame.set_index("period") for code, frame in rows.groupby("code", sort=False)}


def _summary_sheet(sheet: Worksheet, indicators: pd.DataFrame, period: int, years, titles) -> None:
    _title(sheet, *titles)
    results = [f"Résultats {y}" for y in years]
    # The label's engagement references (« E 10.6 »), when the scheme has them.
    references = bool(indicators["engagement"].fillna("").ne("").any())
    labels = ["Thème", "Indicateur", *(["Engagement"] if references else []), *results,
              f"Cible {period}", f"Statut {period}", "Évolution sur un an",
              "Précisions"]  # fmt: skip
    widths = [22, 58, *([15] if references else []), *[13] * len(years), 12, 13, 13, 34]
    first_year = 4 if references else 3
    header_row = 5
    _header(sheet, header_row, labels, widths)
    row = header_row + 1
    by_code = _indicator_rows(indicators, YEAR)
    current_group = None
    for rows in by_code.values():
        meta = rows.iloc[-1]
        if meta["group_heading"] != current_group:
            current_group = meta["group_heading"]
            _group_band(sheet, row, current_group, len(labels))
            row += 1
        _text_cell(sheet, row, 1, meta["theme"], color=GREY_TEXT)
        _text_cell(sheet, row, 2, meta["label"])
        if references:
            _text_cell(sheet, row, 3, meta["engagement"] or "–")
        for offset, year in enumerate(years):
            _write_value(sheet.cell(row=row, column=first_year + offset), rows.loc[str(year)])
        col = first_year + len(years)
        target = target_text(meta["target_comparator"], meta["target_value"], meta["unit"])
        _text_cell(sheet, row, col, target)
        current = rows.loc[str(period)]
        _text_cell(sheet, row, col + 1, current["status"] or "–")
        _color_status(sheet.cell(row=row, column=col + 1), current["status"])
        _write_change(sheet.cell(row=row, column=col + 2), current["change"], meta["unit"])
        partial = [
            f"{year} : {int(months)} mois renseignés"
            for year, months in zip(rows.index, rows["months"], strict=True)
            if pd.notna(months) and 0 < months < 12
        ]
        notes = "; ".join(filter(None, [meta["rule"], meta["note"], *partial]))
        _text_cell(sheet, row, col + 3, notes, italic=True, color=GREY_TEXT)
        for c in (1, 2, first_year - 1, col, col + 1):
            sheet.cell(row=row, column=c).alignment = Alignment(
                horizontal="left" if c <= 2 else "center", vertical="center", wrap_text=True
            )
        _fit_row_height(sheet, row, [0, *widths[1:]])  # the theme column is merged below
        row += 1
    _merge_repeated(sheet, 1, header_row + 1, row - 1)
    _print_setup(sheet, header_row, f"{get_column_letter(first_year)}{header_row + 1}")


def _detail_sheet(sheet: Worksheet, indicators: pd.DataFrame, period: int, titles) -> None:
    _title(sheet, *titles)
    months = [f"{period}-{m:02d}" for m in range(1, 13)]
    quarters = [f"{period}-T{q}" for q in range(1, 5)]
    labels = ["Indicateur", "Cible", *MONTHS_SHORT, *[q[-2:] for q in quarters], str(period)]
    widths = [58, 11, *[10.5] * 12, *[10.5] * 4, 11]
    header_row = 5
    _header(sheet, header_row, labels, widths)
    monthly, quarterly = _indicator_rows(indicators, MONTH), _indicator_rows(indicators, QUARTER)
    row = header_row + 1
    current_group = None
    for code, rows in _indicator_rows(indicators, YEAR).items():
        meta = rows.iloc[-1]
        if meta["group_heading"] != current_group:
            current_group = meta["group_heading"]
            _group_band(sheet, row, current_group, len(labels))
            row += 1
        _text_cell(sheet, row, 1, meta["label"])
        target = target_text(meta["target_comparator"], meta["target_value"], meta["unit"])
        _text_cell(sheet, row, 2, target)
        sheet.cell(row=row, column=2).alignment = Alignment(horizontal="center", vertical="center")
        cells = [(monthly.get(code), months, 3), (quarterly.get(code), quarters, 15)]
        cells.append((rows, [str(period)], 19))
        for frame, periods, first in cells:
            for offset, key in enumerate(periods):
                cell = sheet.cell(row=row, column=first + offset)
                if frame is None or key not in frame.index:
                    cell.value, cell.border = "–", BORDER
                    cell.alignment = Alignment(horizontal="center")
                    continue
                _write_value(cell, frame.loc[key])
                _color_status(cell, frame.loc[key]["status"])
        _fit_row_height(sheet, row, widths)
        row += 1
    _print_setup(sheet, header_row, f"C{header_row + 1}")


def services_table(services: pd.DataFrame, period: int) -> pd.DataFrame:
    """The service sheet as a table for the analyst's notebook: per service and indicator of
    the year, the requests, the result as the sheet writes it, and the status."""
    rows = services[(services["granularity"] == YEAR) & services["denominator"].fillna(0).gt(0)]
    rows = rows.sort_values(["service", "order"])
    shown = [
        r.na_reason if r.value is None or not r.reliable
        else format_value_for_status(r.value, r.unit, r.target_comparator, r.target_value,
                                     r.status)
        for r in _records(rows).itertuples(index=False)
    ]  # fmt: skip
    return pd.DataFrame({
        "Service": rows["service"].to_numpy(), "Indicateur": rows["label"].to_numpy(),
        "Demandes": [_count_text(v) for v in rows["denominator"]],
        f"Résultat {period}": shown, "Statut": rows["status"].replace("", "–").to_numpy(),
    }).set_index(["Service", "Indicateur"])  # fmt: skip


def _service_sheet(sheet: Worksheet, services: pd.DataFrame, period: int, titles) -> None:
    """Per service, its register-based results of the year and of each quarter, with the number
    of requests behind each; a result on too few requests says so instead of a rate."""
    _title(sheet, *titles)
    quarters = [f"{period}-T{q}" for q in range(1, 5)]
    labels = ["Indicateur", "Demandes", f"Résultat {period}", "Cible", "Statut",
              *[q[-2:] for q in quarters]]  # fmt: skip
    widths = [58, 11, 16, 11, 13, *[14] * 4]
    header_row = 5
    _header(sheet, header_row, labels, widths)
    row = header_row + 1
    yearly = services[(services["granularity"] == YEAR) & services["denominator"].fillna(0).gt(0)]
    quarterly = services[services["granularity"] == QUARTER].set_index(["service", "code"])
    for service, rows in yearly.groupby("service", sort=True):
        _group_band(sheet, row, service, len(labels))
        row += 1
        for record in rows.sort_values("order").to_dict("records"):
            _text_cell(sheet, row, 1, record["label"])
            _text_cell(sheet, row, 2, None)
            _write_count(sheet.cell(row=row, column=2), record["denominator"])
            _write_value(sheet.cell(row=row, column=3), record)
            target = target_text(record["target_comparator"], record["target_value"],
                                   record["unit"])  # fmt: skip
            _text_cell(sheet, row, 4, target)
            _text_cell(sheet, row, 5, record["status"] or "–")
            _color_status(sheet.cell(row=row, column=5), record["status"])
            by_period = quarterly.loc[(service, record["code"])].set_index("period")
            for offset, key in enumerate(quarters):
                _write_value(sheet.cell(row=row, column=6 + offset), by_period.loc[key])
                _color_status(sheet.cell(row=row, column=6 + offset), by_period.loc[key, "status"])
            for col in range(2, 6):
                sheet.cell(row=row, column=col).alignment = Alignment(
                    horizontal="center", vertical="center", wrap_text=True
                )
            _fit_row_height(sheet, row, widths)
            row += 1
    _print_setup(sheet, header_row, f"B{header_row + 1}")


def _period_text(granularity: str, period: str) -> str:
    """A period as people write it: « 2022 », « 1er trimestre 2022 », « janvier 2022 »."""
    period = str(period)
    if granularity == MONTH:
        year, month = (int(part) for part in period.split("-"))
        return format_month_span((month,), year)
    if granularity == QUARTER:
        year, quarter = period.split("-T")
        return f"{'1er' if quarter == '1' else quarter + 'e'} trimestre {year}"
    return period


# The sheet's columns: its header, its width, and how a row gives its cell.
_DATA_COLUMNS = (
    ("Module", 8, lambda r: r.module),
    ("Indicateur", 58, lambda r: r.label),
    ("Engagement", 14, lambda r: r.engagement or "–"),
    ("Période", 10, lambda r: r.granularity),
    ("Mois, trimestre ou année", 20, lambda r: _period_text(r.granularity, r.period)),
    ("Numérateur", 12, lambda r: r.numerator),
    ("Dénominateur", 13, lambda r: r.denominator),
    ("Valeur", 16, None),  # written with its unit's format, or the reason it has none
    ("Cible", 12, lambda r: target_text(r.target_comparator, r.target_value, r.unit)),
    ("Statut", 12, lambda r: r.status or "–"),
    ("Règle de calcul", 34, lambda r: r.rule),
)


def _count_places(value) -> int:
    """A count has no decimals; a sum of delays or of rates (a mean's numerator) the ones it
    has, up to two (« 18,5 », « 5,74 »)."""
    return max(0, -rounded(value, 2).normalize().as_tuple().exponent)


def _count_text(value) -> str:
    if value is None or pd.isna(value):
        return "–"
    return format_number(value, _count_places(value))


def _records(indicators: pd.DataFrame) -> pd.DataFrame:
    """The table with None where a cell is missing, as the sheet and the notebook take it."""
    return indicators.astype(object).where(indicators.notna(), None)


def numerators_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """The data sheet as a table for the analyst's notebook: the same columns and words, the
    value written as on the slides (« 91,2 % ») or the reason it has none."""
    records = _records(indicators)
    columns = {
        header: [cell_of(r) for r in records.itertuples(index=False)]  # a few hundred rows
        for header, _, cell_of in _DATA_COLUMNS if cell_of is not None
    }  # fmt: skip
    columns["Valeur"] = [
        r.na_reason if r.value is None
        else format_value_for_status(r.value, r.unit, r.target_comparator, r.target_value,
                                     r.status)
        for r in records.itertuples(index=False)
    ]  # fmt: skip
    for header in ("Numérateur", "Dénominateur"):  # counts as counts: « 58 918 », not 58918.0
        columns[header] = [_count_text(value) for value in columns[header]]
    return pd.DataFrame(columns)[[c[0] for c in _DATA_COLUMNS]]


def _data_sheet(sheet: Worksheet, indicators: pd.DataFrame) -> None:
    """Every value with its numerator and denominator, in the words of the other sheets (no
    internal code, the target as « ≥ 90 % », the value formatted as on the slides)."""
    _header(sheet, 1, [c[0] for c in _DATA_COLUMNS], [c[1] for c in _DATA_COLUMNS])
    rows = _records(indicators).itertuples(index=False)
    counts = [i for i, c in enumerate(_DATA_COLUMNS, 1) if c[0] in ("Numérateur", "Dénominateur")]
    target = next(i for i, c in enumerate(_DATA_COLUMNS, 1) if c[0] == "Cible")
    for index, record in enumerate(rows, 2):  # one per indicator × period: a few hundred
        for col, (_, _, cell_of) in enumerate(_DATA_COLUMNS, 1):
            if cell_of is None:
                cell = sheet.cell(row=index, column=col)
                _write_value(cell, record._asdict())
                cell.alignment = Alignment(horizontal="right")  # one line: the rows stay low
                continue
            if col in counts:
                _write_count(sheet.cell(row=index, column=col), cell_of(record))
                continue
            value = cell_of(record)
            cell = sheet.cell(row=index, column=col, value=None if value is None else value)
            if col == target:  # « ≥ 90 % » apart from the value at its left
                cell.alignment = Alignment(horizontal="center")
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_DATA_COLUMNS))}{len(indicators) + 1}"
    _print_setup(sheet, 1, "C2")


def write_dashboard(
    indicators: pd.DataFrame,
    path: Path,
    period: int,
    prefecture: str,
    years: list[int],
    build: str = "",
    services: pd.DataFrame | None = None,
    least: int = 20,
) -> Path:
    """Write the workbook and return its path; ``build`` (the digest of the inputs) goes in its
    properties; ``services``, the register-based indicators by service
    (:func:`pipeline.compute.services.service_indicators_table`), get a sheet when any (``least``:
    the fewest requests a service's rate rests on)."""
    workbook = Workbook()
    cutoff = f"Données arrêtées au {format_date(dt.date(period, 12, 31))}"
    summary = workbook.active
    summary.title = f"Tableau de bord {period}"
    _summary_sheet(
        summary, indicators, period, years,
        (f"TABLEAU DE BORD QUALITÉ {period}", prefecture.upper(),
         f"{cutoff}. Valeurs calculées par année à partir des registres et des chiffres mensuels."),
    )  # fmt: skip
    _detail_sheet(
        workbook.create_sheet(f"Détail {period}"), indicators, period,
        (f"DÉTAIL MENSUEL ET TRIMESTRIEL {period}", prefecture.upper(),
         f"{cutoff}. Couleur : statut de la valeur au regard de la cible."),
    )  # fmt: skip
    if services is not None and services["denominator"].fillna(0).gt(0).any():
        few = f"« trop peu de demandes » : moins de {least} demandes dans la période"
        _service_sheet(
            workbook.create_sheet(f"Par service {period}"), services, period,
            (f"RÉSULTATS PAR SERVICE {period}", prefecture.upper(),
             f"{cutoff}. Registres des courriers, courriels et réclamations ; {few}."),
        )  # fmt: skip
    _data_sheet(workbook.create_sheet("Numérateurs et dénominateurs"), indicators)
    for sheet in workbook.worksheets:  # (the data sheet's header is its first row)
        header_row = int(sheet.print_title_rows.split(":")[0].lstrip("$"))
        set_print_layout(sheet, header_row, f"Tableau de bord qualité {period} — {prefecture}",
                         cutoff, _band_rows(sheet))  # fmt: skip
    workbook.properties.creator = prefecture
    workbook.properties.title = f"Tableau de bord qualité {period}"
    workbook.properties.created = workbook.properties.modified = FIXED_DATE
    workbook.properties.language = "fr-FR"
    workbook.properties.identifier = build or None
    workbook.properties.version = __version__
    path.parent.mkdir(parents=True, exist_ok=True)
    neutralise_formulas(workbook)
    return save_stable_workbook(workbook, path)
