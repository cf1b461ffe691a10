"""Free-text answers (verbatims) sorted into themes with a keyword dictionary.

The dictionary is configuration (``resources/survey_themes.yaml`` or the préfecture's own): a
remark belongs to every theme one of whose keywords it contains as a word (``attent*``: any
word starting so), ignoring case and accents; a remark that matches none is counted under the
dictionary's ``other_label``. The texts were redacted at ingestion; the quotes chosen for a
report are redacted again, and a remark that carried personal data (now masked:
« [nom masqué] ») is counted but never quoted.
"""

from __future__ import annotations

import re

import pandas as pd

from pipeline.core.config import VerbatimThemes
from pipeline.ingest.parsing import folded_text
from pipeline.ingest.redaction import EMAIL_MASK, NAME_MASK, NUMBER_MASK, PHONE_MASK, redact

MASKS_PATTERN = "|".join(
    re.escape(mask) for mask in (EMAIL_MASK, NAME_MASK, PHONE_MASK, NUMBER_MASK)
)
MAX_QUOTE_LENGTH = 240


def keyword_pattern(keywords: tuple[str, ...]) -> str:
    """A regular expression finding any keyword as a whole word, or as the start of a word when
    it ends with ``*`` (``attent*`` finds « attente » and « attendre »), accents ignored."""
    words = folded_text(pd.Series(list(keywords), dtype="string")).str.strip()
    escaped = [
        re.escape(word.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if word.endswith("*") else "")
        for word in words
    ]
    return r"(?<!\w)(?:" + "|".join(escaped) + r")(?!\w)"


def comments(responses: pd.DataFrame, column: str) -> pd.DataFrame:
    """The non-empty free-text answers of a column: ``respondent`` (position), year, text."""
    texts = responses[column].reset_index(drop=True).astype("string").str.strip()
    kept = texts.notna() & (texts != "")
    return pd.DataFrame(
        {
            "respondent": texts.index[kept],
            "year": responses["year"].to_numpy()[kept.to_numpy()],
            "text": texts[kept].to_numpy(),
        }
    )


def themed_comments(remarks: pd.DataFrame, themes: VerbatimThemes) -> pd.DataFrame:
    """One row per remark × theme it matches (``theme``, ``theme_order``); a remark that
    matches no theme gets the dictionary's ``other_label`` (ordered last)."""
    if remarks.empty:
        return remarks.assign(theme_order=pd.Series(dtype="int64"), theme=pd.Series(dtype="string"))
    # each distinct remark is matched once (surveys repeat theirs), then spread to its rows
    codes, uniques = pd.factorize(remarks["text"].astype("string"), use_na_sentinel=True)
    unmasked = pd.Series(uniques, dtype="string").str.replace(MASKS_PATTERN, " ", regex=True)
    normalised = folded_text(unmasked)  # a mask (« [téléphone masqué] ») is not a subject
    distinct = pd.DataFrame(
        {
            position: normalised.str.contains(keyword_pattern(theme.keywords), regex=True)
            for position, theme in enumerate(themes.themes)
        },
        index=range(len(uniques)),
    ).fillna(False)
    distinct.loc[len(distinct)] = False  # code -1, no text: no theme
    matches = pd.DataFrame(
        distinct.to_numpy(bool)[codes], index=remarks.index, columns=distinct.columns
    )
    other = len(themes.themes)
    matches[other] = ~matches.any(axis=1)
    pairs = matches.stack()
    pairs = pairs[pairs.astype(bool)].reset_index()
    pairs.columns = ["row", "theme_order", "matched"]
    labels = [theme.label for theme in themes.themes] + [themes.other_label]
    return (
        remarks.loc[pairs["row"]]
        .reset_index(drop=True)
        .assign(
            theme_order=pairs["theme_order"].to_numpy(),
            theme=[labels[i] for i in pairs["theme_order"]],
        )
        .sort_values(["theme_order", "year", "respondent"], ignore_index=True)
    )


def theme_counts(themed: pd.DataFrame, remarks: pd.DataFrame, themes: VerbatimThemes):
    """Per year and theme: remarks in the theme, remarks of the year, share (a remark may
    count in several themes, so the shares add up to more than 100 %)."""
    labels = [theme.label for theme in themes.themes] + [themes.other_label]
    grid = pd.DataFrame({"theme": labels, "theme_order": range(len(labels))}).merge(
        pd.DataFrame({"year": sorted(remarks["year"].unique())}), how="cross"
    )
    counts = themed.groupby(["year", "theme"]).size().rename("count").reset_index()
    per_year = remarks.groupby("year").size().rename("remarks").reset_index()
    table = grid.merge(counts, on=["year", "theme"], how="left").merge(per_year, on="year")
    table["count"] = table["count"].fillna(0).astype("int64")
    table["share"] = (table["count"] / table["remarks"]).astype("Float64")
    return table.sort_values(["year", "theme_order"], ignore_index=True)


def representative_quotes(themed: pd.DataFrame, year: int, per_theme: int = 3) -> pd.DataFrame:
    """Up to ``per_theme`` quotes per theme for ``year``: distinct remarks, the most often
    written first, then the shortest; redacted once more, and never one that carries a mask. A
    remark of several themes is quoted once, under the first. ``times`` counts how many
    respondents wrote it."""
    current = themed[themed["year"] == year]
    if current.empty or per_theme == 0:
        return pd.DataFrame(columns=["theme_order", "theme", "quote", "times"])
    quotes = (
        current.assign(quote=redact(current["text"]).str.slice(0, MAX_QUOTE_LENGTH))
        .groupby(["theme_order", "theme", "quote"])
        .size()
        .rename("times")
        .reset_index()
    )
    quotes = quotes[~quotes["quote"].str.contains(MASKS_PATTERN, regex=True)]
    quotes = quotes.assign(length=quotes["quote"].str.len())
    truncated = quotes["length"] >= MAX_QUOTE_LENGTH
    quotes.loc[truncated, "quote"] = quotes.loc[truncated, "quote"].str.rstrip() + "…"
    ranked = quotes.sort_values(["theme_order", "times", "length"], ascending=[True, False, True])
    chosen, used = [], set()
    for _, theme in ranked.groupby("theme_order", sort=True):  # a dozen themes at most
        fresh = theme[~theme["quote"].isin(used)].head(per_theme)  # a remark is quoted once,
        used |= set(fresh["quote"])  # under the first of its themes (it counts in each)
        chosen.append(fresh)
    return pd.concat(chosen).drop(columns="length").reset_index(drop=True)
