"""Satisfaction-survey statistics: rate per criterion, with its own denominator.

For each question, the denominator is the respondents concerned who answered: « Non concerné »
and blank answers leave it, and their counts are reported. A question with a ``subgroup``
(e.g. the point numérique) is computed only among respondents for whom that column is true.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.config import NOT_CONCERNED, Question, QuestionCatalogue

Z_95 = 1.959963984540054
MIN_RELIABLE_N = 30


def wilson_interval(successes: pd.Series, n: pd.Series, z: float = Z_95):
    """The 95 % Wilson score interval of a proportion, as (low, high) Series; <NA> where n = 0."""
    n_float = n.astype(float).where(n > 0)
    p = successes.astype(float) / n_float
    centre = (p + z**2 / (2 * n_float)) / (1 + z**2 / n_float)
    half = z * np.sqrt(p * (1 - p) / n_float + z**2 / (4 * n_float**2)) / (1 + z**2 / n_float)
    return (centre - half).astype("Float64"), (centre + half).astype("Float64")


def _satisfaction_flags(answers: pd.Series, question: Question, catalogue: QuestionCatalogue):
    """(satisfied, very satisfied) booleans for the answers of one question."""
    scale = catalogue.scales[question.type]
    if scale.levels:
        return answers.isin(scale.satisfied), answers.isin(scale.very_satisfied)
    marks = pd.to_numeric(answers.where(answers != NOT_CONCERNED), errors="coerce")
    return marks >= scale.satisfied_from, marks >= scale.very_satisfied_from


def satisfaction_by_criterion(
    responses: pd.DataFrame, catalogue: QuestionCatalogue, default_target: float
) -> pd.DataFrame:
    """One row per question × year: n, counts, satisfaction rate, Wilson interval, target."""
    rows = []
    for position, question in enumerate(catalogue.questions):
        frame = responses
        if question.subgroup:
            frame = responses[responses[question.subgroup].fillna(False).astype(bool)]
        answers = frame[question.column]
        satisfied, very = _satisfaction_flags(answers, question, catalogue)
        counted = answers.notna() & (answers != NOT_CONCERNED)
        grouped = (
            pd.DataFrame(
                {
                    "year": frame["year"],
                    "respondents": 1,
                    "n": counted,
                    "not_concerned": answers == NOT_CONCERNED,
                    "blank": answers.isna(),
                    "satisfied": satisfied & counted,
                    "very_satisfied": very & counted,
                }
            )
            .groupby("year")
            .sum()
        )
        rows.append(
            grouped.reset_index().assign(
                order=position,
                column=question.column,
                label=question.label,
                theme=question.theme,
                type=question.type,
                subgroup=question.subgroup or "",
                overall=question.overall,
                target=question.target or default_target,
            )  # fmt: skip
        )
    table = pd.concat(rows, ignore_index=True)
    n = table["n"].astype("int64")
    usable = n > 0
    rate = (table["satisfied"] / n.where(usable)).astype("Float64")
    very_rate = (table["very_satisfied"] / n.where(usable)).astype("Float64")
    low, high = wilson_interval(table["satisfied"], n)
    return table.assign(
        rate=rate, very_rate=very_rate, ci_low=low, ci_high=high,
        small_sample=n < MIN_RELIABLE_N, below_target=rate < table["target"],
    ).sort_values(["order", "year"], ignore_index=True)  # fmt: skip


def respondents_by_year(responses: pd.DataFrame) -> pd.Series:
    """Number of questionnaires kept, per year."""
    return responses.groupby("year").size()
