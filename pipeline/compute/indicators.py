"""Quality indicators computed from the processed registers and monthly figures.

Each indicator of the préfecture (the catalogue's, resources/indicators.yaml, with its changes,
and its own: :func:`pipeline.core.config.indicator_catalogue`) that its label shows
(:mod:`pipeline.compute.perimeter`) is computed by its formula's kind
(:mod:`pipeline.compute.formulas`) per year (the period and the previous years, for the trend),
per quarter and per month of the period. Every value carries its numerator and denominator. A
period without any request has a denominator of 0: its value is missing, shown « aucune
demande », and its status is « sans objet » — never 0 %. A period whose cells the export wrote
« non suivi », « sans objet », « néant » or « aucune demande » reads as the export wrote it;
otherwise a month whose row is there with empty cells is « sans objet », a period with no row
at all « non suivi ».
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.compute.formulas import (
    Setting,
    computed,
    counted_columns,
    counts_zero,
    selected_rows,
)
from pipeline.compute.perimeter import shown_indicators
from pipeline.core.config import (
    Indicator,
    PrefectureConfig,
    indicator_catalogue,
    load_contract,
)
from pipeline.core.formatting import format_month_span
from pipeline.core.schemes import load_scheme
from pipeline.core.targets import STATUS_MET, STATUS_MISSED, STATUS_NA, judged
from pipeline.ingest.parsing import KEPT_WORDS, written_word_column

__all__ = ["STATUS_MET", "STATUS_MISSED", "STATUS_NA"]

NO_REQUEST, NOT_TRACKED, NOT_APPLICABLE = "aucune demande", "non suivi", "sans objet"
NOTHING = "néant"  # as an export writes a period without any (a crisis without élus to inform)
NO_REPLY = "aucune réponse"  # a mean delay of requests none of which was answered
QUARANTINED = "en quarantaine"  # a period whose only rows were set aside (quarantine.csv)
YEAR, QUARTER, MONTH = "année", "trimestre", "mois"
GRANULARITIES = (YEAR, QUARTER, MONTH)
HOLDING_COUNTED = "réponses d'attente comptabilisées"
HOLDING_NOT_COUNTED = "réponses d'attente non comptabilisées"


def status(value: pd.Series, comparator: pd.Series, target: pd.Series) -> pd.Series:
    """« atteint », « non atteint », « sans objet » (no value) or empty (no target): the
    target judged as written (:func:`pipeline.core.targets.judged`)."""
    return judged(value, comparator, target)


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


def formula_setting(indicator: Indicator, config: PrefectureConfig) -> Setting:
    """What the indicator's formula takes from the préfecture: its unit, the département's
    population and code (jours fériés), the rule on holding replies."""
    return Setting(
        unit=indicator.unit,
        population=config.prefecture.population,
        department_code=config.prefecture.department_code,
        count_holding=config.indicators.count_holding_replies,
    )


def indicator_rule(indicator: Indicator, config: PrefectureConfig) -> str:
    """The counting rule stated beside a reply rate of the mail register (holding replies
    counted or not), unless the definition fixes it (appointments)."""
    formula = indicator.formula
    if formula.kind != "within_delay" or indicator.source != "mail_register":
        return ""
    if formula.holding_replies is not None:
        return ""
    return HOLDING_COUNTED if config.indicators.count_holding_replies else HOLDING_NOT_COUNTED


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


def indicator_target(indicator: Indicator, granularity: str):
    """The comparator and value of the indicator's target at a granularity (the préfecture's,
    else the catalogue's); None, None where it has none (a yearly-only target)."""
    if indicator.target is None or (indicator.target_scope == "year" and granularity != YEAR):
        return None, None
    return indicator.target.comparator, indicator.target.value


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


def written_words(frame: pd.DataFrame, columns: list[str], filters: dict) -> pd.Series:
    """Per period, the word the export wrote in the cells of ``columns`` left without a figure
    (« non suivi », « sans objet », « néant », « aucune demande »: kept at ingestion beside
    them), the most written one where several are; empty where none was."""
    kept = [written_word_column(c) for c in columns if written_word_column(c) in frame]
    if not kept:
        return pd.Series([], dtype="string")
    rows = selected_rows(frame, filters)
    words = rows[kept].bfill(axis=1).iloc[:, 0].dropna()
    if words.empty:
        return pd.Series([], dtype="string")
    counted = pd.DataFrame({"period": rows.loc[words.index, "period"], "word": words})
    counted = counted.value_counts().rename("n").reset_index()
    counted["rank"] = counted["word"].map({w: i for i, w in enumerate(KEPT_WORDS)})
    counted = counted.sort_values(["period", "n", "rank"], ascending=[True, False, True])
    return counted.drop_duplicates("period").set_index("period")["word"].astype("string")


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
    formula = indicator.formula
    result = computed(frame, formula, formula_setting(indicator, config))
    result = result.reindex(periods).rename_axis("period")
    requests = result.pop("requests") if "requests" in result else None
    # a period of which every row was set aside (none kept, whatever the filters): its value is
    # unknown, « en quarantaine », never « aucune demande »
    rows_kept = frame["period"].value_counts().reindex(result.index, fill_value=0)
    set_aside = result.index.isin(list(quarantined)) & rows_kept.eq(0).to_numpy()
    listed = result.index.isin(selected_rows(frame, formula.filters)["period"].dropna().unique())
    months = months_with_figures(frame, source, indicator, periods)
    used = [column for column in formula.figures() if column in frame]
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
        result.loc[empty, counted_columns(formula)] = 0
        if counts_zero(formula):
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
    written = written_words(frame, formula.figures(), formula.filters).reindex(result.index)
    reason = reason.mask(written.notna().to_numpy(), written)  # the export's own word
    reason = reason.mask(set_aside, QUARANTINED)
    result = result.assign(na_reason=reason.where(result["value"].isna()))
    return result.assign(months=months.to_numpy()).reset_index()


def months_with_figures(frame, source, indicator: Indicator, periods: list[str]) -> pd.Series:
    """For monthly figures, how many months of each period have the figures the formula uses
    (a year computed on 11 months says so); <NA> for registers and quarterly figures."""
    months = pd.Series(pd.NA, index=pd.Index(periods, name="period"), dtype="Int64")
    if source.kind != "figures" or source.columns[source.period_column].type != "month":
        return months
    used = [column for column in indicator.formula.figures() if column in frame]
    rows = selected_rows(frame, indicator.formula.filters)
    filled = rows[rows[used].notna().all(axis=1)] if used else rows
    counts = filled.groupby("period")[source.period_column].nunique()
    return counts.reindex(months.index).fillna(0).astype("Int64")


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
    is left out (:func:`missing_sources` names them for the run log), and so is one the label
    does not show (:func:`pipeline.compute.perimeter.left_out_lines` says why). ``read`` gives,
    per source, the years whose file was read (a register read but empty had no request).
    """
    shown = {indicator.code for indicator in shown_indicators(config)}
    rows, framed, covered = [], {}, {}  # each source's periods once per granularity
    scheme = load_scheme(config)
    for position, indicator in enumerate(indicator_catalogue(config)):
        if indicator.code not in shown or indicator.source not in tables:
            continue
        if indicator.source not in covered and source_kind(indicator.source) == "register":
            covered[indicator.source] = source_coverage(
                tables, indicator.source, config, years, read
            )
        group, group_title = scheme.group(indicator.code, indicator.module, indicator.engagement)
        rule = indicator_rule(indicator, config)
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
            values = compute_indicator(
                indicator, framed[key], config, periods, covered.get(indicator.source),
                (quarantined or {}).get(indicator.source, frozenset()),
            )  # fmt: skip
            comparator, target = indicator_target(indicator, granularity)
            rows.append((values, {
                "order": position, "code": indicator.code,
                "label": indicator.title, "module": indicator.module or 0,
                "group": group, "group_title": group_title,
                "group_heading": scheme.group_heading(group, group_title),
                "theme": indicator.theme,
                "engagement": indicator.reference if scheme.catalogue.engagement_column else "",
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
    needed = {indicator.source for indicator in shown_indicators(config)}
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
    """One French line per source the chosen modules (or the préfecture's own indicators) need
    but the préfecture does not have: the source as people know it and the indicators left
    out."""
    missing: dict[str, list[str]] = {}
    for indicator in indicator_catalogue(config):
        expected = indicator.module in config.labels.modules or indicator.code in (
            config.indicators.custom)  # fmt: skip
        if expected and indicator.source not in tables:
            missing.setdefault(indicator.source, []).append(indicator.title)
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
    """The processed tables the préfecture's indicators need (those present)."""
    needed = {indicator.source for indicator in indicator_catalogue(config)}
    return {
        name: pd.read_parquet(paths.table(name))
        for name in sorted(needed)
        if paths.table(name).is_file()
    }


def yearly(indicators: pd.DataFrame) -> pd.DataFrame:
    """The yearly rows only (what the deck and the minutes show)."""
    return indicators[indicators["granularity"] == YEAR]
