import pandas as pd
import pytest

from pipeline.compute.formulas import Setting, ratio, within_delay
from pipeline.compute.indicators import (
    MONTH,
    QUARTER,
    YEAR,
    indicators_table,
    period_keys,
    status,
)
from pipeline.core.config import load_config
from pipeline.core.indicator_definitions import Ratio, WithinDelay
from pipeline.core.paths import DEFAULT_CONFIG


@pytest.fixture
def config():
    return load_config(DEFAULT_CONFIG)


def register(rows, requester="usager", kind="information"):
    frame = pd.DataFrame(
        rows, columns=["received_on", "answered_on", "holding_reply_on", "channel"]
    )
    for column in ("received_on", "answered_on", "holding_reply_on"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.assign(requester=requester, request_kind=kind, appointment_on=pd.NaT)


def test_period_keys_for_dates_months_and_quarters():
    dates = pd.to_datetime(pd.Series(["2022-04-15", "2022-12-31"]))
    assert period_keys(dates, YEAR).tolist() == ["2022", "2022"]
    assert period_keys(dates, QUARTER).tolist() == ["2022-T2", "2022-T4"]
    assert period_keys(dates, MONTH).tolist() == ["2022-04", "2022-12"]
    quarters = pd.Series(["2022-T1"], dtype="string")
    assert period_keys(quarters, YEAR).tolist() == ["2022"]
    assert period_keys(quarters, MONTH) is None  # quarterly figures have no months


def test_ratio_of_sums_ignores_not_applicable_months():
    months = pd.DataFrame(
        {"period": ["2022"] * 3, "calls_answered": [90, 45, pd.NA], "calls_received": [100, 50, 20]}
    ).astype({"calls_answered": "Int64"})
    formula = Ratio(kind="ratio", numerator="calls_answered", denominator="calls_received")
    result = ratio(months, formula, Setting())
    assert result.loc["2022", "numerator"] == 135 and result.loc["2022", "denominator"] == 150
    assert result.loc["2022", "value"] == pytest.approx(0.9)


def test_reply_rate_counts_holding_replies_only_when_asked():
    rows = register(
        [
            ("2022-04-15", "2022-04-22", None, "courriel"),  # 4 jours ouvrés over Easter Monday
            ("2022-04-01", "2022-04-12", "2022-04-04", "courriel"),  # 7 j, holding reply after 1 j
            ("2022-04-01", None, None, "courriel"),  # unanswered: late
        ]
    ).assign(period="2022")
    formula = WithinDelay(kind="within_delay", days=5)
    counted = within_delay(rows, formula, Setting(count_holding=True))
    strict = within_delay(rows, formula, Setting(count_holding=False))
    assert (counted.loc["2022", "numerator"], counted.loc["2022", "denominator"]) == (2, 3)
    assert (strict.loc["2022", "numerator"], strict.loc["2022", "denominator"]) == (1, 3)


def test_target_missed_by_one_request(config):
    # 9 of 10 élus' e-mails within 5 jours ouvrés = 90 %: met; one more late request = 9/11: missed.
    on_time = [("2022-03-01", "2022-03-02", None, "courriel")] * 9
    late = [("2022-03-01", "2022-03-15", None, "courriel")]
    met = register(on_time + late, requester="élu")
    missed = register(on_time + late * 2, requester="élu")
    for rows, expected in ((met, "atteint"), (missed, "non atteint")):
        table = indicators_table({"mail_register": rows}, config, 2022, [2022])
        year = table[(table["code"] == "elected_emails") & (table["granularity"] == YEAR)]
        assert year["status"].item() == expected


def test_status_against_strict_and_loose_targets():
    value = pd.Series([0.75, 0.75, pd.NA], dtype="Float64")
    comparator = pd.Series([">", ">=", ">="], dtype="string")
    target = pd.Series([0.75, 0.75, 0.75], dtype="Float64")
    assert status(value, comparator, target).tolist() == ["non atteint", "atteint", "sans objet"]


def test_a_month_without_requests_is_aucune_demande_not_zero(config):
    rows = register(
        [
            ("2022-03-01", "2022-03-02", None, "courriel"),
            ("2022-05-02", "2022-05-20", None, "courriel"),
        ]
    )
    table = indicators_table({"mail_register": rows}, config, 2022, [2021, 2022])
    rate = table[table["code"] == "mail_emails_5d"].set_index("period")
    assert rate.loc["2022-03", "value"] == 1.0 and rate.loc["2022-05", "value"] == 0.0
    april = rate.loc["2022-04"]
    assert (april["numerator"], april["denominator"]) == (0, 0)
    assert pd.isna(april["value"]) and april["na_reason"] == "aucune demande"
    assert april["status"] == "sans objet"
    assert rate.loc["2021", "na_reason"] == "non suivi"  # no register for 2021 at all
    assert rate.loc["2022", "value"] == 0.5 and rate.loc["2022-T1", "value"] == 1.0
    assert rate.loc["2022", "rule"] == ""  # no holding reply in the register: nothing to say
    held = register([("2022-03-01", "2022-03-20", "2022-03-02", "courriel")])
    emails = indicators_table({"mail_register": held}, config, 2022, [2022])
    emails = emails[emails["code"] == "mail_emails_5d"]
    assert (emails["rule"] == "réponses d'attente comptabilisées").all()
    assert emails.loc[emails["period"] == "2022", "value"].item() == 1.0  # the holding reply


def test_configuration_overrides_days_targets_and_modules(config):
    rows = register([("2022-03-01", "2022-03-16", None, "courrier")], requester="élu")  # 11 j
    custom = config.model_copy(
        update={
            "indicators": config.indicators.model_copy(
                update={
                    "params": {"elected_letters": {"days": 10}},
                    "targets": {"elected_letters": 0.5},
                }
            )
        }
    )
    default = indicators_table({"mail_register": rows}, config, 2022, [2022])
    changed = indicators_table({"mail_register": rows}, custom, 2022, [2022])
    pick = lambda t: t[(t["code"] == "elected_letters") & (t["granularity"] == YEAR)].iloc[0]  # noqa: E731
    assert pick(default)["value"] == 1.0 and "15 jours ouvrés" in pick(default)["label"]
    assert pick(changed)["value"] == 0.0 and "10 jours ouvrés" in pick(changed)["label"]
    assert pick(changed)["target_value"] == 0.5
    only_module_1 = config.model_copy(
        update={"labels": config.labels.model_copy(update={"modules": (1,)})}
    )
    assert set(
        indicators_table({"mail_register": rows}, only_module_1, 2022, [2022])["module"]
    ) == {1}


def test_counts_per_year_carry_a_yearly_target_only(config):
    events = pd.DataFrame(
        {
            "occurred_on": pd.to_datetime(["2022-01-10", "2022-04-11", "2022-06-13", "2022-09-12"]),
            "kind": ["exercice", "exercice", "exercice", "activation"],
            "elected_informed_minutes": [30.0, 45.0, 90.0, 20.0],
            "cip_on_time": pd.array([True, True, False, True], dtype="boolean"),
        }
    )
    table = indicators_table({"emergency_events": events}, config, 2022, [2022])
    exercises = table[table["code"] == "emergency_exercises"].set_index("period")
    assert exercises.loc["2022", "value"] == 3 and exercises.loc["2022", "status"] == "non atteint"
    assert exercises.loc["2022-02", "value"] == 0 and exercises.loc["2022-02", "status"] == ""
    delay = table[table["code"] == "emergency_elected_delay"].set_index("period")
    assert delay.loc["2022", "value"] == pytest.approx(46.25)


def test_overrides_must_name_indicators_with_a_comparator(config):
    from pipeline.core.exceptions import ConfigError

    for targets, message in (
        ({"no_such_code": 0.5}, "inconnu"),
        ({"mail_letters_10d": 0.9}, "sans comparateur"),
    ):
        bad = config.model_copy(
            update={"indicators": config.indicators.model_copy(update={"targets": targets})}
        )
        with pytest.raises(ConfigError, match=message):
            indicators_table({}, bad, 2022, [2022])


def test_a_register_kept_three_months_is_not_tracked_the_other_months(config):
    from pipeline.compute.indicators import register_coverage

    rows = [(f"2022-{m:02d}-{d:02d}", f"2022-{m:02d}-{d + 1:02d}", None, "courriel")
            for m in (1, 2, 3) for d in range(3, 28, 2)]  # fmt: skip
    frame = register(rows)
    detected = register_coverage(frame, "mail_register", {}, [2022])
    assert detected == {2022: ((1, 2, 3), False)}  # dense: silent months were not kept
    sparse = register_coverage(frame.head(5), "mail_register", {}, [2022])
    assert sparse == {2022: (tuple(range(1, 13)), False)}  # a few rows: the whole year
    declared = register_coverage(frame.head(5), "mail_register", {2022: (1, 2, 3)}, [2022])
    assert declared == {2022: ((1, 2, 3), True)}

    mapping = config.sources["mail_register"].model_copy(update={"coverage": {2022: (1, 2, 3)}})
    sources = {**config.sources, "mail_register": mapping}
    table = indicators_table(
        {"mail_register": frame.head(5)}, config.model_copy(update={"sources": sources}),
        2022, [2022],
    )  # fmt: skip
    emails = table[table["code"] == "mail_emails_5d"].set_index("period")
    assert emails.loc["2022", "months"] == 3 and emails.loc["2022", "value"] == 1.0
    assert emails.loc["2022-04", "na_reason"] == "non suivi"
    assert emails.loc["2022-02", "na_reason"] == "aucune demande"
    assert emails.loc["2022-T2", "na_reason"] == "non suivi"


def test_no_source_at_all_gives_an_empty_table_not_a_crash(config):
    table = indicators_table({}, config, 2022, [2022])
    assert table.empty and {"code", "value", "group_heading"} <= set(table.columns)


def test_a_month_whose_row_was_set_aside_says_so_not_non_suivi(config):
    months = pd.to_datetime([f"2022-{m:02d}-01" for m in range(1, 12)])  # December set aside
    telephony = pd.DataFrame(
        {"month": months, "calls_received": pd.array([100] * 11, dtype="Int64"),
         "calls_answered": pd.array([90] * 11, dtype="Int64"),
         "svi_updates": pd.array([pd.NA] * 11, dtype="Int64"),
         "svi_updates_on_time": pd.array([pd.NA] * 11, dtype="Int64"), "year": 2022}
    )  # fmt: skip
    tables = {"telephony_monthly": telephony}
    quarantined = {"telephony_monthly": frozenset({"2022-12"})}
    table = indicators_table(tables, config, 2022, [2022], quarantined=quarantined)
    calls = table[table["code"] == "tel_calls_answered"].set_index("period")
    assert calls.loc["2022-12", "na_reason"] == "en quarantaine"
    assert calls.loc["2022-11", "value"] == 0.9 and calls.loc["2022", "months"] == 11
    plain = indicators_table(tables, config, 2022, [2022])
    assert plain.set_index(["code", "period"]).loc[("tel_calls_answered", "2022-12"),
                                                   "na_reason"] == "non suivi"  # fmt: skip


def test_a_delay_of_requests_none_answered_is_aucune_reponse_not_aucune_demande(config):
    rows = register(
        [("2022-03-01", None, None, "courriel"), ("2022-05-02", "2022-05-04", None, "courriel")]
    )
    table = indicators_table({"mail_register": rows}, config, 2022, [2022])
    delay = table[table["code"] == "mail_emails_delay"].set_index("period")
    assert delay.loc["2022-03", "na_reason"] == "aucune réponse"  # received, never answered
    assert delay.loc["2022-04", "na_reason"] == "aucune demande"  # nothing received
    assert delay.loc["2022-05", "value"] == 2 and delay.loc["2022", "value"] == 2
    rate = table[table["code"] == "mail_emails_5d"].set_index("period")
    assert rate.loc["2022-03", "value"] == 0  # an unanswered request is late


def test_a_year_whose_every_row_was_set_aside_says_so_not_aucune_demande(config):
    # the register's 2022 rows all set aside (their dates unreadable): the year is read, has no
    # row left, and the quarantine holds some of its rows
    rows = register([("2021-03-01", "2021-03-02", None, "courriel")])
    read = {"mail_register": {2021, 2022}}
    quarantined = {"mail_register": frozenset({"2022"})}
    table = indicators_table({"mail_register": rows}, config, 2022, [2021, 2022], read,
                             quarantined)  # fmt: skip
    rate = table[table["code"] == "mail_emails_5d"].set_index("period")
    assert rate.loc["2022", "na_reason"] == "en quarantaine"
    assert pd.isna(rate.loc["2022", "denominator"])  # never « 0 demande »
    assert rate.loc["2021", "value"] == 1.0
    plain = indicators_table({"mail_register": rows}, config, 2022, [2021, 2022], read)
    assert plain.set_index(["code", "period"]).loc[("mail_emails_5d", "2022"),
                                                   "na_reason"] == "aucune demande"  # fmt: skip
