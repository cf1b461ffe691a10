"""Vectorised parsers for the values found in French exports.

Each ``parse_<type>(raw)`` takes a Series of raw cell values (strings, numbers, dates… as the
reader returns them) and returns a :class:`Parsed`: the typed values, and a reason (in French)
for every cell that holds something that could not be read. Empty cells and the
not-applicable words ("Sans objet", "néant", "non suivi", "aucune demande"…) become missing
values, never zero, and are not errors.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from pipeline.core.formatting import format_choices

NOT_APPLICABLE = frozenset(
    {"", "sans objet", "so", "s.o.", "s/o", "neant", "non suivi", "aucune demande", "aucun",
     "n/a", "na", "nc", "n.c.", "non communique", "-", "--", "–", "—", "/", "nan", "none"}
)  # fmt: skip
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
EXCEL_SERIAL_RANGE = (10_000, 80_000)  # 1927 … 2119: a bare number outside is not a date
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
FRENCH_MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}  # fmt: skip
TRUE_WORDS = frozenset({"oui", "o", "x", "vrai", "1", "yes", "y", "true", "ok", "conforme"})
FALSE_WORDS = frozenset({"non", "n", "faux", "0", "no", "false", "non conforme"})


# Zero-width spaces and joiners, soft hyphens, BOMs: invisible in a cell, they break a match.
INVISIBLE_CHARS = "[\u200b\u200c\u200d\u2060\u00ad\ufeff]"
INVISIBLE = re.compile(INVISIBLE_CHARS)


class Parsed(NamedTuple):
    values: pd.Series
    errors: pd.Series  # French reason where a non-empty cell could not be read, else <NA>


def normalise_key(text: str) -> str:
    """Case-, accent- and spacing-blind key: ``" Délai  d’attente "`` → ``delai d'attente``."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = INVISIBLE.sub("", text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " "))
    return re.sub(r"\s+", " ", text).strip().casefold()


def folded_text(texts: pd.Series) -> pd.Series:
    """Lower case, accents removed, apostrophes unified, vectorised: for matching words in free
    text (survey remarks, mystery-call comments) the way categories are matched."""
    return (
        texts.astype("string")
        .str.normalize("NFKD")
        .str.replace(r"[\u0300-\u036f]", "", regex=True)
        .str.replace("’", "'", regex=False)
        .str.lower()
    )


SAMPLE = 5_000  # cells looked at to tell a column of mostly distinct values


def mostly_distinct(raw: pd.Series) -> bool:
    """A long column whose cells are mostly all different (request numbers): grouping its cells
    first would cost more than it saves. Judged on evenly spaced cells."""
    if len(raw) < 20 * SAMPLE:
        return False
    sample = raw.iloc[:: len(raw) // SAMPLE]
    return sample.nunique() > 0.9 * len(sample)


def each_distinct(frame: pd.DataFrame, columns: list[str], compute) -> dict[str, pd.Series]:
    """``compute`` (texts → values, element-wise) run once on the distinct texts of several
    columns together, its results spread back on each column's rows (an empty cell gets NA)."""
    coded, pool = distinct_pool(frame, columns)
    return spread_pool(frame, columns, coded, compute(pool)) if coded else {}


def distinct_pool(frame: pd.DataFrame, columns: list[str]) -> tuple[list, pd.Series]:
    """The distinct texts of several columns, one after the other, and each column's codes
    into its own (for :func:`spread_pool`). A column of mostly distinct texts (request numbers)
    is its own distinct texts: telling them apart would cost more than it saves."""
    coded = []
    for column in columns:
        texts = frame[column].astype("string")
        if mostly_distinct(texts):
            coded.append((None, texts.reset_index(drop=True)))  # (each row is its own text)
        else:
            coded.append(pd.factorize(texts, use_na_sentinel=True))
    if not coded:
        return [], pd.Series(dtype="string")
    pool = pd.concat([pd.Series(uniques, dtype="string") for _, uniques in coded],
                     ignore_index=True)  # fmt: skip
    return coded, pool


def spread_pool(
    frame: pd.DataFrame, columns: list[str], coded: list, computed: pd.Series
) -> dict[str, pd.Series]:
    """The values computed on :func:`distinct_pool`'s texts, back on each column's rows."""
    computed, start, spread = computed.reset_index(drop=True), 0, {}
    for column, (codes, uniques) in zip(columns, coded, strict=True):
        own = computed.iloc[start : start + len(uniques)].reset_index(drop=True)
        spread[column] = (own if codes is None else own.reindex(codes)).set_axis(frame.index)
        start += len(uniques)
    return spread


def replace_matches(
    text: pd.Series, pattern: str, replacement: str, needle: str | None = None
) -> pd.Series:
    """``text.str.replace(pattern, replacement, regex=True)`` on Arrow text, run by Arrow only
    when a cell holds a match (of ``needle``, when replacing every match of ``pattern`` would
    change nothing elsewhere): a column of a million request numbers holds none, and Arrow
    looks for a match faster than it replaces. ``text`` is of the ``string`` dtype."""
    array = text.array
    if not isinstance(array, pd.arrays.ArrowStringArray):
        return text.str.replace(pattern, replacement, regex=True)
    cells = array.__arrow_array__()  # the cells as Arrow holds them (no copy)
    if not pc.any(pc.match_substring_regex(cells, needle or pattern)).as_py():
        return text
    replaced = pc.replace_substring_regex(cells, pattern, replacement)
    return pd.Series(pd.arrays.ArrowStringArray(replaced), index=text.index, name=text.name)


def _as_text(raw: pd.Series) -> pd.Series:
    """Raw values as stripped strings, invisible characters removed; missing and empty cells
    become <NA>."""
    # patterns given as text, not compiled, so that Arrow runs them (a compiled pattern makes
    # pandas call Python once per cell)
    text = replace_matches(raw.astype("string"), INVISIBLE_CHARS, "").str.strip()
    return text.mask(text == "")


def _keys(raw: pd.Series) -> pd.Series:
    """Normalised keys of the cells; each distinct text is normalised once."""
    text = _as_text(raw)
    lookup = {value: normalise_key(value) for value in text.dropna().unique()}
    return text.map(lookup).astype("string")


def not_applicable_mask(raw: pd.Series) -> pd.Series:
    """True where a cell is empty or holds a not-applicable word."""
    keys = _keys(raw)
    return keys.isna() | keys.isin(NOT_APPLICABLE)


def _errors_where(mask: pd.Series, reason: str) -> pd.Series:
    return pd.Series(pd.NA, index=mask.index, dtype="string").mask(mask, reason)


def _no_errors(index: pd.Index) -> pd.Series:
    """No cell in error (a column whose every cell reads)."""
    return pd.Series(pd.NA, index=index, dtype="string")


def _is_kind(raw: pd.Series, kinds: tuple[type, ...]) -> pd.Series:
    """True where a cell's Python type is one of ``kinds`` (bool never counts as a number)."""
    cell_types = raw.map(type)
    decision = {t: issubclass(t, kinds) and not issubclass(t, bool) for t in cell_types.unique()}
    return cell_types.map(decision).astype(bool)


def parse_text(raw: pd.Series) -> Parsed:
    # (a single space, the usual spacing, is left as it is)
    text = replace_matches(_as_text(raw), r"\s+", " ", needle=r"\s\s|[^\S ]")
    return Parsed(text, _no_errors(raw.index))


# The unit a cell may be written with, by its French spelling (« 1,95 j », « 2 ‰ », « 30 min »).
UNIT_WORDS = {"j": "j", "jour": "j", "jours": "j", "%": "%", "‰": "‰", "min": "min",
              "mn": "min", "minute": "min", "minutes": "min"}  # fmt: skip
UNIT_NAMES = {"j": "en jours", "%": "en pourcentage", "‰": "pour mille", "min": "en minutes",
              "": "de nombres"}  # fmt: skip
_UNIT = r"(?i)(?:\s*)(jours?|j|%|‰|minutes?|min|mn)$"


def parse_number(raw: pd.Series, unit: str = "") -> Parsed:
    """``"1 234"`` → 1234.0, ``"1,95 j"`` → 1.95 in a column in days (``unit="j"``).

    A cell written with another unit than its column's is not read as a number of that unit:
    « 12 % » in a column of days, or in a column of counts, is an error with its reason."""
    numeric = _is_kind(raw, (int, float, np.integer, np.floating))
    if numeric.all():  # cells a workbook typed as numbers: no text to read, no word nor unit
        values = pd.to_numeric(raw, errors="coerce").astype("Float64")
        return Parsed(values, _no_errors(raw.index))
    blank = not_applicable_mask(raw)
    text = _as_text(raw).where(~numeric & ~blank)
    compact = text.str.replace(r"[\s\u00a0\u202f]", "", regex=True)
    written = compact.str.extract(_UNIT, expand=False).str.lower().map(UNIT_WORDS)
    cleaned = compact.str.replace(_UNIT, "", regex=True).str.replace(",", ".", regex=False)
    from_text = pd.to_numeric(cleaned, errors="coerce").astype("Float64")
    from_numbers = pd.to_numeric(raw.where(numeric), errors="coerce").astype("Float64")
    values = from_numbers.fillna(from_text).where(~blank)
    wrong_unit = written.notna() & (written != unit)
    bad = ~blank & values.isna()
    errors = _errors_where(bad, "nombre illisible")
    for found in written[wrong_unit].dropna().unique():  # a handful of units
        errors = errors.mask(
            wrong_unit & (written == found),
            f"unité « {found} » dans une colonne {UNIT_NAMES.get(unit, unit)}",
        )
    return Parsed(values.mask(wrong_unit), errors)


def parse_integer(raw: pd.Series, unit: str = "") -> Parsed:
    parsed = parse_number(raw, unit)
    fractional = parsed.values.notna() & (parsed.values % 1 != 0)
    errors = parsed.errors.mask(fractional, "nombre entier attendu")
    values = parsed.values.mask(fractional).round().astype("Int64")
    return Parsed(values, errors)


def parse_percent(raw: pd.Series) -> Parsed:
    """A rate as a fraction: ``"93,48 %"`` → 0.9348; a bare number above 1 is read as percent."""
    parsed = parse_number(raw, "%")
    written_with_sign = _as_text(raw).str.contains("%", regex=False).fillna(False)
    values = parsed.values.mask(written_with_sign | (parsed.values > 1), parsed.values / 100)
    out_of_range = values.notna() & ((values < 0) | (values > 1))
    return Parsed(
        values.mask(out_of_range), parsed.errors.mask(out_of_range, "taux hors de 0–100 %")
    )


def _days_of(cells: pd.Series) -> pd.Series:
    """Date cells (dates, timestamps) as their day, the time of day dropped."""
    return pd.to_datetime(cells.map(pd.Timestamp)).dt.normalize()


def _date_in_words(raw: pd.Series) -> pd.Series:
    """Dates written with the month's French name (a day, the month, the year); NaT else."""
    parts = _keys(raw).str.extract(r"^(\d{1,2})(?:er)? ([a-z]+)\.? (\d{4})\b")
    day = pd.to_numeric(parts[0], errors="coerce")
    month = parts[1].map(FRENCH_MONTHS).astype("Float64")
    year = pd.to_numeric(parts[2], errors="coerce")
    frame = pd.DataFrame({"year": year, "month": month, "day": day}).astype("float")
    return pd.to_datetime(frame, errors="coerce").astype("datetime64[us]")


DATE_KINDS = (dt.date, pd.Timestamp, np.datetime64)  # cells a workbook typed as dates


def _typed_dates(raw: pd.Series, is_date: pd.Series) -> bool:
    """Whether every cell is one a workbook typed as a date (none empty)."""
    return bool(is_date.all() and raw.notna().all())


def parse_date(raw: pd.Series) -> Parsed:
    """Dates from date cells, Excel serial numbers and texts such as ``14/04/2022`` or
    ``14 avril 2022`` (« 1er », abbreviated months: « 3 janv. 2022 »)."""
    is_date = _is_kind(raw, DATE_KINDS)
    if _typed_dates(raw, is_date):
        return Parsed(_days_of(raw).astype("datetime64[us]"), _no_errors(raw.index))
    blank = not_applicable_mask(raw)
    values = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[us]")
    if is_date.any():
        values[is_date] = _days_of(raw[is_date])

    serial = pd.to_numeric(raw.where(~is_date), errors="coerce")
    serial = serial.where(serial.between(*EXCEL_SERIAL_RANGE) & (serial % 1 == 0))
    has_serial = serial.notna()
    if has_serial.any():
        values[has_serial] = EXCEL_EPOCH + pd.to_timedelta(serial[has_serial], unit="D")

    text = _as_text(raw).where(~is_date & ~has_serial & ~blank).str.split(" ").str[0]
    for fmt in DATE_FORMATS:
        todo = values.isna() & text.notna()
        if not todo.any():
            break
        values[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    todo = values.isna() & text.notna()
    if todo.any():  # « 3 janv. 2022 », « 1er juin 2022 », « 14 avril 2022 à 10 h »
        values[todo] = _date_in_words(raw[todo])

    bad = ~blank & values.isna()
    return Parsed(values.where(~blank), _errors_where(bad, "date illisible ou impossible"))


EXCEL_ERRORS = re.compile(
    r"^#(?:DIV/0!|N/A|N/D|VALUE!|VALEUR!|REF!|NAME\?|NOM\?|NUM!|NOMBRE!|NULL!|NUL!|ERREUR|"
    r"SPILL!|CALC!|GETTING_DATA)$"
)


def excel_errors(raw: pd.Series) -> pd.Series:
    """The reason for each cell holding an Excel error value (« #DIV/0! »), else <NA>."""
    text = _as_text(raw)
    if not text.str.contains("#", regex=False).any():  # no cell can hold an error
        return pd.Series(pd.NA, index=raw.index, dtype="string")
    found = text.str.match(EXCEL_ERRORS).fillna(False)
    reasons = "erreur Excel « " + text + " » dans la cellule (formule à corriger dans l'export)"
    return reasons.where(found).astype("string")


def _month_from_text(keys: pd.Series, default_year: int | None = None) -> pd.Series:
    """``"janvier 2022"``, ``"janv. 2022"``, ``"janv-22"``, ``"2022-01"``, ``"01/2022"`` → the
    first day; ``"janvier"`` alone takes ``default_year`` (the year of its file)."""
    short = keys.str.extract(r"^([a-z]+)\.?[\s-]*(\d{2})$")  # « janv-22 », « déc.-22 »
    keys = keys.where(short[0].isna(), short[0] + " 20" + short[1])
    if default_year is not None:
        alone = keys.str.fullmatch(r"[a-z]+\.?").fillna(False) & keys.str.rstrip(".").isin(
            list(FRENCH_MONTHS)
        ).fillna(False)
        keys = keys.where(~alone, keys.str.rstrip(".") + f" {default_year}")
    words = keys.str.extract(r"^([a-z]+)\.?\s*(\d{4})$")
    numbers_my = keys.str.extract(r"^(\d{1,2})[/\-.](\d{4})$")
    numbers_ym = keys.str.extract(r"^(\d{4})[/\-.](\d{1,2})$")
    month = words[0].map(FRENCH_MONTHS).astype("Float64")
    year = pd.to_numeric(words[1], errors="coerce").astype("Float64")
    month = month.fillna(pd.to_numeric(numbers_my[0], errors="coerce"))
    year = year.fillna(pd.to_numeric(numbers_my[1], errors="coerce"))
    month = month.fillna(pd.to_numeric(numbers_ym[1], errors="coerce"))
    year = year.fillna(pd.to_numeric(numbers_ym[0], errors="coerce"))
    valid = month.between(1, 12) & year.notna()
    frame = pd.DataFrame({"year": year.where(valid), "month": month.where(valid), "day": 1})
    return pd.to_datetime(frame.astype("float"), errors="coerce").astype("datetime64[us]")


def parse_month(raw: pd.Series, default_year: int | None = None) -> Parsed:
    """A month, stored as its first day; a month name alone takes ``default_year``."""
    if _typed_dates(raw, _is_kind(raw, DATE_KINDS)):  # (its first day, or any day)
        months = _days_of(raw).dt.to_period("M").dt.start_time
        return Parsed(months.astype("datetime64[us]").rename(None), _no_errors(raw.index))
    blank = not_applicable_mask(raw)
    from_words = _month_from_text(_keys(raw).where(~blank), default_year)
    as_date = parse_date(raw.where(from_words.isna()))
    values = from_words.fillna(as_date.values.dt.to_period("M").dt.start_time)
    values = values.astype("datetime64[us]").where(~blank)
    bad = ~blank & values.isna()
    return Parsed(values, _errors_where(bad, "mois illisible"))


def parse_quarter(raw: pd.Series) -> Parsed:
    """``"2022-T1"``, ``"T1 2022"``, ``"1T2022"``, ``"2022 Q1"`` → ``"2022-T1"``."""
    blank = not_applicable_mask(raw)
    keys = _keys(raw).str.replace(r"[\s\-_/]", "", regex=True)
    year_first = keys.str.extract(r"^(\d{4})[tq]([1-4])$")
    quarter_first = keys.str.extract(r"^[tq]?([1-4])[tq]?(\d{4})$")
    year = year_first[0].fillna(quarter_first[1])
    number = year_first[1].fillna(quarter_first[0])
    values = (year + "-T" + number).astype("string").where(~blank)
    bad = ~blank & values.isna()
    return Parsed(values, _errors_where(bad, "trimestre illisible (attendu : 2022-T1)"))


def parse_boolean(raw: pd.Series) -> Parsed:
    """Oui/non, o/n, x (ticked), vrai/faux, and 1/0 whether typed as text or as numbers."""
    numeric = _is_kind(raw, (int, float, np.integer, np.floating))
    as_words = raw.map({1: "1", 0: "0"})  # 1.0 and 0.0 hash as 1 and 0
    raw = raw.where(~numeric | as_words.isna(), as_words)
    keys = _keys(raw)
    blank = keys.isna()
    true, false = keys.isin(TRUE_WORDS), keys.isin(FALSE_WORDS)
    values = pd.Series(pd.NA, index=raw.index, dtype="boolean").mask(true, True).mask(false, False)
    not_applicable = keys.isin(NOT_APPLICABLE)
    bad = ~blank & ~true & ~false & ~not_applicable
    return Parsed(values, _errors_where(bad, "oui ou non attendu"))


def parse_time(raw: pd.Series) -> Parsed:
    """``"14:30"``, ``"14h30"``, ``"14 h"``, a time cell or an Excel day fraction → ``"14:30"``."""
    blank = not_applicable_mask(raw)
    is_time = _is_kind(raw, (dt.time, dt.datetime, pd.Timestamp))
    from_cells = raw.where(is_time).map(
        lambda v: f"{v.hour:02d}:{v.minute:02d}", na_action="ignore"
    )
    fraction = pd.to_numeric(raw.where(~is_time), errors="coerce")
    fraction = fraction.where((fraction >= 0) & (fraction < 1))
    minutes = (fraction * 24 * 60).round()
    from_fraction = (
        (minutes // 60).astype("Int64").astype("string").str.zfill(2)
        + ":"
        + (minutes % 60).astype("Int64").astype("string").str.zfill(2)
    )
    parts = _keys(raw).str.extract(r"^(\d{1,2})\s*[h:]\s*(\d{2})?(?::\d{2})?$")
    hours = pd.to_numeric(parts[0], errors="coerce")
    mins = pd.to_numeric(parts[1], errors="coerce").fillna(0)
    ok = hours.between(0, 23) & mins.between(0, 59)
    from_text = (
        hours.where(ok).astype("Int64").astype("string").str.zfill(2)
        + ":"
        + mins.where(ok).astype("Int64").astype("string").str.zfill(2)
    )
    values = from_cells.astype("string").fillna(from_fraction).fillna(from_text).where(~blank)
    bad = ~blank & values.isna()
    return Parsed(values, _errors_where(bad, "heure illisible (attendu : 14:30)"))


def parse_category(raw: pd.Series, allowed: tuple[str, ...], aliases: dict[str, str]) -> Parsed:
    """One of ``allowed``, matched ignoring case, accents and spacing; ``aliases`` map a
    préfecture's own words (``"mail"``) to an allowed value (``"courriel"``)."""
    lookup = {normalise_key(value): value for value in allowed}
    lookup.update({normalise_key(word): value for word, value in aliases.items()})
    keys = _keys(raw)
    values = keys.map(lookup).astype("string")
    blank = keys.isna() | (keys.isin(NOT_APPLICABLE) & values.isna())
    bad = ~blank & values.isna()
    reason = f"valeur non reconnue (attendu : {format_choices(allowed)})"
    return Parsed(values, _errors_where(bad, reason))


def parse_multi(raw: pd.Series, allowed: tuple[str, ...], aliases: dict[str, str]) -> Parsed:
    """Several of ``allowed`` separated by ``;``, ``,`` or new lines, stored as ``"a; b"``."""
    items = _as_text(raw).str.split(r"\s*[;,\n]\s*", regex=True).explode()
    items = items[items.notna() & (items != "")]
    parsed = parse_category(items, allowed, aliases)
    values = parsed.values.groupby(level=0).agg(lambda s: "; ".join(s.dropna()))
    bad_rows = parsed.errors.notna().groupby(level=0).any()
    values = values.reindex(raw.index).astype("string").mask(lambda s: s == "")
    bad = bad_rows.reindex(raw.index, fill_value=False)
    reason = f"valeur non reconnue (attendu, séparés par « ; » : {format_choices(allowed)})"
    return Parsed(values, _errors_where(bad, reason))


def parse_mark(raw: pd.Series, low: float, high: float, aliases: dict[str, str]) -> Parsed:
    """A mark from ``low`` to ``high`` kept as text (``"8"``), or the word an alias maps to
    (« Non concerné »), so that "not concerned" stays distinct from a blank answer."""
    lookup = {normalise_key(word): value for word, value in aliases.items()}
    keys = _keys(raw)
    words = keys.map(lookup).astype("string")
    number = parse_number(raw.where(words.isna())).values
    in_range = number.between(low, high) & (number % 1 == 0)
    values = words.fillna(number.where(in_range).astype("Int64").astype("string"))
    blank = keys.isna() | (keys.isin(NOT_APPLICABLE) & values.isna())
    bad = ~blank & values.isna()
    return Parsed(values, _errors_where(bad, f"note entière de {low:g} à {high:g} attendue"))
