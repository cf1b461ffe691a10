"""The mystery callers' observations quoted as evidence of a point positif or de vigilance.

Each sentence of a call's observations is attributed to the check (a criterion of the grid,
« appel abouti », the rings limit) whose evidence words it holds the most of: « Menu du serveur
vocal long, choix peu compréhensibles » holds three words of the SVI's (menu, serveur vocal,
choix) and one of « langage compréhensible »'s, so it speaks of the SVI. A sentence holding as
many words of two checks speaks of both; one holding none of any check's words goes to the
checks that have no words (every sentence, for a grid without words). A sentence is quoted for
a point de vigilance only from a call that failed the check; for a point positif only from a
call that passed it and only when it does not read as criticism (none of the grid's
``critical_words``: « peu », « pas », « trop », « long »…).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from pipeline.compute.survey.verbatims import keyword_pattern
from pipeline.ingest.parsing import folded_text

MASKED = r"\[[^\]]* masqué\]"


def evidence_sentences(
    checks: pd.DataFrame,
    words: Mapping[str, tuple[str, ...]],
    critical_words: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The sentences of the comments, one row per check × call × sentence it speaks of.

    ``checks``: one row per call × check (year, call_id, comment, criterion, compliant);
    ``words``: each check's evidence words (matched inside words, accents and case ignored).
    Columns: year, criterion, call_id, compliant, sentence, critical (the sentence holds one
    of ``critical_words`` as a word). A sentence with a mask (personal data) is never kept.
    """
    commented = checks[checks["comment"].notna() & checks["compliant"].notna()]
    sentences = commented.assign(
        sentence=commented["comment"].str.split(r"(?<=[.!?])\s+", regex=True)
    ).explode("sentence")
    sentences = sentences.assign(sentence=sentences["sentence"].astype("string").str.strip())
    sentences = sentences[sentences["sentence"].fillna("").ne("")]
    sentences = sentences[~sentences["sentence"].str.contains(MASKED, regex=True)]
    columns = ["year", "criterion", "call_id", "compliant", "sentence", "critical"]
    if sentences.empty:
        return sentences.assign(critical=pd.Series(dtype=bool))[columns]
    codes, distinct = pd.factorize(sentences["sentence"])
    folded = folded_text(pd.Series(distinct, dtype="string"))
    attributed = _attribution(folded, words)  # distinct sentences × checks
    check_codes = list(words)
    position = pd.Series(range(len(check_codes)), index=check_codes)
    check = sentences["criterion"].map(position)
    # a check the words do not name (none in a grid without them) takes no attribution test
    known = check.notna().to_numpy()
    spoken = np.ones(len(sentences), dtype=bool)
    spoken[known] = attributed[codes[known], check[known].astype(int).to_numpy()]
    critical = np.zeros(len(distinct), dtype=bool)
    if critical_words:
        critical = folded.str.contains(keyword_pattern(critical_words), regex=True).to_numpy(bool)
    kept = sentences[spoken].assign(critical=critical[codes[spoken]])
    kept = kept.drop_duplicates(["year", "criterion", "call_id", "sentence"])
    return kept[columns]


def _attribution(folded: pd.Series, words: Mapping[str, tuple[str, ...]]) -> np.ndarray:
    """For each distinct sentence × check, whether the sentence speaks of the check: it holds
    the most distinct words of that check's (ties: each), or, holding none of any check's
    words, the check has none."""
    scores = np.zeros((len(folded), len(words)), dtype=np.int64)
    for position, code_words in enumerate(words.values()):  # one pass per check of the grid
        for word in folded_text(pd.Series(list(code_words), dtype="string")):
            scores[:, position] += folded.str.contains(re.escape(word), regex=True).to_numpy(bool)
    best = scores.max(axis=1, initial=0)[:, None]
    wordless = np.array([not w for w in words.values()], dtype=bool)[None, :]
    return np.where(best > 0, (scores == best) & ~wordless, wordless)


def quoted_evidence(sentences: pd.DataFrame, count: int) -> pd.Series:
    """The ``count`` most frequent sentences per year and check: « text » (n appels) ; …"""
    keys = ["year", "criterion"]
    tally = sentences.groupby([*keys, "sentence"]).size().rename("n").reset_index()
    tally = tally.sort_values([*keys, "n", "sentence"], ascending=[True, True, False, True])
    top = tally[tally.groupby(keys).cumcount() < count]
    calls_word = pd.Series(np.where(top["n"] > 1, "appels", "appel"), index=top.index)
    text = "« " + top["sentence"] + " » (" + top["n"].astype("string") + " " + calls_word + ")"
    return text.groupby([top[k] for k in keys]).agg(" ; ".join).rename("evidence")
