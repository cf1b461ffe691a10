"""No text from input ever becomes a formula in a spreadsheet (the OWASP CSV-injection rule).

A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run by
Excel or LibreOffice as a formula when the file is opened. In an xlsx, such a text is written
as a plain string cell (never a formula cell); in a csv, it is prefixed with an apostrophe,
which spreadsheets show as text. Real numbers stay numbers (« -3 » is not touched).
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?\s*%?$")


def is_risky(text: str) -> bool:
    """True for a text a spreadsheet would read as a formula."""
    return text.startswith(FORMULA_START) and not _NUMBER.match(text)


def neutralise_formulas(workbook) -> None:
    """Make every formula cell of an openpyxl workbook a text cell, just before it is saved.

    The pipeline writes no formula of its own: a cell openpyxl took for one (a text starting
    with « = ») is a text from the input, and stays the text it was."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:  # a few thousand cells: the workbooks people open
                if cell.data_type == "f":
                    cell.data_type = "s"


def inert_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every risky text prefixed with an apostrophe (for a csv)."""
    texts = frame.select_dtypes(include=["object", "string"]).columns
    fixes = {}
    for column in texts:  # a handful of text columns, each value looked at once
        values = frame[column].astype("string")
        starts = values.str.match(r"[=+\-@\t\r]").fillna(False)
        if not starts.any():  # (the usual column: no text starts like a formula)
            continue
        risky = starts & ~values.str.match(_NUMBER.pattern).fillna(False)
        if risky.any():
            fixes[column] = frame[column].where(~risky, "'" + values)
    return frame.assign(**fixes) if fixes else frame
