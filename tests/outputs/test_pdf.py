"""PDF copies: the survey report printed by WeasyPrint with its design (its fonts embedded, page
numbers, no heading left at a page's foot, nothing beyond the page), the deck and the Word
minutes converted by LibreOffice, and one French sentence when the machine lacks either."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from pipeline.core.exceptions import PipelineError
from pipeline.outputs import pdf
from pipeline.outputs.state_heading import FONT_STACK

NO_POPPLER = shutil.which("pdftotext") is None or shutil.which("pdffonts") is None


def test_without_libreoffice_a_french_message_says_how_to_install_it(tmp_path, monkeypatch):
    document = tmp_path / "CLU_2022_diaporama.pptx"
    document.write_bytes(b"pptx")
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(PipelineError, match="LibreOffice n'est pas installé.*apt install"):
        pdf.write_pdfs([document], tmp_path / "pdf")
    assert not (tmp_path / "pdf" / "CLU_2022_diaporama.pdf").exists()


def test_without_pango_nothing_is_written_and_one_sentence_says_what_to_install(
    tmp_path, monkeypatch
):
    report = tmp_path / "enquete_satisfaction_2022.html"
    report.write_text("<html lang='fr'><body><h1>Rapport</h1></body></html>", encoding="utf-8")
    deck = tmp_path / "CLU_2022_diaporama.pptx"
    deck.write_bytes(b"pptx")
    monkeypatch.setattr(pdf, "weasyprint_missing", lambda: pdf.NO_WEASYPRINT)
    with pytest.raises(PipelineError) as raised:
        pdf.write_pdfs([report], tmp_path / "pdf")
    assert str(raised.value) == pdf.NO_WEASYPRINT and "libpango-1.0-0" in str(raised.value)
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    with pytest.raises(PipelineError) as raised:  # neither: both named, in one sentence
        pdf.write_pdfs([deck, report], tmp_path / "pdf")
    said = str(raised.value)
    assert "LibreOffice" in said and "Pango" in said and "\n" not in said
    assert not list((tmp_path / "pdf").glob("*.pdf"))
    with pytest.raises(PipelineError, match="Pango"):
        pdf.html_to_pdf(report, tmp_path / "seul.pdf")
    assert not (tmp_path / "seul.pdf").exists()


def test_weasyprint_reads_no_network_resource(tmp_path):
    if pdf.weasyprint_missing():
        pytest.skip(pdf.weasyprint_missing())
    page = tmp_path / "page.html"
    page.write_text(
        '<html lang="fr"><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>'
        '<body><p>Texte</p><img alt="" src="http://127.0.0.1:9/x.png"></body></html>',
        encoding="utf-8",
    )
    assert pdf.html_to_pdf(page, tmp_path / "page.pdf").read_bytes().startswith(b"%PDF")


@pytest.fixture(scope="module")
def report_pdf(sample_run, tmp_path_factory):
    """The sample's survey report printed by WeasyPrint."""
    if pdf.weasyprint_missing():
        pytest.skip(pdf.weasyprint_missing())
    if NO_POPPLER:
        pytest.skip("poppler-utils (pdftotext, pdffonts) absent : pages non vérifiées")
    folder = tmp_path_factory.mktemp("pdf")
    written, _ = pdf.write_pdfs([sample_run["paths"].survey_report], folder)
    return written[0], sample_run["paths"].survey_report


def _pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.mark.complete
def test_the_report_embeds_its_own_fonts(report_pdf):
    path, _ = report_pdf
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]  # fmt: skip
    assert rows
    families = [re.sub(r"[^a-z]", "", name.lower()) for name in FONT_STACK.split(",")]
    for row in rows:
        name, embedded = row.split()[0], row.split()[-5]
        plain = re.sub(r"[^a-z]", "", name.split("+")[-1].lower())
        assert embedded == "yes", row
        assert any(plain.startswith(family) for family in families if family), row


@pytest.mark.complete
def test_the_report_is_a4_with_its_page_numbers(report_pdf):
    path, _ = report_pdf
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d*", info), info
    pages = _pages(path)
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        assert f"page {number} sur {len(pages)}" in page, number


@pytest.mark.complete
def test_no_heading_is_the_last_line_of_a_page(report_pdf):
    path, source = report_pdf
    body = source.read_text(encoding="utf-8")
    headings = {
        html.unescape(re.sub(r"<[^>]+>|¶", "", text)).strip()
        for text in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", body, re.S)
    }
    headings.discard("")
    assert "Satisfaction par critère" in headings
    for number, page in enumerate(_pages(path), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        lines = [line for line in lines if not re.search(r"page \d+ sur \d+$", line)]
        assert lines and lines[-1] not in headings, (number, lines[-3:])


def _page_lines(path) -> list[tuple[float, list[tuple[float, str]]]]:
    """Each page's height and its lines of text, top down: (top of the line, its words)."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    pages: list[tuple[float, dict[float, list[str]]]] = []
    for line in boxes.splitlines():
        page = re.search(r'<page width="[\d.]+" height="([\d.]+)"', line)
        if page:
            pages.append((float(page.group(1)), {}))
        word = re.search(r'yMin="([\d.]+)"[^>]*>([^<]*)<', line)
        if word and pages:
            pages[-1][1].setdefault(round(float(word.group(1))), []).append(
                html.unescape(word.group(2))
            )
    return [(height, sorted(lines.items())) for height, lines in pages]


@pytest.mark.complete
def test_a_section_never_starts_at_a_page_foot_away_from_its_chart_or_table(report_pdf):
    """A section's heading (and its short introduction) low on a page, with its chart or table
    on the next one, reads as a stray: it goes with what follows."""
    path, source = report_pdf
    body = source.read_text(encoding="utf-8")
    sections = {
        html.unescape(re.sub(r"<[^>]+>|¶", "", text)).strip()
        for text in re.findall(r"<h2[^>]*>(.*?)</h2>", body, re.S)
    }
    stranded = []
    for number, (height, lines) in enumerate(_page_lines(path), start=1):
        for index, (top, words) in enumerate(lines):
            below = len(lines) - index - 2  # (the page's footer line not counted)
            if " ".join(words) in sections and top > 0.75 * height and below < 5:
                stranded.append((number, " ".join(words), round(top / height, 2), below))
    assert not stranded, stranded


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


@pytest.mark.complete
def test_the_report_prints_within_the_page(report_pdf):
    path, _ = report_pdf
    assert not _words_beyond_the_page(path)


@pytest.fixture(scope="module")
def office_copies(sample_run, tmp_path_factory):
    if pdf.soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice ou pdftotext absent")
    paths = sample_run["paths"]
    folder = tmp_path_factory.mktemp("pdf")
    try:
        written, current = pdf.write_pdfs([paths.deck, paths.minutes_docx], folder)
    except PipelineError as error:
        if "n'est pas installé" in str(error):  # LibreOffice without its Writer module
            pytest.skip(str(error))
        raise
    return folder, written, current


@pytest.mark.complete
def test_the_minutes_print_within_the_page(office_copies):
    folder, written, _ = office_copies
    assert {path.name for path in written} == {"CLU_2022_diaporama.pdf",
                                               "CLU_2022_projet_compte_rendu.pdf"}  # fmt: skip
    assert not _words_beyond_the_page(folder / "CLU_2022_projet_compte_rendu.pdf")


@pytest.mark.complete
def test_libreoffice_renders_every_slide(office_copies, sample_run):
    from pptx import Presentation

    folder, _, _ = office_copies
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


@pytest.mark.complete
def test_a_pdf_is_made_again_only_when_its_document_changed(office_copies, sample_run):
    folder, _, _ = office_copies
    paths = sample_run["paths"]
    written, current = pdf.write_pdfs([paths.minutes_docx], folder)
    assert not written and len(current) == 1
