"""Slides of text: cover, agenda, numbered lists, section dividers, key figures, bullets, two
headed lists and a framed text."""

from __future__ import annotations

from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from pipeline.outputs import theme as tb
from pipeline.outputs.deck import pptx_xml as xml
from pipeline.outputs.deck.kinds.base import (
    LAYOUT_CONTENT,
    LAYOUT_SECTION,
    LAYOUT_TITLE,
    LAYOUT_TITLE_ONLY,
    content_width,
    fill_text,
    finish,
    inches_of,
    new_slide,
    rectangle,
    set_notes,
    style_runs,
    text_box,
)
from pipeline.outputs.deck.kinds.measure import fit_font_size, wrap


# --- builders ----------------------------------------------------------------------------------
def add_title_slide(prs, title: str, subtitle: str, date_text: str, chair_text: str):
    """Cover: title, subtitle, meeting date and who chairs it."""
    slide = new_slide(prs, LAYOUT_TITLE, title, 36, 24)
    fill_text(slide.placeholders[1], subtitle, 20, 14)
    x, width = inches_of(slide.shapes.title.left), inches_of(slide.shapes.title.width)
    size = fit_font_size(date_text, width, 20, 14, bold=True)
    text_box(slide, (x, 5.5, width, 0.4), date_text, size, tb.BLEU_FRANCE, "bold")
    size = fit_font_size(chair_text, width, 16, 11, box_height_in=0.75)
    text_box(slide, (x, 5.98, width, 0.75), chair_text, size, tb.GREY_800)
    finish(prs, slide, dark_number=True)
    return slide


def add_agenda_slide(prs, title: str, items: list[str]):
    """Numbered agenda ("Ordre du jour") in the content placeholder."""
    return add_numbered_slide(prs, title, items)


def add_numbered_slide(prs, title: str, items: list[str], *, notes: str | None = None):
    """A numbered list (the agenda, a label's engagements) in the content placeholder: the
    numbers are the list's own, never typed in the text beside a bullet."""
    slide = new_slide(prs, LAYOUT_CONTENT, title)
    body = slide.placeholders[1]
    frame = body.text_frame
    frame.word_wrap = True
    frame.text = "\n".join(items)
    width, height = inches_of(body.width) - 0.55, inches_of(body.height) - 0.15
    size = 24.0
    while size > 14:
        lines = sum(len(wrap(item, width, size)) for item in items)
        if (lines * 1.2 + len(items) * 0.8) * size / 72 <= height:
            break
        size -= 1
    for paragraph in frame.paragraphs:
        xml.set_autonumber(paragraph, tb.BLEU_FRANCE)
        paragraph.space_before = Pt(size * 0.8)
    style_runs(frame, size, tb.GREY_900)
    set_notes(slide, notes)
    finish(prs, slide)
    return slide


def add_section_slide(prs, title: str):
    """Section divider on bleu France."""
    slide = new_slide(prs, LAYOUT_SECTION, title, 40, 24)
    finish(prs, slide, dark=True)
    return slide


def add_closing_slide(prs, title: str, contact: str):
    """Closing slide ("Merci de votre attention") with the quality team's contact."""
    slide = new_slide(prs, LAYOUT_SECTION, title, 40, 24)
    fill_text(slide.placeholders[1], contact, 20, 12)
    finish(prs, slide, dark=True)
    return slide


def add_key_figures_slide(prs, title: str, figures: list[tuple[str, str]], *, notes=None):
    """2 to 4 key figures in cards: a big number ("38") over its label ("réclamations")."""
    if not 1 <= len(figures) <= 4:
        raise ValueError(f"Une diapositive porte de 1 à 4 chiffres clés, pas {len(figures)}.")
    slide = new_slide(prs, LAYOUT_TITLE_ONLY, title)
    gap, count = 0.4, len(figures)
    card_w = (content_width(prs) - gap * (count - 1)) / count
    card_h, top, inner_w = 3.2, tb.CONTENT_TOP_IN + 0.55, card_w - 0.5
    number_pt = min(fit_font_size(value, inner_w, 66, 24, bold=True) for value, _ in figures)
    label_pt = min(
        fit_font_size(label, inner_w, 20, 12, box_height_in=1.25) for _, label in figures
    )
    for index, (value, label) in enumerate(figures):
        x = tb.MARGIN_IN + index * (card_w + gap)
        rectangle(slide, (x, top, card_w, card_h), tb.GREY_50, f"Carte {index + 1}")
        rectangle(slide, (x, top + card_h - 0.08, card_w, 0.08), tb.BLEU_FRANCE, "Filet de carte")
        number_box, label_box = (x + 0.25, top + 0.25, inner_w, 1.3), (x + 0.25, top + 1.7)
        text_box(slide, number_box, value, number_pt, tb.BLEU_FRANCE, "bold center bottom")
        text_box(slide, (*label_box, inner_w, 1.3), label, label_pt, tb.GREY_800, "center")
    set_notes(slide, notes)
    finish(prs, slide)
    return slide


# --- text slides ---------------------------------------------------------------------------------
def _bulleted(frame, items: list[str], size: float, color: str) -> None:
    frame.word_wrap = True
    frame.text = "\n".join(items)
    for paragraph in frame.paragraphs:
        paragraph.space_before = Pt(size * 0.45)
    style_runs(frame, size, color)


def _list_size(items: list[str], width: float, height: float, max_pt: float, min_pt: float):
    size = max_pt
    while size > min_pt:
        lines = sum(len(wrap(item, width, size)) for item in items)
        if (lines * 1.2 + len(items) * 0.45) * size / 72 <= height:
            break
        size -= 1
    return size


def add_bullets_slide(prs, title: str, items: list[str], *, notes: str | None = None):
    """A bulleted list in the content placeholder, at the largest size that holds."""
    slide = new_slide(prs, LAYOUT_CONTENT, title)
    body = slide.placeholders[1]
    width, height = inches_of(body.width) - 0.5, inches_of(body.height) - 0.15
    size = _list_size(items, width, height, 22, 12)
    _bulleted(body.text_frame, items, size, tb.GREY_900)
    set_notes(slide, notes)
    finish(prs, slide)
    return slide


def add_two_lists_slide(
    prs, title: str, left: tuple[str, list[str]], right: tuple[str, list[str]], *, notes=None
):
    """Two headed lists side by side (« Points positifs » / « Points de vigilance »)."""
    slide = new_slide(prs, LAYOUT_TITLE_ONLY, title)
    gap = 0.4
    card_w = (content_width(prs) - gap) / 2
    top, height = tb.CONTENT_TOP_IN + 0.1, tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN - 0.1
    colors = (tb.SUCCESS, tb.ERROR)
    inner_w, list_h = card_w - 0.5, height - 1.0
    size = min(
        _list_size(items or ["–"], inner_w - 0.3, list_h, 18, 11) for _, items in (left, right)
    )
    for index, (heading, items) in enumerate((left, right)):
        x = tb.MARGIN_IN + index * (card_w + gap)
        rectangle(slide, (x, top, card_w, height), tb.GREY_50, f"Carte {index + 1}")
        rectangle(slide, (x, top, 0.08, height), colors[index], "Filet de carte")
        text_box(slide, (x + 0.3, top + 0.2, inner_w, 0.5), heading, 20, colors[index], "bold")
        box = slide.shapes.add_textbox(*(Inches(v) for v in (x + 0.3, top + 0.8, inner_w, list_h)))
        box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        _bulleted(box.text_frame, [f"• {item}" for item in items] or ["–"], size, tb.GREY_900)
    set_notes(slide, notes)
    finish(prs, slide)
    return slide


def add_text_slide(prs, title: str, heading: str, body: str, *, notes: str | None = None):
    """A framed text (a template e-mail submitted for opinion), sized to fit its card."""
    slide = new_slide(prs, LAYOUT_TITLE_ONLY, title)
    width = content_width(prs)
    top, height = tb.CONTENT_TOP_IN + 0.1, tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN - 0.1
    rectangle(slide, (tb.MARGIN_IN, top, width, height), tb.GREY_50, "Carte")
    rectangle(slide, (tb.MARGIN_IN, top, 0.08, height), tb.BLEU_FRANCE, "Filet de carte")
    text_box(slide, (tb.MARGIN_IN + 0.3, top + 0.15, width - 0.6, 0.45), heading, 18,
              tb.BLEU_FRANCE, "bold")  # fmt: skip
    text_h = height - 0.85
    size = fit_font_size(body, width - 0.6, 16, 9, box_height_in=text_h, line_spacing=1.25)
    text_box(slide, (tb.MARGIN_IN + 0.3, top + 0.7, width - 0.6, text_h), body, size, tb.GREY_900)
    set_notes(slide, notes)
    finish(prs, slide)
    return slide
