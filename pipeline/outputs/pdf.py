"""PDF copies of the documents, since a CLU's documents are sent as PDF: the deck, the minutes and
the survey report, converted by LibreOffice (``soffice --headless``) where it is installed.

The PDFs go to ``output/<année>/pdf/``. Each is made again only when its document changed (the
document's digest is kept beside it, in ``sources.json``). The survey report's HTML is first
made ready for print: no « ¶ » heading links, charts no wider than the page.
"""

from __future__ import annotations

import hashlib
import json
import re
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
# How LibreOffice reads and exports each kind of document, the module that opens it and its
# Debian package (the report's HTML is read by Writer as a text document, whose tables repeat
# their header row on each page).
CONVERSIONS = {
    ".pptx": (["--convert-to", "pdf"], "Impress", "libreoffice-impress"),
    ".docx": (["--convert-to", "pdf"], "Writer", "libreoffice-writer"),
    ".html": (["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export"], "Writer",
              "libreoffice-writer"),
}  # fmt: skip
# What Writer reads of a style sheet: smaller table text, so that the widest table fits.
PRINT_CSS = "<style>table, td, th { font-size: 8pt; } td, th { padding: 1px 3px; }</style>"
PAGE_WIDTH_PX = 640  # the text width of an A4 page with its margins, at 96 dpi
TIMEOUT_S = 300


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


def print_ready_html(body: str) -> str:
    """The report as LibreOffice should print it: heading links (« ¶ ») removed, every chart
    scaled to the page's width and alone on its lines, every table within the page's width
    (LibreOffice reads these attributes, not the style sheet)."""
    body = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", body)
    body = re.sub(r"<img\b([^>]*)>", rf'<img width="{PAGE_WIDTH_PX}"\1><br clear="all">', body)
    body = re.sub(r"<table\b", '<table width="100%"', body)  # wrapped in the page, not cut
    return body.replace("</head>", f"{PRINT_CSS}</head>", 1)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _source(path: Path, scratch: Path) -> Path:
    """What LibreOffice reads for a document: the report's HTML made ready for print first."""
    if path.suffix != ".html":
        return path
    source = scratch / path.name
    source.write_text(print_ready_html(path.read_text(encoding="utf-8")), encoding="utf-8")
    return source


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
    """The PDF of each document that exists, in ``folder``; returns (written, already current).
    Raises PipelineError in French when LibreOffice is missing or fails."""
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
    command = soffice()
    if command is None:
        raise PipelineError(INSTALL)
    with tempfile.TemporaryDirectory(prefix="clu-pdf-") as scratch:
        scratch = Path(scratch)
        profile = french_profile(scratch / "profil")
        kinds: dict[tuple, list[Path]] = {}  # one LibreOffice start per way of reading (each
        for path in todo:  # start costs about two seconds, a small document's page a tenth)
            kinds.setdefault(tuple(CONVERSIONS[path.suffix][0]), []).append(path)
        for arguments, paths in kinds.items():
            sources = [_source(path, scratch) for path in paths]
            done = subprocess.run(
                [command, profile, "--headless", *arguments,
                 "--outdir", str(scratch / "pdf"), *map(str, sources)],
                capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
            )  # fmt: skip
            said = done.stderr + done.stdout
            for path in paths:
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
                                                           *arguments], scratch)  # fmt: skip
                with replacing(folder / made.name) as temporary:
                    shutil.copyfile(made, temporary)
                record[path.name] = digests[path.name]
    write_text(record_path, json.dumps(record, indent=2, sort_keys=True))
    return [folder / f"{path.stem}.pdf" for path in todo], current
