"""The action plan: deadlines, late actions at the meeting date, progress by status."""

import datetime as dt

import pandas as pd
import pytest

from pipeline.compute.action_plan import actions_with_deadlines, plan_progress


@pytest.fixture
def actions():
    rows = [  # action_id, plan_year, due month, status
        ("A1", 2022, "2022-12-01", "en cours"),  # due 31 December 2022: late in January 2023
        ("A2", 2022, "2023-01-01", "en cours"),  # due 31 January 2023: not yet late
        ("A3", 2022, "2022-06-01", "réalisée"),
        ("A4", 2022, "2022-03-01", "abandonnée"),
        ("A5", 2022, None, "à engager"),  # no deadline: never late
        ("B1", 2021, "2021-05-01", "réalisée"),
    ]
    frame = pd.DataFrame(rows, columns=["action_id", "plan_year", "due_on", "status"])
    return frame.assign(
        due_on=pd.to_datetime(frame["due_on"]),
        objective="Objectif", action="Action", owner="Pilote", origin="CLU", done_on=pd.NaT,
    )  # fmt: skip


def test_late_means_deadline_passed_at_the_meeting_and_not_closed(actions):
    flagged = actions_with_deadlines(actions, dt.date(2023, 1, 24)).set_index("action_id")
    assert flagged.loc["A1", "deadline"] == pd.Timestamp("2022-12-31")
    assert flagged["late"].to_dict() == {
        "B1": False, "A1": True, "A2": False, "A3": False, "A4": False, "A5": False,
    }  # fmt: skip
    later = actions_with_deadlines(actions, dt.date(2023, 2, 1)).set_index("action_id")
    assert later.loc["A2", "late"]


def test_progress_shares_every_status_of_each_plan(actions):
    progress = plan_progress(actions_with_deadlines(actions, dt.date(2023, 1, 24)))
    plan = progress[progress["plan_year"] == 2022].set_index("status")
    assert plan["count"].tolist() == [1, 2, 1, 1]  # à engager, en cours, réalisée, abandonnée
    assert plan.loc["réalisée", "share"] == pytest.approx(0.2)
    assert plan.loc["en cours", "late"] == 1
    previous = progress[progress["plan_year"] == 2021].set_index("status")
    assert previous.loc["réalisée", "share"] == 1 and previous.loc["en cours", "count"] == 0
