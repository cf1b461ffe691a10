"""Tutorat et accompagnement des agents as the deck and the minutes show them, beside the
trainings: the year's sessions by kind and topic, the agents accompanied, from
:mod:`pipeline.compute.tutoring`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.core.formatting import format_count, format_number

KIND_WORDS = {"tutorat": "Tutorat", "accompagnement": "Accompagnement"}


@dataclass(frozen=True)
class TutoringFacts:
    year: int
    sessions: int
    agents: int | None
    hours: float | None
    header: list[str]
    rows: list[list[str]]  # Type | Thème | Séances | Agents accompagnés — the year's topics
    previous_sessions: int | None = None

    @property
    def total_text(self) -> str:
        """« En 2022, 6 séances de tutorat et d'accompagnement, 9 agents accompagnés (12 heures)
        ; un agent accompagné deux fois compte deux fois. »"""
        text = f"En {self.year}, " + format_count(
            self.sessions, "séance de tutorat ou d'accompagnement",
            "séances de tutorat et d'accompagnement",
        )  # fmt: skip
        if self.agents is not None:
            text += ", " + format_count(self.agents, "agent accompagné", "agents accompagnés")
        if self.hours is not None:
            hours = format_number(self.hours, 0 if float(self.hours).is_integer() else 1)
            text += f" ({hours} heure{'s' if self.hours >= 2 else ''})"
        if self.previous_sessions is not None:
            text += f" ; {format_count(self.previous_sessions, 'séance')} en {self.year - 1}"
        return text + " ; un agent accompagné deux fois compte deux fois."


def tutoring_facts(tables: dict[str, pd.DataFrame], period: int) -> TutoringFacts | None:
    """The year's tutoring and accompaniment, or None without any session."""
    table = tables["tutoring_by_year"]
    year = table[table["year"] == period] if len(table) else table
    if year.empty:
        return None
    total = year[year["is_total"]].iloc[0]
    topics = year[~year["is_total"]].sort_values(["order"])
    rows = [
        [KIND_WORDS.get(str(r.kind), str(r.kind)), str(r.topic), format_number(r.sessions),
         "–" if pd.isna(r.agents) else format_number(r.agents)]
        for r in topics.itertuples()
    ]  # fmt: skip
    before = table[(table["year"] == period - 1) & table["is_total"]]
    return TutoringFacts(
        year=period,
        sessions=int(total["sessions"]),
        agents=None if pd.isna(total["agents"]) else int(total["agents"]),
        hours=None if pd.isna(total["hours"]) else float(total["hours"]),
        header=["Type", "Thème", "Séances", "Agents accompagnés"],
        rows=rows,
        previous_sessions=int(before["sessions"].iloc[0]) if len(before) else None,
    )
