"""Facts of the sections after the survey: mystery calls and e-mails, complaints and
suggestions, action plan, trainings — read from data/processed/<period>/ and already formatted
in French, for the deck and the minutes alike.

Each ``<section>_facts`` returns None when the period has no data for the section: the deck
then leaves the section out and the run log says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pipeline.core.formatting import (
    format_count,
    format_date,
    format_date_range,
    format_days,
    format_number,
)
from pipeline.core.formatting import format_percent as percent
from pipeline.core.meeting import Meeting

LATE = "en retard"


def _of_year(table: pd.DataFrame, year: int, column: str = "year") -> pd.DataFrame:
    return table[table[column] == year] if len(table) else table


@dataclass(frozen=True)
class MysteryFacts:
    year: int
    calls: int
    answered: int
    answered_rate: float
    window: str
    over_max_rings: int
    max_rings: int
    rings_noted: int  # answered calls whose rings were counted (none: the grid has no rings)
    target: float
    criteria: pd.DataFrame  # label, stage_label, evaluated, rate, status
    stages: pd.DataFrame  # stage_label, evaluated, rate, status
    overall_rate: float | None
    positives: list[str]
    vigilance: list[str]
    emails: pd.DataFrame  # label, unit, numerator, denominator, value, status
    emails_sent: int
    emails_window: str


def _point_line(row) -> str:
    counts = f"{format_number(row.compliant)}/{format_number(row.evaluated)}"
    text = f"{row.label} : {percent(row.rate)} ({counts})"
    return text + (f" — {row.evidence}" if isinstance(row.evidence, str) and row.evidence else "")


def _evaluated(compliance: pd.DataFrame, level: str) -> pd.DataFrame:
    """The rows of a level (criterion, stage) that at least one call evaluated."""
    if not len(compliance):
        return compliance
    rows = compliance[(compliance["level"] == level) & (compliance["evaluated"] > 0)]
    return rows.reset_index(drop=True)


def mystery_facts(tables: dict[str, pd.DataFrame], meeting: Meeting, year: int):
    summary = _of_year(tables["mystery_call_summary"], year)
    emails = _of_year(tables["mystery_email_results"], year)
    sent = emails[emails["code"] == "sent"] if len(emails) else emails
    emails_sent = int(sent["value"].iloc[0]) if len(sent) else 0
    calls = int(summary["calls"].iloc[0]) if len(summary) else 0
    if calls == 0 and emails_sent == 0:
        return None
    summary = summary.iloc[0] if len(summary) else pd.Series(dtype=object)
    compliance = _of_year(tables["mystery_call_compliance"], year)
    points = _of_year(tables["mystery_call_points"], year)
    windows = meeting.mystery
    window = emails_window = ""
    if windows and windows.calls_start and windows.calls_end:
        window = format_date_range(windows.calls_start, windows.calls_end)
    if windows and windows.emails_start and windows.emails_end:
        emails_window = format_date_range(windows.emails_start, windows.emails_end)
    overall = compliance[compliance["level"] == "overall"] if len(compliance) else compliance
    with_calls = calls > 0
    return MysteryFacts(
        year=year,
        calls=calls,
        answered=int(summary["answered"]) if with_calls else 0,
        answered_rate=float(summary["answered_rate"]) if with_calls else 0.0,
        window=window,
        over_max_rings=int(summary["over_max_rings"]) if with_calls else 0,
        max_rings=int(summary["max_rings"]) if with_calls else 0,
        rings_noted=int(summary["rings_n"]) if with_calls else 0,
        target=float(compliance["target"].iloc[0]) if len(compliance) else 0.85,
        # only what the grid evaluated (a grid may note « answered or not » and nothing else)
        criteria=_evaluated(compliance, "criterion"),
        stages=_evaluated(compliance, "stage"),
        # (None also when no criterion was evaluated: a grid of « answered or not » only)
        overall_rate=float(overall["rate"].iloc[0])
        if len(overall) and pd.notna(overall["rate"].iloc[0])
        else None,
        positives=[_point_line(r) for r in points[points["kind"] == "point positif"].itertuples()],
        vigilance=[
            _point_line(r) for r in points[points["kind"] == "point de vigilance"].itertuples()
        ],
        emails=emails[emails["code"] != "sent"].reset_index(drop=True) if len(emails) else emails,
        emails_sent=emails_sent,
        emails_window=emails_window,
    )


def email_value(row) -> str:
    """A mystery e-mail result as shown: a rate with its counts, or a delay."""
    if row.unit == "%":
        counts = f"{format_number(row.numerator)}/{format_number(row.denominator)}"
        return f"{percent(row.value)} ({counts})"
    if row.unit == "j":
        return format_days(row.value)
    return format_number(row.value)


@dataclass(frozen=True)
class ComplaintFacts:
    year: int
    total: int
    by_nature: list[tuple[int, str]]  # (count, French label with plural)
    by_channel: pd.DataFrame  # channel, count
    themes: pd.DataFrame  # theme, count — réclamations and suggestions only
    replies: pd.DataFrame  # channel, limit_days, messages, on_time_rate, mean_delay
    follow_ups: list[str]
    counted_natures: str = "réclamations et suggestions"


REPLY_HEADER = ["Canal", "Délai annoncé", "Messages", "Dans le délai", "Délai moyen"]


def reply_rows(complaints: ComplaintFacts) -> list[list[str]]:
    """The replies to réclamations and suggestions by channel, as the deck's annex and the
    minutes' annex show them (:data:`REPLY_HEADER`)."""
    return [
        [
            "Ensemble" if row.channel == "ensemble" else str(row.channel).capitalize(),
            "–" if row.channel == "ensemble" else f"{int(row.limit_days)} jours ouvrés",
            format_number(row.messages),
            percent(row.on_time_rate) if row.messages else "aucune demande",
            format_days(row.mean_delay) if row.messages else "–",
        ]
        for row in complaints.replies.itertuples()
    ]


NATURE_LABELS = {
    "réclamation": ("réclamation", "réclamations"),
    "suggestion": ("suggestion", "suggestions"),
    "remerciement": ("remerciement", "remerciements"),
    "hors champ": ("message hors champ", "messages hors champ"),
}


def complaint_facts(tables: dict[str, pd.DataFrame], year: int):
    by_nature = _of_year(tables["complaints_by_nature"], year).set_index("nature")["count"]
    total = int(by_nature.sum())
    if total == 0:
        return None
    counts = []
    for nature, (singular, plural) in NATURE_LABELS.items():
        count = int(by_nature.get(nature, 0))
        counts.append((count, singular if count <= 1 else plural))
    themes = _of_year(tables["complaints_by_theme"], year)
    themes = themes[themes["nature"].isin(["réclamation", "suggestion"])]
    themes = themes.groupby("theme", as_index=False)["count"].sum()
    themes = themes.sort_values(["count", "theme"], ascending=[False, True], ignore_index=True)
    follow = _of_year(tables["complaints_follow_ups"], year)
    follow = follow[follow["nature"].isin(["réclamation", "suggestion"])]
    follow_ups = [
        (f"{r.theme} : " if r.theme and r.theme != "–" else "") + str(r.follow_up).rstrip(". ")
        for r in follow.itertuples()
    ]
    channels = _of_year(tables["complaints_by_channel"], year)
    return ComplaintFacts(
        year=year,
        total=total,
        by_nature=counts,
        by_channel=channels[channels["count"] > 0].reset_index(drop=True),
        themes=themes,
        replies=_replies_shown(_of_year(tables["complaints_replies"], year)),
        follow_ups=follow_ups,
    )


def _replies_shown(replies: pd.DataFrame) -> pd.DataFrame:
    """The channels that received messages, and the whole (« ensemble »)."""
    shown = replies[(replies["messages"] > 0) | (replies["channel"] == "ensemble")]
    return shown.reset_index(drop=True)


@dataclass(frozen=True)
class ActionPlanFacts:
    year: int
    header: list[str]
    rows: list[list[str]]
    late: int
    previous_year: int | None
    previous_done_share: float | None
    previous_counts: dict[str, int] = field(default_factory=dict)


def _deadline(value) -> str:
    return "–" if pd.isna(value) else format_date(value, "MMMM y")


def action_plan_facts(tables: dict[str, pd.DataFrame], year: int):
    actions = tables["action_plan_actions"]
    current = _of_year(actions, year, "plan_year")
    if current.empty:
        return None
    rows = [
        [r.objective, r.action, r.owner or "–", _deadline(r.due_on), LATE if r.late else r.status]
        for r in current.itertuples()
    ]
    progress = tables["action_plan_progress"]
    previous = _of_year(progress, year - 1, "plan_year")
    done = previous[previous["status"] == "réalisée"]
    return ActionPlanFacts(
        year=year,
        header=["Objectif", "Action", "Pilote", "Échéance", "État"],
        rows=rows,
        late=int(current["late"].sum()),
        previous_year=year - 1 if previous["count"].sum() else None,
        previous_done_share=float(done["share"].iloc[0])
        if len(done) and previous["count"].sum()
        else None,
        previous_counts=dict(zip(previous["status"], previous["count"].astype(int), strict=True)),
    )


@dataclass(frozen=True)
class TrainingFacts:
    header: list[str]
    rows: list[list[str]]
    total_current: int
    year: int
    total_previous: int | None = None

    @property
    def total_text(self) -> str:
        """The year's total in words, for the deck and the minutes: it adds the trainings up,
        so an agent trained twice counts twice; it is « formations suivies », not agents."""
        done = format_count(self.total_current, "formation suivie", "formations suivies")
        text = f"En {self.year}, {done} par les agents"
        if self.total_previous is not None:
            text += f" ({format_number(self.total_previous)} en {self.year - 1})"
        return text + " ; un agent formé deux fois compte deux fois."


def training_facts(tables: dict[str, pd.DataFrame], years: list[int]):
    table = tables["trainings_by_year"]
    table = table[table["year"].isin(years)]
    if table.empty or table["agents_trained"].fillna(0).sum() == 0:
        return None
    wide = table.pivot_table(
        index=["order", "training"], columns="year", values="agents_trained", aggfunc="first"
    ).reset_index()
    shown_years = [y for y in years if y in wide.columns]
    rows = [
        [
            training[0].upper() + training[1:],
            *["–" if pd.isna(v) else format_number(v) for v in values],
        ]
        for training, *values in wide[["training", *shown_years]].itertuples(index=False)
    ]
    rows[-1][0] = (
        "Total des formations suivies" if rows[-1][0].lower().startswith("total") else rows[-1][0]
    )
    totals = table[table["is_total"] & (table["year"] == years[-1])]["agents_trained"]
    previous = table[table["is_total"] & (table["year"] == years[-1] - 1)]["agents_trained"]
    return TrainingFacts(
        header=["Formation", *[f"Agents formés en {y}" for y in shown_years]],
        rows=rows,
        total_current=int(totals.iloc[0]) if len(totals) and pd.notna(totals.iloc[0]) else 0,
        year=years[-1],
        total_previous=int(previous.iloc[0])
        if len(previous) and pd.notna(previous.iloc[0])
        else None,
    )
