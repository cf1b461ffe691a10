"""Write the minutes draft's blocks as Markdown (shown in the notebook, rendered to HTML by
nbconvert) and as an editable Word document for the secretariat (python-docx)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from pipeline import __version__
from pipeline.core.stable_zip import stable_zip
from pipeline.core.writing import write_bytes
from pipeline.outputs import theme
from pipeline.outputs.escaping import markdown_text
from pipeline.outputs.minutes.blocks import TO_COMPLETE, Block, Bullets, Heading, Paragraph, Table

BLUE = RGBColor.from_string(theme.BLEU_FRANCE)


def to_markdown(blocks: list[Block]) -> str:
    """One section's blocks as Markdown; places to complete in italics. Every text is escaped
    (:func:`~pipeline.outputs.escaping.markdown_text`): a text of the meeting file or the data
    is shown as typed, never read as markup."""
    to_complete = markdown_text(TO_COMPLETE)
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + markdown_text(block.text, False), ""]
        elif isinstance(block, Paragraph):
            text = markdown_text(block.text, not block.emphasis)
            text = text.replace(to_complete, f"*{to_complete}*")
            lines += [f"**{text}**" if block.emphasis else text, ""]
        elif isinstance(block, Bullets):
            items = [markdown_text(item) for item in block.items]
            items = [f"*{item}*" if block.to_fill else item for item in items]
            marks = [f"{i}." if block.numbered else "-" for i in range(1, len(items) + 1)]
            lines += [f"{mark} {item}" for mark, item in zip(marks, items, strict=True)] + [""]
        elif isinstance(block, Table):
            cells = [[markdown_text(cell, False) for cell in row] for row in block.rows]
            lines.append("| " + " | ".join(markdown_text(h, False) for h in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            lines += ["| " + " | ".join(row) + " |" for row in cells]
            lines.append("")
    return "\n".join(lines)


def _to_fill(run) -> None:
    """How every place the secretariat fills in looks: italic, highlighted in yellow."""
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _add_text(paragraph, text: str, bold: bool = False, to_fill: bool = False) -> None:
    """Text with every « à compléter » place highlighted in yellow for the secretariat."""
    if to_fill:
        _to_fill(paragraph.add_run(text))
        return
    parts = text.split(TO_COMPLETE)
    for index, part in enumerate(parts):
        if part:
            paragraph.add_run(part).bold = bold
        if index < len(parts) - 1:
            _to_fill(paragraph.add_run(TO_COMPLETE))


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


TEXT_WIDTH_CM = 17.0  # A4 portrait, 2 cm margins


def _row_property(row, name: str) -> None:
    """A row property without value (``w:tblHeader``: repeated on each page; ``w:cantSplit``:
    never cut across two pages)."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), "true")
    properties.append(element)


CHAR_CM = 0.19  # the width of a character of 9 pt Arial, on average
CELL_PADDING_CM = 0.45


def column_widths(header: list[str], rows: list[list[str]], total: float) -> list[float]:
    """Column widths (cm) fitted to the text and the page: every column first gets room for
    its longest word (a date, « réalisée » never cut), the rest of the page goes to the
    columns of long texts in proportion to their typical length."""
    least, extra = [], []
    for index, title in enumerate(header):
        cells = [title, *(row[index] for row in rows)]
        longest_word = max(len(word) for cell in cells for word in (cell.split() or [""]))
        typical = sorted(len(cell) for cell in cells)[len(cells) // 2]
        least.append(longest_word * CHAR_CM + CELL_PADDING_CM)
        extra.append(max(typical - longest_word, 0) + 1)
    room = total - sum(least)
    if room <= 0:
        return [round(width * total / sum(least), 2) for width in least]
    return [round(w + room * e / sum(extra), 2) for w, e in zip(least, extra, strict=True)]


def _add_table(document, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    table.autofit = False
    widths = column_widths(block.header, block.rows, TEXT_WIDTH_CM)
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        _shade(cell, theme.BLEU_FRANCE)
    _row_property(table.rows[0], "tblHeader")  # the header row repeats on every page
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            _add_text(cell.paragraphs[0], text, to_fill=block.to_fill)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid LibreOffice and Word lay the table out on
    for row in table.rows:
        _row_property(row, "cantSplit")  # a row is never cut across two pages
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.add_paragraph()


def _field_char(paragraph, kind: str) -> None:
    """A field's begin, separate or end mark, in a run of its own."""
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def _field_code(paragraph, code: str) -> None:
    """A field's begin mark, its code, and the separate mark after which its result stands."""
    _field_char(paragraph, "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    paragraph.add_run()._r.append(instruction)
    _field_char(paragraph, "separate")


def _field(paragraph, code: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES…), computed by Word when the document is opened; the
    placeholder is what is shown until then (and by readers that do not compute fields)."""
    _field_code(paragraph, code)
    if placeholder:
        paragraph.add_run(placeholder)
    _field_char(paragraph, "end")


def _toc(document, headings: list[Heading]) -> None:
    """The table of contents as Word's TOC field, whose result, until Word updates it with the
    page numbers (« Mettre à jour les champs »), is the list of the headings: a PDF made
    without Word (LibreOffice) shows that list, never an instruction."""
    paragraph = document.add_paragraph()
    _field_code(paragraph, 'TOC \\o "2-3" \\h \\z \\u')
    for index, heading in enumerate(headings):
        if index:
            paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.6 * (heading.level - 2))
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(heading.text)
    _field_char(paragraph, "end")


def _french(document) -> None:
    """fr-FR as the language of every run: the document's default run properties and styles."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    targets = [run_defaults.find(qn("w:rPr"))] if run_defaults is not None else []
    targets += [style.element.get_or_add_rPr() for style in document.styles
                if style.type == WD_STYLE_TYPE.PARAGRAPH]  # fmt: skip
    for properties in targets:
        if properties is None:
            continue
        for old in properties.findall(qn("w:lang")):
            properties.remove(old)
        lang = OxmlElement("w:lang")
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), "fr-FR")
        properties.append(lang)


def _footer(document, text: str) -> None:
    """The committee and date, and « page n sur N », at the foot of every page."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{text} — page " if text else "Page ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" sur ")
    _field(paragraph, "NUMPAGES", "1")
    for run in paragraph.runs:
        run.font.size = Pt(8)


def write_docx(
    sections: list[list[Block]],
    path: Path,
    title: str,
    date: dt.date,
    build: str = "",
    footer: str = "",
) -> Path:
    """The draft as a .docx with real headings, lists and tables; fixed document properties,
    which name the build (the digest of the inputs) it was made from."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10.5)
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        style.font.color.rgb = BLUE
        style.font.name = "Arial"
        style.paragraph_format.keep_with_next = True  # never alone at the foot of a page
    _french(document)
    _footer(document, footer)
    for index, blocks in enumerate(sections):
        for block in blocks:
            if isinstance(block, Heading):
                document.add_heading(block.text, level=block.level)
            elif isinstance(block, Paragraph):
                _add_text(document.add_paragraph(), block.text, bold=block.emphasis)
            elif isinstance(block, Bullets):
                style = "List Number" if block.numbered else "List Bullet"
                for item in block.items:
                    _add_text(document.add_paragraph(style=style), item, to_fill=block.to_fill)
            elif isinstance(block, Table):
                _add_table(document, block)
        if index == 0:  # after the title: the table of contents (page numbers by Word)
            document.add_paragraph("Sommaire", style="Heading 2")
            _toc(document, [block for blocks in sections for block in blocks
                            if isinstance(block, Heading) and block.level in (2, 3)])  # fmt: skip
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
    return write_bytes(path, stable_zip(buffer.getvalue(), stamp.strftime("%Y-%m-%dT%H:%M:%SZ")))
