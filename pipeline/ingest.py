"""Ingestion: raw exports → validated, typed, redacted tables in data/processed/<period>/.

For each source of the data contract and each year read (the period and the previous ones, for
trends): read the file, map its headers to canonical names, type and validate the rows,
redact free text, and keep the row's origin (``year``, ``source_file``, ``source_row``).
Rows that fail go to ``quarantine.csv`` with file, row, column and reason; the report accounts,
per source and year, for rows read = rows kept + rows quarantined. data/raw is only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.config import (
    ColumnSpec,
    PrefectureConfig,
    SourceMapping,
    load_contract,
    load_questions,
)
from pipeline.exceptions import InputFileError
from pipeline.formatting import format_number
from pipeline.meeting import read_meeting_file
from pipeline.parsing import normalise_key
from pipeline.paths import PeriodPaths
from pipeline.periods import history_years
from pipeline.readers import ROW, read_raw
from pipeline.redaction import redact
from pipeline.validation import validate

QUARANTINE_COLUMNS = ["source", "file", "row", "column", "value", "reason"]
REPORT_COLUMNS = [
    "source", "year", "file", "status", "rows_read", "rows_kept", "rows_quarantined",
    "empty_rows", "dropped_columns", "missing_columns",
]  # fmt: skip


@dataclass
class SourceResult:
    name: str
    tables: list[pd.DataFrame] = field(default_factory=list)
    issues: list[pd.DataFrame] = field(default_factory=list)
    report: list[dict] = field(default_factory=list)


def source_columns(name: str, config: PrefectureConfig) -> dict[str, ColumnSpec]:
    """The canonical columns of a source (the survey adds one column per question)."""
    spec = load_contract().sources[name]
    columns = dict(spec.columns)
    if spec.question_catalogue:
        columns.update(load_questions(config).column_specs())
    return columns


def value_aliases(name: str, mapping: SourceMapping, config: PrefectureConfig):
    """Per column, the préfecture's own words for allowed values (plus survey synonyms)."""
    aliases = {column: dict(words) for column, words in mapping.values.items()}
    if load_contract().sources[name].question_catalogue:
        catalogue = load_questions(config)
        for question in catalogue.satisfaction_questions:
            aliases.setdefault(question.column, {}).update(catalogue.not_concerned_aliases())
    return aliases


def map_headers(
    frame: pd.DataFrame, mapping: SourceMapping, columns: dict[str, ColumnSpec], path: Path
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Rename the export's headers to canonical names.

    A header is recognised through the configuration's mapping, or when it equals a canonical
    name or its French label (ignoring case and accents). Returns the frame restricted to the
    canonical columns (missing optional ones added empty), the dropped headers and the missing
    optional columns. A missing required column is an error that lists the headers found.
    """
    known = {normalise_key(header): canonical for header, canonical in mapping.columns.items()}
    for canonical, spec in columns.items():
        known.setdefault(normalise_key(canonical), canonical)
        known.setdefault(normalise_key(spec.label), canonical)
    headers = [h for h in frame.columns if h != ROW]
    renames = {h: known[normalise_key(h)] for h in headers if normalise_key(h) in known}
    dropped = [h for h in headers if h not in renames]

    targets = pd.Series(list(renames.values()))
    if targets.duplicated().any():
        twice = sorted(set(targets[targets.duplicated()]))
        raise InputFileError(
            f"Fichier {path} : plusieurs en-têtes correspondent à la même colonne {twice}. "
            "Corrigez la correspondance des en-têtes dans la configuration."
        )
    missing = [c for c in columns if c not in renames.values()]
    missing_required = [c for c in missing if columns[c].required]
    if missing_required:
        wanted = ", ".join(f"« {columns[c].label} » ({c})" for c in missing_required)
        raise InputFileError(
            f"Fichier {path} : colonne(s) obligatoire(s) absente(s) : {wanted}. "
            f"En-têtes trouvés : {', '.join(headers)}. Ajoutez la correspondance dans la "
            "configuration (section sources, columns)."
        )
    mapped = frame.rename(columns=renames)[[*renames.values(), ROW]]
    mapped = mapped.assign(**{c: pd.Series(None, index=frame.index, dtype=object) for c in missing})
    return mapped[[*columns, ROW]], dropped, [c for c in missing]


def ingest_source(name: str, config: PrefectureConfig, paths: PeriodPaths) -> SourceResult:
    """Read, validate and redact one source for every year of the history."""
    mapping = config.sources[name]
    spec = load_contract().sources[name]
    columns = source_columns(name, config)
    aliases = value_aliases(name, mapping, config)
    free_text = [c for c, s in columns.items() if s.type == "free_text"]
    result = SourceResult(name)
    for year in history_years(paths.period, config.history_years):
        relative = mapping.file.format(year=year)
        path = paths.raw / relative
        if not path.is_file():
            result.report.append(
                {"source": name, "year": year, "file": relative, "status": "absent"}
            )
            continue
        raw = read_raw(path, mapping.sheet, mapping.header_row)
        frame, dropped, missing = map_headers(raw.frame, mapping, columns, path)
        checked = validate(frame, spec, columns, aliases)
        kept = checked.kept.assign(
            **{column: redact(checked.kept[column]) for column in free_text},
            year=year,
            source_file=relative,
        )
        issues = checked.issues.assign(source=name, file=relative)
        issues["value"] = redact(issues["value"].astype("string")).fillna("")
        result.tables.append(kept)
        result.issues.append(issues)
        result.report.append(
            {
                "source": name, "year": year, "file": relative, "status": "lu",
                "rows_read": checked.rows_read, "rows_kept": len(kept),
                "rows_quarantined": checked.rows_read - len(kept), "empty_rows": raw.empty_rows,
                "dropped_columns": " | ".join(dropped), "missing_columns": " | ".join(missing),
            }
        )  # fmt: skip
    return result


def ingest(config: PrefectureConfig, paths: PeriodPaths) -> pd.DataFrame:
    """Ingest every configured source and the meeting file; return the ingestion report."""
    paths.processed.mkdir(parents=True, exist_ok=True)
    results = [ingest_source(name, config, paths) for name in config.sources]

    for result in results:
        target = paths.table(result.name)
        if result.tables:
            pd.concat(result.tables, ignore_index=True).to_parquet(target, index=False)
        else:
            target.unlink(missing_ok=True)  # no stale table from an earlier run

    issues = [frame for result in results for frame in result.issues]
    quarantine = pd.concat(issues, ignore_index=True) if issues else pd.DataFrame()
    quarantine = quarantine.reindex(columns=QUARANTINE_COLUMNS)
    quarantine.to_csv(paths.quarantine, index=False, sep=";", encoding="utf-8-sig")

    report = pd.DataFrame([row for result in results for row in result.report])
    report = report.reindex(columns=REPORT_COLUMNS)
    report.to_csv(paths.ingest_report, index=False, sep=";", encoding="utf-8-sig")

    meeting = read_meeting_file(paths.raw / config.meeting_file.format(year=paths.period))
    paths.meeting.write_text(meeting.model_dump_json(indent=2), encoding="utf-8")
    return report


def years_read(report: pd.DataFrame) -> list[int]:
    """The years for which at least one raw file was read (the trend shows only those)."""
    return sorted(int(y) for y in report.loc[report["status"] == "lu", "year"].unique())


def report_lines(report: pd.DataFrame) -> list[str]:
    """The accounting, in French, one line per source and year."""
    lines = []
    for row in report.itertuples():  # one line per file, for the log
        if row.status == "absent":
            lines.append(f"{row.source} {row.year} : fichier absent ({row.file}), source ignorée")
            continue
        lines.append(
            f"{row.source} {row.year} : {format_number(row.rows_read)} lignes lues = "
            f"{format_number(row.rows_kept)} gardées + {format_number(row.rows_quarantined)} "
            "en quarantaine"
        )
    return lines
