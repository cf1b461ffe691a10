"""Answers to the survey's yes/no, single-choice and multiple-choice questions, counted.

The share of an option is taken over the respondents who answered the question (blank answers
leave the denominator and are counted apart). A multiple choice counts every option ticked, so
its shares add up to more than 100 %.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.core.config import QuestionCatalogue

YES, NO = "oui", "non"


def answer_counts(
    answers: pd.Series, years: pd.Series, options: tuple[str, ...] = (), multiple: bool = False
) -> pd.DataFrame:
    """Per year and option: ``count`` (respondents who gave it), ``answered``, ``respondents``,
    ``blank`` and ``share`` (count / answered).

    Listed ``options`` always appear, in their order, even when nobody chose them; other values
    (a free category such as a sector) follow by decreasing count.
    """
    if isinstance(answers.dtype, pd.BooleanDtype) or answers.dtype == bool:
        answers, options = answers.map({True: YES, False: NO}), options or (YES, NO)
    # each distinct answer is read once (cleaned, split), then counted by its code
    codes, uniques = pd.factorize(answers.astype("string"), use_na_sentinel=True)
    texts = pd.Series(uniques, dtype="string").str.strip().replace("", pd.NA)
    given = np.append(texts.notna().to_numpy(bool), False)[codes]  # code -1: blank
    year_values = years.to_numpy()
    per_year = (
        pd.DataFrame({"year": year_values, "answered": given})
        .groupby("year")
        .agg(respondents=("answered", "size"), answered=("answered", "sum"))
    )
    by_code = (
        pd.DataFrame({"year": year_values[given], "code": codes[given]})
        .groupby(["year", "code"]).size().rename("count").reset_index()
    )  # fmt: skip
    items = texts.dropna()
    if multiple:
        items = items.str.split(";").explode().str.strip()
    items = items.rename("answer").rename_axis("code").reset_index()
    counts = (
        by_code.merge(items, on="code").groupby(["year", "answer"])["count"].sum().reset_index()
    )
    counts = counts.astype({"answer": "string", "year": "int64", "count": "int64"})
    listed = pd.DataFrame(
        {"answer": pd.Series(list(options), dtype="string"), "option_order": range(len(options))}
    )
    listed = listed.merge(per_year.reset_index()[["year"]], how="cross")
    table = listed.merge(counts, on=["year", "answer"], how="outer")
    table["count"] = table["count"].fillna(0).astype("int64")
    others = table["option_order"].isna()
    # values outside the listed options: after them, most frequent first (over all years)
    rank = table[others].groupby("answer")["count"].sum().rank(ascending=False, method="first")
    position = table.loc[others, "answer"].map(rank.to_dict()).astype("float64")
    table.loc[others, "option_order"] = len(options) + position - 1
    table = table.merge(per_year.reset_index(), on="year")
    table["option_order"] = table["option_order"].astype("int64")
    table["blank"] = table["respondents"] - table["answered"]
    table["share"] = (table["count"] / table["answered"].where(table["answered"] > 0)).astype(
        "Float64"
    )
    return table.sort_values(["year", "option_order"], ignore_index=True)


def choice_counts(
    responses: pd.DataFrame,
    catalogue: QuestionCatalogue,
    extra: dict[str, str] | None = None,
) -> pd.DataFrame:
    """:func:`answer_counts` for every yes/no, single- and multiple-choice question of the
    catalogue, in its order, with the question's column, label, theme and type; ``extra`` adds
    columns of the responses outside the catalogue (``{"mode": "Mode de réponse"}``)."""
    questions = [
        (q.column, q.label, q.theme, q.type, q.options)
        for q in catalogue.questions_of("yes_no", "single_choice", "multiple_choice")
    ]
    questions += [(c, label, "profil", "single_choice", ()) for c, label in (extra or {}).items()]
    frames = [
        answer_counts(
            responses[column], responses["year"], options, multiple=kind == "multiple_choice"
        ).assign(column=column, label=label, theme=theme, type=kind, question_order=position)
        for position, (column, label, theme, kind, options) in enumerate(questions)
        if column in responses
    ]
    if not frames:
        columns = ["year", "answer", "option_order", "count", "respondents", "answered", "blank",
                   "share", "column", "label", "theme", "type", "question_order"]  # fmt: skip
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)
