"""The figures the CLU presents, formatted in French, read from the processed tables.

The deck and the minutes both take their figures from here, so the same figure reads the same
in both documents (seed 000's deck and seed 001's minutes gave two dates for one survey).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.context import Context
from pipeline.formatting import format_date_range, format_days, format_number, format_percent
from pipeline.indicators import STATUS_NA
from pipeline.meeting import Meeting, load_meeting

MODULE_TITLES = {
    1: "Relation générale avec les usagers",
    2: "Délivrance de titres (hors titres étrangers)",
    3: "Délivrance de titres étrangers",
    4: "Relations avec les collectivités territoriales",
    5: "Polices administratives",
    6: "Coordination des politiques publiques",
    7: "Communication d'urgence",
}
NATURE_LABELS = {
    "réclamation": ("réclamation", "réclamations"),
    "suggestion": ("suggestion", "suggestions"),
    "remerciement": ("remerciement", "remerciements"),
    "hors champ": ("message hors champ", "messages hors champ"),
}


def format_value(value, unit: str) -> str:
    """An indicator's value in its unit; a missing value reads « sans objet »."""
    if pd.isna(value):
        return STATUS_NA
    if unit == "%":
        return format_percent(value, 1)
    if unit == "j":
        return format_days(value, 1)
    if unit == "‰":
        return format_number(value, 2) + "\u00a0‰"
    return format_number(value, 1 if value < 100 else 0)


def format_target(comparator, value, unit: str) -> str:
    if comparator is None or pd.isna(comparator) or pd.isna(value):
        return "–"
    symbol = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}[comparator]
    if unit == "%":
        text = format_percent(value, 0 if round(value * 100, 6) % 1 == 0 else 1)
    elif unit == "j":
        text = format_days(value, 0 if float(value).is_integer() else 1)
    else:
        text = format_value(value, unit)
    return f"{symbol}\u00a0{text}"


@dataclass(frozen=True)
class IndicatorTable:
    module: int
    title: str
    header: list[str]
    rows: list[list[str]]
    has_not_applicable: bool


def indicator_tables(indicators: pd.DataFrame, years: list[int]) -> list[IndicatorTable]:
    """Per module: Indicateur | Engagement | Cible | <years> | Statut (status of the last year)."""
    tables = []
    for module, frame in indicators.groupby("module", sort=True):
        wide = frame.pivot_table(
            index="code", columns="year", values="value", aggfunc="first", sort=False, dropna=False
        )
        rows = []
        first = frame.drop_duplicates("code").set_index("code")
        current = frame[frame["year"] == years[-1]].set_index("code")
        for code, meta in first.iterrows():
            values = [
                format_value(wide.at[code, y] if y in wide else None, meta["unit"]) for y in years
            ]
            target = format_target(meta["target_comparator"], meta["target_value"], meta["unit"])
            status = current.at[code, "status"] if code in current.index else STATUS_NA
            rows.append([meta["label"], meta["engagement"] or "–", target, *values, status or "–"])
        has_na = any(STATUS_NA in row[3:] for row in rows)
        header = ["Indicateur", "Engagement", "Cible", *[str(y) for y in years], "Statut"]
        tables.append(
            IndicatorTable(int(module), MODULE_TITLES.get(int(module), ""), header, rows, has_na)
        )
    return tables


@dataclass(frozen=True)
class SurveyFacts:
    year: int
    respondents: int
    window: str  # « du 21 novembre au 21 décembre 2022 », from the meeting file
    mode: str
    criteria: pd.DataFrame  # label, n, rate (fraction), target, below_target — period only
    overall_rate: float | None
    overall_very_rate: float | None
    weakest_label: str | None
    weakest_rate: float | None
    target: float


def survey_facts(rates: pd.DataFrame, meeting: Meeting, period: int, target: float) -> SurveyFacts:
    current = rates[rates["year"] == period]
    criteria = current[~current["overall"] & (current["n"] > 0)]
    overall = current[current["overall"]]
    weakest = criteria.sort_values("rate").head(1)
    window = format_date_range(meeting.survey.start, meeting.survey.end) if meeting.survey else ""
    return SurveyFacts(
        year=period,
        respondents=int(current["respondents"].max()) if len(current) else 0,
        window=window,
        mode=meeting.survey.mode if meeting.survey else "",
        criteria=criteria[["label", "n", "rate", "target", "below_target"]].reset_index(drop=True),
        overall_rate=float(overall["rate"].iloc[0]) if len(overall) else None,
        overall_very_rate=float(overall["very_rate"].iloc[0]) if len(overall) else None,
        weakest_label=weakest["label"].iloc[0] if len(weakest) else None,
        weakest_rate=float(weakest["rate"].iloc[0]) if len(weakest) else None,
        target=target,
    )


def nature_counts(by_nature: pd.DataFrame, period: int) -> list[tuple[int, str]]:
    """(count, French label with the right plural) per nature, for the period."""
    current = by_nature[by_nature["year"] == period].set_index("nature")["count"]
    result = []
    for nature, (singular, plural) in NATURE_LABELS.items():
        count = int(current.get(nature, 0))
        result.append((count, singular if count <= 1 else plural))
    return result


@dataclass(frozen=True)
class Facts:
    """Everything the documents show, loaded once from data/processed/<period>/."""

    meeting: Meeting
    years: list[int]
    indicator_tables: list[IndicatorTable]
    survey: SurveyFacts
    complaints: list[tuple[int, str]]


def load_facts(ctx: Context) -> Facts:
    paths = ctx.paths
    meeting = load_meeting(paths.meeting)
    indicators = pd.read_parquet(paths.table("indicators"))
    years = sorted(int(y) for y in indicators["year"].unique())
    rates = pd.read_parquet(paths.table("survey_rates"))
    by_nature = pd.read_parquet(paths.table("complaints_by_nature"))
    return Facts(
        meeting=meeting,
        years=years,
        indicator_tables=indicator_tables(indicators, years),
        survey=survey_facts(rates, meeting, ctx.period, ctx.config.survey.target),
        complaints=nature_counts(by_nature, ctx.period),
    )
