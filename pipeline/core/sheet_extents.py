"""How many cells each sheet of a workbook spans, read before any library opens it.

calamine gives every position of a sheet's range a cell: two cells at A1 and XFD1048576, in a
file of 1.5 kB, ask it for 512 GiB. A sheet's ``<dimension>`` is read first (a declared range
beyond ``max_cells`` is refused at once), then every row and cell reference, in one streamed
pass over the sheet's XML (:func:`sheet_extent`: memory stays that of a 4 MB chunk; a sheet of
1.4 GB, a survey of a million rows, takes about ten seconds of processor): a range beyond
``max_cells``, or beyond one cell per four bytes of the sheet's XML past four million cells, is
refused, naming the farthest row and column.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline.core.config import InputLimits
from pipeline.core.exceptions import InputFileError
from pipeline.core.formatting import format_number
from pipeline.core.office_files import (
    MB,
    format_size,
    open_zip,
    package_contents,
    read_small_part,
    xml_attribute,
    xml_tags,
)

MIN_CELLS = 4_000_000  # cells any sheet may span, whatever its size
BYTES_PER_CELL = 4  # past MIN_CELLS, a sheet spans at most one cell per 4 bytes of its XML
CHUNK = 4 * MB  # inflated bytes looked at at a time
EXCEL_COLUMNS = 16_384


@dataclass(frozen=True)
class Extent:
    """How far a sheet's cells reach, as calamine places them (a bound: never less)."""

    rows: int  # the last row, counting rows without a number after the numbered ones
    columns: int  # the last column, counting cells without a reference after numbered ones

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def column_name(number: int) -> str:
    """1 → A, 16384 → XFD (a column as a spreadsheet names it)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"'
)
_PAD = bytes(16)  # zeros after a chunk: every byte looked at past a tag's start exists
_REFERENCE = re.compile(rb'\sr\s*=\s*["\']([A-Z]*)(\d*)')


def declared_cells(head: bytes) -> tuple[int, str] | None:
    """The cells a sheet's ``<dimension ref="A1:Y20001"/>`` declares, and the range as written."""
    found = _DIMENSION.search(head)
    if not found:
        return None
    first_col, first_row, last_col, last_row = found.groups()
    last_col, last_row = last_col or first_col, last_row or first_row
    rows = int(last_row) - int(first_row) + 1
    columns = _column_number(last_col) - _column_number(first_col) + 1
    return max(rows, 1) * max(columns, 1), found.group(0).split(b'"')[1].decode()


def _column_number(letters: bytes) -> int:
    value = 0
    for letter in letters:
        value = value * 26 + letter - 64
    return value


def _largest_reference(a, starts) -> tuple[int, int]:
    """The largest row and column of the references (« XFD1048576 ») starting at ``starts``:
    the largest is among those with the most letters (digits), and there the greatest
    string of letters (digits) is the greatest number."""
    from numpy.lib.stride_tricks import as_strided

    if not len(starts):
        return 0, 0
    windows = as_strided(a, shape=(len(a) - 12, 12), strides=(1, 1))  # (a ends with 16 zeros)
    head = windows[starts, :4]
    letters = _leading(head, 65, 90)
    most = int(letters.max())
    column = 10**9 if most > 3 else _largest_number(head[letters == most, :most], 65, 26, 1)
    after = windows[starts + letters, :9]
    digits = _leading(after, 48, 57)
    most = int(digits.max())
    row = 10**9 if most > 7 else _largest_number(after[digits == most, :most], 48, 10, 0)
    return row, column


def _leading(figures, low: int, high: int):
    """How many bytes of each row of ``figures`` lie in ``low``-``high`` before any other (a
    column at a time: numpy's reductions along short rows are slow)."""
    import numpy as np

    count = np.zeros(len(figures), np.int64)
    going = np.ones(len(figures), bool)
    for k in range(figures.shape[1]):
        byte = figures[:, k]
        going &= (byte >= low) & (byte <= high)
        count += going
    return count


def _largest_number(figures, zero: int, base: int, first: int) -> int:
    """The largest number written by rows of figures (all of one width), in ``base`` from the
    byte ``zero`` standing for ``first`` (letters: A = 1; digits: 0 = 0)."""
    import numpy as np

    if not figures.size:
        return 0
    value = np.zeros(len(figures), np.int64)
    for k in range(figures.shape[1]):
        value = value * base + figures[:, k].astype(np.int64) - zero + first
    return int(value.max())


def _tag_ends(byte):
    return (byte == 0x20) | (byte == 0x3E) | (byte == 0x2F) | (byte == 0x0A) | (byte == 0x0D) | (
        byte == 0x09)  # fmt: skip


def _odd_references(data: bytes, tags) -> tuple[int, int]:
    """The largest row and column of rows and cells whose reference is not where spreadsheets
    write it (none in a real export): looked for in each tag."""
    row = column = 0
    for start in tags.tolist():
        tag = data[start : data.find(b">", start) + 1 or len(data)]
        found = _REFERENCE.search(tag)
        if found:
            row = max(row, int(found.group(2) or 0) if len(found.group(2)) < 9 else 10**9)
            letters = found.group(1)
            column = max(column, _column_number(letters) if len(letters) <= 3 else 10**9)
    return row, column


def sheet_extent(chunks: Iterator[bytes]) -> Extent:
    """How far the cells of a sheet's XML reach, read chunk by chunk (memory stays that of a
    chunk; ``chunks`` ends with ``b""``). calamine places a cell at its reference, a cell
    without one after the cell before it, a row without a number after the row before it: the
    bound adds those to the largest reference (exact for what spreadsheets write, where every
    row and cell starts with its reference)."""
    import numpy as np

    last_row = last_column = rows_unnumbered = widest = 0
    open_row = 0  # cells without a reference in the row still open at the end of a chunk
    carried = b""
    for chunk in chunks:
        data = carried + chunk
        end = data.rfind(b"<") if chunk else len(data)  # a tag is never cut in two
        if end == 0 and len(data) <= 2 * CHUNK:
            carried = data  # one tag so far: wait for its end
            continue
        if end <= 0:  # no tag opens here, or one unending tag: nothing more to wait for
            end = len(data)
        carried, data = data[end:], data[:end] + _PAD
        a = np.frombuffer(data, np.uint8)
        opens = np.flatnonzero(a[:end] == 0x3C)
        second = a[opens + 1]
        cells = opens[second == 0x63]
        cells = cells[_tag_ends(a[cells + 2])]
        numbered = (a[cells + 2] == 0x20) & (a[cells + 3] == 0x72) & (a[cells + 4] == 0x3D)
        numbered &= a[cells + 5] == 0x22
        rows = opens[second == 0x72]
        rows = rows[(a[rows + 2] == 0x6F) & (a[rows + 3] == 0x77)]
        rows = rows[_tag_ends(a[rows + 4])]
        numbered_rows = (a[rows + 4] == 0x20) & (a[rows + 5] == 0x72) & (a[rows + 6] == 0x3D)
        numbered_rows &= a[rows + 7] == 0x22
        found = [
            _largest_reference(a, cells[numbered] + 6),
            _largest_reference(a, rows[numbered_rows] + 8),
            _odd_references(data, np.concatenate([cells[~numbered], rows[~numbered_rows]])),
        ]
        last_row = max(last_row, *(row for row, _ in found))
        last_column = max(last_column, *(column for _, column in found))
        rows_unnumbered += int((~numbered_rows).sum())
        unnumbered = cells[~numbered]
        if len(unnumbered):
            counts = np.bincount(np.searchsorted(rows, unnumbered), minlength=len(rows) + 1)
            counts[0] += open_row
            widest = max(widest, int(counts.max()))
            open_row = int(counts[-1])
        elif len(rows):
            open_row = 0
        if not chunk:
            break
    return Extent(last_row + rows_unnumbered, last_column + widest)


def _sheet_names(archive: zipfile.ZipFile, path: Path) -> dict[str, str]:
    """Worksheet part → the sheet's name, from the workbook and its relationships."""
    book = read_small_part(archive, "xl/workbook.xml", path)
    rels = read_small_part(archive, "xl/_rels/workbook.xml.rels", path)
    targets = {
        xml_attribute(t, "Id"): xml_attribute(t, "Target") for t in xml_tags(rels, "Relationship")
    }
    names = {}
    for tag in xml_tags(book, "sheet"):
        target = targets.get(xml_attribute(tag, "r:id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        names[str(PurePosixPath(part))] = xml_attribute(tag, "name")
    return names


def _chunks(handle) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK):
        yield chunk
    yield b""


def check_sheet_extents(path: Path, limits: InputLimits) -> None:
    """Refuse a workbook one of whose sheets spans far more cells than it holds, or more than
    ``max_cells`` (its declared ``<dimension>`` first, then its cells read once)."""
    archive = open_zip(path)
    if archive is None:
        return
    with archive:
        package = package_contents(archive, path, workbook=True)
        names = _sheet_names(archive, path)
        for part in package.worksheets:
            size = archive.getinfo(part).file_size
            shown = f"l'onglet « {names[part]} »" if part in names else f"la feuille {part}"
            allowed = min(limits.max_cells, max(MIN_CELLS, size // BYTES_PER_CELL))
            try:
                with archive.open(part) as handle:
                    head = handle.read(64 * 1024)
                    declared = declared_cells(head)
                    if declared and declared[0] > limits.max_cells:
                        raise InputFileError(_too_wide(path, shown, declared[1], declared[0],
                                                       size, limits))  # fmt: skip
                    extent = sheet_extent(_with_head(head, handle))
            except (zipfile.BadZipFile, OSError, EOFError, ValueError):
                raise InputFileError(
                    f"Fichier {path} illisible : {shown} est abîmé. Ré-enregistrez le fichier "
                    "depuis votre tableur, puis relancez."
                ) from None
            if extent.cells > allowed:
                where = f"jusqu'à la ligne {format_number(extent.rows)} et la colonne " + (
                    column_name(extent.columns) if extent.columns <= EXCEL_COLUMNS * 26 else
                    "au-delà de toute colonne d'un tableur")  # fmt: skip
                raise InputFileError(_too_wide(path, shown, where, extent.cells, size, limits))


def _with_head(head: bytes, handle) -> Iterator[bytes]:
    yield head
    yield from _chunks(handle)


def _too_wide(path: Path, shown: str, where: str, cells: int, size: int,
              limits: InputLimits) -> str:  # fmt: skip
    reach = where if where.startswith("jusqu") else f"sur la plage {where}"
    return (
        f"Fichier {path} refusé : {shown} s'étend {reach}, soit {format_number(cells)} cellules "
        f"pour {format_size(size)} de contenu ; le lire demanderait bien plus de mémoire que ce "
        f"poste n'en a (au plus {format_number(limits.max_cells)} cellules, "
        "input_limits.max_cells dans la configuration). Supprimez les lignes et colonnes vides "
        "au-delà de vos données (ou ré-enregistrez l'export depuis votre tableur), puis relancez."
    )
