"""« Mis à jour le … » on the poster and in the open-data file: never a date the data has not
reached (a spring committee's results of February and March are not « mis à jour le 31
décembre »)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.core.config import load_config
from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.facts.results import update_date

CONFIG = load_config(DEFAULT_CONFIG)


def _indicators(months: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"period": ["2022", *months], "denominator": [9.0, *months.values()]})


def test_the_last_month_with_requests_ends_the_period_shown():
    spring = _indicators({"2022-02": 40.0, "2022-03": 35.0, "2022-04": 0.0})
    assert CONFIG.transparence.updated_on is None  # (the sample sets none)
    assert update_date(CONFIG, 2022, indicators=spring) == dt.date(2022, 3, 31)
    assert update_date(CONFIG, 2022, 1, indicators=spring) == dt.date(2022, 3, 31)
    assert update_date(CONFIG, 2022, 3, indicators=spring) == dt.date(2022, 3, 31)  # no data


def test_a_full_year_or_no_months_ends_on_the_period_s_last_day():
    year = _indicators({f"2022-{m:02d}": 10.0 for m in range(1, 13)})
    assert update_date(CONFIG, 2022, indicators=year) == dt.date(2022, 12, 31)
    assert update_date(CONFIG, 2022, 2, indicators=year) == dt.date(2022, 6, 30)
    assert update_date(CONFIG, 2022, indicators=_indicators({})) == dt.date(2022, 12, 31)
    assert update_date(CONFIG, 2022) == dt.date(2022, 12, 31)
