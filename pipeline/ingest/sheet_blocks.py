"""Read a large worksheet by blocks of rows, in bounded memory.

calamine reads a whole sheet at once: every cell of a million-row survey export held two or
three times over, then as a Python object (3,5 GiB for the sheet alone at 1 M rows × 25
columns, 5,5 GiB for its ingestion). Here the sheet's XML is taken from the archive a block of
whole rows at a time (:data:`BLOCK_BYTES`); each block, under the workbook's own shared strings
and styles, is read as a small workbook, its rows and columns kept:

- by fastexcel (calamine's cells borrowed, straight into Arrow columns), when every column of
  the block holds one type and nothing can hide (:func:`_fastexcel_block`): its dates, times
  and numbers are then given as python-calamine gives them;
- else by python-calamine, as the whole sheet was read before: the first rows (titles and
  headers above typed columns), a column mixing texts and numbers, a text « NA » or « #N/A »
  among numbers (which fastexcel reads as an empty cell), ISO dates, time spans.

A column whose cells are all text is held as Arrow text (a tenth of the memory of Python
strings, as a CSV export's columns are), empty cells as « » ; any other column keeps
python-calamine's values, empty cells missing. Excel error cells (« #DIV/0! »), which both read
as empty, are found in the same blocks (:func:`errors_of`).
"""

from __future__ import annotations

import html
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import fastexcel
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from python_calamine import CalamineWorkbook

from pipeline.ingest.memory import release_freed_memory

BLOCK_BYTES = 64 * 2**20  # a block of the sheet's XML: about 2 million cells, 80 000 rows
FIRST_ROWS = 100  # read apart by python-calamine: titles and headers above typed columns

# fastexcel tells of a column it types as text for want of cells: not a user's concern
logging.getLogger("fastexcel").setLevel(logging.ERROR)

_ERROR_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?t="e"[^>]*>(?:<f[^>]*>.*?</f>|<f[^>]*/>)?'
                         rb"<v>([^<]*)</v>", re.S)  # fmt: skip
_SHEET_DATA = re.compile(rb"<((?:[\w.-]+:)?)sheetData\b[^>]*?(/?)>")
_ROW_START = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*?)(/?)>")
_EPOCH_1904 = re.compile(rb"""date1904=["'](?:1|true)["']""")
_ROW_NUMBER = re.compile(rb"""\sr=["'](\d+)["']""")


def _attribute(tag: str, name: str) -> str:
    found = re.search(rf'\s{re.escape(name)}="([^"]*)"', tag)
    return found.group(1) if found else ""


def sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The archive member holding the sheet's XML, found through the workbook and its
    relationships; None when it cannot be told."""
    try:
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return None
    ids = {_attribute(tag, "name"): _attribute(tag, "r:id")
           for tag in re.findall(r"<sheet\b[^>]*>", book)}  # fmt: skip
    targets = {_attribute(tag, "Id"): _attribute(tag, "Target")
               for tag in re.findall(r"<Relationship\b[^>]*>", rels)}  # fmt: skip
    target = targets.get(ids.get(html.escape(sheet, quote=True), ""), "")
    if not target:
        return None
    part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return part if part in archive.namelist() else None


def errors_of(data: bytes) -> list[tuple[int, int, str]]:
    """The cells of a piece of sheet XML holding an Excel error: (row, column, error), 0-based."""
    if b't="e"' not in data:
        return []
    found = []
    for letters, row, value in _ERROR_CELL.findall(data):
        column = 0
        for letter in letters.decode():
            column = column * 26 + ord(letter) - 64
        found.append((int(row) - 1, column - 1, value.decode("utf-8", "replace")))
    return found


def _blocks(handle, carry: bytes, closing: bytes) -> Iterator[bytes]:
    """The sheet's rows, a block of whole rows (cut after a row's closing tag) at a time: first
    its :data:`FIRST_ROWS` rows (titles, headers: texts above typed columns), then blocks of
    about :data:`BLOCK_BYTES`."""
    cut = 0
    for _ in range(FIRST_ROWS):
        found = carry.find(closing, cut)
        if found < 0:
            break
        cut = found + len(closing)
    if cut:
        yield carry[:cut]
        carry = carry[cut:]
    while True:
        data = handle.read(BLOCK_BYTES)
        if not data:  # the end of the sheet: its last rows, before « </sheetData> »
            if carry.strip():
                yield carry
            return
        carry += data
        del data  # (not held while the block is read)
        cut = carry.rfind(closing)
        if cut < 0:  # (a row longer than a block: read on)
            continue
        cut += len(closing)
        yield carry[:cut]
        carry = carry[cut:]


def _row_after(block: bytes, row: int, opening: bytes) -> int:
    """calamine's row counter after a block (0-based): the row a following row without its
    number would take. A row's number sets it, the end of a row adds one; a row written
    ``<row …/>`` does neither."""
    end = len(block)
    while (start := block.rfind(opening, 0, end)) >= 0:  # the last row opened
        tag = block[start : block.find(b">", start) + 1]
        end = start
        if tag[len(opening) : len(opening) + 1] not in b" \t\r\n>" or tag.endswith(b"/>"):
            continue
        number = _ROW_NUMBER.search(tag)
        if number:
            return int(number.group(1))
        break  # rows without numbers: counted
    starts = [a for a, empty in _ROW_START.findall(block) if not empty]
    for position in range(len(starts) - 1, -1, -1):
        number = _ROW_NUMBER.search(starts[position])
        if number:
            return int(number.group(1)) + len(starts) - 1 - position
    return row + len(starts)


def _base_archive(archive: zipfile.ZipFile, part: str) -> bytes:
    """The workbook without its worksheets (its shared strings, styles, relationships): each
    block is read under it."""
    folder = part.rsplit("/", 1)[0] + "/"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as base:
        for info in archive.infolist():
            name = info.filename
            inside = name.startswith(folder) and "/" not in name[len(folder) :]
            if inside or name.startswith("xl/media/") or name.endswith("/"):
                continue
            base.writestr(name, archive.read(name))
    return buffer.getvalue()


def _block_workbook(base: bytes, part: str, pieces: tuple[bytes, ...]) -> bytes:
    """The workbook of one block: the base, and the block's XML (``pieces`` end to end) as its
    sheet (stored: it is read at once)."""
    buffer = io.BytesIO(base)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_STORED) as book, book.open(part, "w") as sheet:
        for piece in pieces:
            sheet.write(piece)
    return buffer.getvalue()


def _calamine_block(book: bytes, sheet: str) -> list[tuple[int, int, tuple]]:
    """A block's cells as python-calamine reads them, column by column: (row, column,
    values), the row and column where its range starts."""
    found = CalamineWorkbook.from_filelike(io.BytesIO(book)).get_sheet_by_name(sheet)
    if found.start is None:
        return []
    top, left = found.start
    rows = found.to_python()
    return [(top, left + offset, values)
            for offset, values in enumerate(zip(*rows, strict=True))]  # fmt: skip


DAY_MS = 86_400_000
_EXCEL_EPOCH_MS = -2_209_161_600_000  # 30 December 1899 in ms since 1970
_YEAR_RANGE = (pd.Timestamp("0001-01-01"), pd.Timestamp("9999-12-31 23:59:59.999"))


def _as_calamine(column: pa.Array, epoch_1904: bool):
    """Cells fastexcel typed, as python-calamine gives them (an empty cell « »): a date cell
    as a date, a time of day (a day number under 1) as a time, else a datetime; None where
    fastexcel's column cannot be told to be python-calamine's values. ``epoch_1904``: the
    workbook counts its days from 1904 (calamine adds the 1 462 days between the epochs)."""
    present = column.is_valid().to_numpy(zero_copy_only=False)
    cells = np.full(len(column), "", dtype=object)
    kind = column.type
    if pa.types.is_floating(kind):
        numbers = column.to_numpy(zero_copy_only=False)
        if np.isnan(numbers[present]).any():  # (a text « nan » read as a number)
            return None
        cells[present] = numbers[present].astype(object)
    elif pa.types.is_boolean(kind):
        cells[present] = np.array(column.to_pylist(), dtype=object)[present]
    elif pa.types.is_timestamp(kind):
        stamps = column.cast(pa.timestamp("ms")).cast(pa.int64())
        stamps = stamps.to_numpy(zero_copy_only=False)[present]
        since = stamps - _EXCEL_EPOCH_MS  # ms since calamine's epoch (one day added below 60)
        moments = pd.Series(pd.to_datetime(stamps, unit="ms"))
        if len(moments) and (moments.min() < _YEAR_RANGE[0] or moments.max() > _YEAR_RANGE[1]):
            return None  # (python-calamine gives such a day number as a number)
        times, days = since < (1463 if epoch_1904 else 2) * DAY_MS, since % DAY_MS == 0
        values = np.empty(len(since), dtype=object)
        values[times] = moments[times].dt.time.to_numpy()
        values[~times & days] = moments[~times & days].dt.date.to_numpy()
        values[~times & ~days] = moments[~times & ~days].dt.to_pydatetime()
        cells[present] = values
    elif not pa.types.is_null(kind):
        return None
    return cells


# The texts fastexcel takes for empty cells when it types a column (its NULL_STRING_VALUES, but
# « », which python-calamine also gives as empty), as the shared strings table writes them.
_NULL_TEXTS = ("#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
               "1.#QNAN", "&lt;NA&gt;", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan",
               "null")  # fmt: skip
_NULL_TEXT = re.compile(rb"<(?:[\w.-]+:)?[tv](?:\s[^>]*)?>(?:%s)</"
                        % b"|".join(re.escape(t.encode()) for t in _NULL_TEXTS))  # fmt: skip
_RICH_TEXT = re.compile(rb"<(?:[\w.-]+:)?r>")  # (runs of rich text, which may spell one)
# Cells written as text in the sheet itself, and dates written as ISO text
_OWN_TEXTS = tuple(q + kind + q for q in (b'"', b"'") for kind in (b"inlineStr", b"str"))
_ISO_DATES = (b't="d"', b"t='d'")


def texts_read_as_empty(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook's shared strings may hold a text that fastexcel reads as an empty
    cell in a column of numbers or dates (« NA », « #N/A » typed as text), or rich text (runs
    that may spell one)."""
    for name in archive.namelist():
        if name.lower().endswith("sharedstrings.xml"):
            data = archive.read(name)
            if _NULL_TEXT.search(data) or _RICH_TEXT.search(data):
                return True
    return False


def _fastexcel_block(book: bytes, sheet: str, row: int, body: bytes, errors: set,
                     hidden: bool, epoch_1904: bool) -> list | None:  # fmt: skip
    """A block's cells read into Arrow by fastexcel, column by column as
    :func:`_calamine_block` gives them; None when fastexcel cannot give them as python-calamine
    does (a column mixing texts and numbers, a time span, ISO dates, perhaps a text typed where
    numbers are): the block is then read by python-calamine. ``row``: the block's first row;
    ``body``: its XML; ``errors``: its Excel error cells (row, column), read as empty by both;
    ``hidden``: whether the shared strings may hold a text fastexcel reads as empty;
    ``epoch_1904``: the workbook counts its days from 1904."""
    if any(kind in body for kind in _ISO_DATES):
        return None
    if not hidden and any(b"t=" + kind in body for kind in _OWN_TEXTS):  # texts in the cells
        hidden = bool(_NULL_TEXT.search(body) or _RICH_TEXT.search(body))
    positions: list[int] = []  # each column's place in the sheet
    try:
        batch = fastexcel.read_excel(book).load_sheet(
            sheet, header_row=row, column_names=["_"], skip_rows=0, schema_sample_rows=None,
            dtype_coercion="strict", eager=True,
            use_columns=lambda info: positions.append(info.absolute_index) or True,
        )  # fmt: skip
    except fastexcel.FastExcelError:
        return None
    found = []
    for index, position in enumerate(positions):
        column = batch.column(index)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            found.append((row, position, _own_text(column)))
            continue
        if hidden and column.null_count:  # each empty cell must be empty, or an error
            empty = np.flatnonzero(column.is_null().to_numpy(zero_copy_only=False)) + row
            if any((at, position) not in errors for at in empty.tolist()):
                return None
        cells = _as_calamine(column, epoch_1904)
        if cells is None:
            return None
        found.append((row, position, cells))
    return found


def _own_text(column: pa.Array) -> pa.Array:
    """A column of texts fastexcel read, as Arrow text (an empty cell « ») copied into Arrow's
    own memory: a cast or a filling keeps fastexcel's buffers (another allocator's memory,
    which the next blocks could not reuse: 0,5 GiB held until the sheet is read)."""
    return pa.concat_arrays([pc.fill_null(column.cast(pa.large_string()), "")])


class _Column:
    """A column's cells, block after block: Arrow text while every cell is text."""

    def __init__(self):
        self.pieces: list[tuple[int, object]] = []  # (first row, Arrow text or Python values)
        self.text = True

    def add(self, row: int, values) -> None:
        if self.text and isinstance(values, pa.Array):
            self.pieces.append((row, values))
            return
        if self.text:
            try:
                self.pieces.append((row, pa.array(values, type=pa.large_string())))
                return
            except (pa.ArrowTypeError, pa.ArrowInvalid):
                self.text = False
        self.pieces.append((row, values))

    def series(self, height: int) -> pd.Series:
        """The column, ``height`` rows from the first (its pieces given up)."""
        pieces, self.pieces = self.pieces, []
        if self.text:
            chunks, at = [], 0
            for row, piece in pieces:
                chunks += [_empty_texts(row - at), piece]
                at = row + len(piece)
            chunks.append(_empty_texts(height - at))
            del pieces
            text = pa.chunked_array(chunks, type=pa.large_string()).combine_chunks()
            return pd.Series(pd.arrays.ArrowStringArray(text))
        cells = np.full(height, np.nan, dtype=object)
        for row, piece in pieces:
            values = np.array(piece.to_pylist() if isinstance(piece, pa.Array) else piece,
                              dtype=object)  # fmt: skip
            values[values == ""] = np.nan
            cells[row : row + len(values)] = values
        return pd.Series(cells, dtype=object)


def _empty_texts(count: int) -> pa.Array:
    return pa.array([""], type=pa.large_string()).take(np.zeros(max(count, 0), dtype=np.int64))


def block_grid(path: Path, sheet: str, head_rows: int | None = None):
    """The sheet's grid (from A1, as ``to_python(skip_empty_area=False)`` gives it) and its
    error cells, read by blocks; None for a sheet of one block, or one that cannot be cut into
    blocks (its XML not found, or unusual): it is read whole. ``head_rows``: stop once that
    many rows are read."""
    with zipfile.ZipFile(path) as archive:
        part = sheet_part(archive, sheet)
        if part is None or archive.getinfo(part).file_size <= BLOCK_BYTES:
            return None  # (a sheet of one block: read whole)
        base, hidden = _base_archive(archive, part), texts_read_as_empty(archive)
        epoch_1904 = bool(_EPOCH_1904.search(archive.read("xl/workbook.xml")))
        with archive.open(part) as handle:
            head = handle.read(BLOCK_BYTES)
            while (opening := _SHEET_DATA.search(head)) is None and len(head) < 2**24:
                more = handle.read(BLOCK_BYTES)  # (columns' widths, views… before the rows)
                if not more:
                    break
                head += more
            if opening is None or opening.group(2) or b"<![CDATA[" in head:
                return None
            prefix = head[: opening.end()]
            q = opening.group(1)
            closing, ending = b"</" + q + b"row>", b"</" + q + b"sheetData></worksheet>"
            root = re.match(rb"(?:<\?[^>]*\?>\s*)?<([\w.:-]+)", prefix)
            ending = b"</" + q + b"sheetData></" + root.group(1) + b">" if root else ending
            columns: dict[int, _Column] = {}
            errors: list[tuple[int, int, str]] = []
            height, row = 0, 0
            blocks = _blocks(handle, head[opening.end() :], closing)
            del head  # (the first block's bytes held once, by the blocks)
            for block in blocks:
                if b"<![CDATA[" in block:
                    return None
                end = block.find(b"</" + q + b"sheetData>")
                body = block if end < 0 else block[:end]
                resume = b"<" + q + b'row r="%d"></' % row + q + b"row>" if row else b""
                book = _block_workbook(base, part, (prefix, resume, body, ending))
                found = errors_of(body)
                errors += found
                pieces = (_fastexcel_block(book, sheet, row, body, {(r, c) for r, c, _ in found},
                                           hidden, epoch_1904) if row else None)  # fmt: skip
                if pieces is None:
                    pieces = _calamine_block(book, sheet)
                del book
                row = _row_after(body, row, b"<" + q + b"row")
                for top, index, values in pieces:
                    columns.setdefault(index, _Column()).add(top, values)
                    height = max(height, top + len(values))
                del pieces, block, body
                if head_rows is not None and height >= head_rows:
                    break
    width = max(columns, default=-1) + 1
    empty = pd.Series(np.full(height, np.nan, dtype=object))
    grid = pd.DataFrame({index: columns.pop(index).series(height) if index in columns else empty
                         for index in range(width)})  # fmt: skip
    release_freed_memory()  # (the blocks' bytes and readings: hundreds of megabytes)
    return grid, errors
