"""Read a raw export (xlsx or csv) into a frame of raw cell values, without interpreting them.

- xlsx through python-calamine (several times faster than openpyxl), cells keep their type; a
  file that is not a workbook (an old .xls, a csv renamed .xlsx, a damaged file) is named as such;
- csv with the encoding detected (UTF-8 with or without BOM, UTF-16 with its BOM, else cp1252;
  a file mixing two encodings is refused) and the separator (``;``, ``,`` or tab) read from the
  header line; every cell stays text. A line with more fields than the header is not read but
  set aside with its line number (:attr:`RawTable.bad_lines`), the others are kept.

The frame carries ``_row``, the row number as a spreadsheet user sees it (header row + n), so a
quarantined row can be found in the original file. Entirely empty rows are dropped and counted.
Two columns with the same header are refused: the file says which.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

from pipeline.core.exceptions import InputFileError

ROW = "_row"
BOM = b"\xef\xbb\xbf"
ENCODINGS = ("utf-8", "cp1252")


@dataclass(frozen=True)
class RawTable:
    frame: pd.DataFrame  # header cells as columns (text), raw values, plus _row
    empty_rows: int
    encoding: str | None = None
    separator: str | None = None
    # Lines that could not be split into the header's columns: (line number, French reason).
    bad_lines: tuple[tuple[int, str], ...] = ()


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A UTF-8 encoded accented letter (é = C3 A9…): seen in a file that does not decode as UTF-8,
# it means two encodings are mixed, and reading it as cp1252 would garble its accents.
_UTF8_LETTER = re.compile(rb"[\xc2-\xc3][\x80-\xbf]")


def detect_encoding(data: bytes, path: Path | None = None) -> str:
    """``utf-8-sig`` when a BOM is present, ``utf-16`` with its BOM, else UTF-8 if it decodes,
    else cp1252; InputFileError for a file mixing encodings or with NUL bytes (UTF-16 without
    its BOM)."""
    if data.startswith(BOM):
        return "utf-8-sig"
    if data.startswith(UTF16_BOMS):
        return "utf-16"
    where = f"Fichier {path} : " if path else ""
    if b"\x00" in data[:4096]:
        raise InputFileError(
            f"{where}problème d'encodage : le fichier contient des caractères nuls (UTF-16 sans "
            "marque d'ordre ?). Ré-enregistrez-le en « CSV UTF-8 » depuis votre tableur."
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _UTF8_LETTER.search(data):
            line = data[: error.start].count(b"\n") + 1
            raise InputFileError(
                f"{where}problème d'encodage : le fichier mélange deux encodages (UTF-8 et "
                f"Windows-1252, par exemple à la ligne {line}) ; ses accents seraient mal lus. "
                "Ré-enregistrez-le en « CSV UTF-8 » depuis votre tableur."
            ) from None
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
    named = header[header != ""]
    twice = named[named.duplicated(keep=False)]
    if len(twice):
        places = "\u00a0; ".join(
            f"« {name} » (colonnes "
            + ", ".join(_column_letter(i) for i in twice[twice == name].index)
            + ")"
            for name in dict.fromkeys(twice)
        )
        raise InputFileError(
            f"Fichier {path} : plusieurs colonnes ont le même en-tête : {places}. Renommez-en "
            "une dans l'export (ou supprimez la colonne en double), puis relancez."
        )
    frame[ROW] = range(header_row + 1, header_row + 1 + len(frame))
    text = frame.drop(columns=ROW).astype("string")
    empty = (text.apply(lambda col: col.str.strip()).fillna("") == "").all(axis=1)
    return frame.loc[~empty].reset_index(drop=True), int(empty.sum())


def _column_letter(index: int) -> str:
    """0 → A, 27 → AB: a column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


OLE2 = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls), Word .doc…
ZIP = b"PK"


def _not_a_workbook(path: Path) -> str | None:
    """Why a file with an Excel extension is not an xlsx workbook, or None when it may be."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if not head:
        return "le fichier est vide (0 octet)"
    if head.startswith(OLE2) and path.suffix.lower() != ".xls":
        return (
            "c'est un classeur Excel 97-2003 (.xls) enregistré sous l'extension "
            f"{path.suffix} : ouvrez-le dans Excel ou LibreOffice et ré-enregistrez-le au "
            "format .xlsx"
        )
    if not head.startswith((ZIP, OLE2)):
        return (
            "ce n'est pas un classeur Excel (son contenu ressemble à du texte, un CSV ?) : "
            "ré-enregistrez-le au format .xlsx, ou renommez-le en .csv et adaptez la "
            "configuration"
        )
    return None


def read_xlsx(path: Path, sheet: str | None, header_row: int = 1) -> RawTable:
    """One sheet of an xlsx workbook (the first one when ``sheet`` is None)."""
    why = _not_a_workbook(path)
    if why:
        raise InputFileError(f"Fichier {path} illisible : {why}.")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception:  # noqa: BLE001 - calamine raises its own error types
        raise InputFileError(
            f"Fichier {path} illisible comme classeur Excel (fichier abîmé ou tronqué ?) : "
            "ouvrez-le dans Excel ou LibreOffice et ré-enregistrez-le au format .xlsx."
        ) from None
    names = workbook.sheet_names
    if sheet is None:
        sheet = names[0]
    if sheet not in names:
        raise InputFileError(
            f"Fichier {path} : onglet « {sheet} » introuvable. Onglets présents : "
            f"{', '.join(names)}. Corrigez `sheet` dans la configuration."
        )
    try:
        rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - calamine raises its own error types
        raise InputFileError(
            f"Fichier {path} : onglet « {sheet} » illisible (fichier abîmé ?). Ouvrez-le dans "
            "Excel ou LibreOffice et ré-enregistrez-le au format .xlsx."
        ) from None
    grid = pd.DataFrame(rows)
    grid = grid.astype(object).mask(grid.eq(""))
    frame, empty = _split_header(grid, header_row, path)
    return RawTable(frame, empty)


def _ragged_grid(text: str, separator: str, header_row: int) -> tuple[pd.DataFrame, list]:
    """The grid of a csv whose lines do not all have the header's number of fields: lines with
    more fields are left out, with their line number; shorter lines are padded (their last
    cells were empty)."""
    rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    width = len(rows[header_row - 1]) if len(rows) >= header_row else 0
    kept, bad = [], []
    for number, row in enumerate(rows, start=1):  # Python only on the rare file that needs it
        if number > header_row and len(row) > width and any(cell.strip() for cell in row[width:]):
            bad.append((number, f"ligne de {len(row)} champs au lieu de {width} : séparateur "
                                f"« {separator} » dans une valeur ?"))  # fmt: skip
            kept.append([""] * width)  # keeps the row numbers; read as an empty row
        else:
            kept.append((row + [""] * width)[:width])
    return pd.DataFrame(kept, dtype=object), bad


def read_csv(path: Path, header_row: int = 1) -> RawTable:
    """A csv file, every cell kept as text (``""`` for empty)."""
    data = path.read_bytes()
    if not data.strip():
        raise InputFileError(f"Fichier {path} : vide (aucune ligne d'en-têtes).")
    encoding = detect_encoding(data, path)
    text = data.decode(encoding)
    lines = text.splitlines()
    if len(lines) < header_row:
        raise InputFileError(f"Fichier {path} : vide ou sans ligne d'en-têtes {header_row}.")
    separator = detect_separator(lines[header_row - 1])
    bad: list = []
    try:
        grid = pd.read_csv(
            io.StringIO(text), sep=separator, header=None, dtype=object, keep_default_na=False,
            skip_blank_lines=False,
        )  # fmt: skip
    except pd.errors.ParserError:  # a line with more fields than the others
        grid, bad = _ragged_grid(text, separator, header_row)
    frame, empty = _split_header(grid, header_row, path)
    empty -= len(bad)  # set-aside lines were blanked: not counted as empty rows
    return RawTable(frame, empty, encoding, separator, tuple(bad))


def read_raw(path: Path, sheet: str | None = None, header_row: int = 1) -> RawTable:
    """Read an export according to its extension."""
    if not path.is_file():
        raise InputFileError(f"Fichier introuvable : {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        return read_xlsx(path, sheet, header_row)
    if suffix in (".csv", ".txt"):
        return read_csv(path, header_row)
    raise InputFileError(
        f"Fichier {path} : format « {suffix} » non pris en charge (xlsx ou csv). Ré-enregistrez "
        "l'export dans l'un de ces formats."
    )
