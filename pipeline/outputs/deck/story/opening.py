"""The opening of the deck: cover, agenda, the label in one slide, « L'essentiel de l'année » and
« Ce qui a changé »."""

from __future__ import annotations

from pipeline.core.formatting import format_count, format_date
from pipeline.facts import titles
from pipeline.facts.findings import capitalised
from pipeline.outputs.deck import kinds
from pipeline.outputs.deck.story.common import Deck, absence

MAX_CHANGES = 6  # bullets of « Ce qui a changé » on the slide (the others in its notes)


def add_cover(deck: Deck) -> None:
    meeting = deck.facts.meeting
    kinds.add_title_slide(
        deck.prs, meeting.committee, meeting.prefecture, format_date(meeting.date),
        f"Sous la présidence de {meeting.chair.name}, {meeting.chair.role}",
    )  # fmt: skip


def agenda_lines(deck: Deck) -> list[str]:
    """The agenda's items; an item without data for the year says so on its line."""
    return titles.agenda_lines(deck.facts)


def add_agenda(deck: Deck) -> None:
    lines = agenda_lines(deck)
    notes = "Ordre du jour de la réunion : " + "\u00a0; ".join(lines) + "."
    kinds.add_agenda_slide(deck.prs, "Ordre du jour", lines, notes=notes).name = "Ordre du jour"


def add_approach(deck: Deck, kicker: str) -> None:
    """The label in one slide: its modules (module 1 « obligatoire ») or its engagements, and
    the calendar (audits)."""
    with deck.named("La démarche"):
        _approach(deck, kicker)


def _approach(deck: Deck, kicker: str) -> None:
    facts = deck.facts
    meeting, scheme = facts.meeting, facts.scheme
    audits = [capitalised(audit.describe()) for audit in meeting.audits]
    items = scheme.approach_items()
    notes = scheme.text("approach_intro")
    if scheme.by_engagement:
        followed = "Indicateurs suivis : " + ", ".join(
            scheme.module_title(m).lower() for m in scheme.modules
        )
        # the engagements (eight or nine) stay readable at 18 pt: numbered, in the notes too
        listed = notes + " " + "\u00a0; ".join(items) + "."
        kinds.add_numbered_slide(
            deck.prs, scheme.text("approach_title"), items, notes=listed, kicker=kicker
        )
        if audits or followed:
            kinds.add_bullets_slide(
                deck.prs, f"La démarche {scheme.name} : périmètre et calendrier",
                [followed, *audits], notes=followed + ". " + "\u00a0; ".join(audits),
                kicker=kicker,
            )  # fmt: skip
        return
    perimeter = f"Le périmètre comprend {format_count(len(items), 'module')}"
    notes += f" {perimeter} : " + "\u00a0; ".join(items) + "."
    if audits:
        notes += " Calendrier : " + "\u00a0; ".join(audits) + "."
    kinds.add_bullets_slide(deck.prs, scheme.text("approach_title"), [*items, *audits],
                            notes=notes, kicker=kicker)  # fmt: skip


def add_essentials(deck: Deck) -> None:
    """« L'essentiel de l'année »: three to five headlines, and what the year lacks."""
    facts = deck.facts
    missing = [absence(facts, item.section) for item in facts.meeting.agenda]
    missing = [capitalised(why) for why in missing if why]
    footnote = ". ".join(missing) + "." if missing else ""
    if not facts.headlines:
        if footnote:
            slide = kinds.add_bullets_slide(deck.prs, f"L'essentiel de l'année {facts.period}",
                                            missing, notes=footnote)  # fmt: skip
            slide.name = "L'essentiel de l'année"
        return
    rows = [(h.figure, h.text, h.tone) for h in facts.headlines]
    notes = (
        "Les constats de l'année, calculés à partir des résultats : "
        + "\u00a0; ".join(h.sentence for h in facts.headlines)
        + "."
        + (f" {footnote}" if footnote else "")
    )
    lead = facts.headlines[0]
    title = f"L'essentiel de l'année {facts.period} : {lead.figure} {lead.text}"
    if len(title) > 95:
        title = f"L'essentiel de l'année {facts.period}"
    slide = kinds.add_headlines_slide(deck.prs, title, rows, notes=notes, footnote=footnote)
    slide.name = "L'essentiel de l'année"


def change_lines(deck: Deck) -> list[str]:
    """What changed for users: the plan's actions done in the year, dated, then the meeting
    file's own list (« what_changed »)."""
    return titles.change_lines(deck.facts.done, deck.facts.meeting.highlights)


def add_changes(deck: Deck, kicker: str) -> None:
    """« Ce qui a changé » (the year's retrospective), when the year holds something."""
    facts = deck.facts
    lines = change_lines(deck)
    if not lines:
        return
    title = titles.changes_title(facts.period, len(facts.done))
    shown = lines[:MAX_CHANGES]
    notes = "Ce qui a changé pour les usagers : " + "\u00a0; ".join(lines) + "."
    if len(lines) > len(shown):
        notes += f" (La diapositive en montre {len(shown)} ; les autres sont ci-dessus.)"
    slide = kinds.add_bullets_slide(deck.prs, title, shown, notes=notes, kicker=kicker)
    slide.name = "Ce qui a changé"
