"""Quality indicators computed from the processed registers and monthly figures.

Each indicator of the catalogue (resources/indicators.yaml) is computed per year (the period and
the previous years, for the trend), per quarter and per month of the period. Every value carries
its numerator and denominator. A period without any request has a denominator of 0: its value is
missing, shown « aucune demande », and its status is « sans objet » — never 0 %. A month whose
cells say "sans objet" is shown « sans objet »; a period with no row at all is « non suivi ».
"""

from __future__ import annotations

import operator
from collections.abc import Callable

import numpy as np
import pandas as pd

from pipeline.core.config import (
    Indicator,
    PrefectureConfig,
    load_contract,
    load_indicator_catalogue,
)
from pipeline.core.exceptions import ConfigError
from pipeline.core.formatting import format_month_span
from pipeline.core.schemes import load_scheme
from pipeline.core.workdays import workday_delays

STATUS_MET, STATUS_MISSED, STATUS_NA = "atteint", "non atteint", "sans objet"
NO_REQUEST, NOT_TRACKED, NOT_APPLICABLE = "aucune demande", "non suivi", "sans objet"
NO_REPLY = "aucune réponse"  # a mean delay of requests none of which was answered
QUARANTINED = "en quarantaine"  # a period whose only rows were set aside (quarantine.csv)
YEAR, QUARTER, MONTH = "année", "trimestre", "mois"
GRANULARITIES = (YEAR, QUARTER, MONTH)
HOLDING_COUNTED = "réponses d'attente comptabilisées"
HOLDING_NOT_COUNTED = "réponses d'attente non comptabilisées"
_COMPARATORS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}


def selected_rows(frame: pd.DataFrame, filters: dict[str, list[str]] | None) -> pd.DataFrame:
    """The rows whose columns take one of the allowed values (``{"channel": ["courriel"]}``)."""
    mask = pd.Series(True, index=frame.index)
    for column, allowed in (filters or {}).items():
        mask &= frame[column].isin(allowed).fillna(False)
    return frame[mask]


# A column of a register's rows computed group by group (the service): the formulas then
# group by it and by period, in one pass over the rows.
BREAKDOWN = "breakdown"


def _keys(frame: pd.DataFrame) -> pd.Series | list[pd.Series]:
    """What a formula groups by: the period, within each group of a breakdown if there is one."""
    return [frame[BREAKDOWN], frame["period"]] if BREAKDOWN in frame else frame["period"]


def _result(numerator: pd.Series, denominator: pd.Series) -> pd.DataFrame:
    frame = pd.DataFrame({"numerator": numerator, "denominator": denominator}).astype("Float64")
    usable = frame["denominator"].fillna(0) > 0
    return frame.assign(value=(frame["numerator"] / frame["denominator"]).where(usable))


# --- formulas: each takes the source table with a ``period`` column, returns one row per period


def ratio_of_sums(frame, *, numerator: str, denominator: str, **_) -> pd.DataFrame:
    """sum(numerator) / sum(denominator); months with a not-applicable cell are left out."""
    both = frame[numerator].notna() & frame[denominator].notna()
    sums = frame[both].groupby(_keys(frame[both]))[[numerator, denominator]].sum()
    return _result(sums[numerator], sums[denominator])


def per_day(frame, *, numerator: str, denominator: str, **_) -> pd.DataFrame:
    """A count per day (e.g. usagers au point numérique par jour d'ouverture)."""
    return ratio_of_sums(frame, numerator=numerator, denominator=denominator)


def mean_ratio_to_population(frame, *, numerator: str, population: int | None, **_):
    """Mean over months of numerator / population: sum(numerator) / (months × population)."""
    filled = frame[frame[numerator].notna()]
    grouped = filled.groupby(_keys(filled))[numerator]
    return _result(grouped.sum(), grouped.count() * (population or 0))


def mean_of_column(frame, *, column: str, filters=None, **_) -> pd.DataFrame:
    """Mean of a column (e.g. the quarterly delays of the Transparence poster); a period whose
    cells are all not applicable has no value (rather than a mean of nothing)."""
    rows = selected_rows(frame, filters)
    rows = rows[rows[column].notna()]
    grouped = rows.groupby(_keys(rows))[column]
    return _result(grouped.sum(), grouped.count())


def share_true(frame, *, column: str, filters=None, **_) -> pd.DataFrame:
    """Share of rows where a yes/no column is yes, among rows where it is filled in."""
    rows = selected_rows(frame, filters)
    rows = rows[rows[column].notna()]
    grouped = rows.groupby(_keys(rows))[column]
    return _result(grouped.sum(), grouped.count())


def count_rows(frame, *, filters=None, **_) -> pd.DataFrame:
    """Number of rows (e.g. exercises in the year); the value is the count itself."""
    rows = selected_rows(frame, filters)
    counts = rows.groupby(_keys(rows)).size()
    result = _result(counts, pd.Series(1, index=counts.index))
    return result.assign(value=result["numerator"])


def _reply_on(frame: pd.DataFrame, reply_column: str, count_holding: bool) -> pd.Series:
    if count_holding and "holding_reply_on" in frame:
        return frame[[reply_column, "holding_reply_on"]].min(axis=1)
    return frame[reply_column]


def on_time_flags(
    rows, days=None, days_by_channel=None, reply_column="answered_on", count_holding=True,
    department_code="",
):  # fmt: skip
    """Each request's delay in jours ouvrés, its limit (one, or per channel) and whether it was
    answered in time; an unanswered request is late. The one rule of every reply rate."""
    answered = _reply_on(rows, reply_column, count_holding)
    delays = workday_delays(rows["received_on"], answered, department_code)
    limit = rows["channel"].map(days_by_channel).astype("Int64") if days_by_channel else days
    return delays, limit, (delays <= limit).fillna(False).astype(bool)


def replies_within(
    frame, *, filters=None, days=None, days_by_channel=None, reply_column="answered_on",
    count_holding=True, department_code="", **_,
) -> pd.DataFrame:  # fmt: skip
    """Share of requests answered within the delay (jours ouvrés); unanswered ones count as late.

    ``days`` is one limit; ``days_by_channel`` a limit per channel (5 electronic, 10 paper).
    """
    rows = selected_rows(frame, filters)
    _, _, on_time = on_time_flags(
        rows, days, days_by_channel, reply_column, count_holding, department_code
    )
    grouped = on_time.groupby(_keys(rows))
    return _result(grouped.sum(), grouped.count())


def mean_reply_delay(frame, *, filters=None, department_code="", **_) -> pd.DataFrame:
    """Mean delay in jours ouvrés of the answered requests (the final answer, not a holding one);
    ``requests`` counts them all, answered or not (none answered: « aucune réponse »)."""
    rows = selected_rows(frame, filters)
    delays = workday_delays(rows["received_on"], rows["answered_on"], department_code)
    grouped = delays.groupby(_keys(rows))
    return _result(grouped.sum(), grouped.count()).assign(requests=grouped.size())


FORMULAS: dict[str, Callable[..., pd.DataFrame]] = {
    "ratio_of_sums": ratio_of_sums,
    "per_day": per_day,
    "mean_ratio_to_population": mean_ratio_to_population,
    "mean_of_column": mean_of_column,
    "share_true": share_true,
    "count_rows": count_rows,
    "replies_within": replies_within,
    "mean_reply_delay": mean_reply_delay,
}


# --- periods ---------------------------------------------------------------------------------


def period_keys(column: pd.Series, granularity: str) -> pd.Series | None:
    """Each row's period: ``"2022"``, ``"2022-T1"`` or ``"2022-01"``; None when the source is
    coarser than the granularity (quarterly delays have no months)."""
    if pd.api.types.is_datetime64_any_dtype(column):
        year = column.dt.year.astype("Int64").astype("string")
        if granularity == YEAR:
            return year
        if granularity == QUARTER:
            return year + "-T" + column.dt.quarter.astype("Int64").astype("string")
        return column.dt.strftime("%Y-%m").astype("string")
    if pd.api.types.is_integer_dtype(column):
        return column.astype("string") if granularity == YEAR else None
    quarters = column.astype("string")  # "2022-T1"
    if granularity == YEAR:
        return quarters.str.slice(0, 4)
    return quarters if granularity == QUARTER else None


def expected_periods(period: int, years: list[int], granularity: str) -> list[str]:
    """The periods shown: every year of the history, the quarters and months of the period."""
    if granularity == YEAR:
        return [str(year) for year in years]
    if granularity == QUARTER:
        return [f"{period}-T{q}" for q in range(1, 5)]
    return [f"{period}-{m:02d}" for m in range(1, 13)]


# --- the table ---------------------------------------------------------------------------------


def check_overrides(config: PrefectureConfig) -> None:
    """The préfecture's target and parameter overrides name catalogue indicators, and a target
    only where the catalogue says how to compare (≥, ≤…); ConfigError in French otherwise."""
    known = {i.code: i for i in load_indicator_catalogue().indicators}
    settings = config.indicators
    unknown = sorted((set(settings.targets) | set(settings.params)) - set(known))
    if unknown:
        raise ConfigError(
            f"Configuration {config.path} : indicateur(s) inconnu(s) dans indicators : "
            f"{', '.join(unknown)}. Codes possibles : {', '.join(known)}."
        )
    without = sorted(code for code in settings.targets if known[code].target is None)
    if without:
        raise ConfigError(
            f"Configuration {config.path} : une cible est donnée pour {', '.join(without)}, "
            "mais le catalogue ne dit pas comment la comparer (≥, ≤…). Ajoutez une entrée "
            "target dans pipeline/resources/indicators.yaml."
        )


def indicator_by_code(code: str) -> Indicator:
    """The catalogue's indicator with this code."""
    return next(i for i in load_indicator_catalogue().indicators if i.code == code)


def indicator_params(indicator: Indicator, config: PrefectureConfig) -> dict:
    """The catalogue's parameters, overridden by the préfecture's configuration."""
    params = {**indicator.params, **config.indicators.params.get(indicator.code, {})}
    return {
        **params,
        "population": config.prefecture.population,
        "department_code": config.prefecture.department_code,
        "count_holding": params.get("holding_replies", config.indicators.count_holding_replies),
    }


def indicator_rule(indicator: Indicator, params: dict) -> str:
    """The counting rule stated beside a reply rate (holding replies counted or not)."""
    if indicator.formula != "replies_within" or indicator.source != "mail_register":
        return ""
    if "holding_replies" in indicator.params:  # the catalogue fixes it (appointments)
        return ""
    return HOLDING_COUNTED if params["count_holding"] else HOLDING_NOT_COUNTED


def with_periods(table: pd.DataFrame, source: str, granularity: str) -> pd.DataFrame | None:
    """A source's table with each row's ``period`` of the granularity (None: not available)."""
    keys = period_keys(table[load_contract().sources[source].period_column], granularity)
    return None if keys is None else table.assign(period=keys)


# A register with at least this many rows a month on average was kept every month it covers.
DENSE_ROWS_PER_MONTH = 10


def source_kind(source: str) -> str:
    """``register`` (one row per request) or ``figures`` (one row per period)."""
    return load_contract().sources[source].kind


def register_coverage(
    table: pd.DataFrame,
    source: str,
    declared: dict[int, tuple[int, ...]],
    years: list[int],
    read: set[int] = frozenset(),
) -> dict[int, tuple[tuple[int, ...], bool]]:
    """The months each year of a register covers, and whether the configuration declared them.

    Declared months (``sources.<name>.coverage``) and months holding rows are covered. A year
    not declared covers the whole year, unless the register is dense enough for a silent month
    to mean it was not kept (at least ``DENSE_ROWS_PER_MONTH`` rows a month on average): it
    then covers the span from its first to its last month with a row (a register started in
    April covers April to December). A sparse register (a few complaints or crisis exercises a
    year) keeps the whole year: a month without a row had none. A year without any row covers
    nothing.
    """
    column = load_contract().sources[source].period_column
    dates = table[column] if column in table else pd.Series([], dtype="datetime64[ns]")
    months = pd.DataFrame({"year": dates.dt.year, "month": dates.dt.month}).dropna()
    found = months.groupby("year")["month"].agg(["min", "max", "unique"])
    coverage = {}
    for year in years:
        seen = set(found.at[year, "unique"].astype(int)) if year in found.index else set()
        if year in declared:
            coverage[year] = (tuple(sorted(set(declared[year]) | seen)), True)
        elif seen:
            first, last = int(found.at[year, "min"]), int(found.at[year, "max"])
            rows = int((months["year"] == year).sum())
            dense = rows >= DENSE_ROWS_PER_MONTH * (last - first + 1)
            coverage[year] = (tuple(range(first, last + 1)) if dense else tuple(range(1, 13)),
                              False)  # fmt: skip
        else:
            coverage[year] = (tuple(range(1, 13)) if year in read else (), False)
    return coverage


def source_coverage(
    tables: dict[str, pd.DataFrame],
    source: str,
    config: PrefectureConfig,
    years: list[int],
    read: dict[str, set[int]] | None,
) -> dict[int, tuple[tuple[int, ...], bool]]:
    """:func:`register_coverage` of a register, with the months its configuration declares."""
    mapping = config.sources.get(source)
    declared = mapping.coverage if mapping is not None else {}
    return register_coverage(
        tables[source], source, declared, years, (read or {}).get(source, set())
    )


def indicator_target(indicator: Indicator, config: PrefectureConfig, granularity: str):
    """The comparator and value of the indicator's target at a granularity (the préfecture's
    value overrides the catalogue's); None, None where it has none (a yearly-only target)."""
    if indicator.target_scope == "year" and granularity != YEAR:
        return None, None
    value = config.indicators.targets.get(indicator.code, getattr(indicator.target, "value", None))
    return (indicator.target.comparator if indicator.target else None), value


def _covered_months(coverage: dict[int, tuple[tuple[int, ...], bool]], periods: pd.Index):
    """For each period key (year, quarter, month), how many of its months the register covers."""
    keys = {f"{year}-{m:02d}" for year, (months, _) in coverage.items() for m in months}

    def count(period: str) -> int:
        if len(period) == 4:
            return sum(key.startswith(period) for key in keys)
        if "-T" in period:
            year, quarter = period.split("-T")
            first = (int(quarter) - 1) * 3 + 1
            return sum(f"{year}-{m:02d}" in keys for m in range(first, first + 3))
        return int(period in keys)

    return pd.Series([count(p) for p in periods], index=periods, dtype="Int64")  # a few dozen


def compute_indicator(
    indicator: Indicator,
    frame: pd.DataFrame,
    config: PrefectureConfig,
    periods: list[str],
    coverage: dict[int, tuple[tuple[int, ...], bool]] | None = None,
    quarantined: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """One indicator over the given periods: numerator, denominator, value, na_reason, months.

    ``frame`` is the source's table with its ``period`` column (:func:`with_periods`);
    ``coverage`` the months a register covers (:func:`register_coverage`); ``quarantined`` the
    periods (« 2022-12 », « 2022-T4 », « 2022 ») of the source's rows set aside: a period with no
    row left says so.
    """
    source = load_contract().sources[indicator.source]
    params = indicator_params(indicator, config)
    result = FORMULAS[indicator.formula](frame, **params)
    result = result.reindex(periods).rename_axis("period")
    requests = result.pop("requests") if "requests" in result else None
    # a period of which every row was set aside (none kept, whatever the filters): its value is
    # unknown, « en quarantaine », never « aucune demande »
    rows_kept = frame["period"].value_counts().reindex(result.index, fill_value=0)
    set_aside = result.index.isin(list(quarantined)) & rows_kept.eq(0).to_numpy()
    listed = result.index.isin(
        selected_rows(frame, params.get("filters"))["period"].dropna().unique()
    )
    months = months_with_figures(frame, source, params, periods)
    used = [params[k] for k in ("numerator", "denominator", "column") if params.get(k) in frame]
    if source.kind == "figures" and used:
        # A year whose export never gives this figure (its column is missing or always
        # empty) did not track it: « non suivi », not « sans objet ».
        filled = frame.loc[frame[used].notna().all(axis=1), "period"].dropna()
        listed &= result.index.str.slice(0, 4).isin(filled.str.slice(0, 4).unique())
    if source.kind == "register":
        # A register covers the months it was kept: a covered period without a selected row
        # had zero requests (« aucune demande »); a month it does not cover is « non suivi ».
        months = _covered_months(coverage or {}, result.index)
        empty = months.gt(0).to_numpy() & result["denominator"].isna().to_numpy() & ~set_aside
        result.loc[empty, ["numerator", "denominator"]] = 0
        if indicator.formula == "count_rows":
            result.loc[empty, "value"] = 0
        months = months.where(months.gt(0))
    reason = pd.Series(NOT_TRACKED, index=result.index, dtype="string")
    reason = reason.mask(listed, NOT_APPLICABLE)  # the row is there, its cells said "sans objet"
    months_set_aside = [key for key in quarantined if len(key) == 7 and "T" not in key]
    reason = reason.mask(~listed & result.index.isin(months_set_aside), QUARANTINED)
    reason = reason.mask(result["denominator"].fillna(-1).eq(0), NO_REQUEST)
    if requests is not None:  # requests received, none answered: no delay to average
        unanswered = result["denominator"].fillna(-1).eq(0) & requests.fillna(0).gt(0)
        reason = reason.mask(unanswered, NO_REPLY)
    reason = reason.mask(set_aside, QUARANTINED)
    result = result.assign(na_reason=reason.where(result["value"].isna()))
    return result.assign(months=months.to_numpy()).reset_index()


def months_with_figures(frame, source, params: dict, periods: list[str]) -> pd.Series:
    """For monthly figures, how many months of each period have the figures the formula uses
    (a year computed on 11 months says so); <NA> for registers and quarterly figures."""
    months = pd.Series(pd.NA, index=pd.Index(periods, name="period"), dtype="Int64")
    if source.kind != "figures" or source.columns[source.period_column].type != "month":
        return months
    used = [params[k] for k in ("numerator", "denominator", "column") if params.get(k) in frame]
    rows = selected_rows(frame, params.get("filters"))
    filled = rows[rows[used].notna().all(axis=1)] if used else rows
    counts = filled.groupby("period")[source.period_column].nunique()
    return counts.reindex(months.index).fillna(0).astype("Int64")


def status(value: pd.Series, comparator: pd.Series, target: pd.Series) -> pd.Series:
    """« atteint », « non atteint », « sans objet » (no value) or empty (no target)."""
    result = pd.Series("", index=value.index, dtype="string")
    for symbol, compare in _COMPARATORS.items():
        rows = (comparator == symbol) & value.notna() & target.notna()
        met = compare(value[rows].astype(float), target[rows].astype(float))
        result[rows] = met.map({True: STATUS_MET, False: STATUS_MISSED})
    return result.mask(value.isna(), STATUS_NA)


def _labelled(indicator: Indicator, params: dict) -> str:
    return indicator.label.format(**{k: v for k, v in params.items() if isinstance(v, int | str)})


def stacked(parts: list[tuple[pd.DataFrame, dict]]) -> pd.DataFrame:
    """Frames one under the other, each with its own constant columns (an indicator's code,
    label, target…): the constants spread over their frame's rows in one pass, not inserted
    column by column into each frame (a sixth of a sample's indicators table)."""
    table = pd.concat([frame for frame, _ in parts], ignore_index=True)
    constants = pd.DataFrame([values for _, values in parts], dtype=object)
    which = np.repeat(np.arange(len(parts)), [len(frame) for frame, _ in parts])
    spread = {name: column.to_numpy()[which] for name, column in constants.items()}
    return pd.concat([table, pd.DataFrame(spread).infer_objects()], axis=1)


def indicators_table(
    tables: dict[str, pd.DataFrame],
    config: PrefectureConfig,
    period: int,
    years: list[int],
    read: dict[str, set[int]] | None = None,
    quarantined: dict[str, frozenset[str]] | None = None,
) -> pd.DataFrame:
    """The tidy table: one row per indicator × period (years, quarters, months), with target,
    status and change against the previous period of the same kind. ``quarantined``: per
    source, the periods of its rows set aside
    (:func:`pipeline.ingest.processed.quarantined_periods`).

    ``tables`` maps a source name to its processed table; an indicator whose source is absent
    is left out (:func:`missing_sources` names them for the run log). ``read`` gives, per
    source, the years whose file was read (a register read but empty had no request).
    """
    rows, framed, covered = [], {}, {}  # each source's periods once per granularity
    catalogue = load_indicator_catalogue().indicators
    check_overrides(config)
    scheme = load_scheme(config)
    for position, indicator in enumerate(catalogue):
        if indicator.module not in config.labels.modules or indicator.source not in tables:
            continue
        if indicator.source not in covered and source_kind(indicator.source) == "register":
            covered[indicator.source] = source_coverage(
                tables, indicator.source, config, years, read
            )
        group, group_title = scheme.group(indicator.code, indicator.module)
        params = indicator_params(indicator, config)
        rule = indicator_rule(indicator, params)
        holding = tables[indicator.source].get("holding_reply_on")
        if rule and (holding is None or holding.isna().all()):
            rule = ""  # no holding reply in the register: the rule says nothing
        for granularity in GRANULARITIES:
            key = (indicator.source, granularity)
            if key not in framed:
                framed[key] = with_periods(tables[indicator.source], *key)
            if framed[key] is None:
                continue
            periods = expected_periods(period, years, granularity)
            computed = compute_indicator(
                indicator, framed[key], config, periods, covered.get(indicator.source),
                (quarantined or {}).get(indicator.source, frozenset()),
            )  # fmt: skip
            comparator, target = indicator_target(indicator, config, granularity)
            rows.append((computed, {
                "order": position, "code": indicator.code,
                "label": _labelled(indicator, params), "module": indicator.module,
                "group": group, "group_title": group_title,
                "group_heading": scheme.group_heading(group, group_title),
                "theme": indicator.theme,
                "engagement": indicator.engagement if scheme.catalogue.engagement_column else "",
                "unit": indicator.unit, "note": indicator.note, "rule": rule,
                "granularity": granularity, "target_comparator": comparator,
                "target_value": target,
            }))  # fmt: skip
    if not rows:
        return empty_indicators()
    table = stacked(rows)
    table["target_value"] = table["target_value"].astype("Float64")
    table["target_comparator"] = table["target_comparator"].astype("string")
    table["status"] = status(table["value"], table["target_comparator"], table["target_value"])
    table["year"] = table["period"].str.slice(0, 4).astype("int64")
    table = table.sort_values(["group", "order", "granularity", "period"], ignore_index=True)
    previous = table.groupby(["code", "granularity"])["value"].shift(1)
    return table.assign(change=table["value"] - previous)


INDICATOR_COLUMNS = {
    "period": "string", "numerator": "Float64", "denominator": "Float64", "value": "Float64",
    "na_reason": "string", "months": "Int64", "order": "int64", "code": "string",
    "label": "string", "module": "int64", "group": "int64", "group_title": "string",
    "group_heading": "string",
    "theme": "string", "engagement": "string", "unit": "string", "note": "string",
    "rule": "string", "granularity": "string", "target_comparator": "string",
    "target_value": "Float64", "status": "string", "year": "int64", "change": "Float64",
}  # fmt: skip


def empty_indicators() -> pd.DataFrame:
    """The indicators table without rows (a préfecture with no register nor monthly figure)."""
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in INDICATOR_COLUMNS.items()})


def coverage_lines(tables: dict[str, pd.DataFrame], config: PrefectureConfig, years: list[int]):
    """French lines for the run log: registers that cover only part of a year, and how it is
    known (declared in the configuration or detected from the dates)."""
    needed = {i.source for i in load_indicator_catalogue().indicators
              if i.module in config.labels.modules}  # fmt: skip
    lines = []
    for source in sorted(needed & set(tables)):
        if load_contract().sources[source].kind != "register":
            continue
        mapping = config.sources.get(source)
        coverage = register_coverage(
            tables[source], source, mapping.coverage if mapping else {}, years
        )
        for year, (months, declared) in coverage.items():
            if 0 < len(months) < 12:
                how = "déclarés dans la configuration" if declared else "déduits des dates"
                lines.append(
                    f"{load_contract().sources[source].title} {year} : {len(months)} mois "
                    f"couverts ({format_month_span(months, year)}, {how}) ; les autres mois sont "
                    "« non suivi » et la valeur de l'année le dit."
                )
    return lines


def missing_sources(tables: dict[str, pd.DataFrame], config: PrefectureConfig) -> list[str]:
    """One French line per source the chosen modules need but the préfecture does not have:
    the source as people know it and the indicators left out."""
    missing: dict[str, list[str]] = {}
    for indicator in load_indicator_catalogue().indicators:
        if indicator.module in config.labels.modules and indicator.source not in tables:
            missing.setdefault(indicator.source, []).append(indicator.label)
    lines = []
    for source, labels in missing.items():
        count, listed = len(labels), "\u00a0; ".join(labels)
        plural = "s" if count > 1 else ""
        lines.append(
            f"{load_contract().sources[source].title} : source absente, {count} indicateur"
            f"{plural} non calculé{plural} ({listed})"
        )
    return lines


def load_source_tables(paths, config: PrefectureConfig) -> dict[str, pd.DataFrame]:
    """The processed tables the catalogue needs (those present)."""
    needed = {indicator.source for indicator in load_indicator_catalogue().indicators}
    return {
        name: pd.read_parquet(paths.table(name))
        for name in sorted(needed)
        if paths.table(name).is_file()
    }


def yearly(indicators: pd.DataFrame) -> pd.DataFrame:
    """The yearly rows only (what the deck and the minutes show)."""
    return indicators[indicators["granularity"] == YEAR]
