"""Mystery calls and e-mails on tiny grids, with expectations computed by hand."""

import datetime as dt

import pandas as pd
import pytest
from pydantic import ValidationError

from pipeline.compute.mystery import (
    Check,
    Criterion,
    MysteryGrid,
    Stage,
    call_compliance,
    call_points,
    call_rings,
    call_summary,
    calls_by_half_day,
    email_reply_days,
    email_results,
    half_day_slot,
    load_grid,
)
from pipeline.core.config import (
    DEFAULT_CRITICAL_WORDS,
    load_config,
    load_indicator_catalogue,
    load_verbatim_themes,
)
from pipeline.core.exceptions import ConfigError
from pipeline.core.paths import DEFAULT_CONFIG

NA = pd.NA


@pytest.fixture
def grid():
    return MysteryGrid(
        stages=(Stage(code="svi", label="SVI"), Stage(code="standard", label="Standard")),
        call_criteria=(
            Criterion(column="svi_clear", label="SVI clair", stage="svi"),
            Criterion(
                column="courtesy",
                label="Courtoisie",
                stage="standard",
                evidence_words=("courtois",),
            ),
            Criterion(
                column="transfer_announced",
                label="Transfert annoncé",
                stage="standard",
                evidence_words=("transfert",),
            ),
        ),
        rings_evidence_words=("sonnerie",),
        email_checks=(
            Check(column="signature_complete", label="Signature complète"),
            Check(column="forwarding_informed", label="Information en cas de transfert"),
        ),
    )


@pytest.fixture
def calls():
    return pd.DataFrame(
        {
            "year": [2022] * 4,
            "call_id": ["A1", "A2", "A3", "A4"],
            "called_on": pd.to_datetime(["2022-11-07"] * 2 + ["2022-11-08"] * 2),
            "called_at": pd.array(["09:00", "14:30", "10:00", "15:00"], dtype="string"),
            "service": ["Standard"] * 4,
            "answered": pd.array([True, True, True, False], dtype="boolean"),
            "rings": pd.array([3, 12, 5, 15], dtype="Int64"),
            "svi_clear": pd.array([True, False, True, NA], dtype="boolean"),
            "courtesy": pd.array([True, True, False, NA], dtype="boolean"),
            # A1: « sans objet » (no transfer): out of the denominator.
            "transfer_announced": pd.array([NA, False, True, NA], dtype="boolean"),
            "comment": pd.array(
                [
                    "Accueil courtois.",
                    "Décroché après 12 sonneries. Transfert sans annonce du service.",
                    NA,
                    "Non abouti : messagerie.",
                ],
                dtype="string",
            ),
        }
    )


def test_each_criterion_keeps_its_own_denominator_and_stages_pool_them(calls, grid):
    table = call_compliance(calls, grid, target=0.6).set_index(["level", "code"])
    svi, courtesy = table.loc[("criterion", "svi_clear")], table.loc[("criterion", "courtesy")]
    transfer = table.loc[("criterion", "transfer_announced")]
    assert (svi["evaluated"], svi["compliant"]) == (3, 2)  # the unanswered call is not evaluated
    assert (courtesy["evaluated"], courtesy["compliant"]) == (3, 2)
    assert (transfer["evaluated"], transfer["compliant"]) == (2, 1)  # « sans objet » left out
    assert transfer["rate"] == pytest.approx(0.5) and transfer["status"] == "non atteint"
    standard = table.loc[("stage", "standard")]
    assert (standard["evaluated"], standard["compliant"]) == (5, 3)  # (2 + 1) / (3 + 2)
    assert standard["rate"] == pytest.approx(0.6) and standard["status"] == "atteint"  # ≥ target
    overall = table.loc[("overall", "overall")]
    assert overall["rate"] == pytest.approx(5 / 8) and overall["calls"] == 4


def test_rings_are_read_on_answered_calls_only(calls):
    flagged = call_rings(calls, max_rings=10)
    assert flagged["call_id"].tolist() == ["A1", "A2", "A3"]
    assert flagged["over_max_rings"].tolist() == [False, True, False]
    slots = calls_by_half_day(calls, "12:00")
    summary = call_summary(calls, slots, max_rings=10, min_calls=20).iloc[0]
    assert (summary["calls"], summary["answered"], summary["rings_n"]) == (4, 3, 3)
    assert summary["answered_rate"] == pytest.approx(0.75)
    assert summary["rings_mean"] == pytest.approx(20 / 3)  # (3 + 12 + 5) / 3, not the 15 unheard
    assert (summary["rings_max"], summary["over_max_rings"]) == (12, 1)
    assert not summary["enough_calls"]


def test_half_days_follow_the_configured_noon():
    times = pd.Series(["11:59", "12:00", NA], dtype="string")
    assert half_day_slot(times, "12:00").tolist() == ["matin", "après-midi", "heure non renseignée"]
    assert half_day_slot(times, "13:00").tolist()[:2] == ["matin", "matin"]


def test_the_protocol_asks_one_call_per_half_day_of_the_campaign():
    made = pd.DataFrame(
        {
            "year": [2022] * 5,
            "called_on": pd.to_datetime(
                ["2022-11-09", "2022-11-09", "2022-11-10", "2022-11-10", "2022-11-11"]
            ),
            "called_at": pd.array(["09:00", "14:30", "10:00", "11:45", "10:00"], dtype="string"),
        }
    )
    # Campaign: Wed 9 to Mon 14 November 2022; Fri 11 is Armistice day, then a weekend.
    window = {2022: (dt.date(2022, 11, 9), dt.date(2022, 11, 14))}
    slots = calls_by_half_day(made, "12:00", window)
    by_slot = slots.set_index([slots["day"].dt.strftime("%d"), "slot"])["protocol"]
    assert by_slot[("09", "matin")] == by_slot[("09", "après-midi")] == "un appel"
    assert by_slot[("10", "matin")] == "plusieurs appels"
    assert by_slot[("10", "après-midi")] == by_slot[("14", "matin")] == "aucun appel"
    assert by_slot[("11", "matin")] == "hors campagne"
    summary = call_summary(
        made.assign(call_id=range(5), answered=True, rings=pd.array([1] * 5, dtype="Int64")),
        slots,
        max_rings=10,
        min_calls=5,
    ).iloc[0]
    assert summary["half_days"] == 6  # 9, 10 and 14 November, morning and afternoon
    assert (summary["half_days_one_call"], summary["half_days_several_calls"]) == (2, 1)
    assert (summary["half_days_no_call"], summary["calls_outside_campaign"]) == (3, 1)
    assert summary["enough_calls"]


def test_points_compare_each_check_to_the_target_with_the_grids_comments(calls, grid):
    points = call_points(calls, grid, target=0.7, max_rings=10)
    assert points["kind"].tolist() == ["point positif"] + ["point de vigilance"] * 4
    assert points["code"].tolist() == [
        "answered",
        "transfer_announced",
        "rings_within_limit",
        "svi_clear",
        "courtesy",
    ]
    evidence = points.set_index("code")["evidence"]
    assert evidence["transfer_announced"] == "« Transfert sans annonce du service. » (1 appel)"
    assert evidence["rings_within_limit"] == "« Décroché après 12 sonneries. » (1 appel)"
    # No words for the SVI: the sentences of the failing call that speak of no other check —
    # both speak of one (the rings, the transfer), so none is the SVI's
    assert evidence["svi_clear"] == ""
    assert evidence["courtesy"] == ""  # the discourteous call has no comment
    positive = call_points(calls, grid, target=0.6, max_rings=10).set_index("code")
    assert positive.loc["courtesy", "kind"] == "point positif"
    assert positive.loc["courtesy", "evidence"] == "« Accueil courtois. » (1 appel)"


def test_a_strength_is_at_least_the_margin_above_the_target(calls, grid):
    # answered 3/4 = 75 %, courtesy 2/3 ≈ 66,7 %: against 0,75 − 0,1 pt, then 0,65 …
    points = call_points(calls, grid, target=0.751, max_rings=10, strength_margin=0.05)
    assert "point positif" not in set(points["kind"])  # 75 % is under the target: vigilance
    assert points.set_index("code").loc["answered", "kind"] == "point de vigilance"
    # … at the target but less than 5 points above it: neither point
    points = call_points(calls, grid, target=0.65, max_rings=10, strength_margin=0.05)
    assert "courtesy" not in set(points["code"])
    points = call_points(calls, grid, target=0.65, max_rings=10, strength_margin=0.0)
    assert points.set_index("code").loc["courtesy", "kind"] == "point positif"


def _svi_and_language_calls(comments: list[str], svi: list, language: list) -> pd.DataFrame:
    n = len(comments)
    return pd.DataFrame(
        {
            "year": [2022] * n,
            "call_id": [f"A{i}" for i in range(n)],
            "answered": pd.array([True] * n, dtype="boolean"),
            "rings": pd.array([2] * n, dtype="Int64"),
            "svi_clear": pd.array(svi, dtype="boolean"),
            "plain_language": pd.array(language, dtype="boolean"),
            "comment": pd.array(comments, dtype="string"),
        }
    )


def test_the_packaged_lists_of_critical_words_are_the_default():
    config = load_config(DEFAULT_CONFIG)
    assert load_grid(config).critical_words == DEFAULT_CRITICAL_WORDS
    assert load_verbatim_themes(config).critical_words == DEFAULT_CRITICAL_WORDS


def test_a_criticism_is_never_the_evidence_of_a_strength():
    grid = MysteryGrid(
        stages=(Stage(code="svi", label="SVI"), Stage(code="standard", label="Standard")),
        call_criteria=(
            Criterion(
                column="svi_clear",
                label="SVI clair",
                stage="svi",
                evidence_words=("svi", "serveur vocal", "menu", "choix"),
            ),
            Criterion(
                column="plain_language",
                label="Langage compréhensible",
                stage="standard",
                evidence_words=("clair", "compréhensible", "langage", "jargon"),
            ),
        ),  # fmt: skip
    )
    calls = _svi_and_language_calls(
        [
            # three SVI words, one of the language's: it speaks of the SVI
            "Menu du serveur vocal long, choix peu compréhensibles.",
            "Menu du serveur vocal long, choix peu compréhensibles.",
            # a language sentence, but a criticism: never under the strength
            "Explications peu compréhensibles.",
            "Langage clair et compréhensible.",
        ],
        svi=[False, False, True, True],
        language=[True, True, True, True],
    )
    points = call_points(calls, grid, target=0.85, max_rings=10).set_index("code")
    assert points.loc["plain_language", "kind"] == "point positif"  # 100 %
    assert points.loc["plain_language", "evidence"] == (
        "« Langage clair et compréhensible. » (1 appel)"
    )
    assert points.loc["svi_clear", "kind"] == "point de vigilance"  # 50 %
    assert points.loc["svi_clear", "evidence"] == (
        "« Menu du serveur vocal long, choix peu compréhensibles. » (2 appels)"
    )
    # with only the criticisms, the strength has no evidence rather than a contradicting one
    only = calls.iloc[:3]
    points = call_points(only, grid, target=0.85, max_rings=10).set_index("code")
    assert points.loc["plain_language", "evidence"] == ""


def test_email_rates_are_over_emails_sent_and_checks_over_evaluated_replies(grid):
    emails = pd.DataFrame(
        {
            "year": [2022] * 3,
            "sent_on": pd.to_datetime(["2022-04-15", "2022-04-25", "2022-05-02"]),
            "acknowledged_on": pd.to_datetime(["2022-04-15", None, None]),
            # 4 jours ouvrés across Easter Monday; 6 jours ouvrés; no reply at all.
            "answered_on": pd.to_datetime(["2022-04-22", "2022-05-03", None]),
            "signature_complete": pd.array([True, False, NA], dtype="boolean"),
            "forwarding_informed": pd.array([NA, False, NA], dtype="boolean"),
        }
    )
    table = email_results(emails, grid, reply_days=5, target=0.85).set_index("code")
    assert table.loc["sent", "value"] == 3
    assert (table.loc["replied", "numerator"], table.loc["replied", "denominator"]) == (2, 3)
    assert table.loc["acknowledged", "value"] == pytest.approx(1 / 3)
    assert table.loc["replied_within", "value"] == pytest.approx(1 / 3)  # no reply = late
    assert table.loc["mean_delay", "value"] == pytest.approx(5.0)  # (4 + 6) / 2
    assert table.loc["mean_delay", "status"] == "atteint"  # ≤ 5 jours ouvrés
    assert table.loc["signature_complete", "value"] == pytest.approx(0.5)
    forwarded = table.loc["forwarding_informed"]
    assert (forwarded["numerator"], forwarded["denominator"]) == (0, 1)
    assert forwarded["status"] == "non atteint"


def test_the_packaged_grid_and_the_reply_delay_come_from_configuration():
    config = load_config(DEFAULT_CONFIG)
    grid = load_grid(config)
    assert {c.stage for c in grid.call_criteria} == {s.code for s in grid.stages}
    catalogue = {i.code: i for i in load_indicator_catalogue().indicators}
    assert email_reply_days(config) == catalogue["mail_emails_5d"].formula.days


def test_a_grid_with_an_unknown_stage_or_column_is_refused():
    with pytest.raises(ValidationError, match="étape"):
        MysteryGrid(
            stages=(Stage(code="svi", label="SVI"),),
            call_criteria=(Criterion(column="courtesy", label="Courtoisie", stage="accueil"),),
        )
    with pytest.raises(ValidationError, match="oui/non"):
        MysteryGrid(
            stages=(Stage(code="svi", label="SVI"),),
            call_criteria=(Criterion(column="rings", label="Sonneries", stage="svi"),),
        )


def test_a_wrong_afternoon_time_gets_a_french_message(tmp_path):
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    text = text.replace('afternoon_from: "12:00"', 'afternoon_from: "midi"')
    path = tmp_path / "prefecture.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="mystery.afternoon_from : format invalide"):
        load_config(path)
