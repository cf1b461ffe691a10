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
import functools
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from python_calamine import CalamineWorkbook

from pipeline.core.exceptions import InputFileError
from pipeline.ingest import sheet_blocks
from pipeline.ingest.parsing import is_missing
from pipeline.ingest.redaction import redact_text

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
    # Headers written twice: header → the columns (letters) it heads; later ones are renamed.
    duplicates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    head: pd.DataFrame | None = None  # the first rows as read, to find a misplaced header row
    sheet: str | None = None  # the sheet read (xlsx)
    sheets: tuple[str, ...] = ()  # every sheet of the workbook (xlsx)


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
    if _is_utf8(data):
        return "utf-8"
    try:
        data.decode("utf-8")  # where it fails, for the message
    except UnicodeDecodeError as error:
        # (an accented letter in UTF-8 starts with « \xc2 » or « \xc3 »: looked for first)
        found = _UTF8_LETTER.search(data) if b"\xc3" in data or b"\xc2" in data else None
        if found:
            utf8 = data[: found.start()].count(b"\n") + 1
            other = data[: error.start].count(b"\n") + 1
            raise InputFileError(
                f"{where}problème d'encodage : le fichier mélange deux encodages (UTF-8 à la "
                f"ligne {utf8}, Windows-1252 à la ligne {other}) ; ses accents seraient mal "
                "lus. Ré-enregistrez-le en « CSV UTF-8 » depuis votre tableur."
            ) from None
        return "cp1252"
    return "utf-8"


def _is_utf8(data: bytes) -> bool:
    """Whether the bytes are valid UTF-8, checked by Arrow on the bytes in place (decoding a
    million-line export into a Python string would copy it, twice its size or more)."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    text = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


SEPARATORS = (";", "\t", ",", "|")
_SEP_HINT = re.compile(r"^\s*sep=(.)\s*$")  # Excel's first line « sep=; »


def detect_separator(header_line: str) -> str:
    """The most frequent of ``;``, tab, ``,`` and ``|`` in the header line (``;`` on a tie)."""
    counts = {sep: header_line.count(sep) for sep in SEPARATORS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


HEAD_ROWS = 15  # rows kept to find a header row written lower than configured


def _split_header(grid: pd.DataFrame, header_row: int, path: Path, where: str = ""):
    """Take the header from row ``header_row`` of a header-less grid; number and clean the rest.

    Returns the frame, the number of empty rows dropped and the headers written twice (each
    later copy renamed « En-tête (colonne F) », so that no column is lost nor merged)."""
    if len(grid) < header_row:
        if len(grid) == 0:
            raise InputFileError(f"Fichier {path}{where} : vide (aucune ligne).")
        raise InputFileError(
            f"Fichier {path}{where} : la ligne d'en-têtes {header_row} n'existe pas "
            f"(le fichier a {len(grid)} ligne(s)). Vérifiez header_row dans la configuration."
        )
    # the header's few cells handled as a list (one per column, never one per row)
    header = ["" if is_missing(cell) else str(cell).strip()
              for cell in grid.iloc[header_row - 1].tolist()]  # fmt: skip
    positions: dict[str, list[int]] = {}
    for position, name in enumerate(header):
        if name:
            positions.setdefault(name, []).append(position)
    duplicates = {name: tuple(_column_letter(i) for i in found)
                  for name, found in positions.items() if len(found) > 1}  # fmt: skip
    for found in positions.values():
        for position in found[1:]:  # each later copy of a header named after its column
            header[position] = f"{header[position]} (colonne {_column_letter(position)})"
    frame = grid.iloc[header_row:].set_axis(header, axis=1)  # (no copy of the cells)
    frame = frame.loc[:, [bool(name) for name in header]]  # unnamed columns carry nothing
    frame[ROW] = range(header_row + 1, header_row + 1 + len(frame))
    empty = _empty_rows(frame.drop(columns=ROW))
    if empty.any():
        frame = frame.loc[~empty.to_numpy()]
    return frame.reset_index(drop=True), int(empty.sum()), duplicates


def _empty_rows(frame: pd.DataFrame) -> pd.Series:
    """Rows whose every cell is missing or blank. Column by column, only over the rows not yet
    known to hold something: after the first filled column, few rows remain to look at."""
    empty = pd.Series(True, index=frame.index)
    for column in range(frame.shape[1]):
        rows = empty.to_numpy().nonzero()[0]
        if not len(rows):
            break
        cells = frame.iloc[rows, column].astype("string").str.strip().fillna("")
        empty.iloc[rows[(cells != "").to_numpy()]] = False
    return empty


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


def open_workbook(path: Path):
    """The calamine workbook of an xlsx file; InputFileError saying what the file is if not."""
    why = _not_a_workbook(path)
    if why:
        raise InputFileError(f"Fichier {path} illisible : {why}.")
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception:  # noqa: BLE001 - calamine raises its own error types
        raise InputFileError(
            f"Fichier {path} illisible comme classeur Excel (fichier abîmé ou tronqué ?) : "
            "ouvrez-le dans Excel ou LibreOffice et ré-enregistrez-le au format .xlsx."
        ) from None


def _sheet_named(names: list[str], sheet: str, path: Path) -> str:
    """The sheet asked for, matched ignoring case, accents and spaces (« TELEPHONIE »)."""
    if sheet in names:
        return sheet
    close = [name for name in names if _key(name) == _key(sheet)]
    if len(close) == 1:
        return close[0]
    raise InputFileError(
        f"Fichier {path} : onglet « {sheet} » introuvable. Onglets présents : "
        f"{', '.join(names)}. Corrigez `sheet` dans la configuration."
    )


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold().strip()


def sheet_rows(workbook, sheet: str, path: Path) -> pd.DataFrame:
    """One sheet's cells as a grid of raw values (empty cells missing)."""
    try:
        rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - calamine raises its own error types
        raise _unreadable_sheet(path, sheet) from None
    cells = np.array(rows, dtype=object)  # (one array: a DataFrame's mask costs eight times)
    if cells.ndim != 2:  # no row, or rows of unequal lengths
        grid = pd.DataFrame(rows)
        return grid.astype(object).mask(grid.eq(""))
    cells[cells == ""] = np.nan
    return pd.DataFrame(cells, dtype=object)


def _unreadable_sheet(path: Path, sheet: str) -> InputFileError:
    return InputFileError(
        f"Fichier {path} : onglet « {sheet} » illisible (fichier abîmé ?). Ouvrez-le dans "
        "Excel ou LibreOffice et ré-enregistrez-le au format .xlsx."
    )


def _error_cells(path: Path, sheet: str) -> list[tuple[int, int, str]]:
    """The cells of a sheet holding an Excel error (« #DIV/0! »), which calamine reads as empty:
    (row, column, error), 0-based. Read from the sheet's XML, only when it has any."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_blocks.sheet_part(archive, sheet)
            data = archive.read(part) if part else b""
    except (KeyError, zipfile.BadZipFile, OSError):
        return []
    return sheet_blocks.errors_of(data)


def sheet_grid(workbook, sheet: str, path: Path, head_rows: int | None = None):
    """A sheet's grid (:func:`sheet_rows`) and its Excel error cells. A sheet larger than a
    block (a million-row survey export) is read by blocks of rows, in bounded memory, its text
    columns as Arrow text (empty cells « »): :mod:`pipeline.ingest.sheet_blocks`."""
    try:
        blocks = sheet_blocks.block_grid(path, sheet, head_rows)
    except Exception:  # noqa: BLE001 - calamine, fastexcel and zlib raise their own errors
        raise _unreadable_sheet(path, sheet) from None
    if blocks is not None:
        return blocks
    return sheet_rows(workbook, sheet, path), _error_cells(path, sheet)


def _with_errors(grid: pd.DataFrame, errors: list[tuple[int, int, str]]) -> pd.DataFrame:
    """The grid with its Excel error cells written in (each column set once: a column of Arrow
    text is copied at each change)."""
    by_column: dict[int, dict[int, str]] = {}
    for row, column, error in errors:  # a handful of cells
        if row < len(grid) and column < grid.shape[1]:
            by_column.setdefault(column, {})[row] = error or "#ERREUR"
    for column, cells in by_column.items():
        values = grid[column].copy()
        values.iloc[list(cells)] = list(cells.values())
        grid[column] = values
    return grid


def _head(grid: pd.DataFrame) -> pd.DataFrame:
    """The first rows of a grid as Python values, empty cells missing (as a whole-sheet
    reading gives them, whichever way the sheet was read)."""
    head = grid.head(HEAD_ROWS).astype(object)
    return head.mask(head.eq(""))


def read_xlsx(path: Path, sheet: str | None, header_row: int = 1) -> RawTable:
    """One sheet of an xlsx workbook (the first one when ``sheet`` is None)."""
    workbook = open_workbook(path)
    names = list(workbook.sheet_names)
    sheet = names[0] if sheet is None else _sheet_named(names, sheet, path)
    grid = _with_errors(*sheet_grid(workbook, sheet, path))
    where = f" (onglet « {sheet} »)"
    if grid.empty:
        raise InputFileError(f"Fichier {path}{where} : l'onglet est vide.")
    frame, empty, duplicates = _split_header(grid, header_row, path, where)
    return RawTable(frame, empty, duplicates=duplicates, head=_head(grid), sheet=sheet,
                    sheets=tuple(names))  # fmt: skip


def sheet_heads(path: Path) -> dict[str, pd.DataFrame]:
    """The first rows of every sheet of a workbook (to find where a source's headers are)."""
    workbook = open_workbook(path)
    return {name: _head(sheet_grid(workbook, name, path, HEAD_ROWS)[0])
            for name in workbook.sheet_names}  # fmt: skip


MAX_QUOTED_LINES = 30  # a quoted value longer than this is an unclosed quote


def _quotes_per_line(lines: list[str]) -> np.ndarray:
    """How many « " » each line holds, counted in one pass over the bytes (no line is looked
    at one by one: a survey export has a million)."""
    blob = np.frombuffer("\n".join(lines).encode("utf-8"), dtype=np.uint8)
    line_of_quote = np.searchsorted(
        np.flatnonzero(blob == ord("\n")), np.flatnonzero(blob == ord('"'))
    )
    return np.bincount(line_of_quote, minlength=len(lines))


def _check_quotes(lines: list[str], path: Path, offset: int) -> None:
    """Refuse a file where a quote opens a value and never closes (it would swallow the lines
    after it): the line where it opened is named."""
    counts = pd.Series(_quotes_per_line(lines))
    if not counts.any():
        return
    open_after = (counts % 2).cumsum() % 2  # 1 while inside a quoted value
    starts = open_after.ne(open_after.shift(fill_value=0)) & open_after.eq(1)
    for start in starts[starts].index:  # the few quoted values spanning lines
        closed = open_after.iloc[start:].eq(0)
        end = int(closed.idxmax()) if closed.any() else None
        if end is None or end - start > MAX_QUOTED_LINES:
            raise InputFileError(
                f'Fichier {path} : guillemet « " » non fermé à la ligne {start + 1 + offset} '
                f"(« {redact_text(lines[start][:60])} ») : la suite du fichier serait lue comme "
                "une seule valeur. Corrigez la ligne dans l'export (ou retirez le guillemet), "
                "puis relancez."
            )


def _line_fields(lines: list[str], separator: str, quoted: bool) -> list[list[str]] | None:
    """The fields of each line when quotes are used (the csv module), else None."""
    if not quoted:
        return None
    return list(csv.reader(io.StringIO("\n".join(lines)), delimiter=separator))


def _bad_lines(counts: pd.Series, filled: pd.Series, blank: pd.Series, width: int,
               header_row: int, separator: str) -> list[tuple[int, str]]:  # fmt: skip
    """The lines out of the header's shape, with their reason: more fields holding something
    than the header (a separator in a value?), or fewer fields than the header (cut lines).
    ``counts`` are the fields written, ``filled`` the same without empty trailing ones."""
    more, fewer = (filled > width) & ~blank, (counts < width) & ~blank
    found = []
    for index in counts.index[(more | fewer).to_numpy()]:  # the few lines out of shape
        if index < header_row:
            continue
        if more[index]:
            reason = (f"ligne de {int(filled[index])} champs au lieu de {width} : séparateur "
                      f"« {separator} » dans une valeur ?")  # fmt: skip
        else:
            reason = (f"ligne de {int(counts[index])} champs au lieu de {width} : des champs "
                      "manquent en fin de ligne")  # fmt: skip
        found.append((int(index) + 1, reason))
    return found


def _arrow_table(raw: bytes, separator: str, quoted: bool, skip: int, newlines: bool):
    """The file's cells as read by Arrow's parser, every column as text."""
    return pa_csv.read_csv(
        io.BytesIO(raw),
        read_options=pa_csv.ReadOptions(autogenerate_column_names=True, skip_rows=skip),
        parse_options=pa_csv.ParseOptions(
            delimiter=separator, quote_char='"' if quoted else False,
            newlines_in_values=newlines, ignore_empty_lines=False,
        ),
        convert_options=pa_csv.ConvertOptions(
            column_types=_all_text(raw, separator, quoted, skip), strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )  # fmt: skip


def _cut(table) -> bool:
    """Whether a quoted value may have been cut where Arrow split the file into blocks: a cell of
    the last column ending with a line break (its rest would read as a row of its own). A cut in
    another column leaves its line short of fields, and the parser stops."""
    last = table.column(table.num_columns - 1)
    return bool(pc.any(pc.match_substring_regex(last, r"[\r\n]$")).as_py())


def _well_formed(raw: bytes, separator: str, quoted: bool, skip: int, header_row: int,
                 lines: int) -> pd.DataFrame | None:  # fmt: skip
    """The grid of a file (``raw``: its UTF-8 bytes) whose lines all have the first line's
    number of fields, read by Arrow's parser in one pass; None when a line is longer, shorter or
    blank (then each line is examined, to set the out-of-shape ones aside with their reason).

    Read first as if no quoted value held a line break (Arrow then reads blocks of the file in
    parallel, three times as fast); read again allowing them when a quoted value may hold one:
    the parser stopped on a line, read fewer rows than the file's ``lines``, or a value was cut
    where Arrow split the file (:func:`_cut`)."""
    try:
        table = _arrow_table(raw, separator, quoted, skip, newlines=False)
        again = quoted and (table.num_rows < lines or _cut(table))
    except (pa.ArrowInvalid, ValueError):
        table, again = None, quoted
    if again:
        try:
            table = _arrow_table(raw, separator, quoted, skip, newlines=True)
        except (pa.ArrowInvalid, ValueError):
            return None
    if table is None:
        return None
    # cells stay Arrow strings (no Python object per cell: a tenth of the memory)
    # (large strings, as pandas holds them: no conversion of a million cells), each column in
    # one piece: Arrow reads a file by blocks of a megabyte, and every later Arrow pass over a
    # column of several hundred pieces prepares its pattern once per piece (17 times as long)
    table = table.combine_chunks()
    grid = table.to_pandas(types_mapper={pa.large_string(): pd.StringDtype("pyarrow")}.get)
    grid.columns = range(grid.shape[1])
    if len(grid) < header_row:
        return None
    header = grid.iloc[header_row - 1].astype(str).str.strip()
    for column in header.index[header.eq("")]:  # an unnamed column must hold nothing
        if grid.iloc[header_row:, column].str.strip().ne("").any():
            return None
    return grid


def _all_text(raw: bytes, separator: str, quoted: bool, skip: int) -> dict[str, pa.DataType]:
    """Every column read as text (Arrow would otherwise guess numbers and dates)."""
    start = 0
    for _ in range(skip):
        start = raw.find(b"\n", start) + 1
    end = raw.find(b"\n", start)
    first = raw[start : end if end >= 0 else len(raw)].decode("utf-8", "replace")
    if quoted:
        width = len(next(csv.reader([first], delimiter=separator), []))
    else:
        width = first.count(separator) + 1
    return {f"f{i}": pa.large_string() for i in range(max(width, 1) + 1)}


def _utf8(data: bytes, encoding: str) -> bytes:
    """The file's bytes in UTF-8, perhaps after a byte order mark (Arrow's parser skips it, and
    the text is decoded as « utf-8-sig »: never a copy of a million lines to drop three bytes)."""
    if encoding in ("utf-8", "utf-8-sig"):
        return data
    return data.decode(encoding).encode("utf-8")


def _head_lines(raw: bytes, count: int) -> list[str]:
    """The first ``count`` lines of the file (its text is only split into lines, a Python string
    each, when a line needs looking at)."""
    end = -1
    for _ in range(count):
        end = raw.find(b"\n", end + 1)
        if end < 0:
            end = len(raw)
            break
    return raw[:end].decode("utf-8-sig").splitlines()[:count]


def _line_count(raw: bytes) -> int:
    """How many lines the file holds (« \\n », « \\r\\n » or old Mac « \\r » line ends)."""
    breaks = raw.count(b"\n") or raw.count(b"\r")
    return breaks + (not raw.endswith((b"\n", b"\r")))


def read_csv(path: Path, header_row: int = 1) -> RawTable:
    """A csv file, every cell kept as text (``""`` for empty); lines out of shape set aside."""
    data = path.read_bytes()
    if not data or data.isspace():
        raise InputFileError(f"Fichier {path} : vide (aucune ligne d'en-têtes).")
    encoding = detect_encoding(data, path)
    raw = _utf8(data, encoding)
    del data  # a million-line export: one copy of its bytes at a time
    head = _head_lines(raw, header_row + 1)
    hint = _SEP_HINT.match(head[0]) if head else None
    skip = int(bool(hint))
    head = head[skip:]  # Excel's « sep=; » line: not data, and it says the separator
    if len(head) < header_row:
        raise InputFileError(f"Fichier {path} : vide ou sans ligne d'en-têtes {header_row}.")
    separator = hint.group(1) if hint else detect_separator(head[header_row - 1])
    lines_of = functools.cache(functools.partial(_lines, raw, skip))  # split if a line needs it
    quoted = b'"' in raw
    if quoted and raw.count(b'"') % 2:  # a quote opened and never closed
        _check_quotes(lines_of(), path, skip)
    lines = _line_count(raw) - skip if quoted else 0  # (counted once: a million lines)
    grid = _well_formed(raw, separator, quoted, skip, header_row, lines)
    if grid is not None and quoted and len(grid) < lines:
        _check_quotes(lines_of(), path, skip)  # values spanning lines: how many?
    if grid is not None:  # every line in the header's shape: Arrow's parser read it all
        frame, empty, duplicates = _split_header(grid, header_row, path)
        return RawTable(frame, empty, encoding, separator, (), duplicates, grid.head(HEAD_ROWS))
    lines = lines_of()
    del raw, lines_of
    if quoted:
        _check_quotes(lines, path, skip)
    fields = _line_fields(lines, separator, quoted)
    if fields is None:
        series = pd.Series(lines, dtype="string")
        counts = series.str.count(re.escape(separator)) + 1
        # trailing separators with nothing after them are no fields (« a;b;; »)
        stripped = series.str.rstrip(separator + " \t")
        filled = stripped.str.count(re.escape(separator)) + 1
        blank = stripped.str.strip().eq("")
    else:
        counts = pd.Series([len(row) for row in fields])
        filled = pd.Series([len(row) - _trailing_empty(row) for row in fields])
        blank = pd.Series([not any(cell.strip() for cell in row) for row in fields])
    width = int(filled.iloc[header_row - 1])
    bad = _bad_lines(counts, filled, blank, width, header_row, separator)
    if fields is not None:
        for number, _ in bad:
            fields[number - 1] = []  # read as an empty row: the line numbers stay right
        grid = pd.DataFrame([(row + [""] * width)[:width] for row in fields], dtype=object)
    else:
        kept = stripped.mask(counts.index.isin([number - 1 for number, _ in bad]), "")
        grid = pd.read_csv(
            io.StringIO("\n".join(kept.fillna("").tolist())), sep=separator, header=None,
            names=range(width), dtype=object, keep_default_na=False, skip_blank_lines=False,
            quoting=csv.QUOTE_NONE,
        ).fillna("")  # fmt: skip
    frame, empty, duplicates = _split_header(grid, header_row, path)
    empty -= len(bad)  # set-aside lines were blanked: not counted as empty rows
    return RawTable(frame, empty, encoding, separator, tuple(bad), duplicates,
                    grid.head(HEAD_ROWS))  # fmt: skip


def _lines(raw: bytes, skip: int) -> list[str]:
    """The file's lines as text, after the « sep=; » line when there is one."""
    return raw.decode("utf-8-sig").splitlines()[skip:]


def _trailing_empty(row: list[str]) -> int:
    count = 0
    for cell in reversed(row):
        if cell.strip():
            break
        count += 1
    return count


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
