"""The minutes draft: told as a préfecture's minutes (heading block, participants, opening, each
agenda item, decisions, closing, signature, annexes), in the deck's words — every figure written
in a section of the minutes is shown on a slide of the same section, and each slide's finding is
a sentence of the minutes — in Word, HTML and Markdown, and printed with its contents' pages."""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest
from docx import Document
from docx.oxml.ns import qn
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from pipeline.core.config import load_config
from pipeline.core.context import Context
from pipeline.core.exceptions import ConfigError
from pipeline.core.formatting import format_number, format_percent
from pipeline.core.meeting import Question, load_meeting, read_meeting_file
from pipeline.core.paths import PeriodPaths
from pipeline.facts.documents import load_facts
from pipeline.outputs.minutes.blocks import PLACE_TO_FILL, Heading, Paragraph, Signature, Table
from pipeline.outputs.minutes.draft import minutes_sections
from pipeline.outputs.minutes.render import minutes_markdown
from tests.conftest import PERIOD, slide_texts

pytestmark = pytest.mark.e2e
UNIT_FIGURE = re.compile(r"[+\-−]?\d[\d\u202f]*(?:,\d+)?\u00a0(?:%|j|pts?|min|‰|h)(?!\w)")
COUNT_FIGURE = re.compile(
    r"(\d[\d\u202f]*) (?=questionnaires|messages|appels|courriels|agents|formations|actions"
    r"|réclamations|suggestions|remerciements|ont abouti)"
)
# The agenda sections whose figures the minutes write (the deck's slides of a section carry its
# agenda item's title small above their own, and « Annexe — » before it in the annex).
SECTIONS = ("indicators", "survey", "mystery", "complaints", "action_plan", "trainings")
ESSENTIALS = "L'essentiel de l'année"  # its slide has no section's name: named by its role


@pytest.fixture(scope="module")
def paths(sample_run):
    return sample_run["paths"]


@pytest.fixture(scope="module")
def markdown(paths):
    return paths.minutes_markdown.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def deck(paths):
    return Presentation(paths.deck)


@pytest.fixture(scope="module")
def facts(sample_run):
    root = sample_run["root"]
    ctx = Context(PERIOD, load_config(root / "config" / "prefecture.yaml"),
                  PeriodPaths(PERIOD, root))  # fmt: skip
    return load_facts(ctx)


def plain(markdown: str) -> str:
    """The Markdown as read: no bold or italic marks, no escaping backslash, no-break spaces
    as spaces."""
    text = re.sub(r"(?<!\\)\*", "", markdown)
    text = re.sub(r"\\(.)", r"\1", text)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def parts(markdown: str) -> list[tuple[str, str]]:
    """The minutes' level-2 parts: (heading, text)."""
    pieces = re.split(r"^## (.*)$", markdown, flags=re.MULTILINE)
    return [(pieces[i].strip(), pieces[i + 1]) for i in range(1, len(pieces) - 1, 2)]


def minutes_by_section(markdown: str, paths) -> dict[str, str]:
    """The text of each agenda item — its part and its annex — keyed by its section."""
    agenda = load_meeting(paths.meeting).agenda
    titles = {item.title: item.section for item in agenda}
    numbered = {f"{number}. {item.title}": item.section for number, item in enumerate(agenda, 1)}
    found: dict[str, str] = {}
    for heading, text in parts(markdown):
        annex = re.match(r"Annexe \d+ — (.*)", heading)
        section = titles.get(annex.group(1)) if annex else numbered.get(heading)
        if section:
            found[section] = found.get(section, "") + text
    return found


def slide_corpus(slide) -> str:
    """Everything a slide shows: texts, table cells, chart labels and values as displayed."""
    found = slide_texts(slide)
    for shape in slide.shapes:
        if shape.has_chart:
            plot = shape.chart.plots[0]
            found += [c.replace("\n", " ") for c in plot.categories]
            percent = "%" in plot.data_labels.number_format
            for series in plot.series:
                found += [
                    format_percent(v) if percent else format_number(v)
                    for v in series.values
                    if v is not None
                ]
    return " ".join(found)


def kicker(slide) -> str:
    return next((s.text_frame.text for s in slide.shapes if s.name == "Rubrique"), "")


def test_every_figure_of_the_minutes_is_on_the_slides_of_its_section(markdown, paths, deck):
    agenda = {item.section: item.title for item in load_meeting(paths.meeting).agenda}
    for section, text in minutes_by_section(markdown, paths).items():
        if section not in (*SECTIONS, "quality_approach"):
            continue
        names = (agenda[section], f"Annexe — {agenda[section]}")
        slides = [s for s in deck.slides if kicker(s) in names
                  or section == "quality_approach" and s.name == ESSENTIALS]  # fmt: skip
        corpus = " ".join(slide_corpus(slide) for slide in slides)
        figures = UNIT_FIGURE.findall(text) + COUNT_FIGURE.findall(text)
        assert figures, section
        missing = sorted({figure for figure in figures if figure not in corpus})
        assert not missing, f"{section} : {missing}"


def test_each_slide_s_finding_is_a_sentence_of_the_minutes(markdown, paths, deck, facts):
    """The same words: every main slide of a data section states its finding in its title, and
    that title is a sentence of the minutes' part on the same item."""
    agenda = {item.section: item.title for item in load_meeting(paths.meeting).agenda}
    by_section = minutes_by_section(markdown, paths)
    for section in (*SECTIONS, "template_emails"):
        told = plain(by_section[section])
        titles = {re.sub(r" \(\d+/\d+\)$", "", s.shapes.title.text_frame.text)
                  for s in deck.slides if kicker(s) == agenda[section]}  # fmt: skip
        assert titles, section
        for title in titles:
            said = [plain(title) + end for end in (".", ",", " :", " (")]  # or a sentence's start
            assert any(sentence in told for sentence in said), (section, title)
    shown = slide_texts(next(s for s in deck.slides if s.name == ESSENTIALS))
    assert facts.headlines
    for headline in facts.headlines:  # « L'essentiel »: each figure and its words, one sentence
        assert headline.figure in shown and headline.text in shown
        assert plain(headline.sentence) in plain(markdown), headline.sentence


def test_the_parts_follow_the_seeds_order(markdown, paths):
    """Participants, the chair's opening, the agenda's items in order, decisions, closing and
    signature, then the annexes (seeds 001 and 004)."""
    agenda = load_meeting(paths.meeting).agenda
    headings = [heading for heading, _ in parts(markdown)]
    items = [f"{number}. {item.title}" for number, item in enumerate(agenda, 1)]
    annexes = [h for h in headings if h.startswith("Annexe ")]
    assert headings == ["Participants", "Ouverture de la séance", *items,
                        "Décisions et suites", "Clôture de la séance", *annexes]  # fmt: skip
    assert [int(h.split()[1]) for h in annexes] == list(range(1, len(annexes) + 1))
    assert len(annexes) >= 5
    assert markdown.index("RÉPUBLIQUE FRANÇAISE") < markdown.index("# Comité local des usagers")
    assert markdown.index("Sommaire") < markdown.index("## Participants")


def test_participants_by_college_and_the_chair_opens(markdown, paths):
    meeting = load_meeting(paths.meeting)
    text = plain(dict(parts(markdown))["Participants"])
    present = text.index("Étaient présents")
    excused = text.index("Étaient excusés")
    for member in meeting.members:
        at = text.index(member.name)
        assert (present < at < excused) == (member.status == "présent"), member.name
    for group in ("Élus et collectivités", "Chambres consulaires", "Associations",
                  "Services de l'État", "Préfecture"):  # fmt: skip
        assert f"{group} : " in text
    opening = dict(parts(markdown))["Ouverture de la séance"]
    assert (
        plain(opening)
        .strip()
        .startswith(f"{meeting.chair.name}, {meeting.chair.role}, ouvre la séance à {meeting.time}")
    )
    assert all(plain(item.title) in plain(opening) for item in meeting.agenda)
    assert "du 21 novembre au 21 décembre 2022" in markdown


def test_no_place_to_fill_is_repeated(markdown, paths):
    """Places to fill in say what goes there, each once: never ten identical blocks."""
    lines = [line for line in markdown.splitlines() if PLACE_TO_FILL.search(plain(line))]
    assert 3 <= len(lines) <= 12, lines
    assert len(set(lines)) == len(lines), [line for line in lines if lines.count(line) > 1]
    assert "M. / Mme" not in markdown


def test_the_closing_and_the_signature(markdown, paths):
    meeting = load_meeting(paths.meeting)
    closing = plain(dict(parts(markdown))["Clôture de la séance"])
    assert f"{meeting.chair.name} remercie les participants" in closing
    assert "lève la séance à [heure à compléter]" in closing
    assert "Le secrétaire général de la préfecture," in closing
    assert closing.rstrip().endswith(meeting.chair.name)
    document = Document(paths.minutes_docx)
    texts = [p.text for p in document.paragraphs]
    role = texts.index("Le secrétaire général de la préfecture,")
    signer = document.paragraphs[role]
    assert texts[role + 1].replace("\u00a0", " ") == meeting.chair.name
    assert signer.paragraph_format.left_indent.cm > 8  # on the right of the page
    assert signer.paragraph_format.keep_with_next and signer.paragraph_format.space_after.cm > 1


def test_the_questions_of_the_meeting_file_each_get_their_place(facts):
    asked = (
        Question(who="Mme Hélène Canevas (UFC-Que Choisir)", question="Quand le SVI sera-t-il "
                 "refait ?", about="mystery"),
        Question(who="M. Denis Trame (Défenseur des droits)", question="Les délais de "
                 "rendez-vous baisseront-ils ?", answer="Oui, dès mars.",
                 answered_by="M. Marc Prototype"),
    )  # fmt: skip
    meeting = facts.meeting.model_copy(update={"questions": asked, "end_time": "16 h 10"})
    sections = minutes_sections(dataclasses.replace(facts, meeting=meeting))
    text = plain("\n".join(minutes_markdown(sections)))
    told = dict(parts("\n".join(minutes_markdown(sections))))
    mystery = next(t for h, t in told.items() if h.endswith(meeting.agenda[3].title))
    assert "Mme Hélène Canevas (UFC-Que Choisir) : Quand le SVI sera-t-il refait ?" in plain(
        mystery)  # fmt: skip
    questions = plain(told[f"{len(meeting.agenda)}. Questions / réponses"])
    assert "M. Denis Trame (Défenseur des droits) : Les délais" in questions
    assert "M. Marc Prototype : Oui, dès mars." in questions
    assert "Question 1" not in text  # (no numbered places: the file lists the questions)
    assert "Aucune autre question n'étant posée" in text and "lève la séance à 16 h 10" in text


def test_a_question_about_an_item_not_on_the_agenda_is_refused_in_french(paths, tmp_path):
    import json

    import yaml

    data = json.loads(paths.meeting.read_text(encoding="utf-8"))
    data["agenda"] = [item for item in data["agenda"] if item["section"] != "trainings"]
    data["questions"] = [{"who": "Mme Hélène Canevas", "question": "Et les formations ?",
                          "about": "trainings"}]  # fmt: skip
    meeting = tmp_path / "reunion.yaml"
    meeting.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match="la question 1 .* porte sur « trainings », qui n'est "
                       "pas à l'ordre du jour"):  # fmt: skip
        read_meeting_file(meeting)


def test_the_word_draft_has_the_state_heading_block_tables_and_the_same_text(paths, markdown):
    document = Document(paths.minutes_docx)
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["RÉPUBLIQUE FRANÇAISE", "Liberté\nÉgalité\nFraternité"]
    assert texts[2:4] == ["Préfecture de la Sylve", "Secrétariat général"]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Comité local des usagers"
    assert headings[1:] == [heading for heading, _ in parts(markdown)]
    assert len(document.tables) >= 9  # decisions, four modules, survey, calls, e-mails, plan…
    told = plain(markdown)
    for paragraph in document.paragraphs:
        if len(paragraph.text) > 60 and paragraph.style.name == "Normal":
            assert paragraph.text.replace("\u00a0", " ") in told, paragraph.text
    assert document.core_properties.created.year == load_meeting(paths.meeting).date.year


def test_the_html_page_says_the_same_and_escapes_its_texts(paths, markdown):
    import html as html_module

    page = paths.minutes_html.read_text(encoding="utf-8")
    assert "<title>Projet de compte rendu du CLU 2022</title>" in page
    assert '<html lang="fr">' in page and "import " not in page
    assert page.count("<h2") == len(parts(markdown))
    assert page.count('<a href="#partie-') == len(parts(markdown))  # the contents, linked
    shown = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    shown = re.sub(r"</?(mark|span|strong|a)\b[^>]*>", "", shown)  # (inline: no space)
    shown = html_module.unescape(re.sub(r"<[^>]+>", " ", shown))
    shown = " ".join(shown.replace("\u00a0", " ").split())
    for _, text in parts(markdown):
        for line in plain(text).splitlines():
            line = line.strip().lstrip("-> ").strip()
            if len(line) > 40 and not line.startswith("|"):
                assert " ".join(line.split()) in shown, line
    assert "break-after: avoid" in page and "target-counter" in page


def test_charts_read_back_as_native(paths):
    deck = Presentation(paths.deck)
    kinds = {
        shape.chart.chart_type for slide in deck.slides for shape in slide.shapes if shape.has_chart
    }
    assert {XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.PIE} <= kinds
    assert PERIOD == 2022


def test_the_word_minutes_print_well_and_speak_french(paths):
    document = Document(paths.minutes_docx)
    langs = document.styles.element.findall(".//" + qn("w:lang"))
    assert langs and {lang.get(qn("w:val")) for lang in langs} == {"fr-FR"}
    assert document.core_properties.language == "fr-FR"
    for table in document.tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        header = table.rows[0].cells[0].paragraphs[0]
        assert header.paragraph_format.keep_with_next  # the header with the first row
    paragraphs = document.paragraphs
    for paragraph in paragraphs[:-1]:
        if paragraph.style.name.startswith("Heading"):
            assert paragraph.style.paragraph_format.keep_with_next
        bold = paragraph.runs and all(r.bold for r in paragraph.runs)
        if bold and paragraph._p.getnext() is not None and paragraph._p.getnext().tag == qn(
                "w:tbl"):  # a table's caption  # fmt: skip
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "Comité local des usagers" in footer
    agenda = [p for p in paragraphs if p.style.name == "List Number"]
    assert agenda and not any(p.text[:2].rstrip(".").isdigit() for p in agenda)  # one numbering
    filled = [r for p in paragraphs for r in p.runs if PLACE_TO_FILL.search(r.text)]
    assert filled and all(r.font.highlight_color is not None for r in filled)
    annex = next(p for p in paragraphs if p.text.startswith("Annexe 1 — ")
                 and p.style.name == "Heading 2")  # fmt: skip
    assert annex.paragraph_format.page_break_before


def test_the_word_contents_list_the_headings_before_word_numbers_them(paths, markdown):
    """The contents list is Word's TOC field, whose shown result is the list of headings: a
    PDF made without Word shows it, never an instruction to the reader."""
    document = Document(paths.minutes_docx)
    texts = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    start = texts.index("Sommaire") + 1
    assert texts[start : start + len(headings)] == headings
    assert "Mettre à jour les champs" not in "\n".join(texts)
    body = document.element.body.xml
    assert 'TOC \\o "2-2"' in body and body.count('w:fldCharType="end"') >= 1


def test_the_draft_s_blocks_are_plain_text_with_their_places(facts):
    sections = minutes_sections(facts)
    blocks = [block for part in sections for block in part]
    assert isinstance(blocks[0], type(blocks[0])) and blocks[1] == Heading(
        "Comité local des usagers", 1)  # fmt: skip
    assert sum(isinstance(b, Signature) for b in blocks) == 1
    tables = [b for b in blocks if isinstance(b, Table)]
    assert all(len(row) == len(t.header) for t in tables for row in t.rows)
    leads = [b.lead for b in blocks if isinstance(b, Paragraph) and b.lead]
    assert "Accueil, téléphone et internet" in leads and "Calendrier" in leads


@pytest.fixture(scope="module")
def minutes_pdf(paths, tmp_path_factory):
    from pipeline.outputs import pdf

    if pdf.soffice() is None:
        pytest.skip("LibreOffice absent : PDF du compte rendu non vérifié")
    folder = tmp_path_factory.mktemp("minutes-pdf")
    try:
        written, _ = pdf.write_pdfs([paths.minutes_docx], folder)
    except Exception as error:  # LibreOffice without its Writer module
        if "n'est pas installé" in str(error):
            pytest.skip(str(error))
        raise
    return written[0]


def _pages(pdf_path) -> list[list[str]]:
    from pypdf import PdfReader

    return [[line for line in page.extract_text().splitlines() if line.strip()]
            for page in PdfReader(pdf_path).pages]  # fmt: skip


@pytest.mark.complete
def test_the_pdf_s_contents_give_each_heading_s_page(minutes_pdf, paths):
    from pipeline.outputs.minutes.contents import heading_pages

    pages = _pages(minutes_pdf)
    first = "\n".join(pages[0] + pages[1])
    document = Document(paths.minutes_docx)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    where = dict(heading_pages(minutes_pdf))
    for heading in headings:
        listed = re.search(re.escape(heading) + r"\s*\.{3,}\s*(\d+)\s*$", first, re.MULTILINE)
        assert listed, heading
        assert int(listed.group(1)) == where[heading], heading
        assert any(line.startswith(heading[:30]) for line in pages[where[heading] - 1])
    assert where[headings[-1]] == len(pages) or where[headings[-1]] < len(pages)


@pytest.mark.complete
def test_no_heading_nor_table_caption_ends_a_page_of_the_pdf(minutes_pdf, paths):
    document = Document(paths.minutes_docx)
    alone = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    alone |= {
        p.text
        for p in document.paragraphs
        if p.runs
        and all(r.bold for r in p.runs)
        and p._p.getnext() is not None
        and p._p.getnext().tag == qn("w:tbl")
    }  # captions
    alone |= {t.rows[0].cells[0].text for t in document.tables}
    for number, lines in enumerate(_pages(minutes_pdf), 1):
        body = [line for line in lines if "page " not in line or " sur " not in line]
        assert body and body[-1].strip() not in alone, (number, body[-1])


@pytest.mark.complete
def test_a_word_document_without_contents_list_is_converted_once(tmp_path):
    """A Word document without a contents list is converted once, as before."""
    from pipeline.outputs import pdf
    from pipeline.outputs.minutes import contents

    if pdf.soffice() is None:
        pytest.skip("LibreOffice absent")
    plain_docx = tmp_path / "sans_sommaire.docx"
    Document().save(plain_docx)
    assert not contents.number_contents(plain_docx, plain_docx, tmp_path / "copy.docx")
    assert not (tmp_path / "copy.docx").exists()
    shutil.rmtree(tmp_path / "pdf", ignore_errors=True)
    written, _ = pdf.write_pdfs([plain_docx], tmp_path / "pdf")
    assert written and written[0].is_file()


def test_the_html_page_and_the_markdown_show_input_texts_as_typed():
    import html

    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from pipeline.outputs.minutes.blocks import Bullets, Contents, Masthead, to_complete
    from pipeline.outputs.minutes.page import to_html
    from pipeline.outputs.minutes.render import to_markdown
    from tests.hostile_files import MARKUP, live_markup

    payload = MARKUP["organisation"]
    sections = [
        [Masthead(f"Préfecture {payload}", payload), Heading(f"Comité {payload}", 1), Contents()],
        [Heading(f"1. Point {payload}", 2), Paragraph(f" : {payload} {to_complete()}",
                                                      lead=payload),
         Bullets([payload]), Table(["Action", payload], [[payload, to_complete("heure")]],
                                   caption=payload),
         Signature(payload, payload)],
    ]  # fmt: skip
    page = to_html(sections, f"Projet {payload}")
    assert not live_markup(page), live_markup(page)
    assert page.count('<mark class="to-fill">') == 2
    markdown = "\n".join(to_markdown(blocks) for blocks in sections)
    shown = markdown2html_mistune(markdown)
    assert not live_markup(shown), live_markup(shown)
    assert " ".join(payload.split()) in " ".join(html.unescape(re.sub(r"<[^>]+>", " ", shown))
                                                 .split())  # fmt: skip
