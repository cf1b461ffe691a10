"""The page numbers of the minutes' contents list, for its PDF copy.

The Word document's contents list is Word's TOC field: Word numbers it when its fields are
updated, LibreOffice's conversion to PDF does not (it prints the field's result as written: the
headings without pages). So the PDF copy is made in two passes: the document is converted once,
the page of each heading is read from the PDF's bookmarks (LibreOffice writes one per heading),
a copy of the document gets each contents line ended by its page, and that copy is converted.
The numbers take no room a line did not already have (a dotted tab to the right margin), so
the pages do not move; :func:`pipeline.outputs.pdf.write_pdfs` checks it and numbers again if
they did.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


def heading_pages(pdf: Path) -> list[tuple[str, int]]:
    """The PDF's bookmarks in order, each with its page (from 1)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    found: list[tuple[str, int]] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append(
                    (str(item.title).strip(), reader.get_destination_page_number(item) + 1)
                )

    walk(reader.outline)
    return found


def _contents_paragraphs(document) -> list:
    """The paragraphs of the TOC field's result: from the one holding the field's code to the
    one holding its end mark."""
    paragraphs, inside = [], False
    for paragraph in document.paragraphs:
        element = paragraph._p
        codes = [t.text or "" for t in element.iter(qn("w:instrText"))]
        if not inside and any(code.strip().startswith("TOC") for code in codes):
            inside = True
        if inside:
            paragraphs.append(paragraph)
            marks = [c.get(qn("w:fldCharType")) for c in element.iter(qn("w:fldChar"))]
            if "end" in marks:
                break
    return paragraphs if inside else []


def number_contents(document_path: Path, pdf: Path, copy: Path) -> bool:
    """Write at ``copy`` the Word document with each line of its contents list ended by the
    page its heading has in ``pdf``; False (nothing written) when the document has no contents
    list or a heading of the list is not among the PDF's bookmarks."""
    document = Document(document_path)
    entries = _contents_paragraphs(document)
    if not entries:
        return False
    pages = heading_pages(pdf)
    position = 0
    for paragraph in entries:
        text = paragraph.text.strip()
        found = next((i for i in range(position, len(pages)) if pages[i][0] == text), None)
        if found is None:
            return False
        position = found + 1
        texts = [run for run in paragraph.runs if run.text]
        number = paragraph.add_run(f"\t{pages[found][1]}")
        texts[-1]._r.addnext(number._r)  # inside the field's result, before its end mark
    document.save(copy)
    return True
