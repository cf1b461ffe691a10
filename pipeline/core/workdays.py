"""Jours ouvrés: Monday to Friday, excluding French public holidays.

Counting convention, applied everywhere: the delay of a reply is the number of jours ouvrés
*after* the day of receipt up to and including the day of the reply. A request received on
Friday 15 April 2022 and answered on Friday 22 April 2022 took 4 jours ouvrés (Easter Monday,
18 April, is a holiday). A reply on the day of receipt takes 0 jour ouvré. For a request
received on a weekend or a holiday, counting starts at the next jour ouvré.

Holidays come from the ``holidays`` package: the 11 national days, plus Good Friday and
26 December for Alsace-Moselle (départements 57, 67, 68) and the abolition-of-slavery day
overseas (971 to 976).
"""

from __future__ import annotations

from functools import lru_cache

import holidays
import numpy as np
import pandas as pd

# Département code → subdivision of the ``holidays`` package: Moselle, Alsace (Bas-Rhin and
# Haut-Rhin: "6AE"), and the overseas départements (abolition-of-slavery day).
SUBDIVISIONS = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    **{c: c for c in ("971", "972", "973", "974", "976")},
}


@lru_cache
def public_holidays(first_year: int, last_year: int, department_code: str = "") -> np.ndarray:
    """The public holidays of the years, as ``datetime64[D]`` (for numpy's busday functions)."""
    subdiv = SUBDIVISIONS.get(department_code)
    days = holidays.France(years=range(first_year, last_year + 1), subdiv=subdiv)
    return np.array(sorted(days), dtype="datetime64[D]")


def workday_delays(
    received: pd.Series, answered: pd.Series, department_code: str = ""
) -> pd.Series:
    """Jours ouvrés between receipt and reply (see the module's convention); <NA> if unanswered."""
    both = received.notna() & answered.notna()
    delays = pd.Series(pd.NA, index=received.index, dtype="Int64")
    if not both.any():
        return delays
    start = received[both].to_numpy(dtype="datetime64[D]") + np.timedelta64(1, "D")
    end = answered[both].to_numpy(dtype="datetime64[D]") + np.timedelta64(1, "D")
    years = pd.concat([received[both], answered[both]]).dt.year
    hols = public_holidays(int(years.min()), int(years.max()), department_code)
    counts = np.busday_count(start, end, holidays=hols)
    delays[both] = np.maximum(counts, 0)
    return delays
