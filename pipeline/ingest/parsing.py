"""Parsers for the values found in French exports.

Each ``parse_<type>(raw)`` takes a Series of raw cell values (strings, numbers, dates… as the
reader returns them) and returns a :class:`Parsed`: the typed values, and a reason (in French)
for every cell that holds something that could not be read. Empty cells and the
not-applicable words ("Sans objet", "néant", "non suivi", "aucune demande"…) become missing
values, never zero, and are not errors. A cell holding an Excel error value (« #DIV/0! ») is
an error in a column of any type.

Text is read by Arrow, vectorised (a column may hold a million distinct texts); every other
type by ``read_<type>(cell)``, a plain function of one cell, run on the distinct cells the
validation hands over (see :mod:`pipeline.ingest.validation`).
"""

from __future__ import annotations

import datetime as dt
import functools
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
# The not-applicable words an export's figure may say, kept as written (the documents show
# them as such), in the order one wins when a period holds several as often.
KEPT_WORDS = ("non suivi", "sans objet", "néant", "aucune demande")
_WORD_OF_KEY = {"non suivi": "non suivi", "sans objet": "sans objet", "so": "sans objet",
                "s.o.": "sans objet", "s/o": "sans objet", "neant": "néant",
                "aucune demande": "aucune demande"}  # fmt: skip
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
EXCEL_SERIAL_RANGE = (10_000, 80_000)  # 1927 … 2119: a bare number outside is not a date
# The ways a date is written, tried in this order: 14/04/2022, 14/04/22, 2022-04-14,
# 14-04-2022, 14.04.2022, 2022/04/14 (a day or a month may have one digit).
DATE_FORMATS = tuple(
    (re.compile(pattern), order)
    for pattern, order in (
        (r"(\d{1,2})/(\d{1,2})/(\d{4})", "dmy"), (r"(\d{1,2})/(\d{1,2})/(\d{2})", "dmy"),
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"), (r"(\d{1,2})-(\d{1,2})-(\d{4})", "dmy"),
        (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", "dmy"), (r"(\d{4})/(\d{1,2})/(\d{1,2})", "ymd"),
    )
)  # fmt: skip
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
    return _normalised(str(text))  # (a word of a YAML file may be a number or a boolean)


@functools.lru_cache(maxsize=1 << 16)
def _normalised(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
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


# A written day followed by a time (« 21/11/2022 10:32:15 », « 2022-11-21 10:32 », or an ISO
# 8601 time stamp « 2022-11-21T10:32:15+01:00 », as a platform's export writes it) (a space, as
# :func:`read_date` splits a cell's words, or a « T » before the hour; anything after it)
_DAY_THEN_TIME = r"^(\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4})(?: |T\d)(?s:.*)"
_ISO_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})T\d.*$")


def without_time(raw: pd.Series) -> pd.Series:
    """Texts « 21/11/2022 10:32:15 » as their day « 21/11/2022 », which reads as the same date
    and month (:func:`read_date` reads a written day from the cell's first word, and such a
    text is neither a number nor a not-applicable word nor a date in words): an online survey's
    time stamps, a million distinct cells, become a few hundred days to read. Other cells, and
    cells a workbook typed, are left as they are."""
    if not isinstance(raw.dtype, pd.StringDtype):
        return raw
    return replace_matches(raw, _DAY_THEN_TIME, r"\1")


def _as_text(raw: pd.Series) -> pd.Series:
    """Raw values as stripped strings, invisible characters removed; missing and empty cells
    become <NA>."""
    # patterns given as text, not compiled, so that Arrow runs them (a compiled pattern makes
    # pandas call Python once per cell)
    text = replace_matches(raw.astype("string"), INVISIBLE_CHARS, "").str.strip()
    return text.mask(text == "")


EXCEL_ERRORS = re.compile(
    r"^#(?:DIV/0!|N/A|N/D|VALUE!|VALEUR!|REF!|NAME\?|NOM\?|NUM!|NOMBRE!|NULL!|NUL!|ERREUR|"
    r"SPILL!|CALC!|GETTING_DATA)$"
)
EXCEL_ERROR = "erreur Excel « {} » dans la cellule (formule à corriger dans l'export)"


def _excel_errors(text: pd.Series) -> pd.Series:
    """The reason for each cell of ``text`` (:func:`_as_text`) holding an Excel error value
    (« #DIV/0! »), else <NA>; only the cells holding a « # » are looked at."""
    reasons = pd.Series(pd.NA, index=text.index, dtype="string")
    hashed = text.str.contains("#", regex=False).fillna(False)
    if not hashed.any():  # no cell can hold an error
        return reasons
    cells = text[hashed]
    found = cells.str.match(EXCEL_ERRORS.pattern).fillna(False).to_numpy(bool)  # (by Arrow)
    where = np.flatnonzero(hashed.to_numpy(bool))[found]  # (by position: an index may repeat)
    reasons.iloc[where] = [EXCEL_ERROR.format(cell) for cell in cells[found]]
    return reasons


def parse_text(raw: pd.Series) -> Parsed:
    """Text as written, stripped, runs of spaces made one; a cell holding an Excel error value
    is that error. Vectorised (Arrow): a text column may hold a million distinct cells."""
    text = _as_text(raw)
    errors = _excel_errors(text)
    # (a single space, the usual spacing, is left as it is)
    text = replace_matches(text, r"\s+", " ", needle=r"\s\s|[^\S ]")
    return Parsed(text.mask(errors.notna()), errors)


# ---------------------------------------------------------------------------------------------
# Every other type is read cell by cell, by a plain function of one cell: the validation hands
# over a column's distinct cells only (a few dozen, even in a million rows), so reading each in
# Python costs less than the many small vectorised calls a column would otherwise take.
# A reader returns (value, None), (None, None) for an empty or not-applicable cell, or
# (None, reason) for a cell that could not be read.

# (ASCII digits only, « inf » and « infinity »: what ``pandas.to_numeric`` reads)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?inf(?:inity)?",
                     re.IGNORECASE | re.ASCII)  # fmt: skip
_ASCII_SPACES = " \t\n\r\x0b\x0c"
_UNIT_AT_END = re.compile(r"(?:\s*)(jours?|j|%|‰|minutes?|min|mn)$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def is_missing(cell) -> bool:
    """An empty cell: None, NaN, pandas' NA or NaT, numpy's NaT."""
    if cell is None or cell is pd.NA or cell is pd.NaT:
        return True
    if isinstance(cell, float):
        return cell != cell
    return isinstance(cell, np.datetime64) and bool(np.isnat(cell))


def _is_number(cell) -> bool:
    """A cell a workbook typed as a number (a boolean is not one)."""
    return isinstance(cell, int | float | np.integer | np.floating) and not isinstance(
        cell, bool | np.bool_
    )


def _text_of(cell) -> str | None:
    """A cell as stripped text, invisible characters removed; None when empty."""
    if is_missing(cell):
        return None
    text = INVISIBLE.sub("", cell if isinstance(cell, str) else str(cell)).strip()
    return text or None


def _key_of(cell) -> str | None:
    text = _text_of(cell)
    return None if text is None else normalise_key(text)


def _blank(key: str | None) -> bool:
    return key is None or key in NOT_APPLICABLE


def written_word_column(column: str) -> str:
    """The column beside a figure's that keeps the word its cell said instead of a number."""
    return f"{column}__mot"


def not_applicable_word(cell) -> str | None:
    """« non suivi », « sans objet », « néant » or « aucune demande » as the cell said it (« SO »
    reads « sans objet »), None for any other cell."""
    key = _key_of(cell) if isinstance(cell, str) else None
    return _WORD_OF_KEY.get(key) if key else None


def not_applicable_words(raw: pd.Series) -> pd.Series:
    """:func:`not_applicable_word` of each cell, read once per distinct cell."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    words = pd.array([not_applicable_word(cell) for cell in uniques] + [None], dtype="string")
    return pd.Series(words[codes], index=raw.index)  # (code -1, an empty cell: the last, None)


def _float(text: str) -> float | None:
    """A number written the way ``pandas.to_numeric`` reads one (« 12 », « -1.5e3 », ASCII
    spaces around it; never a non-breaking space nor a control character)."""
    text = text.strip(_ASCII_SPACES)
    return float(text) if _NUMBER.fullmatch(text) else None


def _number_of(cell) -> float | None:
    """A number typed as one or written as a plain number, else None."""
    if _is_number(cell):
        return None if cell != cell else float(cell)
    return _float(cell) if isinstance(cell, str) else None


def _read_each(raw: pd.Series, read, dtype: str) -> Parsed:
    """``read`` (one cell → (value, reason)) run on every cell; a cell holding an Excel error
    value (« #DIV/0! ») is that error, whatever the column's type."""
    values, errors = [], []
    for cell in raw.tolist():
        text = _text_of(cell) if isinstance(cell, str) and "#" in cell else None
        if text is not None and EXCEL_ERRORS.match(text):
            values.append(None)
            errors.append(EXCEL_ERROR.format(text))
            continue
        value, reason = read(cell)
        values.append(value)
        errors.append(reason)
    if dtype == "datetime64[us]":
        typed = np.array(values, dtype="datetime64[us]")
    else:
        typed = pd.array(values, dtype=dtype)
    reasons = pd.array(errors, dtype="string")
    return Parsed(pd.Series(typed, index=raw.index), pd.Series(reasons, index=raw.index))


# The unit a cell may be written with, by its French spelling (« 1,95 j », « 2 ‰ », « 30 min »).
UNIT_WORDS = {"j": "j", "jour": "j", "jours": "j", "%": "%", "‰": "‰", "min": "min",
              "mn": "min", "minute": "min", "minutes": "min"}  # fmt: skip
UNIT_NAMES = {"j": "en jours", "%": "en pourcentage", "‰": "pour mille", "min": "en minutes",
              "": "de nombres"}  # fmt: skip


def read_number(cell, unit: str = "") -> tuple[float | None, str | None]:
    """``"1 234"`` → 1234.0, ``"1,95 j"`` → 1.95 in a column in days (``unit="j"``).

    A cell written with another unit than its column's is not read as a number of that unit:
    « 12 % » in a column of days, or in a column of counts, is an error with its reason."""
    if _is_number(cell):  # typed by the workbook: no text to read, no word nor unit
        return (None if cell != cell else float(cell)), None
    key = _key_of(cell)
    if _blank(key):
        return None, None
    compact = _SPACES.sub("", _text_of(cell))
    found = _UNIT_AT_END.search(compact)
    written = UNIT_WORDS.get(found.group(1).lower()) if found else None
    if written is not None and written != unit:
        return None, f"unité « {written} » dans une colonne {UNIT_NAMES.get(unit, unit)}"
    number = _float((compact[: found.start()] if found else compact).replace(",", "."))
    return (number, None) if number is not None else (None, "nombre illisible")


def parse_number(raw: pd.Series, unit: str = "") -> Parsed:
    return _read_each(raw, lambda cell: read_number(cell, unit), "Float64")


def read_integer(cell, unit: str = "") -> tuple[int | None, str | None]:
    number, reason = read_number(cell, unit)
    if number is None:
        return None, reason
    if number % 1 != 0:
        return None, "nombre entier attendu"
    if abs(number) >= 2**63:  # (beyond what a column of integers holds)
        return None, "nombre trop grand"
    return int(number), None


def parse_integer(raw: pd.Series, unit: str = "") -> Parsed:
    return _read_each(raw, lambda cell: read_integer(cell, unit), "Int64")


def read_percent(cell) -> tuple[float | None, str | None]:
    """A rate as a fraction: ``"93,48 %"`` → 0.9348; a bare number above 1 is read as percent."""
    number, reason = read_number(cell, "%")
    if number is None:
        return None, reason
    if number > 1 or "%" in (_text_of(cell) or ""):
        number /= 100
    if not 0 <= number <= 1:
        return None, "taux hors de 0–100 %"
    return number, None


def parse_percent(raw: pd.Series) -> Parsed:
    return _read_each(raw, read_percent, "Float64")


DATE_KINDS = (dt.date, pd.Timestamp, np.datetime64)  # cells a workbook typed as dates
_DATE_IN_WORDS = re.compile(r"^(\d{1,2})(?:er)? ([a-z]+)\.? (\d{4})\b")
UNREADABLE_DATE = "date illisible ou impossible"


def _day(year: int, month: int, day: int) -> dt.datetime | None:
    try:
        return dt.datetime(year, month, day)
    except ValueError:  # (31 février)
        return None


def _date_cell(cell) -> dt.datetime:
    """A date cell's day, the time of day dropped."""
    stamp = pd.Timestamp(cell)
    return dt.datetime(stamp.year, stamp.month, stamp.day)


def read_date(cell) -> tuple[dt.datetime | None, str | None]:
    """Dates from date cells, Excel serial numbers and texts such as ``14/04/2022`` or
    ``14 avril 2022`` (« 1er », abbreviated months: « 3 janv. 2022 »)."""
    if isinstance(cell, DATE_KINDS):
        return (None if is_missing(cell) else _date_cell(cell)), None
    key = _key_of(cell)
    if _blank(key):
        return None, None
    serial = _number_of(cell)
    low, high = EXCEL_SERIAL_RANGE
    if serial is not None and low <= serial <= high and serial % 1 == 0:
        return (EXCEL_EPOCH + pd.Timedelta(days=serial)).to_pydatetime(), None
    text = _ISO_TIME.sub(r"\1", _text_of(cell).split(" ")[0])  # « 2022-11-21T10:32:15Z »
    for pattern, order in DATE_FORMATS:
        if found := pattern.fullmatch(text):
            parts = dict(zip(order, map(int, found.groups()), strict=True))
            if len(found.group(3 if order == "dmy" else 1)) == 2:  # « 22 »: 2022, « 95 »: 1995
                parts["y"] += 1900 if parts["y"] >= 69 else 2000
            day = _day(parts["y"], parts["m"], parts["d"])
            if day is not None:
                return day, None
    words = _DATE_IN_WORDS.match(key)  # « 3 janv. 2022 », « 1er juin 2022 »
    if words and words.group(2) in FRENCH_MONTHS:
        day = _day(int(words.group(3)), FRENCH_MONTHS[words.group(2)], int(words.group(1)))
        if day is not None:
            return day, None
    return None, UNREADABLE_DATE


def parse_date(raw: pd.Series) -> Parsed:
    return _read_each(raw, read_date, "datetime64[us]")


_SHORT_MONTH = re.compile(r"^([a-z]+)\.?[\s-]*(\d{2})$")  # « janv-22 », « déc.-22 »
_MONTH_ALONE = re.compile(r"[a-z]+\.?")
_MONTH_WORDS = re.compile(r"^([a-z]+)\.?\s*(\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/\-.](\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[/\-.](\d{1,2})$")


def _month_in_words(key: str, default_year: int | None) -> dt.datetime | None:
    """``"janvier 2022"``, ``"janv. 2022"``, ``"janv-22"``, ``"2022-01"``, ``"01/2022"`` → the
    first day; ``"janvier"`` alone takes ``default_year`` (the year of its file)."""
    short = _SHORT_MONTH.match(key)
    if short:
        key = f"{short.group(1)} 20{short.group(2)}"
    alone = _MONTH_ALONE.fullmatch(key) and key.rstrip(".") in FRENCH_MONTHS
    if default_year is not None and alone:
        key = f"{key.rstrip('.')} {default_year}"
    if found := _MONTH_WORDS.match(key):
        month, year = FRENCH_MONTHS.get(found.group(1)), int(found.group(2))
    elif found := _MONTH_YEAR.match(key):
        month, year = int(found.group(1)), int(found.group(2))
    elif found := _YEAR_MONTH.match(key):
        month, year = int(found.group(2)), int(found.group(1))
    else:
        return None
    return dt.datetime(year, month, 1) if month and 1 <= month <= 12 and year else None


def read_month(cell, default_year: int | None = None) -> tuple[dt.datetime | None, str | None]:
    """A month, stored as its first day; a month name alone takes ``default_year``."""
    if isinstance(cell, DATE_KINDS):  # (its first day, or any day)
        return (None if is_missing(cell) else _date_cell(cell).replace(day=1)), None
    key = _key_of(cell)
    if _blank(key):
        return None, None
    month = _month_in_words(key, default_year)
    if month is None:
        day, _ = read_date(cell)
        month = None if day is None else day.replace(day=1)
    return (month, None) if month is not None else (None, "mois illisible")


def parse_month(raw: pd.Series, default_year: int | None = None) -> Parsed:
    return _read_each(raw, lambda cell: read_month(cell, default_year), "datetime64[us]")


# An action's deadline written as a period: its last month is the deadline.
_YEARS_SPAN = re.compile(r"^(\d{4})\s*(?:-|/|a|au|et)\s*(\d{4})$")  # « 2023-2024 »
_YEAR_END = re.compile(r"^(?:(?:fin|courant|d'ici|d'ici fin|avant fin)\s+(?:d'annee\s+)?)?(\d{4})$")
_HALF = re.compile(
    r"^(?:s([12])|(1er|1|premier|2e|2eme|2nd|2nde|second|seconde|deuxieme)\s*semestre)"
    r"\s*(?:de\s+)?(\d{4})$"
)  # « S2 2023 », « 2e semestre 2023 »
_QUARTER_WORDS = re.compile(r"^([1-4])(?:er|e|eme)\s*trimestre\s*(?:de\s+)?(\d{4})$")
# « mai-juin 2023 », « avril à juin 2023 »
_MONTHS_SPAN = re.compile(r"^[a-z]+\.?\s*(?:-|/|a|au|et)\s*([a-z]+\.?\s*\d{4})$")
_END_OF = re.compile(r"^(?:fin|d'ici fin|avant fin)\s+(?:de\s+|d')?(.+)$")  # « fin mars 2023 »
DEADLINE_UNREAD = (
    "échéance illisible (attendu : un mois, « mai 2023 », ou une période : « 2023-2024 », "
    "« S2 2023 », « 2e semestre 2023 », « T3 2023 », « fin 2023 »)"
)


def _last_month(year: int, month: int) -> dt.datetime | None:
    return dt.datetime(year, month, 1) if 1900 <= year <= 2100 else None


def _deadline_of(key: str, default_year: int | None) -> dt.datetime | None:
    """The last month of a period written in words (see :func:`read_deadline`); None if none."""
    if found := _YEARS_SPAN.match(key):
        first, last = int(found.group(1)), int(found.group(2))
        return _last_month(last, 12) if last >= first else None
    if found := _YEAR_END.match(key):
        return _last_month(int(found.group(1)), 12)
    if found := _HALF.match(key):
        first = found.group(1) == "1" or found.group(2) in ("1er", "1", "premier")
        return _last_month(int(found.group(3)), 6 if first else 12)
    quarter = _QUARTER_WORDS.match(key)
    if quarter is None:
        text, _ = read_quarter(key)
        quarter = re.match(r"^(\d{4})-T([1-4])$", text) if text else None
        if quarter is not None:
            return _last_month(int(quarter.group(1)), int(quarter.group(2)) * 3)
    else:
        return _last_month(int(quarter.group(2)), int(quarter.group(1)) * 3)
    if found := _MONTHS_SPAN.match(key):
        return _month_in_words(found.group(1), default_year)
    if found := _END_OF.match(key):
        rest = found.group(1)
        return _month_in_words(rest, default_year) or _deadline_of(rest, default_year)
    return None


def read_deadline(cell, default_year: int | None = None) -> tuple[dt.datetime | None, str | None]:
    """An action's deadline (« échéance »): a month (``"mai 2023"``, any date of it), or a
    period whose last month is taken: a span of years (``"2023-2024"`` → December 2024), a
    half-year (``"S2 2023"``, ``"2e semestre 2023"``), a quarter (``"T3 2023"``), a year
    (``"fin 2023"``, ``"2023"`` → December 2023), a span of months (``"mai-juin 2023"``).
    Stored as the first day of that month, as a month is."""
    month, reason = read_month(cell, default_year)
    if month is not None or reason is None:
        return month, None
    key = _key_of(cell)
    found = _deadline_of(key, default_year) if key else None
    return (found, None) if found is not None else (None, DEADLINE_UNREAD)


def parse_deadline(raw: pd.Series, default_year: int | None = None) -> Parsed:
    return _read_each(raw, lambda cell: read_deadline(cell, default_year), "datetime64[us]")


_QUARTER_SPACES = re.compile(r"[\s\-_/]")
_YEAR_QUARTER = re.compile(r"^(\d{4})[tq]([1-4])$")
_QUARTER_YEAR = re.compile(r"^[tq]?([1-4])[tq]?(\d{4})$")


def read_quarter(cell) -> tuple[str | None, str | None]:
    """``"2022-T1"``, ``"T1 2022"``, ``"1T2022"``, ``"2022 Q1"`` → ``"2022-T1"``."""
    key = _key_of(cell)
    if _blank(key):
        return None, None
    key = _QUARTER_SPACES.sub("", key)
    if found := _YEAR_QUARTER.match(key):
        return f"{found.group(1)}-T{found.group(2)}", None
    if found := _QUARTER_YEAR.match(key):
        return f"{found.group(2)}-T{found.group(1)}", None
    return None, "trimestre illisible (attendu : 2022-T1)"


def parse_quarter(raw: pd.Series) -> Parsed:
    return _read_each(raw, read_quarter, "string")


def read_boolean(cell) -> tuple[bool | None, str | None]:
    """Oui/non, o/n, x (ticked), vrai/faux, and 1/0 whether typed as text or as numbers."""
    if _is_number(cell) and cell in (0, 1):
        return bool(cell), None
    key = _key_of(cell)
    if key in TRUE_WORDS:
        return True, None
    if key in FALSE_WORDS:
        return False, None
    return None, (None if _blank(key) else "oui ou non attendu")


def parse_boolean(raw: pd.Series, aliases: dict[str, str] | None = None) -> Parsed:
    """Yes/no cells; ``aliases`` map a préfecture's own words to « oui » or « non » (an
    export's « avec réponse », « sans réponse »)."""
    if not aliases:
        return _read_each(raw, read_boolean, "boolean")
    lookup = {normalise_key(word): value for word, value in aliases.items()}

    def read(cell) -> tuple[bool | None, str | None]:
        key = _key_of(cell)
        return read_boolean(lookup.get(key, cell))

    return _read_each(raw, read, "boolean")


_TIME = re.compile(r"^(\d{1,2})\s*[h:]\s*(\d{2})?(?::\d{2})?$")


def read_time(cell) -> tuple[str | None, str | None]:
    """``"14:30"``, ``"14h30"``, ``"14 h"``, a time cell or an Excel day fraction → ``"14:30"``."""
    key = _key_of(cell)
    if _blank(key):
        return None, None
    if isinstance(cell, dt.time | dt.datetime):
        return f"{cell.hour:02d}:{cell.minute:02d}", None
    fraction = _number_of(cell)
    if fraction is not None and 0 <= fraction < 1:
        hours, minutes = divmod(round(fraction * 24 * 60), 60)
        return f"{hours:02d}:{minutes:02d}", None
    found = _TIME.match(key)
    if found and int(found.group(1)) <= 23 and int(found.group(2) or 0) <= 59:
        return f"{int(found.group(1)):02d}:{int(found.group(2) or 0):02d}", None
    return None, "heure illisible (attendu : 14:30)"


def parse_time(raw: pd.Series) -> Parsed:
    return _read_each(raw, read_time, "string")


def _lookup(allowed: tuple[str, ...], aliases: dict[str, str]) -> dict[str, str]:
    """Allowed values and a préfecture's own words by their normalised key."""
    lookup = {normalise_key(value): value for value in allowed}
    lookup.update({normalise_key(word): value for word, value in aliases.items()})
    return lookup


def _category(key: str | None, lookup: dict[str, str], reason: str) -> tuple:
    value = lookup.get(key)
    if value is not None:
        return value, None
    return None, (None if _blank(key) else reason)


def parse_category(raw: pd.Series, allowed: tuple[str, ...], aliases: dict[str, str]) -> Parsed:
    """One of ``allowed``, matched ignoring case, accents and spacing; ``aliases`` map a
    préfecture's own words (``"mail"``) to an allowed value (``"courriel"``)."""
    lookup = _lookup(allowed, aliases)
    reason = f"valeur non reconnue (attendu : {format_choices(allowed)})"
    return _read_each(raw, lambda cell: _category(_key_of(cell), lookup, reason), "string")


_ITEMS = re.compile(r"\s*[;,\n]\s*")


def parse_multi(raw: pd.Series, allowed: tuple[str, ...], aliases: dict[str, str]) -> Parsed:
    """Several of ``allowed`` separated by ``;``, ``,`` or new lines, stored as ``"a; b"``."""
    lookup = _lookup(allowed, aliases)
    reason = f"valeur non reconnue (attendu, séparés par « ; » : {format_choices(allowed)})"

    def read(cell) -> tuple[str | None, str | None]:
        items = [_category(normalise_key(item), lookup, reason)
                 for item in _ITEMS.split(_text_of(cell) or "") if item]  # fmt: skip
        values = "; ".join(value for value, _ in items if value is not None)
        return values or None, (reason if any(bad for _, bad in items) else None)

    return _read_each(raw, read, "string")


def parse_mark(raw: pd.Series, low: float, high: float, aliases: dict[str, str]) -> Parsed:
    """A mark from ``low`` to ``high`` kept as text (``"8"``), or the word an alias maps to
    (« Non concerné »), so that "not concerned" stays distinct from a blank answer."""
    lookup = {normalise_key(word): value for word, value in aliases.items()}
    reason = f"note entière de {low:g} à {high:g} attendue"

    def read(cell) -> tuple[str | None, str | None]:
        key = _key_of(cell)
        if key in lookup:
            return lookup[key], None
        number, _ = read_number(cell)
        if number is not None and low <= number <= high and number % 1 == 0:
            return str(int(number)), None
        return None, (None if _blank(key) else reason)

    return _read_each(raw, read, "string")
