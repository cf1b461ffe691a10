"""French formats for every figure that reaches a deck, a minutes draft, a dashboard, a poster
or the open-data file: one rounding rule and one writing of each number, so that the same value
reads the same in every document.

**Rounding.** A number is rounded *half up at the precision shown, on its decimal value as
written*: the float is read as the decimal a spreadsheet writes for it, to 15 significant
digits (0.145 is 0.145, not the binary 0.14499999…; a mean of 4,47 and 4,50, the binary
4.4849999999999994, is 4.485), scaled in decimal (a rate × 100), then rounded half away from
zero (``ROUND_HALF_UP``): 12,25 j → « 12,3 j », 0,8125 → « 81,3 % », 0,145 → « 14,5 % »,
1,995 j → « 2,0 j », 4,485 ‰ → « 4,49 ‰ ». babel alone would round half to even on the binary
value (« 12,2 j »); Excel rounds half up on its 15 digits, as here, and the dashboard stores
the number rounded here anyway, so every document agrees. A number that rounds to zero is
written « 0,0 », never « −0,0 »; a change that rounds to zero has no sign; a negative number
takes the true minus « − » (U+2212), as the changes always did.

**A value beside its target** (:func:`format_value_for_status`): when the usual precision would
make a figure read as reaching a target it misses (89,95 % against « ≥ 90 % » read « 90,0 % »),
up to :data:`STATUS_EXTRA_DECIMALS` more decimals are shown (« 89,95 % »); if the figure is still
ambiguous at that precision, it is rounded toward its status (89,9996 % → « 89,999 % »). Only
a value that reads as its target at the usual precision gets more decimals: every other figure
of a table keeps its usual text.

**Units.** « pt » / « pts » follow French agreement on the number shown (the plural starts at
two: « 1,8 pt », « 2,0 pts », « 0,0 pt »). A no-break space stands before « % », « j », « ‰ »,
« min »; thousands take a narrow no-break space (babel's ``fr_FR``), dates read
``24 janvier 2023``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import math
import operator
import sys

from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal

LOCALE = "fr_FR"
NBSP = "\u00a0"
MINUS = "\u2212"  # the true minus of French typography (babel writes a hyphen)
# Precision of the decimal arithmetic: far beyond any figure of the documents (counts up to 10¹²).
_CONTEXT = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_UP)
# From a stored value to the figure written: a rate is a fraction written in percent, a change
# of rate in points; a delay, a count, a per-thousand value (already ‰) and minutes as they are.
UNIT_SCALES = {"%": 100, "points": 100}
STATUS_EXTRA_DECIMALS = 2  # how many more decimals may tell a value apart from its target
_COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
# The words a status may come in (the dashboard's, the poster's), besides True / False.
_STATUS_MET = {"atteint", "objectif atteint", "oui"}
_STATUS_MISSED = {"non atteint", "objectif non atteint", "non"}


def _is_na(value) -> bool:
    """``pd.NA`` (pandas is not imported for it: the command line formats without pandas)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def _is_missing(value) -> bool:
    return (
        value is None
        or _is_na(value)
        or (isinstance(value, float) and not math.isfinite(value))
        or (hasattr(value, "dtype") and not math.isfinite(float(value)))  # numpy's NaN
    )


def exact(value) -> decimal.Decimal:
    """The number as written: an integer exactly, a float as its decimal to 15 significant
    digits, as a spreadsheet writes it (``0.145`` → ``Decimal('0.145')``, the binary
    ``4.4849999999999994`` of a mean → ``Decimal('4.485')``), a Decimal as it is."""
    if isinstance(value, decimal.Decimal):
        return value
    if isinstance(value, int) or (hasattr(value, "dtype") and value.dtype.kind in "iub"):
        return decimal.Decimal(int(value))
    return decimal.Decimal(f"{float(value):.15g}")


def rounded(value, decimals: int = 0, scale: int = 1, rounding=decimal.ROUND_HALF_UP):
    """``value × scale`` rounded half up at ``decimals``, on its decimal value as written; never
    a negative zero. ``rounded(0.8125, 1, 100)`` → ``Decimal('81.3')``."""
    if hasattr(value, "item"):  # numpy's scalars as Python's: a Decimal cannot be compared to
        value = value.item()  # them, and the remembered keys are compared
    return _rounded(value, int(decimals), int(scale), rounding)


@functools.lru_cache(maxsize=16384)
def _rounded(value, decimals: int, scale: int, rounding) -> decimal.Decimal:
    """:func:`rounded`, remembered: a document's tables and charts write the same values again
    and again (equal numbers share an entry: ``2``, ``2.0`` and ``Decimal('2')``, −0.0 and 0.0
    round alike)."""
    number = _CONTEXT.multiply(exact(value), decimal.Decimal(scale))
    shown = number.quantize(decimal.Decimal(1).scaleb(-decimals), rounding=rounding,
                            context=_CONTEXT)  # fmt: skip
    return shown.copy_abs() if shown.is_zero() else shown


def shown_number(value, unit: str, decimals: int | None = None) -> decimal.Decimal:
    """An indicator's value as the documents write it, in its unit's scale (a rate in percent):
    the number behind « 81,3 % » is ``Decimal('81.3')``."""
    if decimals is None:
        decimals = value_decimals(value, unit)
    return rounded(value, decimals, UNIT_SCALES.get(unit, 1))


@functools.lru_cache(maxsize=8192)
def _written(number: decimal.Decimal, decimals: int) -> str:
    """babel's writing of a number already rounded, remembered: a chart's ticks and a table's
    cells repeat the same values, and babel takes about 0.1 ms a number."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(number, format=pattern, locale=LOCALE)
    return MINUS + text[1:] if text.startswith("-") else text


def format_number(value, decimals: int = 0) -> str:
    """``1234.5`` → ``'1 234,5'`` (narrow no-break space, decimal comma), half up at
    ``decimals``; ``-0.04`` → ``'0,0'``; ``-1.5`` → ``'−1,5'``; missing → ``'–'``."""
    if _is_missing(value):
        return "–"
    return _written(rounded(value, decimals), int(decimals))


def format_signed(value, decimals: int = 0) -> str:
    """A change: ``1.25`` → ``'+1,3'``, ``-1.25`` → ``'−1,3'``, ``-0.04`` → ``'0,0'`` (a change
    that rounds to zero has no sign); missing → ``'–'``."""
    if _is_missing(value):
        return "–"
    number = rounded(value, decimals)
    return ("+" if number > 0 else "") + _written(number, decimals)


def format_count(count, singular: str, plural: str | None = None) -> str:
    """``format_count(1, "appel décroché", "appels décrochés")`` → ``'1 appel décroché'``;
    French agreement: 0 and 1 take the singular. ``plural`` defaults to ``singular + "s"``."""
    word = singular if abs(count) < 2 else (plural or singular + "s")
    return f"{format_number(count)} {word}"


def format_percent(fraction, decimals: int = 1) -> str:
    """``0.9348`` → ``'93,5 %'``. Takes a fraction (0–1), never a value already × 100."""
    if _is_missing(fraction):
        return "–"
    return _written(rounded(fraction, decimals, 100), decimals) + NBSP + "%"


def format_choices(values) -> str:
    """The values a field accepts, each quoted: « a », « b » ou « c » (a value holding « / »,
    « CNI / passeport », stays one)."""
    quoted = [f"« {value} »" for value in values]
    return " ou ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)


def format_points(fraction) -> str:
    """A difference of two rates in points, signed with a true minus: ``0.032`` → ``+3,2 pts``,
    ``-0.018`` → ``−1,8 pt`` (« point » singular under two, as shown: ``0.01996`` → ``+2,0 pts``),
    ``-0.0004`` → ``0,0 pt``; missing → « – »."""
    if _is_missing(fraction):
        return "–"
    points = rounded(fraction, 1, 100)
    return format_signed(points, 1) + NBSP + points_unit(points)


def points_unit(points) -> str:
    """« pt » or « pts » for a number of points as shown: the plural starts at two."""
    return "pts" if abs(exact(points)) >= 2 else "pt"


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


UNIT_SUFFIXES = {"%": "%", "j": "j", "‰": "‰", "min": "min"}  # after a no-break space


def status_met(status) -> bool | None:
    """True for a target met, False for one missed (``True`` / ``False``, or the documents'
    words « atteint » / « non atteint », « objectif atteint »…), None otherwise (no target, no
    value, « sans objet »)."""
    if isinstance(status, bool) or type(status).__name__ == "bool_":  # (numpy's bool too)
        return bool(status)
    if isinstance(status, str):
        word = status.strip().lower()
        return True if word in _STATUS_MET else False if word in _STATUS_MISSED else None
    return None


def figure_for_status(value, unit: str, comparator, target, status, decimals: int | None = None):
    """The number a document shows for ``value`` beside its target, in its unit's scale (a rate
    in percent), and its decimals: ``(Decimal('89.95'), 2)`` for 0.8995 against ≥ 0.9 missed.

    The usual precision (:func:`value_decimals`, or ``decimals``) when the figure shown, read
    against the target, tells the status (« non atteint » beside « 89,9 % »); else up to
    :data:`STATUS_EXTRA_DECIMALS` more decimals, the first that tells it; else, at that finest
    precision, the value rounded toward its status (down for a missed « ≥ », up for a missed
    « ≤ »). Without a status that is met or missed, a comparator or a target: the usual figure.
    The dashboard stores this number and gives its cell as many decimals."""
    base = value_decimals(value, unit) if decimals is None else decimals
    scale = UNIT_SCALES.get(unit, 1)
    met = status_met(status)
    compare = _COMPARE.get(comparator) if isinstance(comparator, str) else None
    if met is None or compare is None or _is_missing(target):
        return rounded(value, base, scale), base
    goal = _CONTEXT.multiply(exact(target), decimal.Decimal(scale))
    for places in range(base, base + STATUS_EXTRA_DECIMALS + 1):
        number = rounded(value, places, scale)
        if compare(number, goal) == met:
            return number, places
    upward = met == (comparator in (">=", ">"))  # a met « ≥ » or a missed « ≤ »: up
    way = decimal.ROUND_CEILING if upward else decimal.ROUND_FLOOR
    return rounded(value, places, scale, way), places


def format_value_for_status(
    value, unit: str, comparator, target, status, decimals: int | None = None
) -> str:
    """An indicator's value written so that it reads as its status says, beside its target:
    ``format_value_for_status(0.8995, "%", ">=", 0.9, "non atteint")`` → « 89,95 % » (not
    « 90,0 % »), ``(5.04, "j", "<=", 5, False)`` → « 5,04 j »; otherwise as
    :func:`format_value` writes it (« 91,2 % »). ``status``: True / False, or the documents'
    words (« atteint », « non atteint », « objectif atteint »…); anything else (« sans objet »,
    "", None) keeps the usual text. ``decimals``: the usual precision, when not
    :func:`value_decimals` (a poster's whole percent). A missing value reads « sans objet ».
    The rule: see :func:`figure_for_status` and the module's docstring. For the deck, the
    minutes, the poster and every table that shows a value beside its target or its status."""
    if _is_missing(value):
        return NOT_APPLICABLE_TEXT
    number, places = figure_for_status(value, unit, comparator, target, status, decimals)
    return unit_text(number, places, unit)


def unit_text(number, decimals: int, unit: str) -> str:
    """A number already in its unit's scale, written with its unit: ``(Decimal('84.7'), 1,
    "%")`` → « 84,7 % »; a count (« nombre ») without one."""
    text = _written(rounded(number, decimals), decimals)
    return text + NBSP + UNIT_SUFFIXES[unit] if unit in UNIT_SUFFIXES else text


def format_change(change, unit: str) -> str:
    """A change over a year as the documents write it: a rate's in points (« +2,8 pts »,
    « −1,8 pt »), another in its unit (« −0,4 j », « +1 366 »); one that rounds to zero has no
    sign (« 0,0 pt », « 0,0 j »); missing → « – »."""
    if _is_missing(change):
        return "–"
    if unit == "%":
        return format_points(change)
    decimals = value_decimals(change, unit)
    text = format_signed(change, decimals)
    return text + NBSP + UNIT_SUFFIXES[unit] if unit in UNIT_SUFFIXES else text


def excel_number_format(unit: str, decimals: int, shown=None, signed: bool = False) -> str:
    """The Excel number format that writes a cell as the documents write it: French units after
    a no-break space (« 84,7 % », « 2,1 j », « +2,8 pts »), the true minus, no « −0,0 ».

    The cell holds the value (a rate as a fraction, for the « % » of the format; a change of
    rate in points). ``shown``: the number as the documents show it (:func:`rounded`), which
    chooses « pt » or « pts » and, when it is zero, a format without any sign (a value of
    −0,0004 then reads « 0,0 », whichever side of zero it lies). Excel picks the separators of
    its reader's language (a French Excel: « 1 234,5 »)."""
    digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    if unit == "%":
        suffix = '"' + NBSP + '"%'
    elif unit == "points":
        suffix = '"' + NBSP + points_unit(0 if shown is None else shown) + '"'
    else:
        suffix = '"' + NBSP + UNIT_SUFFIXES[unit] + '"' if unit in UNIT_SUFFIXES else ""
    plain = digits + suffix
    if shown is not None and exact(shown).is_zero():
        return f"{plain};{plain}"  # (the second section, for a value just under zero, unsigned)
    return ('"+"' if signed else "") + f'{plain};"{MINUS}"{plain};{plain}'


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
