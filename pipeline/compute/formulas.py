"""The kinds of formula an indicator is computed with (:mod:`pipeline.core.indicator_definitions`
says what each means), over a source's table whose rows carry their ``period``.

Each returns one row per period (or per breakdown and period: a service), with ``numerator``,
``denominator`` and ``value``; a delay also says how many ``requests`` it rests on (received,
answered or not). Every kind is vectorised: the rows are grouped once, never looped over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pipeline.core.indicator_definitions import (
    POPULATION,
    Count,
    Delay,
    Ratio,
    Share,
    ValueRead,
    WithinDelay,
    default_factor,
)
from pipeline.core.workdays import workday_delays

# A column of a register's rows computed group by group (the service): the formulas then
# group by it and by period, in one pass over the rows.
BREAKDOWN = "breakdown"


@dataclass(frozen=True)
class Setting:
    """What a formula takes from the préfecture beside its definition."""

    unit: str = "%"
    population: int | None = None
    department_code: str = ""
    count_holding: bool = True  # holding replies count as replies (unless the formula says)


def selected_rows(frame: pd.DataFrame, filters: dict | None) -> pd.DataFrame:
    """The rows whose columns take one of the allowed values (``{"channel": ["courriel"]}``)."""
    mask = pd.Series(True, index=frame.index)
    for column, allowed in (filters or {}).items():
        mask &= frame[column].isin(list(allowed)).fillna(False)
    return frame[mask]


def _keys(frame: pd.DataFrame) -> pd.Series | list[pd.Series]:
    """What a formula groups by: the period, within each group of a breakdown if there is one."""
    return [frame[BREAKDOWN], frame["period"]] if BREAKDOWN in frame else frame["period"]


def _result(numerator: pd.Series, denominator: pd.Series, factor: float = 1.0) -> pd.DataFrame:
    frame = pd.DataFrame({"numerator": numerator, "denominator": denominator}).astype("Float64")
    usable = frame["denominator"].fillna(0) > 0
    value = frame["numerator"] / frame["denominator"]
    return frame.assign(value=(value * factor if factor != 1 else value).where(usable))


def _statistic(values: pd.Series, keys, statistic: str) -> pd.DataFrame:
    """Mean (numerator: the sum, denominator: the count), median (denominator: the count) or
    sum (the value itself) of values grouped by period."""
    grouped = values.groupby(keys)
    if statistic == "mean":
        return _result(grouped.sum(), grouped.count())
    count = grouped.count()
    if statistic == "median":
        result = _result(pd.Series(pd.NA, index=count.index, dtype="Float64"), count)
        return result.assign(value=grouped.median().astype("Float64").where(count > 0))
    result = _result(grouped.sum(), count)
    return result.assign(value=result["numerator"])


def reply_dates(rows: pd.DataFrame, end: str, count_holding: bool) -> pd.Series:
    """The date a row was answered: its ``end`` date, or its holding reply if earlier and
    holding replies count."""
    if count_holding and "holding_reply_on" in rows:
        return rows[[end, "holding_reply_on"]].min(axis=1)
    return rows[end]


def on_time_flags(rows: pd.DataFrame, formula: WithinDelay, setting: Setting):
    """Each row's delay in jours ouvrés, its limit (one, or per value of ``days_by``) and
    whether it came in time; a row without reply is late. The one rule of every reply rate."""
    holding = setting.count_holding if formula.holding_replies is None else formula.holding_replies
    answered = reply_dates(rows, formula.end, holding)
    delays = workday_delays(rows[formula.start], answered, setting.department_code)
    if isinstance(formula.days, dict):
        limit = rows[formula.days_by].map(formula.days).astype("Int64")
    else:
        limit = formula.days
    return delays, limit, (delays <= limit).fillna(False).astype(bool)


def within_delay(frame, formula: WithinDelay, setting: Setting) -> pd.DataFrame:
    """Share of rows answered within the delay (jours ouvrés); unanswered ones count as late."""
    rows = selected_rows(frame, formula.filters)
    _, _, on_time = on_time_flags(rows, formula, setting)
    grouped = on_time.groupby(_keys(rows))
    return _result(grouped.sum(), grouped.count())


def delay(frame, formula: Delay, setting: Setting) -> pd.DataFrame:
    """Mean or median delay of the rows that have both dates (the final answer, never a holding
    one); ``requests`` counts them all, answered or not (none answered: « aucune réponse »)."""
    rows = selected_rows(frame, formula.filters)
    start, end = rows[formula.start], rows[formula.end]
    if formula.calendar_days:
        delays = (end - start).dt.days.astype("Float64")
    else:
        delays = workday_delays(start, end, setting.department_code)
    result = _statistic(delays, _keys(rows), formula.statistic)
    return result.assign(requests=delays.groupby(_keys(rows)).size())


def count(frame, formula: Count, setting: Setting) -> pd.DataFrame:
    """Number of rows (e.g. exercises in the year); the value is the count itself."""
    rows = selected_rows(frame, formula.filters)
    counts = rows.groupby(_keys(rows)).size()
    result = _result(counts, pd.Series(1, index=counts.index))
    return result.assign(value=result["numerator"])


def ratio(frame, formula: Ratio, setting: Setting) -> pd.DataFrame:
    """sum(numerator) / sum(denominator) × factor over the rows where both are filled in (a
    month whose cell says « sans objet » is left out); a denominator ``population``: the
    département's, once per row with a numerator (a mean over the months)."""
    rows = selected_rows(frame, formula.filters)
    factor = formula.factor or default_factor(setting.unit)
    numerator = formula.numerator
    if formula.denominator == POPULATION:
        filled = rows[rows[numerator].notna()]
        grouped = filled.groupby(_keys(filled))[numerator]
        return _result(grouped.sum(), grouped.count() * (setting.population or 0), factor)
    columns = [numerator, formula.denominator]
    both = rows[rows[columns].notna().all(axis=1)]
    sums = both.groupby(_keys(both))[columns].sum()
    return _result(sums[numerator], sums[formula.denominator], factor)


def share(frame, formula: Share, setting: Setting) -> pd.DataFrame:
    """Share of rows where a column takes one of the values (yes, for a yes/no column), among
    rows where it is filled in."""
    rows = selected_rows(frame, formula.filters)
    rows = rows[rows[formula.column].notna()]
    hits = rows[formula.column].isin(list(formula.values))
    grouped = hits.groupby(_keys(rows))
    return _result(grouped.sum(), grouped.count(), formula.factor or default_factor(setting.unit))


def value(frame, formula: ValueRead, setting: Setting) -> pd.DataFrame:
    """A column read as is (the quarterly delays of the Transparence poster, the minutes to
    inform the élus): over a period of several rows, their mean, median or sum; a period whose
    cells are all not applicable has no value (rather than a mean of nothing)."""
    rows = selected_rows(frame, formula.filters)
    rows = rows[rows[formula.column].notna()]
    return _statistic(rows[formula.column], _keys(rows), formula.statistic)


KIND_FUNCTIONS: dict[str, Callable[..., pd.DataFrame]] = {
    "within_delay": within_delay, "delay": delay, "count": count, "ratio": ratio,
    "share": share, "value": value,
}  # fmt: skip


def computed(frame: pd.DataFrame, formula, setting: Setting) -> pd.DataFrame:
    """The formula over a table with its ``period`` column: one row per period."""
    return KIND_FUNCTIONS[formula.kind](frame, formula, setting)


def counts_zero(formula) -> bool:
    """A count (or a sum) of a register: a period without a row is 0, not « aucune demande »."""
    return formula.kind == "count" or (formula.kind == "value" and formula.statistic == "sum")


def counted_columns(formula) -> list[str]:
    """What a period of a register without a row has: no request (0), and for a sum or a
    rate nothing summed (0); a median has no numerator."""
    median = getattr(formula, "statistic", "") == "median"
    return ["denominator"] if median else ["numerator", "denominator"]
