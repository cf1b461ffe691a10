"""French formats for every figure that reaches a deck, a minutes draft or a report.

All formatting goes through babel with the ``fr_FR`` locale: decimal comma, no-break space
before ``%``, narrow no-break space as thousands separator, dates as ``24 janvier 2023``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import sys

from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal

LOCALE = "fr_FR"
NBSP = "\u00a0"


def _is_na(value) -> bool:
    """``pd.NA`` (pandas is not imported for it: the command line formats without pandas)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@functools.lru_cache(maxsize=8192)
def _decimal(value, decimals: int) -> str:
    """babel's writing of a number, remembered: a chart's ticks and a table's cells repeat the
    same values, and babel takes about 0.1 ms a number. Equal numbers write alike (``2``,
    ``2.0`` and ``numpy.float64(2)`` share a key and a text)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_number(value, decimals: int = 0) -> str:
    """``1234.5`` → ``'1 234,5'`` (narrow no-break space, decimal comma); missing → ``'–'``."""
    if _is_missing(value):
        return "–"
    try:
        return _decimal(value, decimals)
    except TypeError:  # a value that cannot be a key (never met: babel takes numbers)
        return _decimal.__wrapped__(value, decimals)


def format_count(count, singular: str, plural: str | None = None) -> str:
    """``format_count(1, "appel décroché", "appels décrochés")`` → ``'1 appel décroché'``;
    French agreement: 0 and 1 take the singular. ``plural`` defaults to ``singular + "s"``."""
    word = singular if abs(count) < 2 else (plural or singular + "s")
    return f"{format_number(count)} {word}"


def format_percent(fraction, decimals: int = 1) -> str:
    """``0.9348`` → ``'93,5 %'``. Takes a fraction (0–1), never a value already × 100."""
    if _is_missing(fraction):
        return "–"
    return format_number(fraction * 100, decimals) + NBSP + "%"


def format_choices(values) -> str:
    """The values a field accepts, each quoted: « a », « b » ou « c » (a value holding « / »,
    « CNI / passeport », stays one)."""
    quoted = [f"« {value} »" for value in values]
    return " ou ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)


def format_points(fraction) -> str:
    """A difference of two rates in points, signed with a true minus: ``0.032`` → ``+3,2 pts``,
    ``-0.018`` → ``−1,8 pt`` (« point » singular under two); missing → « – »."""
    if _is_missing(fraction) or _is_na(fraction):
        return "–"
    sign = "+" if fraction > 0 else "−" if fraction < 0 else ""
    points = abs(float(fraction)) * 100
    return f"{sign}{format_number(points, 1)}\u00a0pt{'s' if round(points, 1) >= 2 else ''}"


def format_days(value, decimals: int = 1) -> str:
    """``1.95`` → ``'2,0 j'``: a delay in jours ouvrés."""
    if _is_missing(value):
        return "–"
    return format_number(value, decimals) + NBSP + "j"


def format_date(value: dt.date | None, fmt: str = "d MMMM y") -> str:
    """``date(2023, 1, 24)`` → ``'24 janvier 2023'``; 1st of a month reads ``1er``."""
    if value is None:
        return "–"
    if hasattr(value, "date") and not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        value = value.date()
    text = _babel_format_date(value, format=fmt, locale=LOCALE)
    if fmt.split(" ")[0] == "d" and value.day == 1:
        text = "1er" + text[1:]
    return text


def format_date_range(start: dt.date, end: dt.date) -> str:
    """``du 21 novembre au 21 décembre 2022`` (year written once when both dates share it)."""
    if (start.year, start.month) == (end.year, end.month):
        return f"du {format_date(start, 'd')} au {format_date(end)}"
    if start.year == end.year:
        return f"du {format_date(start, 'd MMMM')} au {format_date(end)}"
    return f"du {format_date(start)} au {format_date(end)}"


def format_month_span(months: tuple[int, ...], year: int) -> str:
    """« janvier à mars 2022 », « mars 2022 », or « janvier, mars et mai 2022 » (not in a row)."""
    names = [format_date(dt.date(year, m, 1), "MMMM") for m in months]
    if len(months) == 1:
        return f"{names[0]} {year}"
    if list(months) == list(range(months[0], months[-1] + 1)):
        return f"{names[0]} à {names[-1]} {year}"
    return ", ".join(names[:-1]) + f" et {names[-1]} {year}"


NOT_APPLICABLE_TEXT = "sans objet"  # what a missing value reads, never 0


def value_decimals(value, unit: str) -> int:
    """The decimals an indicator's value is shown with, the same on every document: rates
    and delays to one decimal, per-thousand to two, minutes none, counts none when whole or
    from 100 up (35 637, not 35 636,9), else one."""
    if unit in ("%", "j"):
        return 1
    if unit == "‰":
        return 2
    if unit == "min":
        return 0
    return 0 if float(value).is_integer() or abs(value) >= 100 else 1


def format_value(value, unit: str) -> str:
    """An indicator's value in its unit; a missing value reads « sans objet »."""
    if value is None or _is_na(value) or _is_missing(value):
        return NOT_APPLICABLE_TEXT
    decimals = value_decimals(value, unit)
    if unit == "%":
        return format_percent(value, decimals)
    if unit == "j":
        return format_days(value, decimals)
    if unit == "‰":
        return format_number(value, decimals) + NBSP + "‰"
    if unit == "min":
        return format_number(value, decimals) + NBSP + "min"
    return format_number(value, decimals)
