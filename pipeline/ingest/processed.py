"""Reading the validated tables of ``data/processed/<period>/``.

Ingestion writes a table for every configured source, empty when the source has no file;
a source the configuration does not name at all has no table: it reads here as an empty
table with its columns (the survey's questions included), so that a step still writes its own
tables (empty) and the documents leave the section out instead of failing.
"""

from __future__ import annotations

import pandas as pd

from pipeline.core.config import ColumnSpec, PrefectureConfig, load_contract, load_questions
from pipeline.core.paths import PeriodPaths
from pipeline.ingest.validation import parse_column

# Added to every source's table at ingestion (``year``: the year the row counts in).
# The quarantine's columns (quarantine.csv) and their French headers.
QUARANTINE_COLUMNS = {
    "title": "Source", "file": "Fichier", "row": "Ligne", "header": "Colonne de l'export",
    "value": "Valeur saisie", "reason": "Motif", "source": "Source (code)",
    "column": "Colonne (code du contrat)", "month": "Mois de la ligne",
}  # fmt: skip
TRACE_COLUMNS = {"source_row": "int64", "year": "int64", "source_file": "str"}


def quarantine_table(issues: list[pd.DataFrame]) -> pd.DataFrame:
    """Every source's issues as quarantine.csv writes them: French headers, the row as a whole
    number (« 204 », never « 204.0 » when a file's issues came without a row)."""
    quarantine = pd.concat(issues, ignore_index=True) if issues else pd.DataFrame()
    quarantine = quarantine.reindex(columns=list(QUARANTINE_COLUMNS))
    quarantine["row"] = pd.to_numeric(quarantine["row"], errors="coerce").round().astype("Int64")
    return quarantine.rename(columns=QUARANTINE_COLUMNS)


def source_columns(name: str, config: PrefectureConfig | None) -> dict[str, ColumnSpec]:
    """The canonical columns of a source (the survey adds one column per question), with the
    columns the préfecture adds of its own (``sources.<name>.own_columns``)."""
    spec = load_contract().sources[name]
    columns = dict(spec.columns)
    if spec.question_catalogue and config is not None:
        columns.update(load_questions(config, name).column_specs())
    if config is not None and name in config.sources:
        columns.update(config.sources[name].own_columns)
    return columns


def empty_source(name: str, config: PrefectureConfig | None = None) -> pd.DataFrame:
    """A source's table without rows: its columns, typed as ingestion types them."""
    nothing = pd.Series([], dtype=object)
    columns = source_columns(name, config)
    frame = pd.DataFrame({c: parse_column(nothing, spec, {}).values for c, spec in columns.items()})
    return frame.assign(**{c: pd.Series([], dtype=t) for c, t in TRACE_COLUMNS.items()})


def read_source(
    paths: PeriodPaths, name: str, config: PrefectureConfig | None = None
) -> pd.DataFrame:
    """The validated table of a source, or :func:`empty_source` when it has none."""
    path = paths.table(name)
    return pd.read_parquet(path) if path.is_file() else empty_source(name, config)


def quarantined_periods(paths: PeriodPaths) -> dict[str, frozenset[str]]:
    """Per source, the periods holding rows the ingestion set aside: each dated row's month
    (« 2022-12 »), quarter (« 2022-T4 ») and year, and the year of a file some of whose rows
    were set aside without a readable date (from the ingestion report)."""
    found: dict[str, set[str]] = {}
    if paths.quarantine.is_file():
        quarantine = pd.read_csv(paths.quarantine, sep=";", encoding="utf-8-sig", dtype=str)
        source, month = QUARANTINE_COLUMNS["source"], QUARANTINE_COLUMNS["month"]
        if month in quarantine:
            dated = quarantine.dropna(subset=[source, month])
            for name, months in dated.groupby(source)[month]:
                keys = found.setdefault(name, set())
                for key in months.unique():  # « 2022-12 »: a few per source
                    year, number = key[:4], int(key[5:7])
                    keys |= {key, f"{year}-T{(number - 1) // 3 + 1}", year}
    if paths.ingest_report.is_file():
        report = pd.read_csv(paths.ingest_report, sep=";", encoding="utf-8-sig")
        if {"source", "year", "rows_quarantined"} <= set(report.columns):
            hit = report[report["rows_quarantined"].fillna(0).gt(0) & report["year"].notna()]
            for name, year in zip(hit["source"], hit["year"], strict=True):
                found.setdefault(name, set()).add(str(int(year)))
    return {name: frozenset(keys) for name, keys in found.items()}
