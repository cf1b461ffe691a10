"""Tutorat et accompagnement des agents, after the trainings: the year's sessions by topic in a
compact table (at most six rows; the others in its notes)."""

from __future__ import annotations

from pipeline.core.formatting import format_count
from pipeline.outputs.deck import kinds
from pipeline.outputs.deck.kinds.tables import MAIN_ROWS
from pipeline.outputs.deck.story.common import Deck


def add_tutoring(deck: Deck, kicker: str) -> None:
    tutoring = deck.facts.tutoring
    if tutoring is None:
        return
    title = f"Tutorat et accompagnement {tutoring.year} : " + format_count(
        tutoring.sessions, "séance", "séances")  # fmt: skip
    if tutoring.agents is not None:
        title += ", " + format_count(tutoring.agents, "agent accompagné", "agents accompagnés")
    shown = tutoring.rows[:MAIN_ROWS]
    left = tutoring.rows[MAIN_ROWS:]
    notes = tutoring.total_text + (
        " Autres thèmes : " + "\u00a0; ".join(f"{row[1]} ({row[2]})" for row in left) + "."
        if left else ""
    )  # fmt: skip
    with deck.named("Tutorat et accompagnement des agents"):
        kinds.add_table_slide(
            deck.prs, title, tutoring.header, shown, notes=notes, kicker=kicker,
            footnote=f"Et {format_count(len(left), 'autre thème')} (voir les notes)." if left
            else None,
        )  # fmt: skip
