import pandas as pd
import pytest

from pipeline.config import load_config
from pipeline.indicators import indicators_table, ratio_of_sums, replies_within, status
from pipeline.paths import DEFAULT_CONFIG


def register(rows):
    frame = pd.DataFrame(
        rows, columns=["received_on", "answered_on", "holding_reply_on", "channel"]
    )
    for column in ("received_on", "answered_on", "holding_reply_on"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.assign(year=2022, requester="usager", request_kind="information")


def test_ratio_of_sums_ignores_not_applicable_months():
    months = pd.DataFrame(
        {
            "year": [2022, 2022, 2022],
            "calls_answered": [90, 45, pd.NA],
            "calls_received": [100, 50, 20],
        }
    ).astype({"calls_answered": "Int64"})
    result = ratio_of_sums(months, numerator="calls_answered", denominator="calls_received")
    assert result.loc[2022, "numerator"] == 135 and result.loc[2022, "denominator"] == 150
    assert result.loc[2022, "value"] == pytest.approx(0.9)


def test_reply_rate_counts_holding_replies_only_when_asked():
    rows = register(
        [
            ("2022-04-15", "2022-04-22", None, "courriel"),  # 4 jours ouvrés over Easter Monday
            ("2022-04-01", "2022-04-12", "2022-04-04", "courriel"),  # 7 j, holding reply after 1 j
            ("2022-04-01", None, None, "courriel"),  # unanswered: late
        ]
    )
    counted = replies_within(rows, days=5, count_holding=True)
    strict = replies_within(rows, days=5, count_holding=False)
    assert (counted.loc[2022, "numerator"], counted.loc[2022, "denominator"]) == (2, 3)
    assert (strict.loc[2022, "numerator"], strict.loc[2022, "denominator"]) == (1, 3)


def test_target_missed_by_one_request():
    # 3 of 4 on time = 75 % against "> 75 %": missed; against ">= 75 %": met.
    value = pd.Series([0.75, 0.75, pd.NA], dtype="Float64")
    comparator = pd.Series([">", ">=", ">="], dtype="string")
    target = pd.Series([0.75, 0.75, 0.75], dtype="Float64")
    assert status(value, comparator, target).tolist() == ["non atteint", "atteint", "sans objet"]


def test_a_year_without_requests_is_sans_objet_not_zero():
    config = load_config(DEFAULT_CONFIG)
    complaints = pd.DataFrame(
        {
            "year": pd.Series([2022], dtype="Int64"),
            "received_on": pd.to_datetime(["2022-03-01"]),
            "answered_on": pd.to_datetime(["2022-03-02"]),
            "channel": ["urne"],
            "nature": ["réclamation"],
        }
    )
    table = indicators_table({"complaints": complaints}, config, [2021, 2022])
    on_time = table[table["code"] == "complaints_on_time"].set_index("year")
    assert pd.isna(on_time.loc[2021, "value"]) and on_time.loc[2021, "status"] == "sans objet"
    assert on_time.loc[2022, "value"] == 1.0 and on_time.loc[2022, "status"] == "atteint"
