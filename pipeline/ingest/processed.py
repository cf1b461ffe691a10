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


def source_columns(name: str, config: PrefectureConfig | None) -> dict[str, ColumnSpec]:
    """The canonical columns of a source (the survey adds one column per question)."""
    spec = load_contract().sources[name]
    columns = dict(spec.columns)
    if spec.question_catalogue and config is not None:
        columns.update(load_questions(config).column_specs())
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
    """Per source, the months (« 2022-12 ») of the rows the ingestion set aside."""
    if not paths.quarantine.is_file():
        return {}
    quarantine = pd.read_csv(paths.quarantine, sep=";", encoding="utf-8-sig", dtype=str)
    source, month = QUARANTINE_COLUMNS["source"], QUARANTINE_COLUMNS["month"]
    if month not in quarantine:
        return {}
    dated = quarantine.dropna(subset=[source, month])
    return {name: frozenset(group[month]) for name, group in dated.groupby(source)}
