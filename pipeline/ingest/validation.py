"""Type and validate one source's rows against the data contract.

Each cell is parsed by its column's type (see :mod:`pipeline.parsing`); then the contract's
required values, bounds and row rules are checked column by column; then unique keys are
checked (the first occurrence is kept). A row with any problem is set aside: the result holds
the kept, typed rows and one issue per (row, column, reason). A figure's cell that says
« non suivi », « sans objet », « néant » or « aucune demande » is missing, and the word is kept
beside it (``<column>__mot``), so that the documents say what the export said.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
import pickle
from collections.abc import Iterator
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from pipeline.core.config import ColumnSpec, SourceSpec
from pipeline.ingest import parsing
from pipeline.ingest.readers import ROW

ISSUE_COLUMNS = ["row", "column", "value", "reason"]
_OPERATORS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}


class Validated(NamedTuple):
    kept: pd.DataFrame
    issues: pd.DataFrame  # row, column, value, reason — one line per problem
    rows_read: int


def parse_column(
    raw: pd.Series, spec: ColumnSpec, aliases: dict[str, str], year: int | None = None
) -> parsing.Parsed:
    """Parse a column of raw cells according to its contract type; an Excel error value
    (« #DIV/0! ») is an error in any column. ``year``: the file's year, for a month written
    without its year (« Janvier »)."""
    if spec.type in ("date", "month") and parsing.mostly_distinct(raw):
        raw = parsing.without_time(raw)  # (time stamps: their days, a few hundred)
    if parsing.mostly_distinct(raw):  # (request numbers): parsed as they stand
        return _parse_typed(raw, spec, aliases, year)
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    parsed = _parsed_distinct(uniques, spec, aliases, year)
    return parsing.Parsed(
        _spread(parsed.values, codes, raw.index), _spread(parsed.errors, codes, raw.index)
    )


_PARSED: dict[bytes, parsing.Parsed] = {}  # the distinct cells of a column, parsed, by content
_PARSED_KEPT = 256  # columns remembered (a sample's ingestion parses about a hundred)


def forget_parsed() -> None:
    """Forget the columns parsed so far."""
    _PARSED.clear()


def _parsed_distinct(uniques, spec: ColumnSpec, aliases, year) -> parsing.Parsed:
    """A column's distinct cells parsed (each once; text read by Arrow stays Arrow text).
    Remembered by content, spec, words and year: a process that ingests again files it has
    read (a notebook run twice, the tests' many damaged copies of the sample) parses only the
    columns that changed. Never mutated: callers spread them into new arrays."""
    cells = pickle.dumps((spec.model_dump_json(), sorted(aliases.items()), year, list(uniques)))
    key = hashlib.blake2b(cells, digest_size=16).digest()
    if key in _PARSED:
        _PARSED[key] = _PARSED.pop(key)  # the last used goes last: the least recently used
        return _PARSED[key]  # is forgotten first
    strings = isinstance(uniques.dtype, pd.StringDtype)
    distinct = pd.Series(uniques) if strings else pd.Series(uniques, dtype=object)
    parsed = _parse_typed(distinct, spec, aliases, year)
    if len(_PARSED) >= _PARSED_KEPT:
        _PARSED.pop(next(iter(_PARSED)))  # the least recently used
    _PARSED[key] = parsed
    return parsed


def _spread(values: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """The parsed distinct values back on every row (a code of -1, an empty cell, reads as
    missing, as every parser reads an empty cell)."""
    if isinstance(values.array, pd.arrays.ArrowStringArray) and not values.notna().any():
        # (a column's reasons, mostly none: no missing value taken a million times)
        nulls = pd.arrays.ArrowStringArray(pa.nulls(len(codes), pa.large_string()))
        return pd.Series(nulls, index=index, name=values.name)
    taken = values.array.take(codes, allow_fill=True)  # -1 → missing
    return pd.Series(taken, index=index, name=values.name)


def _parse_typed(raw: pd.Series, spec: ColumnSpec, aliases, year) -> parsing.Parsed:
    if spec.type == "category":
        return parsing.parse_category(raw, spec.allowed, aliases)
    if spec.type == "multi":
        return parsing.parse_multi(raw, spec.allowed, aliases)
    if spec.type == "mark":
        return parsing.parse_mark(raw, spec.min, spec.max, aliases)
    if spec.type == "boolean":
        return parsing.parse_boolean(raw, aliases)
    if spec.type == "free_text":
        return parsing.parse_text(raw)
    if spec.type in ("integer", "number"):
        return getattr(parsing, f"parse_{spec.type}")(raw, spec.unit)
    if spec.type in ("month", "deadline"):
        return getattr(parsing, f"parse_{spec.type}")(raw, year)
    return getattr(parsing, f"parse_{spec.type}")(raw)


def _parse_by_year(raw: pd.Series, spec: ColumnSpec, aliases, year) -> parsing.Parsed:
    """A column parsed once, or once per file year for a month (« Janvier » takes its year)."""
    if spec.type not in ("month", "deadline") or not isinstance(year, pd.Series):
        return parse_column(raw, spec, aliases, None if isinstance(year, pd.Series) else year)
    parts = [parse_column(raw[year.eq(y).fillna(False) if pd.notna(y) else year.isna()], spec,
                          aliases, None if pd.isna(y) else int(y))
             for y in year.unique()]  # fmt: skip
    return parsing.Parsed(
        pd.concat([p.values for p in parts]).reindex(raw.index),
        pd.concat([p.errors for p in parts]).reindex(raw.index),
    )


def _parsed_columns(raw: pd.DataFrame, columns: dict[str, ColumnSpec], aliases, year
                    ) -> Iterator[tuple[str, parsing.Parsed]]:  # fmt: skip
    """Every column parsed, one after the other (each given up by the caller before the next:
    a million rows' worth of readings and errors per column). Columns read alike (the same
    type, values, words, unit and marks, cells of the same kind: a survey's dozen criteria, a
    mystery call's ten « oui / non ») are parsed together: their distinct cells put end to end
    and parsed in one call, each column taking back its own part (a cell's reading depends on
    its column's reading rules only, never on the other cells)."""
    alike: dict[tuple, list[str]] = {}
    for name, spec in columns.items():
        words = aliases.get(name, {})
        by_year = spec.type in ("month", "deadline") and isinstance(year, pd.Series)
        alone = by_year or parsing.mostly_distinct(raw[name])
        marks = (spec.min, spec.max) if spec.type == "mark" else None
        key = (spec.type, spec.allowed, spec.unit, marks, tuple(sorted(words.items())),
               str(raw[name].dtype))  # fmt: skip
        alike.setdefault((name,) if alone else key, []).append(name)
    for names in alike.values():
        first = columns[names[0]]
        if len(names) == 1:
            yield names[0], _parse_by_year(raw[names[0]], first, aliases.get(names[0], {}), year)
            continue
        coded = [_small(*pd.factorize(raw[name], use_na_sentinel=True)) for name in names]
        pool = pd.concat([pd.Series(uniques, dtype=raw[name].dtype)
                          for name, (_, uniques) in zip(names, coded, strict=True)],
                         ignore_index=True)  # fmt: skip
        together = _parsed_distinct(pool.array, first, aliases.get(names[0], {}),
                                    None if isinstance(year, pd.Series) else year)  # fmt: skip
        start = 0
        for name, (codes, uniques) in zip(names, coded, strict=True):
            own = slice(start, start + len(uniques))
            part = parsing.Parsed(*(s.iloc[own].reset_index(drop=True) for s in together))
            yield name, parsing.Parsed(_spread(part.values, codes, raw.index),
                                       _spread(part.errors, codes, raw.index))  # fmt: skip
            start += len(uniques)


def _small(codes: np.ndarray, uniques) -> tuple[np.ndarray, object]:
    """A column's codes in the smallest integers that hold them (the columns of a group wait
    together to be spread: 8 bytes a cell would be a hundred megabytes at a million rows)."""
    kind = np.result_type(np.min_scalar_type(-1), np.min_scalar_type(len(uniques)))
    return codes.astype(kind, copy=False), uniques


def _row_rule_holds(df: pd.DataFrame, left: str, op: str, right: str) -> pd.Series:
    """True where the rule holds or cannot be judged (a value is missing)."""
    unknown = df[left].isna() | df[right].isna()
    return (_OPERATORS[op](df[left], df[right]).astype("boolean").fillna(True) | unknown).astype(
        bool
    )


MISSING = "valeur obligatoire manquante"
_BOUNDS = (
    ("min", operator.lt, "valeur inférieure au minimum ({:g})"),
    ("max", operator.gt, "valeur supérieure au maximum ({:g})"),
)


def _schema_issues(typed: pd.DataFrame, columns, source: SourceSpec) -> pd.DataFrame:
    """Required values, bounds and row rules, checked column by column on the typed frame, as
    (index, column, reason); a broken row rule names its left side. A missing value breaks no
    bound and no rule (only « required »)."""
    found = []

    def add(where, column: str, reason: str) -> None:
        where = np.asarray(where, dtype=bool)
        if where.any():
            found.append(pd.DataFrame({"index": typed.index[where], "column": column,
                                       "reason": reason}))  # fmt: skip

    for name, spec in columns.items():
        values = typed[name]
        if spec.required:
            add(values.isna(), name, MISSING)
        for bound, beyond, reason in _BOUNDS:
            limit = getattr(spec, bound)
            if limit is not None and spec.type != "mark":
                add(beyond(values, limit).astype("boolean").fillna(False), name,
                    reason.format(limit))  # fmt: skip
    for check in source.checks:
        left, op, right = check.parts
        add(~_row_rule_holds(typed, left, op, right), left, check.message)
    if not found:
        return pd.DataFrame(columns=["index", "column", "reason"])
    return pd.concat(found, ignore_index=True).drop_duplicates()


def _duplicate_issues(typed: pd.DataFrame, columns, source: SourceSpec) -> pd.DataFrame:
    keys = [[name] for name, spec in columns.items() if spec.unique]
    if source.unique_together:
        keys.append(list(source.unique_together))
    found = []
    within = [FILE] if FILE in typed else []  # a key repeats within a file, not across
    for key in keys:
        present = typed[key].notna().all(axis=1)
        duplicated = typed[key + within].duplicated(keep="first") & present
        if not duplicated.any():
            continue
        named = " + ".join(f"« {columns[k].label} »" for k in key)
        reason = f"doublon de {named} (la première occurrence est gardée)"
        found.append(
            pd.DataFrame({"index": typed.index[duplicated], "column": key[0], "reason": reason})
        )
    return pd.concat(found) if found else pd.DataFrame(columns=["index", "column", "reason"])


FILE = "_file"  # the file a row comes from, when several files are validated together


def validate(
    raw: pd.DataFrame,
    source: SourceSpec,
    columns: dict[str, ColumnSpec],
    aliases: dict[str, dict[str, str]] | None = None,
    year: int | None | pd.Series = None,
) -> Validated:
    """Typed, valid rows of ``raw`` (canonical column names + ``_row``) and the issues found.

    ``raw`` may hold several files of a source, told apart by a ``_file`` column (kept on the
    rows and the issues): each distinct cell is then parsed once for all of them, duplicates are
    looked for within each file, and ``year`` may be each row's file year."""
    aliases = aliases or {}
    typed, parse_issues = {}, {}
    for name, parsed in _parsed_columns(raw, columns, aliases, year):
        spec = columns[name]
        typed[name] = parsed.values if spec.default is None else parsed.values.fillna(spec.default)
        bad = parsed.errors.notna()
        if bad.any():  # (most columns read whole: no frame of no issue)
            parse_issues[name] = pd.DataFrame(
                {"index": raw.index[bad], "column": name, "reason": parsed.errors[bad]}
            )
        del parsed, bad  # (the column's errors given up before the next is parsed)
    values_of = {name: typed[name] for name in columns}  # in the contract's order
    parse_issues = [parse_issues[name] for name in columns if name in parse_issues]
    typed = pd.DataFrame(values_of, index=raw.index, copy=False)
    files = {FILE: raw[FILE]} if FILE in raw else {}

    issues = pd.concat(
        [
            *parse_issues,
            _schema_issues(typed, columns, source),
            _duplicate_issues(typed.assign(**files), columns, source),
        ],
        ignore_index=True,
    )
    # A cell that could not be read is reported once, not again as "missing".
    issues = issues.drop_duplicates(subset=["index", "column"], keep="first")
    issues["index"] = issues["index"].astype(int)

    values = [
        "" if columns[col].type == "free_text" else raw.at[idx, col]
        for idx, col in zip(issues["index"], issues["column"], strict=True)
    ]  # one lookup per issue (a handful), never per data row
    issue_frame = pd.DataFrame(
        {
            "row": raw.loc[issues["index"], ROW].to_numpy(),
            "column": issues["column"].to_numpy(),
            "value": pd.Series(values, dtype=object).map(_display).to_numpy(),
            "reason": issues["reason"].to_numpy(),
            "month": _month_of(typed, source, columns, issues["index"]),
            **({FILE: raw.loc[issues["index"], FILE].to_numpy()} if files else {}),
        }
    ).sort_values([*files, "row", "column"], ignore_index=True)

    for name, spec in columns.items():  # a figure's « non suivi », « néant »… kept as written
        if spec.type in ("integer", "number", "percent"):
            words = parsing.not_applicable_words(raw[name])
            if words.notna().any():
                values_of[parsing.written_word_column(name)] = words
    good = ~raw.index.isin(issues["index"])
    del typed  # the good rows taken column by column: never two copies of the whole table
    kept = {name: values_of.pop(name)[good].reset_index(drop=True) for name in list(values_of)}
    kept["source_row"] = raw.loc[good, ROW].astype("int64").reset_index(drop=True)
    if files:
        kept[FILE] = raw.loc[good, FILE].reset_index(drop=True)
    return Validated(pd.DataFrame(kept, copy=False), issue_frame, len(raw))


def _month_of(typed: pd.DataFrame, source: SourceSpec, columns, rows: pd.Series) -> np.ndarray:
    """The month (« 2022-12 ») of each quarantined row whose period column could be read, so
    that a month set aside says so instead of reading « non suivi »; "" otherwise."""
    column = source.period_column
    if column not in typed or columns[column].type not in ("date", "month"):
        return np.full(len(rows), "", dtype=object)
    months = typed.loc[rows.to_numpy(), column].dt.strftime("%Y-%m")
    return months.astype(object).where(months.notna(), "").to_numpy()


def _display(value) -> str:
    """A cell as the export showed it: « 12 » for a whole number (not « 12.0 »), a date as
    « 14/04/2022 », a time as « 14:30 »."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.strftime("%d/%m/%Y" if (value.hour, value.minute) == (0, 0) else
                              "%d/%m/%Y %H:%M")  # fmt: skip
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)[:80]
