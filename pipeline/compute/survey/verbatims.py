"""Free-text answers (verbatims) sorted into themes with a keyword dictionary, their tone told
by their authors' own answers, and the quotes a report shows chosen from them.

The dictionary is configuration (``resources/survey_themes.yaml`` or the préfecture's own): a
remark belongs to every theme one of whose keywords it contains as a word (``attent*``: any
word starting so), ignoring case and accents; a remark that matches none is counted under the
dictionary's ``other_label``. The texts were redacted at ingestion; the quotes chosen for a
report are redacted again, and a remark that carried personal data (now masked:
« [nom masqué] ») is counted but never quoted.

Tone (:func:`remark_tones`): a remark is « critique », « positive » or « neutre » by its
author's answers to the satisfaction questions its theme names (``criteria``); see the rule
there. Quotes (:func:`chosen_quotes`): per theme, a representative remark of the theme's most
frequent tone, and a critical one when a criterion of the theme misses its target or critical
remarks are the majority.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from pipeline.core.config import QuestionCatalogue, VerbatimThemes
from pipeline.ingest.parsing import folded_text
from pipeline.ingest.redaction import EMAIL_MASK, NAME_MASK, NUMBER_MASK, PHONE_MASK, redact

MASKS_PATTERN = "|".join(
    re.escape(mask) for mask in (EMAIL_MASK, NAME_MASK, PHONE_MASK, NUMBER_MASK)
)
MAX_QUOTE_LENGTH = 240
CRITICAL, POSITIVE, NEUTRAL = "critique", "positive", "neutre"
TONES = (CRITICAL, POSITIVE, NEUTRAL)  # also the order that breaks a tie of frequencies
# What a tone rests on (``tone_from``): the theme's criteria, the remark's words when its
# author's answers to them disagree, the overall satisfaction, nothing.
TONE_SOURCES = (
    "critères du thème", "critères du thème partagés, mots de la remarque",
    "satisfaction générale", "aucune réponse",
)  # fmt: skip
# Why a quote is shown (``role``) and the reasons given (``reason``).
REPRESENTATIVE, CRITICAL_QUOTE, OTHER_QUOTE = "représentative", "critique", "complémentaire"
MOST_FREQUENT_TONE = "ton le plus fréquent des remarques du thème"
MOST_FREQUENT_QUOTABLE_TONE = "ton le plus fréquent des remarques citables du thème"
CRITICAL_MAJORITY = "remarques critiques majoritaires"
BELOW_TARGET = "critère sous sa cible : "
MOST_WRITTEN = "parmi les remarques les plus écrites du thème"


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


def remark_tones(
    themed: pd.DataFrame,
    answers: pd.DataFrame,
    themes: VerbatimThemes,
    catalogue: QuestionCatalogue,
) -> pd.DataFrame:
    """The themed remarks with their ``tone`` (critique, positive, neutre) and ``tone_from``.

    A remark's tone in a theme is read from its author's answers (``answers``: the
    :func:`~pipeline.compute.survey.satisfaction.satisfaction_answers` of the same responses)
    to the satisfaction questions the theme names (``criteria``) and that the author answered
    (« non concerné » and blanks leave them):

    - all dissatisfied: « critique »; all satisfied: « positive »;
    - satisfied with one, dissatisfied with another: the remark's own words decide — one of
      the dictionary's ``critical_words`` (« trop », « pas », « jamais »…) makes it
      « critique », else « positive »;
    - none of them answered (or a theme without criteria): the author's overall satisfaction
      decides the same way (dissatisfied: « critique », satisfied: « positive »);
    - nothing to go by (or only answers neither satisfied nor dissatisfied): « neutre ».

    A question of ``criteria`` the catalogue does not ask counts as not answered.
    """
    rows = themed.reset_index(drop=True)
    if rows.empty:
        return rows.assign(
            tone=pd.Categorical([], categories=TONES),
            tone_from=pd.Categorical([], categories=TONE_SOURCES),
        )
    overall = next((q.column for q in catalogue.satisfaction_questions if q.overall), None)
    linked = [list(theme.criteria) for theme in themes.themes] + [[]]  # (other_label: none)
    columns = list(dict.fromkeys([c for criteria in linked for c in criteria] + [overall]))
    judged = _judgements(answers, columns, int(rows["respondent"].max()) + 1)
    respondent = rows["respondent"].to_numpy(np.int64)
    order = rows["theme_order"].to_numpy(np.int64)
    answered, satisfied, dissatisfied = (np.zeros(len(rows), dtype=bool) for _ in range(3))
    for position, criteria in enumerate(linked):  # a dozen themes, each its rows at once
        at = np.flatnonzero(order == position)
        if criteria and len(at):
            own = judged[respondent[at]][:, [columns.index(c) for c in criteria]]
            answered[at] = (own != NOT_ANSWERED).any(axis=1)
            satisfied[at] = (own == SATISFIED).any(axis=1)
            dissatisfied[at] = (own == DISSATISFIED).any(axis=1)
    general = judged[respondent, columns.index(overall)]
    general_satisfied, general_dissatisfied = general == SATISFIED, general == DISSATISFIED
    mixed = answered & satisfied & dissatisfied
    critical_words = _reads_as_criticism(rows["text"], themes.critical_words)
    conditions = [
        answered & dissatisfied & ~satisfied,
        answered & satisfied & ~dissatisfied,
        mixed & critical_words,
        mixed,
        answered,
        general_dissatisfied,
        general_satisfied,
    ]
    tone = np.select(conditions, [0, 1, 0, 1, 2, 0, 1], 2)  # positions in TONES
    basis = np.select(conditions, [0, 0, 1, 1, 0, 2, 2], 3)  # positions in TONE_SOURCES
    return rows.assign(
        tone=pd.Categorical.from_codes(tone, categories=TONES),
        tone_from=pd.Categorical.from_codes(basis, categories=TONE_SOURCES),
    )


NOT_ANSWERED, SATISFIED, DISSATISFIED, NEITHER = 0, 1, -1, 2  # an author's answer, judged


def _judgements(answers: pd.DataFrame, columns: list, respondents: int) -> np.ndarray:
    """respondents × ``columns``: each respondent's answer to each question, judged (satisfied,
    dissatisfied, neither; not answered where « non concerné », blank or not asked), laid out
    by position (the answers may be millions: no merge)."""
    judged = np.full((respondents, len(columns)), NOT_ANSWERED, dtype=np.int8)
    if answers.empty:
        return judged
    asked = answers["column"].astype("category")
    found = asked.cat.categories.get_indexer(columns)  # -1: a question not asked
    place = np.full(len(asked.cat.categories) + 1, -1, dtype=np.int64)  # (code -1: last)
    place[found[found >= 0]] = np.flatnonzero(found >= 0)
    position = place[asked.cat.codes.to_numpy()]
    who = answers["respondent"].to_numpy()
    kept = np.flatnonzero((position >= 0) & answers["counted"].to_numpy(bool) & (who < respondents))
    verdict = np.full(len(kept), NEITHER, dtype=np.int8)
    verdict[answers["satisfied"].to_numpy(bool)[kept]] = SATISFIED
    verdict[answers["dissatisfied"].to_numpy(bool)[kept]] = DISSATISFIED
    judged[who[kept], position[kept]] = verdict
    return judged


def _reads_as_criticism(texts: pd.Series, words: tuple[str, ...]) -> np.ndarray:
    """True where a text holds one of ``words`` as a word (each distinct text looked at once)."""
    if not words or texts.empty:
        return np.zeros(len(texts), dtype=bool)
    codes, uniques = pd.factorize(texts.astype("string"), use_na_sentinel=True)
    distinct = folded_text(pd.Series(uniques, dtype="string"))
    found = distinct.str.contains(keyword_pattern(words), regex=True).fillna(False)
    return np.append(found.to_numpy(bool), False)[codes]  # code -1 (no text): False


def theme_counts(
    themed: pd.DataFrame,
    remarks: pd.DataFrame,
    themes: VerbatimThemes,
    rates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per year and theme: remarks in the theme, remarks of the year, share (a remark may
    count in several themes, so the shares add up to more than 100 %); the remarks of each tone
    (``critical``, ``positive``, ``neutral``: a themed frame without ``tone`` counts all
    « neutre »); and whether the theme asks for a critical quote.

    ``criteria_below_target``: the labels of the theme's criteria under their target that year
    (``rates``: the survey's rates per criterion and year), joined by « ; »;
    ``critical_majority``: critical remarks are more than half of the theme's;
    ``critical_quote_needed``: either.
    """
    labels = [theme.label for theme in themes.themes] + [themes.other_label]
    grid = pd.DataFrame({"theme": labels, "theme_order": range(len(labels))}).merge(
        pd.DataFrame({"year": sorted(remarks["year"].unique())}), how="cross"
    )
    tone_columns = ["critical", "positive", "neutral"]  # the remarks of each of TONES
    tones = themed["tone"] if "tone" in themed else pd.Series(NEUTRAL, index=themed.index)
    counts = (
        themed.assign(tone=pd.Categorical(tones, categories=TONES))
        .groupby(["year", "theme", "tone"], observed=False)
        .size()
        .unstack("tone", fill_value=0)
        .reindex(columns=list(TONES), fill_value=0)
        .set_axis(tone_columns, axis=1)
        .reset_index()
    )
    per_year = remarks.groupby("year").size().rename("remarks").reset_index()
    table = grid.merge(counts, on=["year", "theme"], how="left").merge(per_year, on="year")
    table[tone_columns] = table[tone_columns].fillna(0).astype("int64")
    table["count"] = table[tone_columns].sum(axis=1).astype("int64")
    table["share"] = (table["count"] / table["remarks"]).astype("Float64")
    below = _criteria_below_target(themes, rates)
    table = table.merge(below, on=["year", "theme_order"], how="left")
    table["criteria_below_target"] = table["criteria_below_target"].fillna("").astype("string")
    table["critical_majority"] = table["critical"] * 2 > table["count"]
    below_target = table["criteria_below_target"].ne("")
    table["critical_quote_needed"] = table["critical_majority"] | below_target
    columns = ["theme", "theme_order", "year", "count", "remarks", "share", *tone_columns,
               "criteria_below_target", "critical_majority", "critical_quote_needed"]  # fmt: skip
    return table[columns].sort_values(["year", "theme_order"], ignore_index=True)


def _criteria_below_target(themes: VerbatimThemes, rates: pd.DataFrame | None) -> pd.DataFrame:
    """year, theme_order, criteria_below_target: the labels of each theme's criteria under
    their target that year, in the catalogue's order, joined by « ; »."""
    links = pd.DataFrame(
        [(order, column) for order, theme in enumerate(themes.themes) for column in theme.criteria],
        columns=["theme_order", "column"],
    )
    empty = pd.DataFrame(
        {"year": pd.Series(dtype="int64"), "theme_order": pd.Series(dtype="int64"),
         "criteria_below_target": pd.Series(dtype="string")}
    )  # fmt: skip
    if rates is None or rates.empty or links.empty:
        return empty
    below = rates[rates["below_target"].fillna(False).astype(bool)]
    below = links.merge(below[["year", "column", "label", "order"]], on="column")
    if below.empty:
        return empty
    below = below.sort_values(["year", "theme_order", "order"])
    return (
        below.groupby(["year", "theme_order"])["label"].agg(" ; ".join)
        .rename("criteria_below_target").reset_index()
    )  # fmt: skip


def chosen_quotes(
    toned: pd.DataFrame, counts: pd.DataFrame, year: int, per_theme: int = 3
) -> pd.DataFrame:
    """The quotes a report shows for ``year``, per theme: distinct remarks (redacted once more,
    never one that carries a mask), each with its ``tone``, ``role`` and ``reason``.

    - « représentative »: a remark of the theme's most frequent tone (a tie goes to
      « critique », then « positive »), the most often written of that tone, then the shortest;
    - « critique »: when the theme asks for one (``counts``' ``critical_quote_needed``: a
      criterion under target, or critical remarks the majority) and the representative one is
      not critical, the most often written critical remark;
    - « complémentaire »: the most often written of the others, up to ``per_theme`` quotes in
      all (the critical one is shown even beyond; ``per_theme`` 0: no quote).

    A remark of several themes is quoted once, under the first. ``times`` counts how many
    respondents wrote it with that tone. ``toned``: :func:`remark_tones`' frame.
    """
    columns = ["year", "theme_order", "theme", "quote", "times", "tone", "role", "reason"]
    current = toned[toned["year"] == year]
    if current.empty or per_theme == 0:
        return pd.DataFrame(columns=columns)
    quotes = (
        current.assign(quote=redact(current["text"]).str.slice(0, MAX_QUOTE_LENGTH))
        .groupby(["theme_order", "theme", "quote", "tone"], observed=True)
        .size()
        .rename("times")
        .reset_index()
    )
    quotes = quotes[~quotes["quote"].str.contains(MASKS_PATTERN, regex=True)]
    quotes = quotes.assign(length=quotes["quote"].str.len())
    truncated = quotes["length"] >= MAX_QUOTE_LENGTH
    quotes.loc[truncated, "quote"] = quotes.loc[truncated, "quote"].str.rstrip() + "…"
    ranked = quotes.sort_values(
        ["theme_order", "times", "length", "quote"], ascending=[True, False, True, True]
    )
    needs = counts[counts["year"] == year].set_index("theme_order")
    chosen, used = [], set()
    for order, theme in ranked.groupby("theme_order", sort=True):  # a dozen themes at most
        picked = _theme_quotes(theme[~theme["quote"].isin(used)], needs.loc[order], per_theme)
        used |= set(picked["quote"])  # a remark is quoted once, under the first of its themes
        chosen.append(picked)
    if not chosen:  # every remark of the year carried personal data
        return pd.DataFrame(columns=columns)
    table = pd.concat(chosen, ignore_index=True).assign(year=year)
    return table[columns].astype({"tone": "string", "role": "string", "reason": "string"})


def _theme_quotes(candidates: pd.DataFrame, need: pd.Series, per_theme: int) -> pd.DataFrame:
    """One theme's quotes (``candidates`` ranked, most written first) by :func:`chosen_quotes`'
    rule; ``need``: the theme's row of :func:`theme_counts`."""
    frequency = {CRITICAL: need["critical"], POSITIVE: need["positive"], NEUTRAL: need["neutral"]}
    by_frequency = sorted(TONES, key=lambda tone: (-frequency[tone], TONES.index(tone)))
    quotable = [tone for tone in by_frequency if tone in set(candidates["tone"])]
    if not quotable:
        return candidates.head(0).assign(role="", reason="")
    tone = quotable[0]  # (the most frequent tone, unless none of its remarks can be quoted)
    why = MOST_FREQUENT_TONE if tone == by_frequency[0] else MOST_FREQUENT_QUOTABLE_TONE
    first = candidates[candidates["tone"] == tone].head(1)
    reasons = [BELOW_TARGET + need["criteria_below_target"]] * bool(need["criteria_below_target"])
    reasons += [CRITICAL_MAJORITY] * bool(need["critical_majority"])
    if need["critical_quote_needed"] and tone == CRITICAL:  # the representative one serves
        why = " ; ".join([why, *reasons])
    shown = [first.assign(role=REPRESENTATIVE, reason=why)]
    if need["critical_quote_needed"] and tone != CRITICAL:
        critical = candidates[(candidates["tone"] == CRITICAL) & ~candidates["quote"].isin(
            first["quote"])].head(1)  # fmt: skip
        shown.append(critical.assign(role=CRITICAL_QUOTE, reason=" ; ".join(reasons)))
    shown = pd.concat(shown)
    others = candidates[~candidates["quote"].isin(shown["quote"])]
    others = others.head(max(per_theme - len(shown), 0))
    return pd.concat([shown, others.assign(role=OTHER_QUOTE, reason=MOST_WRITTEN)])
