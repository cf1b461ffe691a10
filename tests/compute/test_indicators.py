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


def _labelled(config, **labels):
    return config.model_copy(update={"labels": config.labels.model_copy(update=labels)})


def test_services_publics_plus_shows_every_indicator_with_data_whatever_the_modules(config):
    from pipeline.compute.perimeter import left_out_lines

    rows = register(
        [("2022-03-01", "2022-03-02", None, "courriel"), ("2022-03-01", "2022-03-02", None,
         "courrier")], requester="élu"
    )  # fmt: skip
    appointment = register([("2022-05-02", "2022-05-03", None, "courriel")], "élu", "rendez-vous")
    rows = pd.concat([rows, appointment.assign(appointment_on=pd.Timestamp("2022-05-06"))])
    sp_plus = _labelled(config, scheme="Services Publics+", version=2023, modules=(1,))
    table = indicators_table({"mail_register": rows}, sp_plus, 2022, [2022])
    elected = table[table["code"] == "elected_emails"]
    assert set(elected["group"]) == {4}  # under its engagement, « traitée dans les délais »
    assert elected.loc[elected["period"] == "2022", "value"].item() == 1.0
    assert left_out_lines({"mail_register": rows}, sp_plus) == []
    # Qual-e-pref: the modules are the perimeter; each indicator with data left out says why
    only_1 = _labelled(config, modules=(1,))
    assert "elected_emails" not in set(indicators_table({"mail_register": rows}, only_1, 2022,
                                                         [2022])["code"])  # fmt: skip
    lines = left_out_lines({"mail_register": rows}, only_1)
    assert len(lines) == 4  # the four élus' indicators, one line each
    assert lines[1] == (
        "Indicateur non affiché : « Taux de réponse dans le délai de 5 jours ouvrés aux "
        "courriels de demande d'information ou de conseil des élus » — des données existent "
        "(registre des courriers et courriels de demande d'information), mais le module 4 ne "
        "fait pas partie du périmètre Qual-e-pref (labels.modules : 1) ; ajoutez 4 à "
        "labels.modules pour l'afficher."
    )
    users_only = register([("2022-03-01", "2022-03-02", None, "courriel")])
    assert left_out_lines({"mail_register": users_only}, only_1) == []  # no élu: nothing hidden


def test_the_exports_words_are_kept_as_written(config):
    from pipeline.ingest.parsing import written_word_column

    months = pd.to_datetime([f"2022-{m:02d}-01" for m in range(1, 5)])
    word = written_word_column("svi_updates")
    telephony = pd.DataFrame(
        {"month": months, "calls_received": pd.array([100] * 4, dtype="Int64"),
         "calls_answered": pd.array([90] * 4, dtype="Int64"),
         "svi_updates": pd.array([pd.NA, pd.NA, pd.NA, 2], dtype="Int64"),
         "svi_updates_on_time": pd.array([pd.NA, pd.NA, pd.NA, 2], dtype="Int64"),
         word: pd.array(["non suivi", "aucune demande", "sans objet", None], dtype="string"),
         "year": 2022}
    )  # fmt: skip
    table = indicators_table({"telephony_monthly": telephony}, config, 2022, [2022])
    svi = table[table["code"] == "tel_svi_updates"].set_index("period")["na_reason"]
    assert svi[["2022-01", "2022-02", "2022-03"]].tolist() == [
        "non suivi", "aucune demande", "sans objet"]  # fmt: skip
    assert svi["2022-05"] == "non suivi"  # no row at all
    events = pd.DataFrame(
        {"occurred_on": pd.to_datetime(["2022-01-10", "2022-04-11"]), "kind": "exercice",
         "elected_informed_minutes": pd.array([pd.NA, pd.NA], dtype="Float64"),
         written_word_column("elected_informed_minutes"): pd.array(["néant", "néant"],
                                                                   dtype="string"),
         "cip_on_time": pd.array([True, True], dtype="boolean")}
    )  # fmt: skip
    table = indicators_table({"emergency_events": events}, config, 2022, [2022])
    delay = table[table["code"] == "emergency_elected_delay"].set_index("period")
    assert delay.loc["2022", "na_reason"] == "néant"  # never « aucune demande »
    assert delay.loc["2022-02", "na_reason"] == "aucune demande"  # no exercise that month


def test_a_prefectures_own_ratio_in_per_thousand_reaches_the_table(config):
    custom = {
        "permis_fraud": {
            "label": "Taux de fraude documentaire (permis de conduire)", "unit": "‰",
            "module": 2, "target": "< 5 ‰", "source": "own_figures",
            "formula": {"kind": "ratio", "numerator": "frauds", "denominator": "files"},
        }
    }  # fmt: skip
    from pipeline.core.config import SourceMapping

    columns = {name: {"type": "integer", "label": name} for name in ("files", "frauds")}
    mapping = SourceMapping(file="fraude_{year}.csv", own_columns=columns)
    own = config.model_copy(
        update={
            "indicators": config.indicators.model_copy(update={"custom": custom}),
            "labels": config.labels.model_copy(update={"modules": (1, 2)}),
            "sources": {**config.sources, "own_figures": mapping},
        }
    )
    figures = pd.DataFrame(
        {"month": pd.to_datetime(["2022-02-01", "2022-03-01"]),
         "files": pd.array([1073, 2500], dtype="Int64"),
         "frauds": pd.array([5, 11], dtype="Int64"), "year": 2022}
    )  # fmt: skip
    table = indicators_table({"own_figures": figures}, own, 2022, [2022]).set_index("period")
    assert table.loc["2022-02", "value"] == pytest.approx(4.66, abs=0.005)  # 5 / 1 073 × 1 000
    assert table.loc["2022-03", "value"] == pytest.approx(4.4)
    assert table.loc["2022", "value"] == pytest.approx(16 / 3573 * 1000)
    assert table.loc["2022", "status"] == "atteint" and table.loc["2022", "module"] == 2
    assert table.loc["2022", "label"] == "Taux de fraude documentaire (permis de conduire)"


def test_the_catalogue_is_written_with_the_kinds_against_the_contract():
    from pipeline.core.config import load_contract, load_indicator_catalogue
    from pipeline.core.indicator_definitions import definition_problems

    sources = load_contract().sources
    for indicator in load_indicator_catalogue().indicators:
        key = f"catalogue.{indicator.code}"
        assert definition_problems(indicator, key, sources, {}, "Qual-e-pref") == []
