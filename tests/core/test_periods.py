import pytest

from pipeline.core.exceptions import PeriodError
from pipeline.core.periods import history_years, parse_period


def test_a_year_is_a_period():
    assert parse_period("2022") == 2022
    assert parse_period(2021) == 2021


@pytest.mark.parametrize("bad", ["20x2", "22", "2022-13-01", "", "1850"])
def test_a_bad_period_gets_a_french_message(bad):
    with pytest.raises(PeriodError, match="PERIOD doit être une année sur quatre chiffres"):
        parse_period(bad)


def test_history_years():
    assert history_years(2022, 3) == [2020, 2021, 2022]
