"""Plan d'actions: every action with its deadline, late ones flagged against the meeting date, and
the progress of each year's plan by status.

A deadline is a month (« Mai 2022 »): the action is due by the last day of that month. An action
is late when that day is before the meeting and it is neither « réalisée » nor « abandonnée »;
an action without a deadline is never late.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from pipeline.core.config import load_contract

DONE, ABANDONED = "réalisée", "abandonnée"
CLOSED = (DONE, ABANDONED)
ACTION_COLUMNS = ["plan_year", "action_id", "objective", "action", "owner", "origin", "due_on",
                  "deadline", "status", "done_on", "late", "as_of", "addresses"]  # fmt: skip


def status_order() -> list[str]:
    """The statuses in the contract's order: à engager, en cours, réalisée, abandonnée."""
    return list(load_contract().sources["action_plan"].columns["status"].allowed)


def actions_with_deadlines(actions: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The actions with their deadline (last day of the due month) and ``late`` at ``as_of``."""
    deadline = actions["due_on"].dt.to_period("M").dt.end_time.dt.normalize()
    meeting = pd.Timestamp(as_of)
    late = deadline.notna() & (deadline < meeting) & ~actions["status"].isin(CLOSED)
    table = actions.assign(
        plan_year=actions["plan_year"].astype("int64"),
        deadline=deadline.astype(actions["due_on"].dtype),
        late=late.astype(bool),
        as_of=meeting,
    ).astype({"as_of": actions["due_on"].dtype})
    sort = [c for c in ("plan_year", "year", "source_row") if c in table]
    return table.sort_values(sort, ignore_index=True)[[c for c in ACTION_COLUMNS if c in table]]


def plan_progress(actions: pd.DataFrame) -> pd.DataFrame:
    """Each year's plan by status: count, share of the plan's actions, and how many are late.

    Takes the output of :func:`actions_with_deadlines`. Every status appears, zeros included.
    Columns: plan_year, status, count, share, late.
    """
    statuses = status_order()
    years = sorted(actions["plan_year"].unique())
    full = pd.MultiIndex.from_product([years, statuses], names=["plan_year", "status"])
    counts = (
        actions.groupby(["plan_year", "status"])
        .agg(count=("action_id", "size"), late=("late", "sum"))
        .reindex(full, fill_value=0)
        .astype("int64")
        .reset_index()
    )
    totals = counts.groupby("plan_year")["count"].transform("sum")
    share = (counts["count"] / totals.where(totals > 0)).astype("Float64")
    return counts.assign(plan_year=counts["plan_year"].astype("int64"), share=share)[
        ["plan_year", "status", "count", "share", "late"]
    ]


def plan_tables(plan: pd.DataFrame, as_of: date) -> dict[str, pd.DataFrame]:
    """The action plan's tables, by their catalogue names: actions with their delay (as of the
    meeting's date) and progress per plan year."""
    actions = actions_with_deadlines(plan, as_of)
    return {"action_plan_actions": actions, "action_plan_progress": plan_progress(actions)}
