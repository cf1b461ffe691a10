"""Quality indicators computed from the processed registers and monthly figures.

Every value carries its numerator and denominator. A period without any request has a
denominator of 0: its value is missing and its status « sans objet », never 0 %.
The catalogue (resources/indicators.yaml) says which formula and columns each indicator uses.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

import pandas as pd

from pipeline.config import (
    Indicator,
    PrefectureConfig,
    load_contract,
    load_indicator_catalogue,
)
from pipeline.workdays import workday_delays

STATUS_MET, STATUS_MISSED, STATUS_NA = "atteint", "non atteint", "sans objet"
_COMPARATORS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
BY = ["year"]
RESULT_COLUMNS = ["numerator", "denominator", "value"]


def _filtered(frame: pd.DataFrame, filters: dict[str, list[str]]) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for column, allowed in filters.items():
        mask &= frame[column].isin(allowed).fillna(False)
    return frame[mask]


def _result(numerator: pd.Series, denominator: pd.Series) -> pd.DataFrame:
    frame = pd.DataFrame({"numerator": numerator, "denominator": denominator}).astype("Float64")
    usable = frame["denominator"].fillna(0) > 0
    return frame.assign(value=(frame["numerator"] / frame["denominator"]).where(usable))


def ratio_of_sums(frame, *, numerator: str, denominator: str, **_) -> pd.DataFrame:
    """sum(numerator) / sum(denominator), months with a not-applicable cell left out."""
    both = frame[numerator].notna() & frame[denominator].notna()
    sums = frame[both].groupby(BY)[[numerator, denominator]].sum()
    return _result(sums[numerator], sums[denominator])


def per_day(frame, *, numerator: str, denominator: str, **_) -> pd.DataFrame:
    """A count per day (e.g. usagers au point numérique par jour d'ouverture)."""
    return ratio_of_sums(frame, numerator=numerator, denominator=denominator)


def mean_ratio_to_population(frame, *, numerator: str, population: int | None, **_):
    """Mean over months of numerator / population: sum(numerator) / (months × population)."""
    known = frame[frame[numerator].notna()]
    grouped = known.groupby(BY)[numerator]
    denominator = grouped.count() * (population or 0)
    return _result(grouped.sum(), denominator)


def mean_of_column(frame, *, column: str, filters=None, **_) -> pd.DataFrame:
    """Mean of a column (e.g. the quarterly delays of the Transparence poster)."""
    grouped = _filtered(frame, filters or {}).groupby(BY)[column]
    return _result(grouped.sum(), grouped.count())


def _reply_on(frame: pd.DataFrame, count_holding: bool) -> pd.Series:
    if count_holding and "holding_reply_on" in frame:
        return frame[["answered_on", "holding_reply_on"]].min(axis=1)
    return frame["answered_on"]


def replies_within(
    frame, *, filters=None, days=None, days_by_channel=None, count_holding=True,
    department_code="", **_,
) -> pd.DataFrame:  # fmt: skip
    """Share of requests answered within the delay (jours ouvrés); unanswered ones count as late.

    ``days`` is one limit; ``days_by_channel`` a limit per channel (5 electronic, 10 paper).
    """
    rows = _filtered(frame, filters or {})
    delays = workday_delays(rows["received_on"], _reply_on(rows, count_holding), department_code)
    limit = rows["channel"].map(days_by_channel) if days_by_channel else days
    on_time = (delays <= limit).fillna(False)
    grouped = on_time.groupby([rows[c] for c in BY])
    return _result(grouped.sum(), grouped.count())


def mean_reply_delay(frame, *, filters=None, department_code="", **_) -> pd.DataFrame:
    """Mean delay in jours ouvrés of the answered requests (the final answer, not a holding one)."""
    rows = _filtered(frame, filters or {})
    delays = workday_delays(rows["received_on"], rows["answered_on"], department_code)
    grouped = delays.groupby([rows[c] for c in BY])
    return _result(grouped.sum(), grouped.count())


FORMULAS: dict[str, Callable[..., pd.DataFrame]] = {
    "ratio_of_sums": ratio_of_sums,
    "per_day": per_day,
    "mean_ratio_to_population": mean_ratio_to_population,
    "mean_of_column": mean_of_column,
    "replies_within": replies_within,
    "mean_reply_delay": mean_reply_delay,
}


def with_year(frame: pd.DataFrame, period_column: str) -> pd.DataFrame:
    """The table with ``year`` taken from its period column (a date, a month or a quarter)."""
    column = frame[period_column]
    if pd.api.types.is_datetime64_any_dtype(column):
        year = column.dt.year
    elif pd.api.types.is_integer_dtype(column):
        year = column
    else:  # quarters "2022-T1"
        year = pd.to_numeric(column.str.slice(0, 4), errors="coerce")
    return frame.assign(year=year.astype("Int64"))


def status(value: pd.Series, comparator: pd.Series, target: pd.Series) -> pd.Series:
    """« atteint », « non atteint », « sans objet » (no value) or empty (no target)."""
    result = pd.Series("", index=value.index, dtype="string")
    for symbol, compare in _COMPARATORS.items():
        rows = (comparator == symbol) & value.notna() & target.notna()
        met = compare(value[rows].astype(float), target[rows].astype(float))
        result[rows] = met.map({True: STATUS_MET, False: STATUS_MISSED})
    return result.mask(value.isna(), STATUS_NA)


def compute_indicator(
    indicator: Indicator, table: pd.DataFrame, config: PrefectureConfig
) -> pd.DataFrame:
    """One indicator for every year of the table: numerator, denominator, value."""
    params = {
        **indicator.params,
        "population": config.prefecture.population,
        "department_code": config.prefecture.department_code,
        "count_holding": config.indicators.count_holding_replies,
    }
    result = FORMULAS[indicator.formula](table, **params)
    return result.reset_index()


def indicators_table(
    tables: dict[str, pd.DataFrame], config: PrefectureConfig, years: list[int]
) -> pd.DataFrame:
    """The tidy table: one row per indicator × year, with target and status.

    ``tables`` maps a source name to its processed table, already carrying ``year``.
    A year with no data for an indicator still gets a row, « sans objet ».
    """
    rows = []
    for position, indicator in enumerate(load_indicator_catalogue().indicators):
        if indicator.module not in config.labels.modules or indicator.source not in tables:
            continue
        computed = compute_indicator(indicator, tables[indicator.source], config)
        computed = computed.set_index("year").reindex(years).rename_axis("year").reset_index()
        target = config.indicators.targets.get(
            indicator.code, getattr(indicator.target, "value", None)
        )
        rows.append(
            computed.assign(
                order=position,
                code=indicator.code,
                label=indicator.label,
                module=indicator.module,
                theme=indicator.theme,
                engagement=indicator.engagement,
                unit=indicator.unit,
                note=indicator.note,
                target_comparator=indicator.target.comparator if indicator.target else None,
                target_value=target,
            )  # fmt: skip
        )
    table = pd.concat(rows, ignore_index=True)
    table["target_value"] = table["target_value"].astype("Float64")
    table["target_comparator"] = table["target_comparator"].astype("string")
    table["status"] = status(table["value"], table["target_comparator"], table["target_value"])
    table = table.sort_values(["order", "year"], ignore_index=True)
    previous = table.groupby("code")["value"].shift(1)
    return table.assign(change=table["value"] - previous, year=table["year"].astype("int64"))


def load_source_tables(paths, config: PrefectureConfig) -> dict[str, pd.DataFrame]:
    """The processed tables the catalogue needs, with their ``year`` derived from dates."""
    contract = load_contract()
    needed = {indicator.source for indicator in load_indicator_catalogue().indicators}
    tables = {}
    for name in sorted(needed):
        path = paths.table(name)
        if path.is_file():
            period_column = contract.sources[name].period_column
            tables[name] = with_year(pd.read_parquet(path), period_column)
    return tables
