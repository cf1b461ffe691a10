"""Read a raw export (xlsx or csv) into a frame of raw cell values, without interpreting them.

- xlsx through python-calamine (several times faster than openpyxl), cells keep their type;
- csv with the encoding detected (UTF-8, UTF-8 with BOM, else cp1252) and the separator
  (``;``, ``,`` or tab) read from the header line; every cell stays text.

The frame carries ``_row``, the row number as a spreadsheet user sees it (header row + n), so a
quarantined row can be found in the original file. Entirely empty rows are dropped and counted.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

from pipeline.exceptions import InputFileError

ROW = "_row"
BOM = b"\xef\xbb\xbf"
ENCODINGS = ("utf-8", "cp1252")


@dataclass(frozen=True)
class RawTable:
    frame: pd.DataFrame  # header cells as columns (text), raw values, plus _row
    empty_rows: int
    encoding: str | None = None
    separator: str | None = None


def detect_encoding(data: bytes) -> str:
    """``utf-8-sig`` when a BOM is present, else UTF-8 if it decodes, else cp1252."""
    if data.startswith(BOM):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def detect_separator(header_line: str) -> str:
    """The most frequent of ``;``, ``,`` and tab in the header line (``;`` on a tie)."""
    counts = {sep: header_line.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def _split_header(grid: pd.DataFrame, header_row: int, path: Path) -> tuple[pd.DataFrame, int]:
    """Take the header from row ``header_row`` of a header-less grid; number and clean the rest."""
    if len(grid) < header_row:
        raise InputFileError(
            f"Fichier {path} : la ligne d'en-têtes {header_row} n'existe pas "
            f"(le fichier a {len(grid)} ligne(s)). Vérifiez header_row dans la configuration."
        )
    header = grid.iloc[header_row - 1].astype("string").str.strip().fillna("")
    frame = grid.iloc[header_row:].copy()
    frame.columns = header.tolist()
    frame = frame.loc[:, (header != "").to_numpy()]  # unnamed columns carry nothing
    frame[ROW] = range(header_row + 1, header_row + 1 + len(frame))
    text = frame.drop(columns=ROW).astype("string")
    empty = (text.apply(lambda col: col.str.strip()).fillna("") == "").all(axis=1)
    return frame.loc[~empty].reset_index(drop=True), int(empty.sum())


def read_xlsx(path: Path, sheet: str | None, header_row: int = 1) -> RawTable:
    """One sheet of an xlsx workbook (the first one when ``sheet`` is None)."""
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own error types
        raise InputFileError(f"Fichier {path} illisible comme classeur Excel : {error}") from None
    names = workbook.sheet_names
    if sheet is None:
        sheet = names[0]
    if sheet not in names:
        raise InputFileError(
            f"Fichier {path} : onglet « {sheet} » introuvable. Onglets présents : "
            f"{', '.join(names)}. Corrigez `sheet` dans la configuration."
        )
    grid = pd.DataFrame(workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False))
    grid = grid.astype(object).mask(grid.eq(""))
    frame, empty = _split_header(grid, header_row, path)
    return RawTable(frame, empty)


def read_csv(path: Path, header_row: int = 1) -> RawTable:
    """A csv file, every cell kept as text (``""`` for empty)."""
    data = path.read_bytes()
    encoding = detect_encoding(data)
    text = data.decode(encoding)
    lines = text.splitlines()
    if len(lines) < header_row:
        raise InputFileError(f"Fichier {path} : vide ou sans ligne d'en-têtes {header_row}.")
    separator = detect_separator(lines[header_row - 1])
    grid = pd.read_csv(
        io.StringIO(text),
        sep=separator,
        header=None,
        dtype=object,
        keep_default_na=False,
        skip_blank_lines=False,
    )
    frame, empty = _split_header(grid, header_row, path)
    return RawTable(frame, empty, encoding, separator)


def read_raw(path: Path, sheet: str | None = None, header_row: int = 1) -> RawTable:
    """Read an export according to its extension."""
    if not path.is_file():
        raise InputFileError(f"Fichier introuvable : {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        return read_xlsx(path, sheet, header_row)
    if suffix in (".csv", ".txt"):
        return read_csv(path, header_row)
    raise InputFileError(f"Fichier {path} : format « {suffix} » non pris en charge (xlsx ou csv).")
