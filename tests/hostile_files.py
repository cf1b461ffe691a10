"""Hostile Office files, made small and fast, for the unit tests and the corpus (issue 24).

Each builder writes one file at ``target`` from a real one (a sample workbook, the bundled
template): a zip bomb (a sheet inflating about a thousand times), a stray cell at XFD1048576,
macros, links to the outside in a template's master and layout, a Word file, a template
without the deck's layouts.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = REPO / "pipeline" / "resources" / "clu_template.pptx"
SURVEY = REPO / "data" / "raw" / "2022" / "enquete_satisfaction_2022.xlsx"
SHEET = "xl/worksheets/sheet1.xml"
MB = 2**20


def rewrite_zip(source: Path, target: Path, change) -> None:
    """Copy a zip part by part; ``change(name, data)`` returns the new bytes (None: dropped);
    ``change.extra`` (optional) lists parts to add."""
    with zipfile.ZipFile(source) as old:
        parts = [(info.filename, old.read(info.filename)) for info in old.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts:
            data = change(name, data)
            if data is not None:
                new.writestr(name, data)
        for name, data in getattr(change, "extra", ()):
            new.writestr(name, data)
    target.write_bytes(buffer.getvalue())


def zip_bomb(target: Path, source: Path = SURVEY, inflated: int = 64 * MB) -> Path:
    """The workbook whose sheet inflates to ``inflated`` bytes from about a thousandth of it:
    the same row again and again (written streamed: memory stays that of one row block)."""
    with zipfile.ZipFile(source) as old:
        parts = [(info.filename, old.read(info.filename)) for info in old.infolist()]
    row = b'<row><c t="inlineStr"><is><t>Tr\xc3\xa8s satisfait</t></is></c></row>'
    block = row * (MB // len(row))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts:
            if name != SHEET:
                new.writestr(name, data)
                continue
            head, _, tail = data.partition(b"</sheetData>")
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with new.open(info, "w", force_zip64=True) as sheet:
                sheet.write(head)
                for _ in range(inflated // len(block)):
                    sheet.write(block)
                sheet.write(b"</sheetData>" + tail)
    return target


def stray_cell(target: Path, source: Path = SURVEY, cell: str = "XFD1048576") -> Path:
    """The workbook with one more cell, far away: calamine would give every position between
    A1 and it a cell (512 GiB for XFD1048576)."""
    row = re.match(r"[A-Z]+(\d+)", cell).group(1)
    extra = f'<row r="{row}"><c r="{cell}" t="inlineStr"><is><t>x</t></is></c></row>'

    def change(name: str, data: bytes) -> bytes:
        if name == SHEET:
            return data.replace(b"</sheetData>", extra.encode() + b"</sheetData>")
        return data

    rewrite_zip(source, target, change)
    return target


MACRO_MAIN = {
    "ppt/presentation.xml": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "xl/workbook.xml": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
}
VBA_TYPE = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


def with_macros(target: Path, source: Path) -> Path:
    """A macro-enabled file (.pptm, .xlsm) under the source's name: its main content type
    says so and it carries ``vbaProject.bin``."""
    folder = "ppt" if source.suffix == ".pptx" else "xl"
    main = f"{folder}/presentation.xml" if folder == "ppt" else f"{folder}/workbook.xml"
    rels = f"{folder}/_rels/{Path(main).name}.rels"

    def change(name: str, data: bytes) -> bytes:
        text = data.decode("utf-8")
        if name == "[Content_Types].xml":
            text = re.sub(rf'(PartName="/{main}" ContentType=")[^"]*', rf"\g<1>{MACRO_MAIN[main]}",
                          text)  # fmt: skip
            text = text.replace(
                "</Types>",
                '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                "</Types>",
            )
        elif name == rels:
            text = text.replace(
                "</Relationships>",
                f'<Relationship Id="rIdVba" Type="{VBA_TYPE}" Target="vbaProject.bin"/>'
                "</Relationships>",
            )
        return text.encode("utf-8")

    change.extra = [(f"{folder}/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(508))]
    rewrite_zip(source, target, change)
    return target


def linked_template(target: Path, master: str = "http://track.example/pixel.png",
                    layout: str = "file:///etc/passwd", slide: str = "") -> Path:  # fmt: skip
    """The bundled template with hyperlinks to the outside on its master's and first layout's
    placeholders (either may be empty), and optionally a slide of its own carrying one (a
    template's slides are dropped by the deck)."""
    from pptx import Presentation

    prs = Presentation(str(TEMPLATE))
    for part, address in ((prs.slide_master, master), (prs.slide_layouts[0], layout)):
        if address:
            shape = next(s for s in part.placeholders if s.has_text_frame)
            run = shape.text_frame.paragraphs[0].add_run()
            run.text = "logo"
            run.hyperlink.address = address
    if slide:
        page = prs.slides.add_slide(prs.slide_layouts[0])
        run = page.shapes.title.text_frame.paragraphs[0].add_run()
        run.text = "Voir le site"
        run.hyperlink.address = slide
    prs.save(str(target))
    return target


def word_file(target: Path) -> Path:
    """A Word document (given as the template by mistake)."""
    from docx import Document

    document = Document()
    document.add_paragraph("Modèle de compte rendu")
    document.save(str(target))
    return target


def template_without_layouts(target: Path) -> Path:
    """A valid .pptx whose layouts have python-pptx's English names, not the deck's."""
    from pptx import Presentation

    Presentation().save(str(target))
    return target


def external_rels(path: Path) -> list[tuple[str, str]]:
    """Every relationship to the outside of an Office file: (relationships part, target)."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".rels"):
                text = archive.read(name).decode("utf-8")
                for tag in re.findall(r"<Relationship\b[^>]*>", text):
                    if 'TargetMode="External"' in tag:
                        found.append((name, re.search(r'Target="([^"]*)"', tag).group(1)))
    return found


# --- texts that would be markup (HTML, Markdown) ------------------------------------------------

MARKUP = {  # where a préfecture's files could carry them: shown as typed, never run nor loaded
    "place": "Salle <script>alert(1)</script> ![x](http://track.example/pixel.png)",
    "organisation": 'Association "><img src=x onerror=alert(1)> [clic](javascript:alert(1))',
    "poster_where": 'dans le hall <a href="javascript:alert(1)">ici</a> et sur www.track.example',
    "site": "Sous-préfecture <img src=x onerror=alert(1)>",
}
# The scripts nbconvert's page template loads (MathJax with its Safe extension, require.js) and
# its configuration blocks: none of them comes from the data.
NBCONVERT_SCRIPTS = ("https://cdnjs.cloudflare.com/ajax/libs/mathjax/",
                     "https://cdnjs.cloudflare.com/ajax/libs/require.js/")  # fmt: skip


def live_markup(page: str) -> list[str]:
    """What in an HTML page could run, load or lead outside: scripts other than nbconvert's,
    event attributes, javascript: addresses, images other than the page's own, links other
    than anchors and e-mail addresses."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            values = {name: (value or "").strip() for name, value in attrs}
            for name, value in values.items():
                if name.startswith("on") or value.lower().startswith(("javascript:", "vbscript:")):
                    found.append(f"<{tag} {name}={value}>")
            script_src, kind = values.get("src", ""), values.get("type", "")
            if tag == "script" and not script_src.startswith(NBCONVERT_SCRIPTS) and kind not in (
                "text/x-mathjax-config", "module"):  # fmt: skip
                found.append(f"<script {values}>")
            if tag in ("img", "iframe", "object", "embed") and not script_src.startswith("data:"):
                found.append(f"<{tag} {values}>")
            if tag == "a" and not values.get("href", "").startswith(("#", "mailto:")):
                found.append(f"<a {values}>")

    Parser().feed(page)
    return found
