"""Register-based indicators by service: each service (or DDI) gets its own results.

The registers carry the service a request went to; every indicator computed from a register
(reply rates and delays to letters, e-mails, complaints, élus' requests) is computed per
service, for the year of the period and its quarters, in one pass over the rows (the formulas
group by service and period). A service with fewer requests than the configured minimum
(``indicators.service_min_requests``) keeps its counts but no verdict: its rate is flagged
« trop peu de demandes », never shown as 0 % or 100 % of three. Rows without a service are
grouped under « Service non renseigné ». The services are those with rows in the period.
"""

from __future__ import annotations

import pandas as pd

from pipeline.compute.formulas import BREAKDOWN, computed, counted_columns, counts_zero
from pipeline.compute.indicators import (
    NO_REPLY,
    NO_REQUEST,
    NOT_TRACKED,
    QUARTER,
    YEAR,
    _covered_months,
    expected_periods,
    formula_setting,
    indicator_target,
    source_coverage,
    source_kind,
    stacked,
    status,
    with_periods,
)
from pipeline.compute.perimeter import shown_indicators
from pipeline.core.config import PrefectureConfig, indicator_catalogue, load_contract

SERVICE_UNKNOWN = "Service non renseigné"
TOO_FEW = "trop peu de demandes"
SERVICE_COLUMNS = {
    "service": "string", "period": "string", "granularity": "string", "code": "string",
    "label": "string", "unit": "string", "order": "int64", "module": "int64",
    "numerator": "Float64", "denominator": "Float64", "value": "Float64",
    "na_reason": "string", "reliable": "bool", "target_comparator": "string",
    "target_value": "Float64", "status": "string", "year": "int64",
}  # fmt: skip


def services_of(table: pd.DataFrame) -> pd.Series | None:
    """Each row's service (« Service non renseigné » when empty), or None for a register that
    names no service at all."""
    if "service" not in table or table["service"].isna().all():
        return None
    return table["service"].astype("string").fillna(SERVICE_UNKNOWN)


def _by_service(table: pd.DataFrame, source: str, period: int):
    """A register's rows with their service as breakdown, its periods for the year and the
    quarters (None where the source has none), and the services with rows in the period; None
    for a register that names no service, or none in the period."""
    services = services_of(table)
    if services is None:
        return None
    dates = table[load_contract().sources[source].period_column]
    names = sorted(services[dates.dt.year == period].unique())
    if not names:
        return None
    grouped = table.assign(**{BREAKDOWN: services.astype(object)})
    return {g: with_periods(grouped, source, g) for g in (YEAR, QUARTER)}, names


def service_indicators_table(
    tables: dict[str, pd.DataFrame],
    config: PrefectureConfig,
    period: int,
    years: list[int],
    read: dict[str, set[int]] | None = None,
) -> pd.DataFrame:
    """One row per register-based indicator × service × period (the year and its quarters)."""
    least = config.indicators.service_min_requests
    rows, prepared, coverage = [], {}, {}  # each register's rows and months once
    shown = {indicator.code for indicator in shown_indicators(config)}
    for position, indicator in enumerate(indicator_catalogue(config)):
        source = indicator.source
        if indicator.code not in shown or source not in tables:
            continue
        if source_kind(source) != "register":
            continue
        if source not in prepared:
            prepared[source] = _by_service(tables[source], source, period)
            coverage[source] = source_coverage(tables, source, config, years, read)
        if prepared[source] is None:
            continue
        framed, names = prepared[source]
        setting = formula_setting(indicator, config)
        for granularity in (YEAR, QUARTER):
            if framed[granularity] is None:
                continue
            periods = expected_periods(period, [period], granularity)
            index = pd.MultiIndex.from_product([names, periods], names=["service", "period"])
            result = computed(framed[granularity], indicator.formula, setting)
            result = result.set_axis(result.index.set_names(["service", "period"])).reindex(index)
            requests = result.pop("requests") if "requests" in result else None
            months = _covered_months(coverage[source], pd.Index(periods))
            covered = months.reindex(index.get_level_values("period")).fillna(0).to_numpy() > 0
            empty = covered & result["denominator"].isna().to_numpy()
            result.loc[empty, counted_columns(indicator.formula)] = 0
            if counts_zero(indicator.formula):
                result.loc[empty, "value"] = 0
            denominator = result["denominator"]
            reason = pd.Series(NOT_TRACKED, index=result.index, dtype="string")
            reason = reason.mask(denominator.fillna(-1).eq(0), NO_REQUEST)
            if requests is not None:  # requests received, none answered
                unanswered = denominator.fillna(-1).eq(0) & requests.fillna(0).gt(0)
                reason = reason.mask(unanswered, NO_REPLY)
            # nothing to doubt in a period without a rate (its reason says why) nor in a count
            counted = indicator.formula.kind == "count"
            reliable = denominator.fillna(0).ge(least) | result["value"].isna() | counted
            reliable = reliable.to_numpy(bool)
            reason = reason.mask(result["value"].notna() & ~reliable, TOO_FEW)
            reason = reason.where(result["value"].isna() | ~reliable)
            comparator, target = indicator_target(indicator, granularity)
            rows.append((
                result.reset_index().assign(na_reason=reason.to_numpy(), reliable=reliable),
                {"granularity": granularity, "code": indicator.code,
                 "label": indicator.title, "unit": indicator.unit,
                 "order": position, "module": indicator.module or 0,
                 "target_comparator": comparator, "target_value": target},
            ))  # fmt: skip
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in SERVICE_COLUMNS.items()})
    table = stacked(rows)
    table["target_value"] = table["target_value"].astype("Float64")
    table["target_comparator"] = table["target_comparator"].astype("string")
    verdict = status(table["value"], table["target_comparator"], table["target_value"])
    table["status"] = verdict.mask(~table["reliable"] & table["value"].notna(), "")
    table["year"] = table["period"].str.slice(0, 4).astype("int64")
    table = table.sort_values(["service", "order", "granularity", "period"], ignore_index=True)
    return table[list(SERVICE_COLUMNS)].astype(SERVICE_COLUMNS)
