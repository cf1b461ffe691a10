"""The minutes draft: its content, its Word version, and one source of truth with the deck —
every figure written in a section of the minutes is shown on a slide of the same section."""

from __future__ import annotations

import re

import pytest
from docx import Document
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from pipeline.core.formatting import format_number, format_percent
from pipeline.core.meeting import load_meeting
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


@pytest.fixture(scope="module")
def paths(sample_run):
    return sample_run["paths"]


@pytest.fixture(scope="module")
def markdown(paths):
    return paths.minutes_markdown.read_text(encoding="utf-8")


def minutes_by_section(markdown: str, paths) -> dict[str, str]:
    """The minutes' text of each agenda item, keyed by its section."""
    agenda = load_meeting(paths.meeting).agenda
    parts = re.split(r"^## (\d+)\. .*$", markdown, flags=re.MULTILINE)
    texts = {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}
    return {item.section: texts[number] for number, item in enumerate(agenda, 1)}


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


def test_every_figure_of_the_minutes_is_on_the_slides_of_its_section(markdown, paths):
    deck = Presentation(paths.deck)
    agenda = {item.section: item.title for item in load_meeting(paths.meeting).agenda}
    for section, text in minutes_by_section(markdown, paths).items():
        if section not in SECTIONS:
            continue
        names = (agenda[section], f"Annexe — {agenda[section]}")
        corpus = " ".join(slide_corpus(slide) for slide in deck.slides if kicker(slide) in names)
        figures = UNIT_FIGURE.findall(text) + COUNT_FIGURE.findall(text)
        assert figures, section
        missing = sorted({figure for figure in figures if figure not in corpus})
        assert not missing, f"{section} : {missing}"


def test_minutes_hold_attendance_agenda_and_places_to_complete(markdown, paths):
    meeting = load_meeting(paths.meeting)
    present = [m for m in meeting.members if m.status == "présent"]
    excused = [m for m in meeting.members if m.status == "excusé"]
    assert all(member.name in markdown for member in present + excused)
    assert markdown.index("Personnes présentes") < markdown.index(excused[0].name)
    for number, item in enumerate(meeting.agenda, 1):
        assert f"## {number}. {item.title}" in markdown
    assert markdown.count("M. / Mme … (organisme) : …") == len(meeting.agenda)
    assert "## Actions décidées" in markdown and "## Prochaines échéances" in markdown
    assert "du 21 novembre au 21 décembre 2022" in markdown


def test_the_word_draft_has_headings_tables_and_the_same_text(paths, markdown):
    document = Document(paths.minutes_docx)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0].startswith("Comité local des usagers")
    assert "Participants" in headings and "Actions décidées" in headings
    assert len(document.tables) >= 3  # action plan, trainings, actions decided
    survey = next(
        p.text for p in document.paragraphs if p.text.startswith("L'enquête de satisfaction")
    )
    assert survey.split(" Suites")[0] in markdown
    assert document.core_properties.created.year == load_meeting(paths.meeting).date.year


def test_minutes_html_hides_the_code(paths):
    html = paths.minutes_html.read_text(encoding="utf-8")
    assert "<title>Projet de compte rendu du CLU 2022</title>" in html
    assert "import " not in html and "open_period" not in html


def test_charts_read_back_as_native(paths):
    deck = Presentation(paths.deck)
    kinds = {
        shape.chart.chart_type for slide in deck.slides for shape in slide.shapes if shape.has_chart
    }
    assert {XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.PIE} <= kinds
    assert PERIOD == 2022


@pytest.mark.e2e
def test_the_word_minutes_print_well_and_speak_french(paths):
    minutes_docx = paths.minutes_docx
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(minutes_docx)
    langs = document.styles.element.findall(".//" + qn("w:lang"))
    assert langs and {lang.get(qn("w:val")) for lang in langs} == {"fr-FR"}
    assert document.core_properties.language == "fr-FR"
    tables = document.tables
    assert tables
    for table in tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "Comité local des usagers" in footer
    agenda = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert agenda and not any(p.text[:2].rstrip(".").isdigit() for p in agenda)  # one numbering
    filled = [r for p in document.paragraphs for r in p.runs if "M. / Mme …" in r.text]
    assert filled and all(r.font.highlight_color is not None for r in filled)


def test_the_word_contents_list_the_headings_before_word_numbers_them(paths):
    """The table of contents is Word's TOC field, whose shown result is the list of headings:
    a PDF made without Word (LibreOffice) shows it, never an instruction to the reader."""
    document = Document(paths.minutes_docx)
    texts = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs
                if p.style.name in ("Heading 2", "Heading 3") and p.text != "Sommaire"]  # fmt: skip
    start = texts.index("Sommaire") + 1
    assert texts[start : start + len(headings)] == headings
    assert "Mettre à jour les champs" not in "\n".join(texts)
    body = document.element.body.xml
    assert 'TOC \\o "2-3"' in body and body.count('w:fldCharType="end"') >= 1
