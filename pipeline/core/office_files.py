"""Checks of an Office file (a zip of XML parts: xlsx, pptx, docx) made before any library
opens it, from what its zip directory and its small XML parts declare.

- **Zip bombs.** A part that inflates beyond ``max_part_mb``, or more than ``max_ratio`` times
  its compressed size when it inflates beyond 32 MB (a real export compresses 5 to 25 times),
  is refused. The directory's sizes are what the readers are held to: calamine and
  :mod:`zipfile` stop a part that inflates beyond its declared size.
- **Sheets spanning far more cells than they hold**: :mod:`pipeline.core.sheet_extents`.
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


def read_small_part(archive: zipfile.ZipFile, name: str, path: Path) -> str:
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


def xml_attribute(tag: str, name: str) -> str:
    found = re.search(rf'\s{re.escape(name)}\s*=\s*(["\'])(.*?)\1', tag, re.S)
    return html.unescape(found.group(2)) if found else ""


def xml_tags(text: str, kind: str) -> Iterator[str]:
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
    types = read_small_part(archive, "[Content_Types].xml", path)
    overrides = {xml_attribute(t, "PartName").lstrip("/"): xml_attribute(t, "ContentType")
                 for t in xml_tags(types, "Override")}  # fmt: skip
    defaults = {xml_attribute(t, "Extension").lower(): xml_attribute(t, "ContentType")
                for t in xml_tags(types, "Default")}  # fmt: skip
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
        for tag in xml_tags(read_small_part(archive, name, path), "Relationship"):
            if xml_attribute(tag, "TargetMode").lower() == "external":
                external.append((name, xml_attribute(tag, "Target"), xml_attribute(tag, "Type")))
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
