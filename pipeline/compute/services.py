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

from pipeline.compute.indicators import (
    BREAKDOWN,
    FORMULAS,
    NO_REQUEST,
    NOT_TRACKED,
    QUARTER,
    YEAR,
    _covered_months,
    _labelled,
    expected_periods,
    indicator_params,
    register_coverage,
    source_kind,
    status,
    with_periods,
)
from pipeline.core.config import PrefectureConfig, load_contract, load_indicator_catalogue

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


def service_indicators_table(
    tables: dict[str, pd.DataFrame],
    config: PrefectureConfig,
    period: int,
    years: list[int],
    read: dict[str, set[int]] | None = None,
) -> pd.DataFrame:
    """One row per register-based indicator × service × period (the year and its quarters)."""
    least = config.indicators.service_min_requests
    rows, coverage = [], {}
    for position, indicator in enumerate(load_indicator_catalogue().indicators):
        source = indicator.source
        if indicator.module not in config.labels.modules or source not in tables:
            continue
        if source_kind(source) != "register":
            continue
        services = services_of(tables[source])
        if services is None:
            continue
        if source not in coverage:
            mapping = config.sources.get(source)
            coverage[source] = register_coverage(
                tables[source], source, mapping.coverage if mapping else {}, years,
                (read or {}).get(source, set()),
            )  # fmt: skip
        grouped = tables[source].assign(**{BREAKDOWN: services.astype(object)})
        params = indicator_params(indicator, config)
        target = config.indicators.targets.get(
            indicator.code, getattr(indicator.target, "value", None)
        )
        dates = tables[source][load_contract().sources[source].period_column]
        names = sorted(services[dates.dt.year == period].unique())  # the period's services
        if not names:
            continue
        for granularity in (YEAR, QUARTER):
            framed = with_periods(grouped, source, granularity)
            if framed is None:
                continue
            periods = expected_periods(period, [period], granularity)
            index = pd.MultiIndex.from_product([names, periods], names=["service", "period"])
            result = FORMULAS[indicator.formula](framed, **params)
            result = result.set_axis(result.index.set_names(["service", "period"])).reindex(index)
            months = _covered_months(coverage[source], pd.Index(periods))
            covered = months.reindex(index.get_level_values("period")).fillna(0).to_numpy() > 0
            empty = covered & result["denominator"].isna().to_numpy()
            result.loc[empty, ["numerator", "denominator"]] = 0
            if indicator.formula == "count_rows":
                result.loc[empty, "value"] = 0
            denominator = result["denominator"]
            reason = pd.Series(NOT_TRACKED, index=result.index, dtype="string")
            reason = reason.mask(denominator.fillna(-1).eq(0), NO_REQUEST)
            # (a period without a rate has nothing to doubt: its reason says why)
            counted = indicator.formula == "count_rows"  # a count is no rate: nothing to doubt
            reliable = denominator.fillna(0).ge(least) | result["value"].isna() | counted
            reliable = reliable.to_numpy(bool)
            reason = reason.mask(result["value"].notna() & ~reliable, TOO_FEW)
            reason = reason.where(result["value"].isna() | ~reliable)
            scoped_out = indicator.target_scope == "year" and granularity != YEAR
            rows.append(
                result.reset_index().assign(
                    granularity=granularity, code=indicator.code,
                    label=_labelled(indicator, params), unit=indicator.unit, order=position,
                    module=indicator.module, na_reason=reason.to_numpy(), reliable=reliable,
                    target_comparator=None if scoped_out or not indicator.target
                    else indicator.target.comparator,
                    target_value=None if scoped_out else target,
                )
            )  # fmt: skip
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in SERVICE_COLUMNS.items()})
    table = pd.concat(rows, ignore_index=True)
    table["target_value"] = table["target_value"].astype("Float64")
    table["target_comparator"] = table["target_comparator"].astype("string")
    verdict = status(table["value"], table["target_comparator"], table["target_value"])
    table["status"] = verdict.mask(~table["reliable"] & table["value"].notna(), "")
    table["year"] = table["period"].str.slice(0, 4).astype("int64")
    table = table.sort_values(["service", "order", "granularity", "period"], ignore_index=True)
    return table[list(SERVICE_COLUMNS)].astype(SERVICE_COLUMNS)
