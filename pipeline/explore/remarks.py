"""The survey's free remarks found by theme or by words, for the analyst's bench.

A theme is named by its label (« Téléphone »), or a part of it that names one theme alone,
accents and case ignored. Words are found as the themes' keywords are (whole words, accents
and case ignored, « téléphon* » for the words starting so: :func:`keyword_pattern`); a
personal datum masked at ingestion (« [téléphone masqué] ») is never found.
"""

from __future__ import annotations

import pandas as pd

from pipeline.compute.survey.respondents import folded
from pipeline.compute.survey.verbatims import MASKS_PATTERN, keyword_pattern
from pipeline.core.config import VerbatimThemes
from pipeline.core.exceptions import SelectionError
from pipeline.ingest.parsing import folded_text


def theme_named(name: str, themes: VerbatimThemes) -> str:
    """The theme's label ``name`` designates; a French SelectionError listing them otherwise."""
    labels = [t.label for t in themes.themes] + [themes.other_label]
    key = folded(name)
    exact = [label for label in labels if folded(label) == key]
    found = exact or [label for label in labels if key in folded(label)]
    if len(found) == 1:
        return found[0]
    listed = ", ".join(f"« {label} »" for label in (found or labels))
    raise SelectionError(f"« {name} » n'est pas un thème des remarques ; thèmes : {listed}.")


def found_remarks(themed: pd.DataFrame, words=None, theme: str | None = None) -> pd.DataFrame:
    """One row per remark (``year``, ``respondent``, ``text``) among ``themed`` (a remark ×
    a theme, with its tone) holding one of ``words`` and, with a ``theme``, of that theme;
    its ``themes`` (a list) and its ``tone`` (in that theme, else in its first)."""
    if theme is not None:
        keys = themed.loc[themed["theme"] == theme, ["respondent", "text"]].drop_duplicates()
        themed = themed.merge(keys, on=["respondent", "text"])
    if words:
        listed = (words,) if isinstance(words, str) else tuple(words)
        unmasked = themed["text"].astype("string").str.replace(MASKS_PATTERN, " ", regex=True)
        found = folded_text(unmasked).str.contains(keyword_pattern(listed), regex=True)
        themed = themed[found.fillna(False).to_numpy(bool)]
    grouped = themed.groupby(["year", "respondent", "text"], sort=True, observed=True)
    rows = grouped.agg(themes=("theme", list), tone=("tone", "first")).reset_index()
    if theme is not None and len(rows):
        own = themed[themed["theme"] == theme].drop_duplicates(["respondent", "text"])
        tones = own.set_index(["respondent", "text"])["tone"]
        keys = pd.MultiIndex.from_frame(rows[["respondent", "text"]])
        rows["tone"] = tones.reindex(keys).to_numpy()
    return rows
