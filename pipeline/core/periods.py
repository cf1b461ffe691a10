"""The reporting period given on the command line (PERIOD=2022)."""

from __future__ import annotations

import re

from pipeline.core.exceptions import PeriodError

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def parse_period(value: object) -> int:
    """Return the year of a PERIOD such as ``"2022"``; raise PeriodError with a French message."""
    match = _YEAR.match(str(value))
    if not match or not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        raise PeriodError(
            f"PERIOD doit être une année sur quatre chiffres entre {FIRST_YEAR} et {LAST_YEAR}, "
            f"par exemple PERIOD=2022 (reçu : « {value} »)."
        )
    return int(match.group(1))


def history_years(period: int, count: int) -> list[int]:
    """The years read for a period, oldest first: ``history_years(2022, 3)`` → 2020, 2021, 2022."""
    return list(range(period - count + 1, period + 1))
