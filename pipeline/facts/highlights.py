"""« L'essentiel de l'année » and « Ce qui a changé »: the year told in a few findings, each a
figure and a sentence, all computed from the results.

The headlines, in this order, each when the data has it:
1. overall satisfaction (the survey's overall question) and its change over a year;
2. the best progress: the largest rise of a rate since last year — a survey criterion only
   when the change is significant, an indicator when it rests on enough requests;
3. the largest shortfall: the result furthest under its target (points for a rate);
4. the year's achievements: the plan's actions done during the year, the first one named;
5. the main commitment: the planned action answering the largest shortfall, else the first
   planned action (by deadline).
A section the agenda holds without data for the year adds a line (« pas de campagne d'appels
mystère en 2022 »).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pipeline.compute.action_plan import DONE
from pipeline.core.formatting import format_count, format_date, format_points
from pipeline.facts.findings import capitalised, lowered, relation, worst
from pipeline.facts.improvements import Improvement, PlannedAction
from pipeline.facts.measures import CALLS, EMAILS, INDICATOR, SURVEY, Measure

GOOD, BAD, NEUTRAL = "bon", "à améliorer", "neutre"


@dataclass(frozen=True)
class Headline:
    figure: str  # « 96,1 % »
    text: str  # what the figure says, a sentence that follows it
    tone: str  # GOOD, BAD or NEUTRAL: the colour of the figure

    @property
    def sentence(self) -> str:
        """The headline as one sentence, for the minutes and the notes."""
        joined = " : " if self.text[:1].isupper() else " "
        return f"{self.figure}{joined}{self.text}"


@dataclass(frozen=True)
class DoneAction:
    action: str
    objective: str
    owner: str
    done_on: str  # « 9 mars 2022 », or « – »
    month: str  # « mars 2022 »


def done_in_year(actions: pd.DataFrame, period: int) -> list[DoneAction]:
    """The plan's actions done during the period, by date (any plan year)."""
    if actions.empty:
        return []
    done = actions[(actions["status"] == DONE)]
    dated = done["done_on"].dt.year == period
    undated = done["done_on"].isna() & (done["plan_year"] == period)
    done = done[dated | undated].sort_values("done_on", na_position="last", kind="stable")
    found = []
    for row in done.drop_duplicates("action").to_dict("records"):
        when = row["done_on"] if pd.notna(row["done_on"]) else None
        found.append(
            DoneAction(
                action=str(row["action"]),
                objective=str(row["objective"] or ""),
                owner=str(row["owner"]) if pd.notna(row["owner"]) else "",
                done_on=format_date(when) if when is not None else "–",
                month=format_date(when, "MMMM y") if when is not None else "",
            )  # fmt: skip
        )
    return found


def overall_headline(overall_rate, overall_previous, respondents: int | None) -> Headline | None:
    if overall_rate is None:
        return None
    from pipeline.core.formatting import format_number, format_percent

    text = "des usagers interrogés satisfaits"
    if respondents:
        text += f" ({format_number(respondents)} questionnaires)"
    tone = NEUTRAL
    if overall_previous is not None:
        change = overall_rate - overall_previous
        text += f", {format_points(change)} sur un an" if round(change * 1000) else ", stable"
        tone = GOOD if change > 0 else BAD if change < 0 else NEUTRAL
    return Headline(format_percent(overall_rate), text, tone)


def best_progress(measures: Sequence[Measure], significant: set[str]) -> Measure | None:
    """The largest rise of a rate over a year: an indicator on enough requests, or a survey
    criterion whose change is significant (mystery campaigns, a score of calls, are left out)."""
    candidates = [
        m
        for m in measures
        if m.unit == "%" and m.change is not None and m.change > 0 and not m.fragile
        and (m.kind == INDICATOR or m.kind == SURVEY and m.code in significant)
    ]  # fmt: skip
    return max(candidates, key=lambda m: m.change, default=None)


def _progress_headline(measure: Measure) -> Headline:
    what = "de satisfaction en un an" if measure.kind == SURVEY else "en un an"
    text = f"{what} : {lowered(measure.short)}, à {measure.value_text}"
    return Headline(format_points(measure.change), text, GOOD)


# What a result's figure counts, by kind, before its subject.
SHORTFALL_WORDS = {
    SURVEY: "d'usagers satisfaits",
    CALLS: "des appels mystère conformes",
    EMAILS: "des courriels mystère conformes",
}


def _shortfall_headline(measure: Measure) -> Headline:
    subject = lowered(measure.short)
    words = SHORTFALL_WORDS.get(measure.kind)
    if words is None and measure.finding.startswith("{value}"):
        text = measure.finding.removeprefix("{value}").strip()
    else:
        text = f"{words} — {subject}" if words else subject
    text += f", {relation(measure)}"
    if measure.note:
        text += f" ({measure.note})"
    return Headline(measure.value_text, text, BAD)


def _done_headline(done: Sequence[DoneAction], period: int) -> Headline:
    first = done[0]
    when = f" ({first.month})" if first.month else ""
    more = len(done) - 1
    others = f", et {format_count(more, 'autre')}" if more else ""
    text = (
        f"{'réalisée' if len(done) == 1 else 'réalisées'} en {period} : "
        f"{lowered(first.action)}{when}{others}"
    )
    return Headline(format_count(len(done), "action"), text, GOOD)


def _commitment_headline(action: PlannedAction, answers: Measure | None) -> Headline:
    """The main commitment: the action, who carries it, what it answers; a late one says so."""
    text = capitalised(action.action)
    if action.owner and action.owner != "–":
        text += f" ({action.owner})"
    if action.status == "en retard":
        text += f", échéance {action.deadline} dépassée"  # (no participle to agree)
    if answers is not None:
        text += f" — point visé : {lowered(answers.short)}"  # (the plan's own column)
    if action.status == "en retard":
        return Headline("En retard", text, BAD)
    figure = action.deadline if action.deadline != "–" else "À venir"
    return Headline(capitalised(figure), text, NEUTRAL)


def essentials(
    *,
    overall_rate: float | None,
    overall_previous: float | None,
    respondents: int | None,
    measures: Sequence[Measure],
    significant: set[str],
    done: Sequence[DoneAction],
    planned: Sequence[PlannedAction],
    improvements: Sequence[Improvement],
    period: int,
) -> list[Headline]:
    """The year's headlines (see the module's list), at most five."""
    found: list[Headline] = []
    overall = overall_headline(overall_rate, overall_previous, respondents)
    if overall is not None:
        found.append(overall)
    progress = best_progress(measures, significant)
    if progress is not None:
        found.append(_progress_headline(progress))
    lowest = worst([m for m in measures if not m.fragile]) or worst(measures)
    if lowest is not None:
        found.append(_shortfall_headline(lowest))
    if done:
        found.append(_done_headline(done, period))
    by_gap = sorted(
        (i for i in improvements if i.actions and i.measure.gap is not None),
        key=lambda i: -(i.measure.gap if i.measure.unit == "%" else i.measure.gap / 5),
    )
    if by_gap:
        found.append(_commitment_headline(by_gap[0].actions[0], by_gap[0].measure))
    else:
        coming = [a for a in planned if a.status != "en retard"] or list(planned)
        if coming:
            found.append(_commitment_headline(coming[0], None))
    return found[:5]
