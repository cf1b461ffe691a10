"""PDF copies (LibreOffice): the report made ready for print, a clear message without
LibreOffice, and, where it is installed, pages no element goes beyond."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from pipeline.core.exceptions import PipelineError
from pipeline.outputs import pdf

HTML = (
    '<html><head></head><body><h2 id="a">Titre<a class="anchor-link" href="#a">¶</a></h2>'
    '<img alt="Barres" src="data:image/png;base64,AAAA"><p>Légende</p><table><tr><td>1</td>'
    "</tr></table></body></html>"
)


def test_the_report_is_made_ready_for_print():
    ready = pdf.print_ready_html(HTML)
    assert "¶" not in ready and "anchor-link" not in ready
    assert f'<img width="{pdf.PAGE_WIDTH_PX}" alt="Barres"' in ready
    assert '<br clear="all"><p>Légende' in ready  # the caption under its chart, not beside it
    assert '<table width="100%">' in ready and pdf.PRINT_CSS in ready


def test_without_libreoffice_a_french_message_says_how_to_install_it(tmp_path, monkeypatch):
    document = tmp_path / "CLU_2022_diaporama.pptx"
    document.write_bytes(b"pptx")
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(PipelineError, match="LibreOffice n'est pas installé.*apt install"):
        pdf.write_pdfs([document], tmp_path / "pdf")
    assert not (tmp_path / "pdf" / "CLU_2022_diaporama.pdf").exists()


@pytest.fixture(scope="module")
def copies(sample_run, tmp_path_factory):
    if pdf.soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice ou pdftotext absent")
    paths = sample_run["paths"]
    folder = tmp_path_factory.mktemp("pdf")
    try:
        written, current = pdf.write_pdfs(
            [paths.deck, paths.minutes_docx, paths.survey_report], folder
        )  # (the deck and the minutes in one start of LibreOffice)
    except PipelineError as error:
        if "n'est pas installé" in str(error):  # LibreOffice without its Writer module
            pytest.skip(str(error))
        raise
    return folder, written, current


def _words_beyond_the_page(path) -> list[str]:
    """The words printed beyond the right edge of their page (pdftotext's word boxes)."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    beyond, width = [], None
    for line in boxes.splitlines():
        page = re.search(r'<page width="([\d.]+)"', line)
        if page:
            width = float(page.group(1))
        word = re.search(r'xMax="([\d.]+)"[^>]*>([^<]*)<', line)
        if word and width and float(word.group(1)) > width - 10:  # inside its 10-pt margin
            beyond.append(word.group(2))
    return beyond


def test_the_minutes_and_the_report_print_within_the_page(copies):
    folder, written, _ = copies
    assert {path.name for path in written} == {
        "CLU_2022_diaporama.pdf", "CLU_2022_projet_compte_rendu.pdf",
        "enquete_satisfaction_2022.pdf",
    }  # fmt: skip
    for path in written:
        if path.name != "CLU_2022_diaporama.pdf":
            assert not _words_beyond_the_page(path), path.name


def test_libreoffice_renders_every_slide(copies, sample_run):
    from pptx import Presentation

    folder, _, _ = copies
    if shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils (pdfinfo) absent")
    info = subprocess.run(["pdfinfo", str(folder / "CLU_2022_diaporama.pdf")],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages == len(Presentation(sample_run["paths"].deck).slides)
    # The charts' labels in French whatever this machine's locale (« 75,0 % », not « 75.0 % »).
    text = subprocess.run(["pdftotext", str(folder / "CLU_2022_diaporama.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert re.search(r"\d,\d\s%", text) and not re.search(r"\d\.\d\s?%", text)


def test_a_pdf_is_made_again_only_when_its_document_changed(copies, sample_run):
    folder, _, _ = copies
    paths = sample_run["paths"]
    written, current = pdf.write_pdfs([paths.minutes_docx, paths.survey_report], folder)
    assert not written and len(current) == 2
