"""Réclamations et suggestions: the volume by nature (and channel), then the themes beside what
was done. The reply times by channel go to the annex (their overall figure to the first slide's
title)."""

from __future__ import annotations

from pipeline.core.formatting import format_count, format_number
from pipeline.facts import titles
from pipeline.facts.findings import capitalised
from pipeline.facts.sections import REPLY_HEADER, reply_rows
from pipeline.outputs import theme as tb
from pipeline.outputs.deck import kinds
from pipeline.outputs.deck.story.common import Deck, annex_kicker

MAX_LISTED = 5  # themes, and things done, listed on the slide (all of them in its notes)


def add_complaints(deck: Deck, kicker: str) -> None:
    complaints = deck.facts.complaints
    if complaints is None:
        return
    year = complaints.year
    title = titles.complaints_title(complaints)
    reply = titles.complaints_reply(complaints)
    listing = ", ".join(f"{format_number(n)} {label}" for n, label in complaints.by_nature)
    notes = f"En {year}, {format_number(complaints.total)} messages reçus : {listing}." + (
        f" {capitalised(reply)}." if reply else ""
    )
    figures = [(format_number(n), label) for n, label in complaints.by_nature if n][:4]
    channels = complaints.by_channel
    footnote = ""
    if len(channels):
        footnote = (
            "Par canal : "
            + ", ".join(
                f"{row.channel} {format_number(row.count)}" for row in channels.itertuples()
            )
            + "."
        )
    with deck.named("Réclamations et suggestions — messages reçus"):
        kinds.add_key_figures_slide(deck.prs, title, figures or [("0", "message")], notes=notes,
                                    kicker=kicker, footnote=footnote)  # fmt: skip
    with deck.named("Réclamations et suggestions — thèmes et suites données"):
        _themes_slide(deck, kicker)
    deck.later(lambda: add_complaints_annex(deck, annex_kicker(kicker)))


def _themes_slide(deck: Deck, kicker: str) -> None:
    """The themes written about most, beside what was done: two lists on one slide."""
    complaints = deck.facts.complaints
    themes = complaints.themes
    if not len(themes) and not complaints.follow_ups:
        return
    shown = themes.head(MAX_LISTED)
    listed = [
        f"{capitalised(str(t))} : {format_count(int(c), 'message')}"
        for t, c in zip(shown["theme"], shown["count"], strict=True)
    ]
    done = [capitalised(item) for item in complaints.follow_ups]
    shown_done = done[:MAX_LISTED] or ["Aucune suite notée dans le registre à ce jour"]
    title = titles.complaint_themes_title(complaints)
    listing = "\u00a0; ".join(
        f"{t} ({c})" for t, c in zip(themes["theme"], themes["count"], strict=True)
    )
    notes = (
        f"Thèmes des réclamations et suggestions, du plus fréquent au moins fréquent : {listing}. "
        + (
            "Suites données par l'administration : " + "\u00a0; ".join(done) + "."
            if done
            else "Le registre ne note encore aucune suite donnée."
        )
    )
    kinds.add_two_lists_slide(
        deck.prs, title, ("Les thèmes", listed), ("Ce qui a été fait", shown_done),
        notes=notes, kicker=kicker, colors=(tb.BLEU_FRANCE, tb.BLEU_FRANCE),
    )  # fmt: skip


def add_complaints_annex(deck: Deck, kicker: str) -> None:
    rows = reply_rows(deck.facts.complaints)
    with deck.named("Annexe — réclamations et suggestions — délais de réponse par canal"):
        _replies_table(deck, rows, kicker)


def _replies_table(deck: Deck, rows: list[list[str]], kicker: str) -> None:
    complaints = deck.facts.complaints
    kinds.add_table_slide(
        deck.prs, f"Réclamations et suggestions {complaints.year} : délais de réponse par canal",
        REPLY_HEADER, rows,
        notes="Réponses aux réclamations et suggestions, par canal (sans réponse = hors délai).",
        kicker=kicker, annex=True,
    )  # fmt: skip
