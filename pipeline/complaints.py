"""Réclamations et suggestions: what the register holds, by nature, theme and channel."""

from __future__ import annotations

import pandas as pd

NATURE_ORDER = ["réclamation", "suggestion", "remerciement", "hors champ"]


def counts_by(register: pd.DataFrame, column: str) -> pd.DataFrame:
    """Messages per year and value of ``column`` (nature, theme, channel), zeros included."""
    counts = register.groupby(["year", column]).size().rename("count").reset_index()
    if column == "nature":
        full = pd.MultiIndex.from_product(
            [sorted(register["year"].unique()), NATURE_ORDER], names=["year", "nature"]
        )
        counts = counts.set_index(["year", "nature"]).reindex(full, fill_value=0).reset_index()
    return counts.assign(year=counts["year"].astype("int64"))
