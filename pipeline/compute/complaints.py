"""Réclamations et suggestions: what the register holds, by nature, theme and channel; replies
on time, mean delay and follow-ups.

The on-time rule is the indicator ``complaints_on_time`` of the catalogue
(``resources/indicators.yaml``): its limit per channel (5 jours ouvrés electronic, 10 paper) and
the natures it counts are read from there, never restated here. Delays are in jours ouvrés
(``workdays.workday_delays``: the day of receipt is not counted); a message without a reply
counts as late; the mean delay is over the messages answered.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.compute.formulas import Setting, on_time_flags, selected_rows
from pipeline.core.config import PrefectureConfig, indicator_by_code, load_contract
from pipeline.core.indicator_definitions import WithinDelay

NATURE_ORDER = ["réclamation", "suggestion", "remerciement", "hors champ"]
ALL_CHANNELS = "ensemble"
ON_TIME_INDICATOR = "complaints_on_time"


@dataclass(frozen=True)
class ReplyRule:
    """The limit in jours ouvrés per channel, and the messages the rate counts (by column)."""

    days_by_channel: dict[str, int]
    filters: dict[str, list[str]]


def reply_rule(config: PrefectureConfig) -> ReplyRule:
    """The rule of the indicator ``complaints_on_time``: limit per channel, natures counted."""
    formula = indicator_by_code(ON_TIME_INDICATOR, config).formula
    channels = load_contract().sources["complaints"].columns["channel"].allowed
    days = formula.days if isinstance(formula.days, dict) else dict.fromkeys(channels, formula.days)
    return ReplyRule(dict(days), {k: list(v) for k, v in formula.filters.items()})


def _categories(column: str) -> list[str] | None:
    if column == "nature":
        return NATURE_ORDER
    spec = load_contract().sources["complaints"].columns.get(column)
    return list(spec.allowed) if spec is not None and spec.type == "category" else None


def counts_by(register: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Messages per year and value of ``columns`` (nature, theme, channel…).

    With a single category column (nature, channel), every value appears, zeros included, in
    the contract's order.
    """
    counts = register.groupby(["year", *columns]).size().rename("count").reset_index()
    categories = _categories(columns[0]) if len(columns) == 1 else None
    if categories:
        full = pd.MultiIndex.from_product(
            [sorted(register["year"].unique()), categories], names=["year", columns[0]]
        )
        counts = counts.set_index(["year", columns[0]]).reindex(full, fill_value=0).reset_index()
    return counts.assign(year=counts["year"].astype("int64"))


def reply_delays(
    register: pd.DataFrame, rule: ReplyRule, department_code: str = ""
) -> pd.DataFrame:
    """The messages the rule counts, each with its delay, its channel's limit and on_time."""
    rows = selected_rows(register, rule.filters)
    formula = WithinDelay(kind="within_delay", days=rule.days_by_channel, filters=rule.filters)
    delays, limit, on_time = on_time_flags(rows, formula, Setting(department_code=department_code))
    return rows.assign(delay_days=delays, limit_days=limit, on_time=on_time)


def replies_by_channel(
    register: pd.DataFrame, rule: ReplyRule, department_code: str = ""
) -> pd.DataFrame:
    """Per year, for each channel and all channels together (« ensemble »): messages counted,
    answered, answered on time, on-time rate, mean delay, messages with a follow-up.

    Columns: year, channel, limit_days, messages, answered, on_time, on_time_rate, delay_sum,
    mean_delay, with_follow_up.
    """
    rows = reply_delays(register, rule, department_code)
    per_message = pd.DataFrame(
        {
            "year": rows["year"],
            "channel": rows["channel"],
            "messages": 1,
            "answered": rows["answered_on"].notna(),
            "on_time": rows["on_time"],
            "delay_sum": rows["delay_days"].fillna(0),
            "with_follow_up": rows["follow_up"].fillna("").str.strip().ne(""),
        }
    )
    sums = ["messages", "answered", "on_time", "delay_sum", "with_follow_up"]
    known = _categories("channel") or []
    channels = [c for c in known if c in rule.days_by_channel]
    channels += [c for c in rule.days_by_channel if c not in known]
    years = sorted(register["year"].unique())
    full = pd.MultiIndex.from_product([years, channels], names=["year", "channel"])
    by_channel = per_message.groupby(["year", "channel"])[sums].sum().reindex(full, fill_value=0)
    overall = per_message.groupby("year")[sums].sum().reindex(years, fill_value=0)
    overall = overall.assign(channel=ALL_CHANNELS).set_index("channel", append=True)
    table = pd.concat([by_channel, overall]).astype("int64").reset_index()
    table = table.sort_values("year", kind="stable", ignore_index=True)
    answered = table["answered"].where(table["answered"] > 0)
    messages = table["messages"].where(table["messages"] > 0)
    return table.assign(
        year=table["year"].astype("int64"),
        limit_days=table["channel"].map(rule.days_by_channel).astype("Int64"),
        on_time_rate=(table["on_time"] / messages).astype("Float64"),
        mean_delay=(table["delay_sum"] / answered).astype("Float64"),
    )[["year", "channel", "limit_days", "messages", "answered", "on_time", "on_time_rate",
       "delay_sum", "mean_delay", "with_follow_up"]]  # fmt: skip


def follow_ups(register: pd.DataFrame) -> pd.DataFrame:
    """The follow-ups given (« suites données »): year, nature, theme, follow_up, count."""
    given = register[register["follow_up"].fillna("").str.strip().ne("")]
    table = (
        given.assign(follow_up=given["follow_up"].str.strip(), theme=given["theme"].fillna("–"))
        .groupby(["year", "nature", "theme", "follow_up"])
        .size()
        .rename("count")
        .reset_index()
    )
    rank = table["nature"].map({n: i for i, n in enumerate(NATURE_ORDER)})
    table = table.assign(_rank=rank).sort_values(
        ["year", "_rank", "count", "theme"], ascending=[True, True, False, True]
    )
    return table.drop(columns="_rank").reset_index(drop=True)


def register_tables(
    register: pd.DataFrame, rule: ReplyRule, department_code: str = ""
) -> dict[str, pd.DataFrame]:
    """Every table of the complaints and suggestions register, by its catalogue name."""
    return {
        "complaints_by_nature": counts_by(register, "nature"),
        "complaints_by_channel": counts_by(register, "channel"),
        "complaints_by_theme": counts_by(register, "nature", "theme"),
        "complaints_replies": replies_by_channel(register, rule, department_code),
        "complaints_follow_ups": follow_ups(register),
    }
