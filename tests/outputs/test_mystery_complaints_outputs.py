"""The tables of the step « mystery_complaints » on the bundled sample, read back as a user would
and checked against figures recomputed here from the validated tables."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.core.config import load_config, load_indicator_catalogue
from pipeline.core.datasets import tables_made_by
from pipeline.core.meeting import load_meeting
from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.core.workdays import workday_delays
from tests.conftest import PERIOD

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def paths(sample_run):
    return sample_run["paths"]


def read(paths, name: str) -> pd.DataFrame:
    return pd.read_parquet(paths.table(name))


def test_every_table_is_written_with_the_years_read(paths):
    config = load_config(DEFAULT_CONFIG)
    years = set(range(PERIOD - config.history_years + 1, PERIOD + 1))
    for name in tables_made_by("mystery_complaints"):
        table = read(paths, name)
        if name.startswith(("feedback_", "tutoring_")):  # sources the sample does not keep
            assert table.empty, name
            continue
        assert len(table), name
        year = "plan_year" if name.startswith("action_plan") else "year"
        assert set(table[year]) <= years and PERIOD in set(table[year]), name


def test_call_compliance_matches_the_grid(paths):
    calls = read(paths, "mystery_calls")
    calls = calls[calls["year"] == PERIOD]
    compliance = read(paths, "mystery_call_compliance").set_index(["year", "level", "code"])
    for criterion in ("courtesy", "transfer_announced", "svi_clear"):
        evaluated = calls[criterion].dropna()
        row = compliance.loc[(PERIOD, "criterion", criterion)]
        assert row["evaluated"] == len(evaluated)
        assert row["rate"] == pytest.approx(evaluated.astype(bool).mean())
    summary = read(paths, "mystery_call_summary").set_index("year").loc[PERIOD]
    answered = calls[calls["answered"].astype(bool)]
    max_rings = load_config(DEFAULT_CONFIG).mystery.max_rings
    assert (summary["calls"], summary["answered"]) == (len(calls), len(answered))
    assert summary["over_max_rings"] == (answered["rings"] > max_rings).sum()
    assert summary["rings_mean"] == pytest.approx(answered["rings"].mean())


def test_the_campaign_half_days_follow_the_meeting_window(paths):
    meeting = load_meeting(paths.meeting)
    slots = read(paths, "mystery_call_slots")
    campaign = slots[(slots["year"] == PERIOD) & slots["in_campaign"]]
    assert campaign["day"].min().date() >= meeting.mystery.calls_start
    assert campaign["day"].max().date() <= meeting.mystery.calls_end
    assert set(campaign["slot"]) <= {"matin", "après-midi"}
    calls = read(paths, "mystery_calls")
    assert slots.loc[slots["year"] == PERIOD, "calls"].sum() == (calls["year"] == PERIOD).sum()


def test_points_split_criteria_at_the_target(paths):
    settings = load_config(DEFAULT_CONFIG).mystery
    points = read(paths, "mystery_call_points")
    points = points[points["year"] == PERIOD]
    positive = points.loc[points["kind"] == "point positif", "rate"]
    assert (positive >= settings.target + settings.strength_margin - 1e-9).all()
    assert (points.loc[points["kind"] == "point de vigilance", "rate"] < settings.target).all()
    # every criterion under its target is a point de vigilance
    compliance = read(paths, "mystery_call_compliance")
    missed = compliance[(compliance["year"] == PERIOD) & (compliance["level"] == "criterion")
                        & (compliance["status"] == "non atteint")]  # fmt: skip
    vigilance = set(points.loc[points["kind"] == "point de vigilance", "code"])
    assert set(missed["code"]) <= vigilance and len(missed) > 0


def test_email_replies_on_time_match_the_grid(paths):
    emails = read(paths, "mystery_emails")
    emails = emails[emails["year"] == PERIOD]
    results = read(paths, "mystery_email_results").set_index(["year", "code"])
    days = {i.code: i for i in load_indicator_catalogue().indicators}["mail_emails_5d"].formula
    delays = workday_delays(emails["sent_on"], emails["answered_on"])
    on_time = (delays <= days.days).fillna(False)
    assert results.loc[(PERIOD, "replied_within"), "value"] == pytest.approx(on_time.mean())
    assert results.loc[(PERIOD, "mean_delay"), "value"] == pytest.approx(delays.dropna().mean())


def test_complaint_replies_follow_the_indicator_rule(paths):
    register = read(paths, "complaints")
    indicator = {i.code: i for i in load_indicator_catalogue().indicators}["complaints_on_time"]
    rule = indicator.formula
    selected = register[
        (register["year"] == PERIOD) & register["nature"].isin(list(rule.filters["nature"]))
    ]
    delays = workday_delays(selected["received_on"], selected["answered_on"])
    on_time = (delays <= selected["channel"].map(rule.days)).fillna(False)
    replies = read(paths, "complaints_replies").set_index(["year", "channel"])
    overall = replies.loc[(PERIOD, "ensemble")]
    assert overall["messages"] == len(selected)
    assert overall["on_time_rate"] == pytest.approx(on_time.mean())
    assert overall["mean_delay"] == pytest.approx(delays.dropna().mean())
    by_nature = read(paths, "complaints_by_nature")
    assert list(by_nature.columns) == ["year", "nature", "count"]  # what the deck reads
    assert (
        by_nature.loc[by_nature["year"] == PERIOD, "count"].sum()
        == (register["year"] == PERIOD).sum()
    )


def test_late_actions_are_open_actions_past_their_month_at_the_meeting(paths):
    meeting = pd.Timestamp(load_meeting(paths.meeting).date)
    plan = read(paths, "action_plan")
    due = plan["due_on"] + pd.offsets.MonthEnd(0)
    expected = plan.loc[
        (due < meeting) & ~plan["status"].isin(["réalisée", "abandonnée"]), "action_id"
    ]
    actions = read(paths, "action_plan_actions")
    assert set(actions.loc[actions["late"], "action_id"]) == set(expected)
    progress = read(paths, "action_plan_progress")
    current = progress[progress["plan_year"] == PERIOD]
    assert current["count"].sum() == (plan["plan_year"] == PERIOD).sum()
    assert current["share"].sum() == pytest.approx(1)


def test_training_totals_add_up_each_year(paths):
    trainings = read(paths, "trainings")
    table = read(paths, "trainings_by_year")
    totals = table[table["is_total"]].set_index("year")["agents_trained"]
    assert totals.to_dict() == trainings.groupby("year")["agents_trained"].sum().to_dict()
