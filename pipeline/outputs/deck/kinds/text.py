"""Slides of text: cover, agenda, numbered lists, section dividers, key figures, headlines,
bullets, two headed lists, quotes and a framed text."""

from __future__ import annotations

from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from pipeline.outputs import theme as tb
from pipeline.outputs.deck import pptx_xml as xml
from pipeline.outputs.deck.kinds.base import (
    ANNEX_MIN_PT,
    BODY_MIN_PT,
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
    fill_text(slide.placeholders[1], subtitle, 24, 18)
    x, width = inches_of(slide.shapes.title.left), inches_of(slide.shapes.title.width)
    size = fit_font_size(date_text, width, 24, 18, bold=True)
    text_box(slide, (x, 5.4, width, 0.45), date_text, size, tb.BLEU_FRANCE, "bold")
    size = fit_font_size(chair_text, width, 20, 16, box_height_in=0.8)
    text_box(slide, (x, 5.92, width, 0.8), chair_text, size, tb.GREY_800)
    finish(prs, slide, dark_number=True)
    return slide


def add_agenda_slide(prs, title: str, items: list[str], *, notes: str | None = None):
    """Numbered agenda ("Ordre du jour") in the content placeholder."""
    return add_numbered_slide(prs, title, items, notes=notes)


def add_numbered_slide(
    prs, title: str, items: list[str], *, notes: str | None = None, kicker: str = ""
):
    """A numbered list (the agenda, a label's engagements) in the content placeholder: the
    numbers are the list's own, never typed in the text beside a bullet."""
    slide = new_slide(prs, LAYOUT_CONTENT, title, kicker=kicker)
    body = slide.placeholders[1]
    frame = body.text_frame
    frame.word_wrap = True
    frame.text = "\n".join(items)
    width, height = inches_of(body.width) - 0.55, inches_of(body.height) - 0.15
    size = 24.0
    while size > BODY_MIN_PT:
        lines = sum(len(wrap(item, width, size)) for item in items)
        if (lines * 1.2 + len(items) * 0.6) * size / 72 <= height:
            break
        size -= 1
    for paragraph in frame.paragraphs:
        xml.set_autonumber(paragraph, tb.BLEU_FRANCE)
        paragraph.space_before = Pt(size * 0.6)
    style_runs(frame, size, tb.GREY_900)
    set_notes(slide, notes)
    finish(prs, slide)
    return slide


def add_section_slide(prs, title: str, *, notes: str | None = None):
    """Section divider on bleu France."""
    slide = new_slide(prs, LAYOUT_SECTION, title, 40, 24)
    set_notes(slide, notes)
    finish(prs, slide, dark=True)
    return slide


def add_closing_slide(prs, title: str, contact: str, *, notes: str | None = None):
    """Closing slide ("Merci de votre attention") with the quality team's contact."""
    slide = new_slide(prs, LAYOUT_SECTION, title, 40, 24)
    fill_text(slide.placeholders[1], contact, 24, 18)
    set_notes(slide, notes)
    finish(prs, slide, dark=True)
    return slide


def add_key_figures_slide(
    prs, title: str, figures: list[tuple[str, str]], *, notes=None, kicker: str = "",
    footnote: str = "",
):  # fmt: skip
    """1 to 4 key figures in cards: a big number ("38") over its label ("réclamations")."""
    if not 1 <= len(figures) <= 4:
        raise ValueError(f"Une diapositive porte de 1 à 4 chiffres clés, pas {len(figures)}.")
    slide = new_slide(prs, LAYOUT_TITLE_ONLY, title, kicker=kicker)
    gap, count = 0.4, len(figures)
    card_w = (content_width(prs) - gap * (count - 1)) / count
    card_h, top, inner_w = 3.3, tb.CONTENT_TOP_IN + 0.45, card_w - 0.5
    number_pt = min(fit_font_size(value, inner_w, 66, 28, bold=True) for value, _ in figures)
    label_pt = min(
        fit_font_size(label, inner_w, 22, BODY_MIN_PT, box_height_in=1.45) for _, label in figures
    )
    for index, (value, label) in enumerate(figures):
        x = tb.MARGIN_IN + index * (card_w + gap)
        rectangle(slide, (x, top, card_w, card_h), tb.GREY_50, f"Carte {index + 1}")
        rectangle(slide, (x, top + card_h - 0.08, card_w, 0.08), tb.BLEU_FRANCE, "Filet de carte")
        number_box, label_box = (x + 0.25, top + 0.2, inner_w, 1.3), (x + 0.25, top + 1.6)
        text_box(slide, number_box, value, number_pt, tb.BLEU_FRANCE, "bold center bottom")
        text_box(slide, (*label_box, inner_w, 1.5), label, label_pt, tb.GREY_800, "center")
    _footnote(slide, prs, footnote)
    set_notes(slide, notes)
    finish(prs, slide)
    return slide


def _footnote(slide, prs, text: str) -> None:
    """A line under the content, at the body's minimum size (readable from the back)."""
    if not text:
        return
    width = content_width(prs)
    size = fit_font_size(text, width, BODY_MIN_PT, 14, box_height_in=0.62)
    box = (tb.MARGIN_IN, tb.CONTENT_BOTTOM_IN - 0.62, width, 0.62)
    text_box(slide, box, text, size, tb.GREY_800, "italic bottom", "Note")


# Tone of a headline → colour of its figure: status colours only where they show a status.
TONE_COLORS = {"bon": tb.SUCCESS, "à améliorer": tb.WARNING, "neutre": tb.BLEU_FRANCE}


def add_headlines_slide(
    prs, title: str, headlines: list[tuple[str, str, str]], *, notes=None, kicker: str = "",
    footnote: str = "",
):  # fmt: skip
    """Three to five findings, one a row: a figure in its tone's colour, then its sentence."""
    slide = new_slide(prs, LAYOUT_TITLE_ONLY, title, kicker=kicker)
    width = content_width(prs)
    bottom = tb.CONTENT_BOTTOM_IN - (0.7 if footnote else 0.0)
    gap, top = 0.12, tb.CONTENT_TOP_IN + 0.05
    row_h = min(1.05, (bottom - top - gap * (len(headlines) - 1)) / max(len(headlines), 1))
    figure_w = 2.7
    text_w = width - figure_w - 0.5
    figure_pt = min(fit_font_size(f, figure_w - 0.3, 36, 20, bold=True) for f, _, _ in headlines)
    text_pt = min(
        fit_font_size(t, text_w, 22, BODY_MIN_PT, box_height_in=row_h - 0.1)
        for _, t, _ in headlines
    )
    for index, (figure, text, tone) in enumerate(headlines):
        y = top + index * (row_h + gap)
        color = TONE_COLORS.get(tone, tb.BLEU_FRANCE)
        rectangle(slide, (tb.MARGIN_IN, y, width, row_h), tb.GREY_50, f"Constat {index + 1}")
        rectangle(slide, (tb.MARGIN_IN, y, 0.08, row_h), color, "Filet du constat")
        box = (tb.MARGIN_IN + 0.25, y, figure_w - 0.3, row_h)
        text_box(slide, box, figure, figure_pt, color, "bold middle")
        box = (tb.MARGIN_IN + figure_w, y + 0.05, text_w, row_h - 0.1)
        text_box(slide, box, text, text_pt, tb.GREY_900, "middle")
    _footnote(slide, prs, footnote)
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


def add_bullets_slide(
    prs, title: str, items: list[str], *, notes: str | None = None, kicker: str = "",
    annex: bool = False,
):  # fmt: skip
    """A bulleted list in the content placeholder, at the largest size that holds (18 pt at
    least on a main slide: the caller keeps the list short)."""
    slide = new_slide(prs, LAYOUT_CONTENT, title, kicker=kicker)
    body = slide.placeholders[1]
    width, height = inches_of(body.width) - 0.5, inches_of(body.height) - 0.15
    size = _list_size(items, width, height, 24, ANNEX_MIN_PT if annex else BODY_MIN_PT)
    _bulleted(body.text_frame, items, size, tb.GREY_900)
    set_notes(slide, notes)
    finish(prs, slide)
    return slide


def add_two_lists_slide(
    prs, title: str, left: tuple[str, list[str]], right: tuple[str, list[str]], *, notes=None,
    kicker: str = "", colors: tuple[str, str] = (tb.SUCCESS, tb.WARNING),
):  # fmt: skip
    """Two headed lists side by side (« Points positifs » / « Points de vigilance »)."""
    slide = new_slide(prs, LAYOUT_TITLE_ONLY, title, kicker=kicker)
    gap = 0.4
    card_w = (content_width(prs) - gap) / 2
    top, height = tb.CONTENT_TOP_IN + 0.1, tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN - 0.1
    inner_w, list_h = card_w - 0.5, height - 0.9
    size = min(
        _list_size(items or ["–"], inner_w - 0.3, list_h, 22, BODY_MIN_PT)
        for _, items in (left, right)
    )
    for index, (heading, items) in enumerate((left, right)):
        x = tb.MARGIN_IN + index * (card_w + gap)
        rectangle(slide, (x, top, card_w, height), tb.GREY_50, f"Carte {index + 1}")
        rectangle(slide, (x, top, 0.08, height), colors[index], "Filet de carte")
        text_box(slide, (x + 0.3, top + 0.15, inner_w, 0.5), heading, 22, colors[index], "bold")
        box = slide.shapes.add_textbox(*(Inches(v) for v in (x + 0.3, top + 0.75, inner_w, list_h)))
        box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        _bulleted(box.text_frame, [f"• {item}" for item in items] or ["–"], size, tb.GREY_900)
    set_notes(slide, notes)
    finish(prs, slide)
    return slide


def add_quotes_slide(
    prs, title: str, quotes: list[tuple[str, str, str, bool]], *, notes=None, kicker: str = "",
):  # fmt: skip
    """Users' words, one card a theme: the theme and its count, then the remark quoted; a
    critical remark's card is marked in the warning colour, the others in blue."""
    slide = new_slide(prs, LAYOUT_TITLE_ONLY, title, kicker=kicker)
    width = content_width(prs)
    gap, top = 0.15, tb.CONTENT_TOP_IN + 0.05
    row_h = (tb.CONTENT_BOTTOM_IN - top - gap * (len(quotes) - 1)) / max(len(quotes), 1)
    row_h = min(row_h, 1.25)
    theme_w = 4.4
    quote_w = width - theme_w - 0.45
    theme_pt = min(
        fit_font_size(
            f"{t}\n{m}", theme_w - 0.35, 20, BODY_MIN_PT, box_height_in=row_h - 0.1, bold=True
        )
        for t, m, _, _ in quotes
    )
    quote_pt = min(
        fit_font_size(f"« {q} »", quote_w, 22, BODY_MIN_PT, box_height_in=row_h - 0.1)
        for _, _, q, _ in quotes
    )
    for index, (theme, meta, quote, critical) in enumerate(quotes):
        y = top + index * (row_h + gap)
        color = tb.WARNING if critical else tb.BLEU_FRANCE
        rectangle(slide, (tb.MARGIN_IN, y, width, row_h), tb.GREY_50, f"Remarque {index + 1}")
        rectangle(slide, (tb.MARGIN_IN, y, 0.08, row_h), color, "Filet de la remarque")
        box = (tb.MARGIN_IN + 0.25, y + 0.05, theme_w - 0.3, row_h - 0.1)
        shape = text_box(slide, box, theme, theme_pt, color, "bold middle")
        paragraph = shape.text_frame.add_paragraph()
        run = paragraph.add_run()
        run.text = meta
        run.font.size, run.font.bold = Pt(theme_pt - 2 if theme_pt > 18 else theme_pt), False
        run.font.color.rgb = shape.text_frame.paragraphs[0].runs[0].font.color.rgb
        box = (tb.MARGIN_IN + theme_w, y + 0.05, quote_w, row_h - 0.1)
        text_box(slide, box, f"« {quote} »", quote_pt, tb.GREY_900, "italic middle")
    set_notes(slide, notes)
    finish(prs, slide)
    return slide


def add_text_slide(
    prs, title: str, heading: str, body: str, *, notes: str | None = None, kicker: str = ""
):
    """A framed text (a template e-mail submitted for opinion), sized to fit its card."""
    slide = new_slide(prs, LAYOUT_TITLE_ONLY, title, kicker=kicker)
    width = content_width(prs)
    top, height = tb.CONTENT_TOP_IN + 0.1, tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN - 0.1
    rectangle(slide, (tb.MARGIN_IN, top, width, height), tb.GREY_50, "Carte")
    rectangle(slide, (tb.MARGIN_IN, top, 0.08, height), tb.BLEU_FRANCE, "Filet de carte")
    text_box(slide, (tb.MARGIN_IN + 0.3, top + 0.15, width - 0.6, 0.45), heading, 20,
              tb.BLEU_FRANCE, "bold")  # fmt: skip
    text_h = height - 0.85
    size = fit_font_size(
        body, width - 0.6, 18, ANNEX_MIN_PT, box_height_in=text_h, line_spacing=1.25
    )
    text_box(slide, (tb.MARGIN_IN + 0.3, top + 0.7, width - 0.6, text_h), body, size, tb.GREY_900)
    set_notes(slide, notes)
    finish(prs, slide)
    return slide
