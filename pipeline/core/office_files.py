"""Checks of an Office file (a zip of XML parts: xlsx, pptx, docx) made before any library
opens it, from what its zip directory and its small XML parts declare.

- **Zip bombs.** A part that inflates beyond ``max_part_mb``, or more than ``max_ratio`` times
  its compressed size when it inflates beyond 32 MB (a real export compresses 5 to 25 times),
  is refused. The directory's sizes are what the readers are held to: calamine and
  :mod:`zipfile` stop a part that inflates beyond its declared size.
- **Sheets spanning far more cells than they hold.** calamine gives every position of a sheet's
  range a cell: two cells at A1 and XFD1048576, in a file of 1.5 kB, ask it for 512 GiB. The
  sheet's ``<dimension>`` is read first (a declared range beyond ``max_cells`` is refused at
  once), then every cell reference (:func:`sheet_extent`, one streamed pass): a range beyond
  ``max_cells``, or beyond one cell per four bytes of the sheet's XML past four million cells,
  is refused, naming the farthest row and column.
- **Macros and outside links.** Macro projects (``vbaProject.bin``, a macro-enabled content
  type under a .pptx or .xlsx name, ActiveX controls) and relationships to the outside
  (``TargetMode="External"``: ``http://…``, ``file:///…``) are listed by part
  (:func:`package_contents`): a template carrying one is refused (:func:`check_template_package`);
  a data workbook's are never run nor followed (only cell values are read), and said.

Every XML part read whole here (content types, relationships, the workbook) is small in any
real file and held to 16 MB; nothing is parsed by an XML library (no entity is expanded).
"""

from __future__ import annotations

import html
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline.core.config import InputLimits
from pipeline.core.exceptions import InputFileError, TemplateError
from pipeline.core.formatting import format_number

MB = 2**20
RATIO_FROM = 32 * MB  # a smaller part may compress as well as it likes: it cannot hurt
MAX_ENTRIES = 10_000  # parts in a zip (a real workbook or deck has tens, at most a few thousand)
SMALL_XML = 16 * MB  # content types, relationships, workbook: read whole
TEMPLATE_TOTAL = 512 * MB  # python-pptx holds every part of a template in memory
MIN_CELLS = 4_000_000  # cells any sheet may span, whatever its size
BYTES_PER_CELL = 4  # past MIN_CELLS, a sheet spans at most one cell per 4 bytes of its XML
CHUNK = 4 * MB  # inflated bytes looked at at a time
EXCEL_COLUMNS = 16_384

ZIP_MAGIC = b"PK"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # Office 97-2003 (.ppt, .doc, .xls)
MAIN = {  # the main part's content type → what the file is, in French
    "presentationml.presentation.main+xml": "présentation PowerPoint (.pptx)",
    "presentationml.template.main+xml": "modèle PowerPoint (.potx)",
    "presentationml.slideshow.main+xml": "diaporama PowerPoint (.ppsx)",
    "wordprocessingml.document.main+xml": "document Word (.docx)",
    "wordprocessingml.template.main+xml": "modèle Word (.dotx)",
    "spreadsheetml.sheet.main+xml": "classeur Excel (.xlsx)",
    "spreadsheetml.template.main+xml": "modèle Excel (.xltx)",
}
PPTX_MAIN = "presentationml.presentation.main+xml"
WORKSHEET_TYPE = "spreadsheetml.worksheet+xml"
EXTERNAL_LINK_TYPE = "/externalLink"  # a workbook's link to another workbook


@dataclass(frozen=True)
class Package:
    """What an Office file holds besides its content: its kind, its macros, its outside links."""

    main_type: str  # content type of the main part ("" when none is declared)
    macros: tuple[str, ...]  # parts holding macros or ActiveX controls
    external: tuple[tuple[str, str, str], ...]  # (relationships part, target, type) going out
    worksheets: tuple[str, ...]  # worksheet parts (a workbook)

    @property
    def kind(self) -> str:
        for suffix, name in MAIN.items():
            if self.main_type.endswith(suffix):
                return name
        if "macroEnabled" in self.main_type:
            return "fichier Office à macros (.pptm, .xlsm, .docm)"
        return ""


def format_size(size: int) -> str:
    """``2_400_000_000`` → « 2,2 Go »: a size in octets as a French reader reads it."""
    for unit, scale in (("Go", 2**30), ("Mo", MB), ("ko", 2**10)):
        if size >= scale:
            return f"{format_number(size / scale, 1)} {unit}"
    return f"{format_number(size)} octets"


def open_zip(path: Path) -> zipfile.ZipFile | None:
    """The file as a zip, or None when it is not one (its reader says what it is)."""
    with open(path, "rb") as handle:
        if handle.read(2) != ZIP_MAGIC:
            return None
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def check_directory(archive: zipfile.ZipFile, path: Path, limits: InputLimits,
                    total: int | None = None) -> None:  # fmt: skip
    """Refuse a zip whose directory declares parts inflating far beyond any real file."""
    entries = archive.infolist()
    redo = (
        "Ré-enregistrez le fichier depuis son logiciel (Excel, LibreOffice, PowerPoint), puis "
        "relancez"
    )
    if len(entries) > MAX_ENTRIES:
        raise InputFileError(
            f"Fichier {path} refusé : il contient {format_number(len(entries))} parties, bien "
            f"au-delà d'un fichier Office réel (au plus {format_number(MAX_ENTRIES)}). {redo}."
        )
    largest = limits.max_part_mb * MB
    for entry in entries:
        size, packed = entry.file_size, max(entry.compress_size, 1)
        if size > largest:
            raise InputFileError(
                f"Fichier {path} refusé : sa partie {entry.filename} se décompresse en "
                f"{format_size(size)}, au-delà de la limite de {format_size(largest)} "
                "(input_limits.max_part_mb dans la configuration). C'est une « bombe de "
                f"décompression » ou un fichier abîmé. {redo} ; si le fichier est authentique, "
                "relevez la limite."
            )
        if size > RATIO_FROM and size / packed > limits.max_ratio:
            raise InputFileError(
                f"Fichier {path} refusé : sa partie {entry.filename} se décompresse en "
                f"{format_size(size)} à partir de {format_size(packed)} "
                f"({format_number(size / packed)} fois plus), quand un export réel se compresse "
                f"au plus {format_number(limits.max_ratio)} fois (input_limits.max_ratio dans la "
                "configuration). C'est une « bombe de décompression » ou un fichier abîmé. "
                f"{redo} ; si le fichier est authentique, relevez la limite."
            )
    inflated = sum(entry.file_size for entry in entries)
    total = 2 * largest if total is None else total
    if inflated > total:
        raise InputFileError(
            f"Fichier {path} refusé : ses parties se décompressent en {format_size(inflated)} "
            f"en tout, au-delà de la limite de {format_size(total)}. C'est une « bombe de "
            f"décompression » ou un fichier abîmé. {redo}."
        )


def _small_part(archive: zipfile.ZipFile, name: str, path: Path) -> str:
    """A small XML part as text ("" when absent); refused when far larger than any real one."""
    try:
        entry = archive.getinfo(name)
    except KeyError:
        return ""
    if entry.file_size > SMALL_XML:
        raise InputFileError(
            f"Fichier {path} refusé : sa partie {name} fait {format_size(entry.file_size)} "
            f"(au plus quelques kilo-octets dans un fichier réel). Ré-enregistrez le fichier "
            "depuis son logiciel, puis relancez."
        )
    try:
        return archive.read(entry).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputFileError(
            f"Fichier {path} illisible : sa partie {name} est abîmée. Ré-enregistrez le fichier "
            "depuis son logiciel, puis relancez."
        ) from None


_TAG = re.compile(r"<(?:\w+:)?(Override|Default|Relationship|sheet)\b[^>]*>")


def _attribute(tag: str, name: str) -> str:
    found = re.search(rf'\s{re.escape(name)}\s*=\s*(["\'])(.*?)\1', tag, re.S)
    return html.unescape(found.group(2)) if found else ""


def _tags(text: str, kind: str) -> Iterator[str]:
    return (m.group(0) for m in _TAG.finditer(text) if m.group(1) == kind)


def _rels_owner(name: str) -> str:
    """``ppt/slides/_rels/slide1.xml.rels`` → ``ppt/slides/slide1.xml`` (its part)."""
    posix = PurePosixPath(name)
    return str(posix.parent.parent / posix.name.removesuffix(".rels")).lstrip("./")


# The relationships read in a data workbook: the package's and the workbook's (its links to other
# workbooks). A sheet's own (its cells' hyperlinks, a hundred thousand « mailto: » in a register)
# are never followed and need not be read.
WORKBOOK_RELATIONSHIPS = ("_rels/.rels", "xl/_rels/workbook.xml.rels")


def package_contents(archive: zipfile.ZipFile, path: Path, workbook: bool = False) -> Package:
    """The main content type, the macros, the relationships going out (every part's, or a data
    ``workbook``'s own) and the worksheets."""
    types = _small_part(archive, "[Content_Types].xml", path)
    overrides = {_attribute(t, "PartName").lstrip("/"): _attribute(t, "ContentType")
                 for t in _tags(types, "Override")}  # fmt: skip
    defaults = {_attribute(t, "Extension").lower(): _attribute(t, "ContentType")
                for t in _tags(types, "Default")}  # fmt: skip
    names = archive.namelist()
    main = next((kind for kind in overrides.values() if kind.endswith(".main+xml")), "")

    def type_of(name: str) -> str:
        return overrides.get(name) or defaults.get(PurePosixPath(name).suffix[1:].lower(), "")

    macros = [
        name for name in names
        if name.lower().endswith(("vbaproject.bin", "vbadata.xml"))
        or "/activex/" in f"/{name.lower()}"
        or name.startswith(("Basic/", "Scripts/"))  # an OpenDocument file's macros
        or "vbaProject" in type_of(name) or "activeX" in type_of(name)
    ]  # fmt: skip
    if "macroEnabled" in main:
        macros.insert(0, f"[Content_Types].xml ({main.rsplit('/', 1)[-1]})")
    external = []
    for name in names:
        if not name.endswith(".rels") or (workbook and name not in WORKBOOK_RELATIONSHIPS):
            continue
        for tag in _tags(_small_part(archive, name, path), "Relationship"):
            if _attribute(tag, "TargetMode").lower() == "external":
                external.append((name, _attribute(tag, "Target"), _attribute(tag, "Type")))
    worksheets = tuple(name for name in names if type_of(name).endswith(WORKSHEET_TYPE))
    return Package(main, tuple(macros), tuple(external), worksheets)


def workbook_notes(package: Package, shown: str) -> list[str]:
    """What the log says of a data workbook's macros and links to other files: never run nor
    followed (only the values of its cells are read)."""
    notes = []
    if package.macros:
        notes.append(f"{shown} contient des macros : elles ne sont jamais exécutées (seules les "
                     "valeurs des cellules sont lues).")  # fmt: skip
    linked = [target for _, target, kind in package.external if kind.endswith(EXTERNAL_LINK_TYPE)]
    if linked:
        notes.append(f"{shown} a des formules liées à d'autres classeurs ({', '.join(linked[:3])}) "
                     ": leurs valeurs sont celles enregistrées dans le fichier, jamais mises à "
                     "jour.")  # fmt: skip
    return notes


# --- the template -------------------------------------------------------------------------------

# Parts of a template the deck never keeps: its own slides (and their notes), dropped on opening.
DROPPED_PARTS = re.compile(r"^ppt/(?:slides|notesSlides)/")


def check_template_package(path: Path, limits: InputLimits | None = None) -> None:
    """Refuse, in French, a PowerPoint template the deck cannot safely be built on: not a
    regular file, not a .pptx (a Word file, an old .ppt, a damaged zip), a zip bomb, macros or
    ActiveX, or a relationship to the outside in a part the deck keeps (masters, layouts, theme,
    the presentation: its own slides are dropped)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise TemplateError(f"Modèle PowerPoint introuvable : {path}.") from None
    except OSError as error:
        raise TemplateError(f"Modèle PowerPoint {path} illisible ({error.strerror}).") from None
    if not stat.S_ISREG(mode):
        what = "un dossier" if stat.S_ISDIR(mode) else "pas un fichier ordinaire"
        raise TemplateError(f"Modèle PowerPoint {path} : c'est {what}. Indiquez le fichier "
                            ".pptx du modèle (TEMPLATE= ou --template).")  # fmt: skip
    with open(path, "rb") as handle:
        head = handle.read(8)
    save_as = ("ouvrez-le dans PowerPoint ou LibreOffice Impress et enregistrez-le au format "
               "« Présentation PowerPoint (.pptx) », sans macros")  # fmt: skip
    if head.startswith(OLE2_MAGIC):
        raise TemplateError(f"Modèle PowerPoint {path} : c'est un fichier Office 97-2003 (.ppt, "
                            f".doc…), pas un .pptx : {save_as}.")  # fmt: skip
    archive = open_zip(path)
    if archive is None:
        raise TemplateError(
            f"Modèle PowerPoint {path} illisible : ce n'est pas un fichier .pptx (fichier abîmé, "
            f"tronqué ou d'un autre format) : {save_as}."
        )
    with archive:
        try:
            check_directory(archive, path, limits or InputLimits(), TEMPLATE_TOTAL)
            package = package_contents(archive, path)
        except InputFileError as error:
            raise TemplateError(f"Modèle PowerPoint : {error}") from None
    if package.macros:
        raise TemplateError(
            f"Modèle PowerPoint {path} refusé : il contient des macros ou des contrôles ActiveX "
            f"({', '.join(package.macros[:3])}), que le diaporama ne doit jamais porter "
            f"(PowerPoint refuse un .pptx qui en a) : {save_as}."
        )
    if not package.main_type.endswith(PPTX_MAIN):
        kind = package.kind or "fichier qui n'est pas une présentation PowerPoint"
        raise TemplateError(f"Modèle PowerPoint {path} : c'est un {kind}, pas une présentation "
                            f".pptx : {save_as}.")  # fmt: skip
    kept = [(part, target) for part, target, _ in package.external
            if not DROPPED_PARTS.match(_rels_owner(part))]  # fmt: skip
    if kept:
        listed = " ; ".join(f"« {target} » ({_rels_owner(part) or part})"
                            for part, target in kept[:4])  # fmt: skip
        raise TemplateError(
            f"Modèle PowerPoint {path} refusé : il renvoie à l'extérieur ({listed}), et chaque "
            "diapositive du diaporama porterait ce lien. Dans PowerPoint, ouvrez le masque "
            "(Affichage > Masque des diapositives), remplacez chaque image liée par une image "
            "incorporée et retirez les liens hypertexte vers l'extérieur, puis enregistrez."
        )


# --- the cells a sheet spans --------------------------------------------------------------------


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
    book = _small_part(archive, "xl/workbook.xml", path)
    rels = _small_part(archive, "xl/_rels/workbook.xml.rels", path)
    targets = {_attribute(t, "Id"): _attribute(t, "Target") for t in _tags(rels, "Relationship")}
    names = {}
    for tag in _tags(book, "sheet"):
        target = targets.get(_attribute(tag, "r:id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        names[str(PurePosixPath(part))] = _attribute(tag, "name")
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
