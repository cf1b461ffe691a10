"""Tutorat et accompagnement des agents: the sessions of each kind and topic per year, the agents
they accompanied and their hours, with a yearly total — beside the trainings, as the CLU decks
show them (« Accompagnement des agents : formation, tutorat »).

A topic without a session in a year has no row that year (never zero). The agents add up over
the sessions: an agent accompanied twice counts twice.
"""

from __future__ import annotations

import pandas as pd

TOTAL = "Total"
KINDS = ("tutorat", "accompagnement")
TYPES = {"kind": "string", "topic": "string", "year": "int64", "sessions": "int64",
         "agents": "Int64", "hours": "Float64", "order": "int64", "is_total": "bool"}  # fmt: skip


def tutoring_by_year(sessions: pd.DataFrame) -> pd.DataFrame:
    """One row per kind × topic × year held (topics in the order they first appear, tutoring
    first), then one « Total » row per year: ``sessions``, ``agents`` and ``hours`` (<NA> when
    no session gives them)."""
    if sessions.empty:
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in TYPES.items()})
    rows = sessions.assign(kind=sessions["kind"].fillna(KINDS[0]).astype("string"),
                           topic=sessions["topic"].astype("string").str.strip())  # fmt: skip
    first = rows.sort_values([c for c in ("year", "held_on", "source_row") if c in rows])
    pairs = first[["kind", "topic"]].drop_duplicates()
    pairs = pairs.assign(rank=pairs["kind"].map({k: i for i, k in enumerate(KINDS)}))
    pairs = pairs.sort_values("rank", kind="stable").reset_index(drop=True)
    order = {(k, t): i for i, (k, t) in enumerate(zip(pairs["kind"], pairs["topic"], strict=True))}
    table = (
        rows.groupby(["kind", "topic", "year"])
        .agg(sessions=("held_on", "size"), agents=("agents", lambda v: v.sum(min_count=1)),
             hours=("hours", lambda v: v.sum(min_count=1)))
        .reset_index()
    )  # fmt: skip
    table["order"] = [order[(k, t)] for k, t in zip(table["kind"], table["topic"], strict=True)]
    totals = (
        rows.groupby("year")
        .agg(sessions=("held_on", "size"), agents=("agents", lambda v: v.sum(min_count=1)),
             hours=("hours", lambda v: v.sum(min_count=1)))
        .reset_index()
        .assign(kind="", topic=TOTAL, order=len(order))
    )  # fmt: skip
    table = pd.concat([table.assign(is_total=False), totals.assign(is_total=True)],
                      ignore_index=True)  # fmt: skip
    table = table.astype(TYPES)
    return table.sort_values(["order", "year"], ignore_index=True)[list(TYPES)]


def tutoring_tables(sessions: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tutoring table, by its catalogue name."""
    return {"tutoring_by_year": tutoring_by_year(sessions)}
