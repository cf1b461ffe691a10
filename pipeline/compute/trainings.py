"""Formations des agents: agents trained per training and year, with the yearly total (the
table CLU decks show: one row per training, one column per year, a « Total » row).

A training not held in a year has no value that year (shown « – »), never zero. The total adds
the agents of every training: an agent trained twice counts twice.
"""

from __future__ import annotations

import pandas as pd

TOTAL = "Total"


def agents_trained_by_year(trainings: pd.DataFrame) -> pd.DataFrame:
    """One row per training × year, then one « Total » row per year.

    Trainings keep the order in which they first appear (oldest year first, file order).
    Columns: training, year, agents_trained (<NA> when not held), order, is_total.
    """
    first_seen = trainings.sort_values([c for c in ("year", "source_row") if c in trainings])
    names = first_seen["training"].drop_duplicates().tolist()
    years = sorted(int(y) for y in trainings["year"].unique())
    agents = trainings.groupby(["training", "year"])["agents_trained"].sum(min_count=1)
    full = pd.MultiIndex.from_product([names, years], names=["training", "year"])
    table = agents.reindex(full).astype("Int64").rename("agents_trained").reset_index()
    table = table.assign(order=table["training"].map({n: i for i, n in enumerate(names)}))
    totals = (
        table.groupby("year")["agents_trained"]
        .sum(min_count=1)
        .astype("Int64")
        .reset_index()
        .assign(training=TOTAL, order=len(names))
    )
    table = pd.concat(
        [table.assign(is_total=False), totals.assign(is_total=True)], ignore_index=True
    )
    table = table.assign(year=table["year"].astype("int64"), order=table["order"].astype("int64"))
    return table.sort_values(["order", "year"], ignore_index=True)[
        ["training", "year", "agents_trained", "order", "is_total"]
    ]


def training_tables(trainings: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The trainings' table, by its catalogue name."""
    return {"trainings_by_year": agents_trained_by_year(trainings)}
