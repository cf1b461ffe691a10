"""Write the minutes draft's blocks as Markdown (shown in the notebook, rendered to HTML by
nbconvert) and as an editable Word document for the secretariat (python-docx)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from pipeline import __version__
from pipeline.minutes import TO_COMPLETE, Block, Bullets, Heading, Paragraph, Table
from pipeline.stable_zip import stable_zip

BLUE = RGBColor(0x00, 0x00, 0x91)


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(blocks: list[Block]) -> str:
    """One section's blocks as Markdown; places to complete in italics."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + block.text, ""]
        elif isinstance(block, Paragraph):
            text = block.text.replace(TO_COMPLETE, f"*{TO_COMPLETE}*")
            lines += [f"**{text}**" if block.emphasis else text, ""]
        elif isinstance(block, Bullets):
            lines += [f"- {item}" for item in block.items] + [""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(map(_escape, block.header)) + " |")
            lines.append("|" + "---|" * len(block.header))
            lines += ["| " + " | ".join(map(_escape, row)) + " |" for row in block.rows]
            lines.append("")
    return "\n".join(lines)


def _add_text(paragraph, text: str, bold: bool = False) -> None:
    """Text with every « à compléter » place highlighted in yellow for the secretariat."""
    parts = text.split(TO_COMPLETE)
    for index, part in enumerate(parts):
        if part:
            paragraph.add_run(part).bold = bold
        if index < len(parts) - 1:
            run = paragraph.add_run(TO_COMPLETE)
            run.italic = True
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _add_table(document, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        _shade(cell, "000091")
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.add_paragraph()


def write_docx(
    sections: list[list[Block]], path: Path, title: str, date: dt.date, build: str = ""
) -> Path:
    """The draft as a .docx with real headings, lists and tables; fixed document properties,
    which name the build (the digest of the inputs) it was made from."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10.5)
    for level in (1, 2, 3):
        document.styles[f"Heading {level}"].font.color.rgb = BLUE
        document.styles[f"Heading {level}"].font.name = "Arial"
    for blocks in sections:
        for block in blocks:
            if isinstance(block, Heading):
                document.add_heading(block.text, level=block.level)
            elif isinstance(block, Paragraph):
                _add_text(document.add_paragraph(), block.text, bold=block.emphasis)
            elif isinstance(block, Bullets):
                for item in block.items:
                    _add_text(document.add_paragraph(style="List Bullet"), item)
            elif isinstance(block, Table):
                _add_table(document, block)
    stamp = dt.datetime.combine(date, dt.time(0, 0))
    props = document.core_properties
    props.title, props.author, props.last_modified_by = title, "Préfecture", "Préfecture"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.language = "fr-FR"
    props.identifier = build
    props.version = __version__
    buffer = io.BytesIO()
    document.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(stable_zip(buffer.getvalue(), stamp.strftime("%Y-%m-%dT%H:%M:%SZ")))
    return path
