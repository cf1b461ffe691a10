"""Each kind of formula on a tiny table, every figure computed by hand in its comment."""

import pandas as pd
import pytest

from pipeline.compute.formulas import BREAKDOWN, Setting, computed
from pipeline.core.indicator_definitions import Count, Delay, Ratio, Share, ValueRead, WithinDelay


def register(rows) -> pd.DataFrame:
    """(received, answered, channel, service) per request, all in the period 2022."""
    frame = pd.DataFrame(rows, columns=["received_on", "answered_on", "channel", "service"])
    for column in ("received_on", "answered_on"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.assign(period="2022")


REQUESTS = register(
    [
        (
            "2022-04-15",
            "2022-04-22",
            "courriel",
            "Titres",
        ),  # 4 jours ouvrés (Easter Monday), 7 days
        ("2022-03-01", "2022-03-03", "courriel", "Titres"),  # 2 j, 2 days
        ("2022-03-01", "2022-03-14", "courrier", "Étrangers"),  # 9 j, 13 days
        ("2022-03-07", None, "courrier", "Étrangers"),  # unanswered: late, not in a delay
    ]
)


def test_within_delay_one_limit_or_one_per_value_of_a_column():
    one = computed(REQUESTS, WithinDelay(kind="within_delay", days=5), Setting())
    assert (one.loc["2022", "numerator"], one.loc["2022", "denominator"]) == (2, 4)
    per_channel = WithinDelay(kind="within_delay", days={"courriel": 3, "courrier": 10})
    result = computed(REQUESTS, per_channel, Setting())
    assert result.loc["2022", "numerator"] == 2  # 2 j ≤ 3 and 9 j ≤ 10; 4 j > 3
    filtered = WithinDelay(kind="within_delay", days=5, filters={"service": ["Étrangers"]})
    assert computed(REQUESTS, filtered, Setting()).loc["2022", "value"] == 0  # 9 j, unanswered


def test_delay_mean_or_median_in_jours_ouvres_or_calendar_days():
    mean = computed(REQUESTS, Delay(kind="delay"), Setting())
    assert mean.loc["2022", "value"] == pytest.approx(5.0)  # (4 + 2 + 9) / 3 answered
    assert mean.loc["2022", "requests"] == 4  # the unanswered one counted as received
    median = computed(REQUESTS, Delay(kind="delay", statistic="median"), Setting())
    assert median.loc["2022", "value"] == 4 and pd.isna(median.loc["2022", "numerator"])
    calendar = Delay(kind="delay", statistic="median", calendar_days=True)
    assert computed(REQUESTS, calendar, Setting()).loc["2022", "value"] == 7  # 2, 7, 13 days


def test_count_of_the_rows_a_filter_keeps():
    result = computed(REQUESTS, Count(kind="count", filters={"channel": "courrier"}), Setting())
    assert result.loc["2022", "value"] == 2


MONTHS = pd.DataFrame(
    {
        "period": ["2022-01", "2022-02", "2022-03"],
        "files": pd.array([1000, 1073, 2500], dtype="Int64"),
        "frauds": pd.array([5, 5, pd.NA], dtype="Int64"),  # March « non suivi »
        "visitors": pd.array([41000, 20500, pd.NA], dtype="Int64"),
    }
)


def test_ratio_of_two_monthly_figures_with_its_factor():
    fraud = Ratio(kind="ratio", numerator="frauds", denominator="files")
    per_thousand = computed(MONTHS, fraud, Setting(unit="‰")).loc["2022-02", "value"]
    assert per_thousand == pytest.approx(4.6598, abs=1e-4)  # 5 / 1 073 × 1 000
    yearly = computed(MONTHS.assign(period="2022"), fraud, Setting(unit="‰")).loc["2022"]
    assert (yearly["numerator"], yearly["denominator"]) == (10, 2073)  # March left out
    as_fraction = computed(MONTHS.assign(period="2022"), fraud, Setting(unit="%"))
    assert as_fraction.loc["2022", "value"] == pytest.approx(10 / 2073)  # shown × 100
    hundred = Ratio(kind="ratio", numerator="frauds", denominator="files", factor=100)
    assert computed(MONTHS, hundred, Setting(unit="nombre")).loc["2022-01", "value"] == 0.5


def test_ratio_to_the_population_is_a_mean_over_the_months():
    share = Ratio(kind="ratio", numerator="visitors", denominator="population")
    result = computed(MONTHS.assign(period="2022"), share, Setting(population=410000))
    assert result.loc["2022", "value"] == pytest.approx(0.075)  # 61 500 / (2 × 410 000)


def test_share_of_a_value_or_of_yes():
    answers = pd.DataFrame(
        {
            "period": "2022",
            "nature": ["réclamation", "suggestion", "réclamation", None],
            "fraud": pd.array([True, False, False, pd.NA], dtype="boolean"),
        }
    )
    kind = Share(kind="share", column="nature", values=["suggestion"])
    assert computed(answers, kind, Setting()).loc["2022", "value"] == pytest.approx(1 / 3)
    fraud = computed(answers, Share(kind="share", column="fraud"), Setting(unit="‰"))
    assert fraud.loc["2022", "value"] == pytest.approx(1000 / 3)  # 1 of 3 filled in, in ‰


def test_value_read_as_is_mean_median_or_sum_over_the_period():
    delays = pd.DataFrame(
        {"period": ["2022-T1", "2022-T1", "2022-T2"], "days": [8.0, 12.0, None],
         "title": ["permis", "permis", "permis"]}
    )  # fmt: skip
    mean = computed(delays, ValueRead(kind="value", column="days"), Setting())
    assert mean.loc["2022-T1", "value"] == 10 and "2022-T2" not in mean.index
    total = computed(delays, ValueRead(kind="value", column="days", statistic="sum"), Setting())
    assert total.loc["2022-T1", "value"] == 20


def test_a_breakdown_groups_by_service_and_period_in_one_pass():
    by_service = REQUESTS.assign(**{BREAKDOWN: REQUESTS["service"]})
    result = computed(by_service, WithinDelay(kind="within_delay", days=5), Setting())
    assert result.loc[("Titres", "2022"), "value"] == 1.0
    assert result.loc[("Étrangers", "2022"), "value"] == 0.0
