"""Write a one-sheet workbook of a million rows the way a spreadsheet application or an online
survey tool exports it: texts in the shared strings table, numbers as numbers, dates as day
numbers with a date format, empty cells left out. For the benchmark's scaled sample only:
openpyxl or XlsxWriter keep every cell as a Python object and take a quarter of an hour for a
million rows of twenty-five columns; this writes each row as one line of XML, in a few tens of
seconds, and streams it into the archive. Same rows, same bytes (fixed time stamps).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
STAMP = (2023, 1, 5, 0, 0, 0)  # the archive's time stamps: fixed, so the bytes never change

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_PART = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{_PACKAGE}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_PART}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_PART}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_PART}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_PART}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{_TYPE}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{_TYPE}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_TYPE}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{_TYPE}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
    # style 1: a date shown as 21/11/2022 (custom format 164, as Excel numbers its own)
    "xl/styles.xml": (
        f'<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/>'
        '<name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill '
        'patternType="none"/></fill></fills><borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" '
        'xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'
    ),
}


def column_letters(count: int) -> list[str]:
    """A, B, … Z, AA, AB…: the first ``count`` columns as a spreadsheet names them."""
    letters = []
    for index in range(1, count + 1):
        name = ""
        while index:
            index, rest = divmod(index - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


def _day_number(value: dt.datetime | dt.date) -> str:
    """A date as Excel stores it: days since 30 December 1899 (a fraction for the time)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    days = (value - EXCEL_EPOCH) / dt.timedelta(days=1)
    return str(int(days)) if days.is_integer() else repr(days)


def _sheet_lines(rows: Iterable[Sequence], strings: dict[str, int], width: int):
    """The worksheet's XML, a row at a time; each text gets its number in ``strings``."""
    letters = column_letters(width)
    yield f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetData>'
    for number, row in enumerate(rows, start=1):
        cells = []
        for letter, value in zip(letters, row, strict=False):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                index = strings.setdefault(value, len(strings))
                cells.append(f'<c r="{letter}{number}" t="s"><v>{index}</v></c>')
            elif isinstance(value, dt.date):
                cells.append(f'<c r="{letter}{number}" s="1"><v>{_day_number(value)}</v></c>')
            elif isinstance(value, bool):
                cells.append(f'<c r="{letter}{number}" t="b"><v>{int(value)}</v></c>')
            else:
                cells.append(f'<c r="{letter}{number}"><v>{value!r}</v></c>')
        yield f'<row r="{number}">{"".join(cells)}</row>'
    yield "</sheetData></worksheet>"


def write_large_workbook(path: Path, sheet: str, rows: Iterable[Sequence], width: int) -> None:
    """Write ``rows`` (the header row first) as the one sheet ``sheet`` of a new workbook."""
    path.parent.mkdir(parents=True, exist_ok=True)
    strings: dict[str, int] = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:

        def part(name: str):
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            return archive.open(info, "w", force_zip64=True)

        for name, text in _PARTS.items():
            with part(name) as handle:
                handle.write((_HEAD + text).encode("utf-8"))
        with part("xl/workbook.xml") as handle:
            handle.write(
                f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets><sheet '
                f'name="{escape(sheet, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/>'
                "</sheets></workbook>".encode()
            )
        with part("xl/worksheets/sheet1.xml") as handle:
            lines: list[str] = []
            for line in _sheet_lines(rows, strings, width):
                lines.append(line)
                if len(lines) >= 10_000:
                    handle.write("".join(lines).encode("utf-8"))
                    lines.clear()
            handle.write("".join(lines).encode("utf-8"))
        with part("xl/sharedStrings.xml") as handle:
            handle.write(f'{_HEAD}<sst xmlns="{_MAIN}" uniqueCount="{len(strings)}">'.encode())
            texts = list(strings)
            for start in range(0, len(texts), 10_000):
                handle.write("".join(
                    f'<si><t xml:space="preserve">{escape(text)}</t></si>'
                    for text in texts[start : start + 10_000]
                ).encode("utf-8"))  # fmt: skip
            handle.write(b"</sst>")
