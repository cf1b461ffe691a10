"""Ingestion: raw exports → validated, typed, redacted tables in data/processed/<period>/.

For each source of the data contract and each year read (the period and the previous ones, for
trends): read the file, map its headers to canonical names, type and validate the rows,
redact free text, and keep the row's origin (``year``, ``source_file``, ``source_row``).
Rows that fail go to ``quarantine.csv`` with file, row, column and reason; the report accounts,
per file, for rows read = rows kept + rows quarantined + rows set aside. A row counts in the year
of its period column: dated in another year than its file, it is quarantined; in an export of
several years, a row of a year the run does not read is set aside. data/raw is only read.
"""

from __future__ import annotations

import difflib
import hashlib
import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.core.config import (
    ColumnSpec,
    PrefectureConfig,
    SourceMapping,
    load_contract,
    load_questions,
)
from pipeline.core.context import source_files
from pipeline.core.exceptions import InputFileError
from pipeline.core.inert import inert_csv
from pipeline.core.meeting import check_labelling, read_meeting_file
from pipeline.core.paths import PeriodPaths
from pipeline.core.periods import history_years
from pipeline.core.writing import make_folder, replacing, write_bytes, write_text
from pipeline.ingest.memory import release_freed_memory
from pipeline.ingest.parsing import distinct_pool, folded_text, normalise_key, spread_pool
from pipeline.ingest.processed import empty_source, quarantine_table, source_columns
from pipeline.ingest.readers import ROW, read_raw, sheet_heads
from pipeline.ingest.redaction import redact, redact_columns, redact_text
from pipeline.ingest.report import source_title
from pipeline.ingest.validation import FILE, Validated, validate

# The quarantine as a quality officer reads it: the source and column as the export names them,
# the cell as it was typed, the reason; the contract's codes beside, for whoever fixes a mapping.
REPORT_COLUMNS = [
    "source", "year", "file", "status", "rows_read", "rows_kept", "rows_quarantined",
    "rows_set_aside", "set_aside_reason", "years", "empty_rows", "dropped_columns",
    "missing_columns",
]  # fmt: skip
OUT_OF_YEARS = "hors des années lues, {first} à {last}"


@dataclass
class SourceResult:
    name: str
    tables: list[pd.DataFrame] = field(default_factory=list)
    issues: list[pd.DataFrame] = field(default_factory=list)
    report: list[dict] = field(default_factory=list)
    key: bytes | None = None  # its inputs' digest, when the process remembers it


def value_aliases(name: str, mapping: SourceMapping, config: PrefectureConfig):
    """Per column, the préfecture's own words for allowed values (plus survey synonyms)."""
    aliases = {column: dict(words) for column, words in mapping.values.items()}
    if load_contract().sources[name].question_catalogue:
        catalogue = load_questions(config, name)
        for question in catalogue.satisfaction_questions:
            aliases.setdefault(question.column, {}).update(catalogue.not_concerned_aliases())
    return aliases


def recognised_headers(
    headers: list[str], mapping: SourceMapping, columns: dict[str, ColumnSpec]
) -> dict[str, str]:
    """The export's headers the pipeline recognises, each with its canonical column: through
    the configuration's mapping, or equal to a canonical name or its French label (ignoring
    case and accents), or to one of the column's usual headers (``headers`` in the contract)."""
    known = {normalise_key(header): canonical for header, canonical in mapping.columns.items()}
    for canonical, spec in columns.items():
        known.setdefault(normalise_key(canonical), canonical)
        known.setdefault(normalise_key(spec.label), canonical)
    found = {h: known[normalise_key(h)] for h in headers if normalise_key(h) in known}
    # a column still unread takes the first of its usual headers the export has (a platform's
    # own file: « Écrit le » before « Date de publication »), never two of them
    others = {normalise_key(h): h for h in headers if h not in found}
    taken = set(found.values())
    for canonical, spec in columns.items():
        usual = [others[key] for key in map(normalise_key, spec.headers) if key in others]
        if canonical not in taken and usual:
            found[usual[0]] = canonical
            others.pop(normalise_key(usual[0]))
    return found


def map_headers(
    frame: pd.DataFrame, mapping: SourceMapping, columns: dict[str, ColumnSpec], path: Path
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Rename the export's headers to canonical names.

    A header is recognised through the configuration's mapping, or when it equals a canonical
    name or its French label (ignoring case and accents). Returns the frame restricted to the
    canonical columns (missing optional ones added empty), the dropped headers and the missing
    optional columns. A missing required column is an error that lists the headers found.
    """
    headers = [h for h in frame.columns if h != ROW]
    renames = recognised_headers(headers, mapping, columns)
    dropped = [h for h in headers if h not in renames]

    targets = pd.Series(list(renames.values()), index=list(renames))
    if targets.duplicated().any():
        clashes = "\u00a0; ".join(
            " et ".join(f"« {h} »" for h in targets[targets == canonical].index)
            + f" désignent tous la colonne « {columns[canonical].label} »"
            for canonical in dict.fromkeys(targets[targets.duplicated()])
        )
        raise InputFileError(
            f"Fichier {path} : {clashes}. Gardez une seule de ces colonnes dans l'export, ou "
            "corrigez la correspondance des en-têtes dans la configuration (sources, columns)."
        )
    missing = [c for c in columns if c not in renames.values()]
    missing_required = [c for c in missing if columns[c].required]
    if missing_required:
        wanted = ", ".join(f"« {columns[c].label} » ({c})" for c in missing_required)
        raise InputFileError(
            f"Fichier {path} : colonne(s) obligatoire(s) absente(s) : {wanted}. "
            f"En-têtes trouvés : {', '.join(redact_text(h) for h in headers)}. Ajoutez la "
            "correspondance dans la "
            "configuration (section sources, columns)."
        )
    mapped = frame.rename(columns=renames)[[*renames.values(), ROW]]
    mapped = mapped.assign(**{c: pd.Series(None, index=frame.index, dtype=object) for c in missing})
    return mapped[[*columns, ROW]], dropped, [c for c in missing]


def row_years(values: pd.Series, column_type: str) -> pd.Series:
    """The year of each row from its typed period column (<NA> where it has none)."""
    if column_type in ("date", "month"):
        return values.dt.year.astype("Int64")
    if column_type == "quarter":
        return pd.to_numeric(values.astype("string").str.slice(0, 4), errors="coerce").astype(
            "Int64"
        )
    return pd.to_numeric(values, errors="coerce").astype("Int64")


def _year_checks(
    checked, frame: pd.DataFrame, spec, file_year: int | None, years: list[int]
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Give each kept row its year; rows that cannot be counted in the years read leave.

    A file of a year (``{year}`` in its name): a row dated in another year is quarantined
    (never counted in another year), unless the source takes its year from the file (a survey
    campaign). One export of several years: each row counts in the year of its period column;
    a row of a year the run does not read is set aside (counted, not an error). Returns the
    kept rows with ``year``, the new issues and the number of rows set aside.
    """
    kept, column = checked.kept, spec.period_column
    column_type = source_spec_type(spec, column)
    dated = row_years(kept[column], column_type) if column in kept else None
    if file_year is not None and (spec.year_from_file or dated is None):
        return kept.assign(year=file_year), _no_issues(), 0
    if file_year is not None:
        wrong = dated.notna() & dated.ne(file_year).fillna(False)
        if not wrong.any():  # the usual case: no copy of the rows
            return kept.assign(year=file_year), _no_issues(), 0
        reason = dated[wrong].map(lambda y: f"daté de {y} dans le fichier de {file_year}")
        issues = _issues_at(kept[wrong], frame, column, reason)
        return kept[~wrong].assign(year=file_year), issues, 0
    undated = dated.isna()
    issues = _issues_at(
        kept[undated], frame, column,
        pd.Series("date manquante : l'année ne peut être déduite (fichier de plusieurs années)",
                  index=kept.index[undated]),
    )  # fmt: skip
    outside = ~undated & ~dated.isin(years).fillna(False)
    keep = ~undated & ~outside
    return kept[keep].assign(year=dated[keep].astype("int64")), issues, int(outside.sum())


def source_spec_type(spec, column: str) -> str:
    return spec.columns[column].type if column in spec.columns else "date"


def _no_issues() -> pd.DataFrame:
    return pd.DataFrame(columns=["row", "column", "value", "reason"])


def _issues_at(rows: pd.DataFrame, frame: pd.DataFrame, column: str, reasons: pd.Series):
    """Issues for some kept rows: their row number, the column and the raw cell as typed."""
    if rows.empty:
        return _no_issues()
    raw = frame.set_index(ROW)[column] if column in frame else pd.Series(dtype=object)
    values = raw.reindex(rows["source_row"].to_numpy()).astype("string").fillna("")
    return pd.DataFrame(
        {"row": rows["source_row"].to_numpy(), "column": column,
         "value": values.str.slice(0, 80).to_numpy(), "reason": reasons.to_numpy()}
    )  # fmt: skip


WHOLE_LINE = "(ligne entière)"  # the column of an issue about a whole line
# (a pattern as text, which Arrow runs; \b as Arrow reads it: a word boundary)
TOTAL_WORDS = r"^(?:sous[ -]?)?tota(?:l|ux)\b|^ensemble$|^cumul\b|^moyenne$"
MAY_BE_TOTAL = r"(?i)^[\s\pZ]*(?:sous|tota|ensemble|cumul|moyenne)"  # none has an accent
TOTAL_LINE = "ligne de total ou de sous-total de l'export (jamais comptée)"


def _total_words(texts: pd.Series) -> pd.Series:
    """Whether each label is a total word; only labels that start like one are folded and
    matched."""
    found = np.zeros(len(texts), dtype=bool)
    may = texts.str.contains(MAY_BE_TOTAL, regex=True).fillna(False).to_numpy(bool)
    if may.any():
        folded = folded_text(texts[may]).str.strip()
        found[may] = folded.str.contains(TOTAL_WORDS, regex=True).fillna(False).to_numpy(bool)
    return pd.Series(found, index=texts.index, dtype="boolean")


def total_lines(frame: pd.DataFrame, spec, columns: dict[str, ColumnSpec]) -> pd.Series:
    """True for the lines an export adds to its data: « Total », « Sous-total », « Ensemble »,
    « Cumul » in a label column (the period, an identifier, a category), and, in a table of
    figures, a line without period whose numbers are the sums of the lines above."""
    labels = [c for c, s in columns.items()
              if c == spec.period_column or s.unique or s.type in ("category", "text")]  # fmt: skip
    # each distinct label of every label column looked at once, in one pass over all of them;
    # spread back on the lines only when one is a total word (an export seldom has one)
    coded, pool = distinct_pool(frame, labels)
    words = _total_words(pool)
    marked = (
        pd.DataFrame(spread_pool(frame, labels, coded, words), index=frame.index)
        .fillna(False).any(axis=1)
        if words.any() else pd.Series(False, index=frame.index)
    )  # fmt: skip
    if spec.kind != "figures":
        return marked
    counts = [c for c, s in columns.items() if s.type in ("integer", "number")]
    unlabelled = frame[spec.period_column].isna() | frame[spec.period_column].astype(
        "string"
    ).str.strip().eq("")
    if not counts or not unlabelled.any():
        return marked
    numbers = frame[counts].apply(lambda col: pd.to_numeric(col, errors="coerce"))  # few columns
    sums = numbers[~unlabelled & ~marked].sum()
    equal = numbers.eq(sums) | numbers.isna()
    return marked | (unlabelled & numbers.notna().any(axis=1) & equal.all(axis=1))


def check_duplicates(raw, mapping: SourceMapping, columns: dict[str, ColumnSpec], path: Path):
    """Refuse a header the pipeline reads that the export writes twice: it cannot tell which
    column holds the values (a column it does not read may be written twice)."""
    read = recognised_headers(list(raw.duplicates), mapping, columns)
    if read:
        where = f" (onglet « {raw.sheet} »)" if raw.sheet else ""
        places = "\u00a0; ".join(
            f"« {header} » (colonnes {', '.join(raw.duplicates[header])})" for header in read
        )
        raise InputFileError(
            f"Fichier {path}{where} : plusieurs colonnes ont le même en-tête : {places}. "
            "Renommez ou supprimez la colonne en double dans l'export, puis relancez."
        )


def _header_row_of(grid: pd.DataFrame, mapping, columns) -> int | None:
    """The row (1-based) of a grid that holds the source's required headers, if one does."""
    required = {c for c, spec in columns.items() if spec.required}
    for index in range(len(grid)):  # the first rows of a sheet only
        cells = [str(v).strip() for v in grid.iloc[index] if isinstance(v, str) and v.strip()]
        if required <= set(recognised_headers(cells, mapping, columns).values()):
            return index + 1
    return None


def header_hint(raw, path: Path, mapping: SourceMapping, columns) -> str:
    """Where the source's headers are when they are not where the configuration says: another
    row (title rows above them), or another sheet of the workbook."""
    if raw.head is not None:
        row = _header_row_of(raw.head, mapping, columns)
        if row is not None and row != mapping.header_row:
            return (
                f"Les en-têtes attendus sont à la ligne {row} : indiquez « header_row: {row} » "
                "pour cette source dans la configuration."
            )
    if raw.sheet is not None and len(raw.sheets) > 1:
        for name, head in sheet_heads(path).items():
            if name == raw.sheet:
                continue
            row = _header_row_of(head, mapping, columns)
            if row is not None:
                rows = f" et « header_row: {row} »" if row != 1 else ""
                return (
                    f"L'onglet lu est « {raw.sheet} », mais les colonnes attendues sont dans "
                    f"l'onglet « {name} » : indiquez « sheet: {name} »{rows} pour cette source "
                    "dans la configuration."
                )
    return ""


def likely_folder(path: Path) -> Path | None:
    """A folder beside the expected one whose name holds the same year (« Année 2022 » for
    « 2022 »), when the expected one does not exist."""
    folder = path.parent
    if folder.is_dir() or not folder.parent.is_dir():
        return None
    siblings = [p for p in folder.parent.iterdir() if p.is_dir() and p.name != folder.name]
    near = [p for p in siblings if folder.name in p.name]
    near = near or [folder.parent / n for n in difflib.get_close_matches(
        folder.name, [p.name for p in siblings], n=1, cutoff=0.8)]  # fmt: skip
    return near[0] if near else None


def likely_file(path: Path) -> Path | None:
    """A file of the same folder whose name is close to the one expected (a typo, a date
    suffix): named to the user rather than silently taken as « absent »."""
    if not path.parent.is_dir():
        return None
    names = [p.name for p in path.parent.iterdir() if p.is_file()]
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.8)
    return path.parent / close[0] if close else None


_INGESTED: dict[bytes, SourceResult] = {}  # sources already ingested by this process, by inputs
_WRITTEN: dict[bytes, bytes] = {}  # the processed table (parquet) a remembered source made
_INGESTED_KEPT = 48  # sources remembered (a sample's ingestion has a dozen)
_REMEMBERED_BYTES = 4 * 2**20  # a source whose files weigh more is ingested each time


def forget_ingested() -> None:
    """Forget the sources and the columns this process has ingested (a benchmark measures
    ingestion from scratch)."""
    from pipeline.ingest import validation

    _INGESTED.clear()
    _WRITTEN.clear()
    validation.forget_parsed()


def _inputs_key(
    name: str, config: PrefectureConfig, paths: PeriodPaths, columns: dict, aliases: dict
) -> bytes | None:
    """What a source's ingestion reads, as a digest: the whole configuration, the contract's
    columns (with the question catalogue's), the préfecture's words, and each file's bytes (for
    an absent file, what stands beside it: its near names are told to the user). None for a
    source too heavy to keep in memory."""
    parts: list = [name, config.model_dump_json(), str(paths.raw), paths.period,
                   [(c, s.model_dump_json()) for c, s in columns.items()], aliases]  # fmt: skip
    weight = 0
    for file_year, path in source_files(config, paths, name):
        if path.is_file():
            weight += path.stat().st_size
            if weight > _REMEMBERED_BYTES:
                return None
            parts.append((file_year, str(path), hashlib.blake2b(path.read_bytes()).digest()))
        else:
            beside = [sorted(p.name for p in f.iterdir()) if f.is_dir() else None
                      for f in (path.parent, path.parent.parent)]  # fmt: skip
            parts.append((file_year, str(path), beside))
    return hashlib.blake2b(pickle.dumps(parts), digest_size=16).digest()


def ingest_source(name: str, config: PrefectureConfig, paths: PeriodPaths) -> SourceResult:
    """Read, validate and redact one source for every year of the history.

    Remembered by its inputs (:func:`_inputs_key`): a process that ingests again files it has
    read (a notebook run twice, the tests' damaged copies of the sample, each damaging one
    source) reads only the sources that changed. A source that fails is never remembered."""
    mapping = config.sources[name]
    columns = source_columns(name, config)
    aliases = value_aliases(name, mapping, config)
    key = _inputs_key(name, config, paths, columns, aliases)
    if key is None or key not in _INGESTED:
        result = _ingest_source(name, config, paths, columns, aliases)
        if key is None:
            return result
        if len(_INGESTED) >= _INGESTED_KEPT:
            oldest = next(iter(_INGESTED))  # the least recently used
            _INGESTED.pop(oldest)
            _WRITTEN.pop(oldest, None)
        _INGESTED[key] = result
    # the last used goes last, so that the least recently used is forgotten first (a damaged
    # copy's one source, never the sources every copy shares)
    kept = _INGESTED[key] = _INGESTED.pop(key)
    tables, issues = list(kept.tables), list(kept.issues)  # new lists: callers empty them
    return SourceResult(name, tables, issues, [dict(r) for r in kept.report], key)


def _ingest_source(
    name: str, config: PrefectureConfig, paths: PeriodPaths, columns: dict, aliases: dict
) -> SourceResult:
    mapping = config.sources[name]
    spec = load_contract().sources[name]
    # Every column a person can type into (free text and short text) is redacted.
    typed = [c for c, s in columns.items() if s.type in ("free_text", "text") and s.redact]
    years = history_years(paths.period, config.history_years)
    result = SourceResult(name)
    files = []  # (file year, path, base, raw table, mapped frame, dropped, missing, totals)
    for file_year, path in source_files(config, paths, name):
        shown = relative_to(path, paths.raw)
        base = {"source": name, "year": file_year, "file": shown}
        if not path.is_file():
            folder = likely_folder(path)
            if folder is not None:
                raise InputFileError(
                    f"{source_title(name)} : dossier {relative_to(path.parent, paths.raw)} "
                    f"introuvable, mais « {folder.name} » est à côté. Renommez le dossier en "
                    f"« {path.parent.name} », ou corrigez `file` dans la configuration."
                )
            near = likely_file(path)
            if near is not None:
                raise InputFileError(
                    f"{source_title(name)} : fichier {shown} introuvable, mais "
                    f"{relative_to(near, paths.raw)} est dans le même dossier. Renommez-le, ou "
                    f"corrigez `file` de la source {name} dans la configuration."
                )
            files.append(base)  # its place in the report, in the order of the files
            continue
        raw = read_raw(path, mapping.sheet, mapping.header_row)
        shown_path = f"{path} (onglet « {raw.sheet} »)" if raw.sheet else path
        try:
            frame, dropped, missing = map_headers(raw.frame, mapping, columns, shown_path)
        except InputFileError as error:
            hint = header_hint(raw, path, mapping, columns)
            raise InputFileError(f"{error} {hint}" if hint else str(error)) from None
        check_duplicates(raw, mapping, columns, path)
        totals = total_lines(frame, spec, columns)
        raw = replace(raw, frame=raw.frame.iloc[:0], head=None)  # its cells are in ``frame``
        files.append((file_year, path, base, raw, frame, dropped, missing, totals))
    # every file of the source typed and checked at once: each distinct cell is parsed once
    present = [entry for entry in files if isinstance(entry, tuple)]
    together = pd.concat(
        alike_texts([(entry[4][~entry[7]] if entry[7].any() else entry[4]).assign(**{FILE: n})
                     for n, entry in enumerate(present)]),
        ignore_index=True,
    ) if present else None  # fmt: skip
    # each file keeps only the cells its year checks quote: its other cells are in ``together``
    period = [ROW, *[c for c in [spec.period_column] if c in columns]]
    files = [(*e[:4], e[4][period], *e[5:]) if isinstance(e, tuple) else e for e in files]
    file_years = pd.Series([entry[0] for entry in present], dtype="Int64")
    del present
    if together is not None:
        years_of_rows = file_years.reindex(together[FILE]).set_axis(together.index)
        rows_of_file = together[FILE].value_counts()
        all_checked = validate(together, spec, columns, aliases, years_of_rows)
        del together, years_of_rows  # the raw cells given up before the texts are redacted
        release_freed_memory()
        if typed:  # every file's texts redacted in one pass (each rule's needle found once)
            kept_rows = all_checked.kept
            quoted = tuple(c for c in typed if columns[c].type == "free_text")
            all_checked = all_checked._replace(
                kept=kept_rows.assign(**redact_columns(kept_rows, typed, quoted))
            )
            del kept_rows
    number = -1
    for entry in files:
        if not isinstance(entry, tuple):
            result.report.append({**entry, "status": "absent"})
            continue
        number += 1
        file_year, path, base, raw, frame, dropped, missing, totals = entry
        shown = base["file"]
        checked = _of_file(all_checked, number, int(rows_of_file.get(number, 0)))
        dated, year_issues, out_of_years = _year_checks(checked, frame, spec, file_year, years)
        kept = dated.assign(source_file=shown)
        ragged = pd.DataFrame(
            {"row": [n for n, _ in raw.bad_lines], "column": WHOLE_LINE, "value": "",
             "reason": [why for _, why in raw.bad_lines]}
        )  # fmt: skip
        issues = pd.concat([checked.issues, year_issues, ragged], ignore_index=True)
        recognised = recognised_headers(list(raw.frame.columns), mapping, columns)
        # each column as the export names it (the contract's label for a column it lacks)
        shown_as = {c: spec.label for c, spec in columns.items()}
        shown_as |= {c: h for h, c in recognised.items()} | {WHOLE_LINE: WHOLE_LINE}
        issues = issues.assign(
            source=name, title=spec.title, file=shown, header=issues["column"].map(shown_as)
        )
        result.tables.append(kept)
        result.issues.append(issues)
        found = sorted(int(y) for y in kept["year"].unique())
        set_aside = int(totals.sum()) + out_of_years
        reasons = [TOTAL_LINE] * bool(totals.any())
        reasons += [OUT_OF_YEARS.format(first=years[0], last=years[-1])] * bool(out_of_years)
        read = len(frame) + len(raw.bad_lines)
        result.report.append(
            {
                **base, "status": "lu",
                "rows_read": read, "rows_kept": len(kept),
                "rows_quarantined": read - len(kept) - set_aside,
                "rows_set_aside": set_aside, "set_aside_reason": " ; ".join(reasons),
                "years": " ".join(str(y) for y in (found or ([file_year] if file_year else []))),
                "empty_rows": raw.empty_rows,
                "dropped_columns": " | ".join(redact_text(h) for h in dropped),
                "missing_columns": " | ".join(missing),
            }
        )  # fmt: skip
    _redact_issue_values(result.issues)
    return result


def alike_texts(frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """The frames of a source's files, a column of texts held alike in all of them.

    A large workbook read by blocks, like a CSV export, holds a column of texts as Arrow text,
    an empty cell « »; a small workbook read whole holds it as Python texts, an empty cell
    missing. Put end to end as they are, pandas would make every Arrow text of a million rows
    a Python string (1,5 GiB for a survey's columns): the other files' column is made Arrow
    text instead, an empty cell « », as a reading by blocks would have given it. A column
    holding anything else than texts (a number, a date) is left as it is."""
    texts = {}
    for frame in frames:
        for column, dtype in frame.dtypes.items():
            if isinstance(dtype, pd.StringDtype):
                texts.setdefault(column, dtype)
    if not texts:
        return frames
    alike = []
    for frame in frames:
        made = {}
        for column, dtype in texts.items():
            if column not in frame or frame[column].dtype != object:
                continue
            values = frame[column]
            present = values.notna().to_numpy()
            if all(isinstance(value, str) for value in values.to_numpy()[present]):
                made[column] = pd.array(values.where(present, "").to_numpy(), dtype=dtype)
        alike.append(frame.assign(**made) if made else frame)
    return alike


def _redact_issue_values(issues: list[pd.DataFrame]) -> None:
    """The cells quoted by every file's issues redacted in one pass, in place."""
    if not any(len(frame) for frame in issues):
        return
    values = redact(pd.concat([frame["value"] for frame in issues], ignore_index=True)
                    .astype("string")).fillna("")  # fmt: skip
    start = 0
    for frame in issues:
        frame["value"] = values.iloc[start : start + len(frame)].to_numpy()
        start += len(frame)


def _of_file(checked: Validated, number: int, rows: int) -> Validated:
    """The rows and issues of one of the files validated together: the files follow one another
    in both tables, so each is a slice (no copy of a million rows)."""

    def rows_of(frame: pd.DataFrame) -> pd.DataFrame:
        start, end = np.searchsorted(frame[FILE].to_numpy(), [number, number + 1])
        return frame.iloc[start:end].drop(columns=FILE).reset_index(drop=True)

    return Validated(rows_of(checked.kept), rows_of(checked.issues), rows)


def relative_to(path: Path, folder: Path) -> str:
    """A raw file as the log shows it: relative to the raw folder."""
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)


def _write_table(frames: list[pd.DataFrame], target: Path) -> None:
    """The files' tables written as one: their Arrow columns put end to end (no copy of a
    million rows, as a pandas concatenation would make)."""
    tables = [pa.Table.from_pandas(frame, preserve_index=False) for frame in frames]
    frames.clear()
    # (no column statistics: nothing reads a processed table by ranges of values, and they cost
    # a fifth of the writing of a million rows)
    table = pa.concat_tables(tables, promote_options="permissive")
    with replacing(target) as temporary:
        pq.write_table(table, temporary, write_statistics=False)


def ingest(config: PrefectureConfig, paths: PeriodPaths) -> pd.DataFrame:
    """Ingest every configured source and the meeting file; return the ingestion report.

    Every configured source gets its table, empty (with its contract's columns and types) when
    it has no file, so that no later step reads a table that may not exist. The meeting file
    is optional here (only the deck and the minutes need it).
    """
    make_folder(paths.processed)
    # the meeting file first: an error in it is told at once, not after every export is read
    meeting_path = paths.raw / config.meeting_file.format(year=paths.period)
    meeting = read_meeting_file(meeting_path) if meeting_path.is_file() else None
    if meeting is not None:
        check_labelling(meeting, config, meeting_path)
    results = []
    for name in config.sources:  # each table written, then let go: one source in memory
        result = ingest_source(name, config, paths)
        target = paths.table(name)
        if result.key in _WRITTEN:  # the same table as the last time: its bytes again
            write_bytes(target, _WRITTEN[result.key])
        elif result.tables:
            _write_table(result.tables, target)
        else:
            with replacing(target) as temporary:
                empty_source(name, config).to_parquet(temporary, index=False)
        if result.key in _INGESTED and result.key not in _WRITTEN:  # (too heavy: no key)
            _WRITTEN[result.key] = target.read_bytes()
        result.tables.clear()
        if result.key is None:  # a heavy source: what it freed given back before the next
            release_freed_memory()
        results.append(result)

    quarantine = quarantine_table([frame for result in results for frame in result.issues])
    with replacing(paths.quarantine) as temporary:
        inert_csv(quarantine).to_csv(temporary, index=False, sep=";", encoding="utf-8-sig")

    report = pd.DataFrame([row for result in results for row in result.report])
    report = report.reindex(columns=REPORT_COLUMNS)
    with replacing(paths.ingest_report) as temporary:
        inert_csv(report).to_csv(temporary, index=False, sep=";", encoding="utf-8-sig")

    if meeting is not None:
        write_text(paths.meeting, meeting.model_dump_json(indent=2))
    else:
        paths.meeting.unlink(missing_ok=True)  # never the meeting of another configuration
    return report


def years_read(report: pd.DataFrame) -> list[int]:
    """The years for which at least one raw file holds data (the trend shows only those)."""
    read = report.loc[report["status"] == "lu", "years"].dropna().astype(str)
    return sorted({int(float(y)) for text in read for y in text.split()})  # « 2022 » or 2022.0


def files_read(report: pd.DataFrame) -> dict[str, set[int]]:
    """Per source, the years whose own file was read (even with no row in it)."""
    read = report[(report["status"] == "lu") & report["year"].notna()]
    found: dict[str, set[int]] = {}
    for source, year in zip(read["source"], read["year"], strict=True):
        found.setdefault(source, set()).add(int(year))
    return found
