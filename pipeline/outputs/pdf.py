"""PDF copies of the documents, since a CLU's documents are sent as PDF: the survey report (and
any HTML document: the Transparence poster) printed by WeasyPrint, the deck and the Word minutes
converted by LibreOffice (``soffice --headless``).

WeasyPrint lays an HTML document out as a browser prints it: it reads the document's own style
sheet, its ``@page`` rules (A4, margins, « page X sur Y ») and its ``@media print`` rules (what
stays with what, what is never cut), and embeds the fonts it used. It is a Python library, but
needs Pango (text layout) from the system; LibreOffice reads HTML without its style sheet, so
it only serves the Office documents.

The PDFs go to ``output/<année>/pdf/``. Each is made again only when its document changed (the
document's digest is kept beside it, in ``sources.json``). A machine without what a document
needs is told in one French sentence before any PDF is written.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.core.exceptions import PipelineError
from pipeline.core.writing import make_folder, replacing, write_text

INSTALL = (
    "LibreOffice n'est pas installé sur ce poste : les copies PDF n'ont pas été écrites. "
    "Installez-le (Debian ou Ubuntu : « sudo apt install libreoffice-impress "
    "libreoffice-writer » ; Windows ou macOS : https://fr.libreoffice.org), puis relancez "
    "« make pdf »."
)
# What WeasyPrint needs from the system, as Debian names it (its own Python packages come with
# the project's): Pango for the text, HarfBuzz's subsetter for smaller fonts, a free font.
PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
NO_WEASYPRINT = (
    "WeasyPrint ne peut pas mettre en page les documents HTML sur ce poste : il lui manque la "
    f"bibliothèque Pango (Debian ou Ubuntu : « sudo apt install {PANGO_PACKAGES} » ; Windows "
    "ou macOS : https://doc.courtbouillon.org/weasyprint/stable/first_steps.html), puis "
    "relancez « make pdf »."
)
# How LibreOffice reads and exports each kind of Office document, and its module and package.
CONVERSIONS = {
    ".pptx": (["--convert-to", "pdf"], "Impress", "libreoffice-impress"),
    ".docx": (["--convert-to", "pdf"], "Writer", "libreoffice-writer"),
}  # fmt: skip
PRINTED = (".html",)  # what WeasyPrint prints
TIMEOUT_S = 300


@functools.cache
def weasyprint_missing() -> str:
    """Why WeasyPrint cannot run here (its French sentence), or "" when it can. Its Python
    package always installs; without Pango its import fails (OSError)."""
    said = io.StringIO()  # (WeasyPrint prints its own English banner when Pango is missing)
    try:
        with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
            import weasyprint  # noqa: F401
    except (OSError, ImportError):
        return NO_WEASYPRINT
    return ""


def html_to_pdf(html_path: Path | str, pdf_path: Path | str) -> Path:
    """The HTML document printed as PDF at ``pdf_path`` (whole or not at all) by WeasyPrint,
    as its style sheet says (``@page``, ``@media print``); returns the PDF's path. Only the
    resources inside the document (``data:`` images) are read, never the network. Raises
    PipelineError in French when WeasyPrint cannot run here."""
    if weasyprint_missing():
        raise PipelineError(weasyprint_missing())
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html_path, pdf_path = Path(html_path), Path(pdf_path)
    try:
        document = HTML(filename=html_path, url_fetcher=URLFetcher(allowed_protocols=("data",)),
                        media_type="print")  # fmt: skip
        with replacing(pdf_path) as temporary:
            document.write_pdf(temporary, pdf_tags=True)
    except (ValueError, AssertionError, RecursionError) as error:  # a document it cannot lay out
        raise PipelineError(
            f"WeasyPrint n'a pas pu mettre en page {html_path.name} : {error}. Vérifiez le "
            "document (ouvrez-le dans un navigateur), puis relancez."
        ) from None
    return pdf_path


# The profile LibreOffice starts with: French number formats whatever the machine's locale (a
# server's is often C or English: the deck's chart labels would read « 75.0 % »).
FRENCH_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">\
<value>fr-FR</value></prop></item>
</oor:items>
"""


def french_profile(folder: Path) -> str:
    """A new LibreOffice profile in ``folder`` (its own: never locked by an open LibreOffice),
    set to French formats; the ``-env:UserInstallation`` argument that starts with it."""
    user = folder / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(FRENCH_PROFILE, encoding="utf-8")
    return f"-env:UserInstallation={folder.as_uri()}"


def soffice() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def missing_engines(documents: list[Path]) -> str:
    """What this machine lacks to print ``documents``, as one French sentence, or ""."""
    office = any(path.suffix in CONVERSIONS for path in documents) and soffice() is None
    printed = any(path.suffix in PRINTED for path in documents) and bool(weasyprint_missing())
    if office and printed:
        return (
            "Il manque sur ce poste LibreOffice (pour le diaporama et le compte rendu Word) et "
            "la bibliothèque Pango dont WeasyPrint a besoin (pour les documents HTML) : les "
            "copies PDF n'ont pas été écrites. Installez-les (Debian ou Ubuntu : « sudo apt "
            f"install libreoffice-impress libreoffice-writer {PANGO_PACKAGES} »), puis "
            "relancez « make pdf »."
        )
    return INSTALL if office else NO_WEASYPRINT if printed else ""


def _with_page_numbers(document: Path, made: Path, convert: list[str], scratch: Path) -> Path:
    """The PDF of a Word document whose contents list shows its page numbers (LibreOffice does
    not compute Word's TOC field): the pages read from ``made``'s bookmarks are written in a
    copy of the document, which is converted again — once more if the pages moved. ``made``
    itself when the document has no contents list."""
    from pipeline.outputs.minutes.contents import heading_pages, number_contents

    for attempt in range(2):
        work = scratch / f"pages-{attempt}"
        work.mkdir()
        copy = work / document.name
        if not number_contents(document, made, copy):
            return made
        subprocess.run([*convert, "--outdir", str(work / "pdf"), str(copy)],
                       capture_output=True, timeout=TIMEOUT_S, check=False)  # fmt: skip
        numbered = work / "pdf" / made.name
        if not numbered.is_file():
            return made  # (the copy without page numbers)
        if heading_pages(numbered) == heading_pages(made):
            return numbered
        made = numbered
    return made


def write_pdfs(documents: list[Path], folder: Path) -> tuple[list[Path], list[Path]]:
    """The PDF of each document that exists, in ``folder`` (HTML by WeasyPrint, pptx and docx
    by LibreOffice); returns (written, already current). Raises PipelineError in French, before
    any PDF is written, when this machine lacks what one of them needs, or when a conversion
    fails."""
    documents = [path for path in documents if path.is_file()]
    make_folder(folder)
    record_path = folder / "sources.json"
    record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.is_file() else {}
    digests = {path.name: _digest(path) for path in documents}
    todo = [
        path for path in documents
        if record.get(path.name) != digests[path.name]
        or not (folder / f"{path.stem}.pdf").is_file()
    ]  # fmt: skip
    current = [folder / f"{path.stem}.pdf" for path in documents if path not in todo]
    if not todo:
        return [], current
    lacking = missing_engines(todo)
    if lacking:
        raise PipelineError(lacking)
    for path in todo:
        if path.suffix in PRINTED:
            html_to_pdf(path, folder / f"{path.stem}.pdf")
            record[path.name] = digests[path.name]
    office = [path for path in todo if path.suffix in CONVERSIONS]
    if office:
        _office_pdfs(office, folder, record, digests)
    write_text(record_path, json.dumps(record, indent=2, sort_keys=True))
    return [folder / f"{path.stem}.pdf" for path in todo], current


def _office_pdfs(todo: list[Path], folder: Path, record: dict, digests: dict) -> None:
    """The Office documents converted by LibreOffice, each recorded in ``record``."""
    command = soffice()
    with tempfile.TemporaryDirectory(prefix="clu-pdf-") as scratch:
        scratch = Path(scratch)
        profile = french_profile(scratch / "profil")
        done = subprocess.run(  # (one start for them all: each costs about two seconds)
            [command, profile, "--headless", "--convert-to", "pdf",
             "--outdir", str(scratch / "pdf"), *map(str, todo)],
            capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
        )  # fmt: skip
        said = done.stderr + done.stdout
        for path in todo:
            made = scratch / "pdf" / f"{path.stem}.pdf"
            if not made.is_file() and "could not be loaded" in said:  # module not installed
                _, module, package = CONVERSIONS[path.suffix]
                raise PipelineError(
                    f"LibreOffice ne sait pas ouvrir {path.name} : son module {module} "
                    f"n'est pas installé. Installez-le (Debian ou Ubuntu : « sudo apt "
                    f"install {package} »), puis relancez « make pdf »."
                )
            if done.returncode or not made.is_file():
                raise PipelineError(
                    f"LibreOffice n'a pas pu convertir {path.name} en PDF : "
                    f"{(done.stderr or done.stdout).strip()[-300:]}"
                )
            if path.suffix == ".docx":  # its contents list gets its page numbers
                made = _with_page_numbers(path, made, [command, profile, "--headless",
                                                       "--convert-to", "pdf"], scratch)  # fmt: skip
            with replacing(folder / made.name) as temporary:
                shutil.copyfile(made, temporary)
            record[path.name] = digests[path.name]
