import pandas as pd

from pipeline.core.workdays import public_holidays, workday_delays


def dates(*values):
    return pd.to_datetime(pd.Series(values))


def test_a_reply_straddling_easter_monday_2022():
    # Friday 15 April → Friday 22 April: Mon 18 is Easter Monday, so 4 jours ouvrés.
    assert workday_delays(dates("2022-04-15"), dates("2022-04-22")).tolist() == [4]


def test_same_day_weekend_receipt_and_unanswered():
    received = dates("2022-04-14", "2022-04-16", "2022-04-14")
    answered = dates("2022-04-14", "2022-04-19", None)
    # same day: 0; received Saturday, answered Tuesday after Easter Monday: 1; unanswered: <NA>
    assert workday_delays(received, answered).tolist() == [0, 1, pd.NA]


def test_alsace_moselle_adds_good_friday():
    national = public_holidays(2022, 2022, "41")
    moselle = public_holidays(2022, 2022, "57")
    assert len(national) == 11
    assert set(moselle.astype(str)) - set(national.astype(str)) == {"2022-04-15", "2022-12-26"}
    assert workday_delays(dates("2022-04-14"), dates("2022-04-19"), "57").tolist() == [1]


def test_alsace_and_overseas_departments():
    assert len(public_holidays(2022, 2022, "67")) == len(public_holidays(2022, 2022, "68")) == 13
    assert len(public_holidays(2022, 2022, "971")) > 11  # abolition of slavery, among others
