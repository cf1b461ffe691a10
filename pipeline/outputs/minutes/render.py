"""Write the minutes draft's blocks as Markdown (shown in the notebook) and as an editable Word
document for the secretariat (python-docx), both from the same blocks, so they say the same.

The Word document is laid out for print: A4, the State's heading block, a contents list (Word's
TOC field, which Word numbers when its fields are updated, and which the PDF copy gets numbered
by :mod:`pipeline.outputs.minutes.contents`), headings and the sentence that opens a list or a
table kept on the page of what follows, table rows never cut, the header row repeated.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from pipeline import __version__
from pipeline.core.stable_zip import stable_zip
from pipeline.core.writing import write_bytes
from pipeline.outputs import theme
from pipeline.outputs.escaping import markdown_text
from pipeline.outputs.minutes.blocks import (
    Block,
    Bullets,
    Contents,
    Heading,
    Masthead,
    Paragraph,
    Signature,
    Table,
    headings,
    split_places,
)

BLUE = RGBColor.from_string(theme.BLEU_FRANCE)
TEXT_WIDTH_CM = 17.0  # A4 portrait, 2 cm margins
TOC_FIELD = 'TOC \\o "2-2" \\h \\z \\u'  # the level-2 headings
SIGNATURE_INDENT_CM = 9.5
QUOTE_INDENT_CM = 0.8
GREY = RGBColor.from_string("3A3A3A")
KEEP_WHOLE_LIST = 10  # a list this short stays on one page; a longer one keeps its first item


# --- Markdown --------------------------------------------------------------------------------


def _md(text: str, opens_line: bool = True) -> str:
    """A text as Markdown, escaped, its places to fill in italics; spaces at its ends kept."""
    found = []
    for index, (part, place) in enumerate(split_places(text)):
        escaped = markdown_text(part, opens_line and index == 0)
        before = part[: len(part) - len(part.lstrip(" \t"))]  # (what markdown_text strips)
        after = part[len(part.rstrip(" \t")) :]
        found.append(f"{before}*{escaped}*{after}" if place else f"{before}{escaped}{after}")
    return "".join(found)


def _md_paragraph(block: Paragraph) -> str:
    text = _md(block.text, not block.lead)
    if block.to_fill:
        text = f"*{text}*"
    if block.lead:
        return f"**{_md(block.lead)}**{text}"
    if block.quoted:
        return f"> {text}"
    return f"**{text}**" if block.emphasis else text


def to_markdown(blocks: list[Block], contents: list[Heading] | None = None) -> str:
    """One section's blocks as Markdown; places to complete in italics. Every text is escaped
    (:func:`~pipeline.outputs.escaping.markdown_text`): a text of the meeting file or the data
    is shown as typed, never read as markup. ``contents``: the headings a Contents block
    lists."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + markdown_text(block.text, False), ""]
        elif isinstance(block, Paragraph):
            lines += [_md_paragraph(block), ""]
        elif isinstance(block, Bullets):
            items = [_md(item) for item in block.items]
            items = [f"*{item}*" if block.to_fill else item for item in items]
            marks = [f"{i}." if block.numbered else "-" for i in range(1, len(items) + 1)]
            lines += [f"{mark} {item}" for mark, item in zip(marks, items, strict=True)] + [""]
        elif isinstance(block, Table):
            if block.caption:
                lines += [f"**{_md(block.caption)}**", ""]
            lines.append("| " + " | ".join(_md(h, False) for h in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            lines += ["| " + " | ".join(_md(cell, False) for cell in row) + " |"
                      for row in block.rows]  # fmt: skip
            lines.append("")
        elif isinstance(block, Masthead):
            motto = "  \n".join(f"*{_md(word)}*" for word in block.motto)
            lines += [f"**{_md(block.state.upper())}**  \n{motto}", "",
                      f"**{_md(block.prefecture)}**  \n{_md(block.service)}", ""]  # fmt: skip
        elif isinstance(block, Contents):
            lines += [f"**{_md(block.title)}**", ""]
            lines += [f"- {markdown_text(h.text)}" for h in contents or []] + [""]
        elif isinstance(block, Signature):
            lines += [f"*{_md(block.role)},*", "", "*(signature)*", "", f"**{_md(block.name)}**",
                      ""]  # fmt: skip
    return "\n".join(lines)


def minutes_markdown(sections: list[list[Block]]) -> list[str]:
    """The draft's Markdown, section by section."""
    contents = headings(sections)
    return [to_markdown(blocks, contents) for blocks in sections]


# --- Word ------------------------------------------------------------------------------------


def _to_fill(run) -> None:
    """How every place the secretariat fills in looks: italic, highlighted in yellow."""
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _add_text(paragraph, text: str, bold: bool = False, to_fill: bool = False) -> None:
    """Text with every « à compléter » place highlighted in yellow for the secretariat."""
    for part, place in split_places(text):
        run = paragraph.add_run(part)
        run.bold = bold or None
        if place or to_fill:
            _to_fill(run)


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _row_property(row, name: str) -> None:
    """A row property without value (``w:tblHeader``: repeated on each page; ``w:cantSplit``:
    never cut across two pages)."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), "true")
    properties.append(element)


# The width of a character of 9 pt text, on average, in the widest of the fonts a document may
# be shown in (DejaVu Sans, which stands in for Arial where Arial is not installed), and how
# much wider bold is (a table's header).
CHAR_CM = 0.21
BOLD = 1.1
CELL_PADDING_CM = 0.45
UNBROKEN = 12  # a cell this short stays on one line (« octobre 2022 », « 91,2 % »)
SMALL_TABLE_PT, TABLE_PT = 8, 9  # wide tables (WIDE_TABLE columns or more) in smaller text
WIDE_TABLE = 6


def _longest(cell: str) -> int:
    """The room a cell needs on one line: its longest word, or the whole of a short figure or
    date (« octobre 2022 », « 91,2 % »)."""
    words = cell.split() or [""]
    figure = len(cell) <= UNBROKEN and any(c.isdigit() for c in cell)
    return len(cell) if figure else max(len(word) for word in words)


def column_widths(
    header: list[str], rows: list[list[str]], total: float, size: float = TABLE_PT
) -> list[float]:
    """Column widths (cm) fitted to the text and the page: every column first gets room for
    its longest word, or its whole text when short (a date, « réalisée », « 91,2 % » never
    cut), the header's in bold; the rest of the page goes to the columns of long texts in
    proportion to their mean length. ``size``: the text's size in points."""
    char = CHAR_CM * size / 9
    least, extra = [], []
    for index, title in enumerate(header):
        cells = [row[index] for row in rows]
        longest = max([max(len(w) for w in title.split() or [""]) * BOLD,
                       *(_longest(cell) for cell in cells)])  # fmt: skip
        typical = sum(len(cell) for cell in cells) / len(cells) if cells else len(title)
        least.append(longest * char + CELL_PADDING_CM)
        extra.append(max(typical - longest, 0) + 1)
    room = total - sum(least)
    if room <= 0:
        return [round(width * total / sum(least), 2) for width in least]
    return [round(w + room * e / sum(extra), 2) for w, e in zip(least, extra, strict=True)]


def _add_table(document, block: Table) -> None:
    if block.caption:
        caption = document.add_paragraph()
        caption.add_run(block.caption).bold = True
        caption.paragraph_format.keep_with_next = True  # never alone at the foot of a page
        caption.paragraph_format.space_before = Pt(6)
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    table.autofit = False
    size = SMALL_TABLE_PT if len(block.header) >= WIDE_TABLE else TABLE_PT
    widths = column_widths(block.header, block.rows, TEXT_WIDTH_CM, size)
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
    for index, row in enumerate(table.rows):
        _row_property(row, "cantSplit")  # a row is never cut across two pages
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                if index < min(2, len(table.rows) - 1):  # the header with the first row
                    paragraph.paragraph_format.keep_with_next = True
                for run in paragraph.runs:
                    run.font.size = Pt(size)
    document.add_paragraph().paragraph_format.space_after = Pt(0)


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


def _toc(document, block: Contents, entries: list[Heading]) -> None:
    """The contents list as Word's TOC field, whose result, until Word updates it with the
    page numbers (« Mettre à jour les champs »), is the list of the headings, each on a line
    with a dotted tab to the right margin where its page number goes (the PDF copy writes it,
    :mod:`pipeline.outputs.minutes.contents`): a PDF made without Word shows the list, never
    an instruction."""
    title = document.add_paragraph()  # (not a heading: the contents do not list themselves)
    run = title.add_run(block.title)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(13), BLUE
    title.paragraph_format.space_before = Pt(6)
    title.paragraph_format.keep_with_next = True
    for index, heading in enumerate(entries):
        paragraph = document.add_paragraph()
        if index == 0:
            _field_code(paragraph, TOC_FIELD)
        paragraph.paragraph_format.space_after = Pt(1)
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        paragraph.add_run(heading.text)
        if index == len(entries) - 1:
            _field_char(paragraph, "end")


def _masthead(document, block: Masthead) -> None:
    """The State's heading block, top left: « RÉPUBLIQUE FRANÇAISE », the motto, then the
    préfecture and its service."""
    state = document.add_paragraph()
    run = state.add_run(block.state.upper())
    run.bold, run.font.size = True, Pt(11)
    state.paragraph_format.space_after = Pt(0)
    motto = document.add_paragraph()
    for index, word in enumerate(block.motto):
        run = motto.add_run(word)
        run.italic, run.font.size = True, Pt(9)
        if index < len(block.motto) - 1:
            run.add_break()
    motto.paragraph_format.space_after = Pt(14)
    prefecture = document.add_paragraph()
    run = prefecture.add_run(block.prefecture)
    run.bold, run.font.size = True, Pt(11)
    prefecture.paragraph_format.space_after = Pt(0)
    service = document.add_paragraph()
    service.add_run(block.service).font.size = Pt(10)
    service.paragraph_format.space_after = Pt(24)
    for paragraph in (state, motto, prefecture, service):
        paragraph.paragraph_format.keep_with_next = True


def _signature(document, block: Signature) -> None:
    """The signature block on the right: who signs, room to sign, the name; kept together."""
    role = document.add_paragraph()
    role.add_run(block.role + ",")
    name = document.add_paragraph()
    name.add_run(block.name).bold = True
    role.paragraph_format.space_before = Pt(18)
    role.paragraph_format.space_after = Cm(2.2)  # room for the signature
    for paragraph in (role, name):
        paragraph.paragraph_format.left_indent = Cm(SIGNATURE_INDENT_CM)
    role.paragraph_format.keep_with_next = True


def _paragraph(document, block: Paragraph) -> None:
    paragraph = document.add_paragraph()
    if block.lead:
        paragraph.add_run(block.lead).bold = True
    _add_text(paragraph, block.text, bold=block.emphasis, to_fill=block.to_fill)
    if block.keep or block.emphasis:
        paragraph.paragraph_format.keep_with_next = True
    if block.quoted:
        paragraph.paragraph_format.left_indent = Cm(QUOTE_INDENT_CM)
        paragraph.paragraph_format.space_after = Pt(2)
        for run in paragraph.runs:
            run.font.color.rgb = GREY


def _numbering_from_one(document) -> int:
    """A new numbering of the « List Number » style that starts at 1: each numbered list of
    the document counts from 1 (Word would go on from the list before)."""
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def _bullets(document, block: Bullets) -> None:
    style = "List Number" if block.numbered else "List Bullet"
    count = len(block.items)
    restart = _numbering_from_one(document) if block.numbered else None
    for index, item in enumerate(block.items):
        paragraph = document.add_paragraph(style=style)
        _add_text(paragraph, item, to_fill=block.to_fill)
        if restart is not None:
            properties = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            properties.get_or_add_ilvl().val = 0
            properties.get_or_add_numId().val = restart
        paragraph.paragraph_format.keep_with_next = (
            index < count - 1 if count <= KEEP_WHOLE_LIST else index == 0
        )


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


def _font(style, name: str) -> None:
    """The style's font, for every script, instead of the template's theme font (a heading
    of the default template would otherwise show in Calibri Light, or what stands in for it)."""
    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), name)


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.widow_control = True
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        style.font.color.rgb = BLUE
        _font(style, "Arial")
        style.paragraph_format.keep_with_next = True  # never alone at the foot of a page
    document.styles["Heading 1"].font.size = Pt(18)
    document.styles["Heading 2"].font.size = Pt(13)
    document.styles["Heading 2"].paragraph_format.space_before = Pt(16)


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
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(2)
    _styles(document)
    _french(document)
    _footer(document, footer)
    entries = headings(sections)
    for blocks in sections:
        for block in blocks:
            if isinstance(block, Heading):
                heading = document.add_heading(block.text, level=block.level)
                heading.paragraph_format.page_break_before = block.new_page or None
            elif isinstance(block, Paragraph):
                _paragraph(document, block)
            elif isinstance(block, Bullets):
                _bullets(document, block)
            elif isinstance(block, Table):
                _add_table(document, block)
            elif isinstance(block, Masthead):
                _masthead(document, block)
            elif isinstance(block, Contents):
                _toc(document, block, entries)
            elif isinstance(block, Signature):
                _signature(document, block)
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
