"""Satisfaction-survey statistics: rate per criterion, with its own denominator.

For each satisfaction question, the denominator ``n`` is the respondents concerned who answered:
« Non concerné » and blank answers leave it, and their counts are reported. A question with a
``subgroup`` (the point numérique) is computed only among respondents who answered yes to that
yes/no question. Marks count as satisfied, very satisfied or dissatisfied by the thresholds of
their scale (catalogue). Every function is pure and vectorised; the loops run over the
catalogue's questions, never over respondents.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.core.config import NOT_CONCERNED, QuestionCatalogue

Z_95 = 1.959963984540054
MIN_RELIABLE_N = 30
STRENGTH_MARGIN = 0.05  # a strength is at least 5 points above its target
RATE_TOLERANCE = 1e-9  # 0.85 + 0.05 is 0.9000000000000001: a rate of exactly 90 % reaches it
# Beyond this many answers, the whole hypergeometric support is too wide to lay out at once.
EXACT_TABLE_LIMIT = 20_000
NO_GROUP = "non renseigné"
FLAGS = ["counted", "not_concerned", "blank", "satisfied", "very_satisfied", "dissatisfied"]


def wilson_interval(successes: pd.Series, n: pd.Series, z: float = Z_95):
    """The 95 % Wilson score interval of a proportion, as (low, high) Series; <NA> where n = 0."""
    n_float = n.astype(float).where(n > 0)
    p = successes.astype(float) / n_float
    centre = (p + z**2 / (2 * n_float)) / (1 + z**2 / n_float)
    half = z * np.sqrt(p * (1 - p) / n_float + z**2 / (4 * n_float**2)) / (1 + z**2 / n_float)
    return (centre - half).astype("Float64"), (centre + half).astype("Float64")


def fisher_exact_p_value(successes_a, n_a, successes_b, n_b) -> np.ndarray:
    """Two-sided p-value of Fisher's exact test for each pair of proportions, vectorised.

    For each 2×2 table (successes and failures of samples a and b), the probability under equal
    rates, margins fixed, of a table at most as likely as the one observed — as
    ``scipy.stats.fisher_exact`` computes it, one table at a time.
    """
    from scipy.stats import hypergeom

    a, na = np.asarray(successes_a, dtype=int), np.asarray(n_a, dtype=int)
    b, nb = np.asarray(successes_b, dtype=int), np.asarray(n_b, dtype=int)
    if a.size == 0:
        return np.array([], dtype=float)
    if na.max() > EXACT_TABLE_LIMIT:  # a large survey: scipy's search, one table at a time
        from scipy.stats import fisher_exact

        return np.array(
            [
                fisher_exact([[x, n - x], [y, m - y]])[1]
                for x, n, y, m in zip(a, na, b, nb, strict=True)
            ]
        )  # (a few tables: criteria × years, never respondents)
    total, successes = (na + nb)[:, None], (a + b)[:, None]
    support = np.arange(int(na.max()) + 1)[None, :]  # every possible count of successes in a
    pmf = hypergeom.pmf(support, total, successes, na[:, None])
    observed = hypergeom.pmf(a[:, None], total, successes, na[:, None])
    p = np.where(pmf <= observed * (1 + 1e-7), pmf, 0.0).sum(axis=1)
    return np.minimum(p, 1.0)


def question_table(catalogue: QuestionCatalogue, default_target: float) -> pd.DataFrame:
    """The catalogue's satisfaction questions: order, column, label, theme, type, target…"""
    return pd.DataFrame(
        [
            {
                "order": position, "column": q.column, "label": q.label, "theme": q.theme,
                "type": q.type, "subgroup": q.subgroup or "", "overall": q.overall,
                "target": q.target or default_target,
                "is_marks": catalogue.scales[q.type].is_marks,
                # « dont très satisfaits » only where the scale has such a level (not yes/no)
                "has_very": catalogue.scales[q.type].is_marks
                or bool(catalogue.scales[q.type].very_satisfied),
            }
            for position, q in enumerate(catalogue.satisfaction_questions)
        ]
    )  # fmt: skip


def satisfaction_answers(responses: pd.DataFrame, catalogue: QuestionCatalogue) -> pd.DataFrame:
    """One row per respondent × satisfaction question asked: the answer and what it counts as.

    ``respondent`` is the respondent's position in ``responses``. Respondents outside a
    question's subgroup are left out. Flags: ``counted`` (in the denominator), ``not_concerned``,
    ``blank``, ``satisfied``, ``very_satisfied``, ``dissatisfied``, ``high_mark`` (a mark at or
    above the scale's ``high_from``; false for level scales). ``column`` and ``answer`` are
    categories: each distinct answer of a question is judged once, then spread to its rows.
    """
    responses = responses.reset_index(drop=True)
    questions = catalogue.satisfaction_questions
    columns = list(dict.fromkeys(q.column for q in questions))
    year_codes, year_levels = pd.factorize(responses["year"], sort=True)  # a few years
    parts, all_answers = [], {}
    for question in questions:
        scale = catalogue.scales[question.type]
        answers = responses.get(question.column, pd.Series(pd.NA, index=responses.index))
        answers = answers.astype("string")
        if question.subgroup:
            answers = answers[responses[question.subgroup].astype("boolean").fillna(False)]
        codes, uniques = pd.factorize(answers, use_na_sentinel=True)
        flags = _answer_flags(pd.Series(uniques, dtype="string"), scale)
        blank = pd.DataFrame({c: [c == "blank"] for c in flags.columns})  # code -1: blank
        flags = pd.concat([flags, blank], ignore_index=True)
        for value in uniques:
            all_answers.setdefault(value, len(all_answers))
        parts.append((question.column, answers.index.to_numpy(), codes, list(uniques), flags))
    categories = list(all_answers)
    frames = []
    for column, respondents, codes, uniques, flags in parts:
        to_global = np.array([all_answers[u] for u in uniques] + [-1], dtype=np.int64)
        taken = flags.to_numpy()[codes]  # (code -1 takes the last row: blank)
        frames.append(
            pd.DataFrame(
                {
                    "respondent": respondents.astype(np.int32),
                    "year": pd.Categorical.from_codes(year_codes[respondents], year_levels),
                    "column": pd.Categorical.from_codes(
                        np.full(len(codes), columns.index(column)), categories=columns
                    ),
                    "answer": pd.Categorical.from_codes(to_global[codes], categories=categories),
                    **{name: taken[:, i] for i, name in enumerate(flags.columns)},
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["respondent", "year", "column", "answer", *FLAGS, "high_mark"])
    return pd.concat(frames, ignore_index=True)


def _answer_flags(answers: pd.Series, scale) -> pd.DataFrame:
    """What each distinct answer of a question counts as (a question's answers are few)."""
    counted = answers.isin(scale.answers).fillna(False).astype(bool)
    if scale.is_marks:
        marks = pd.to_numeric(answers.where(counted), errors="coerce")
        satisfied = marks >= scale.satisfied_from
        very = marks >= scale.very_satisfied_from
        dissatisfied = marks < scale.dissatisfied_threshold
        high = marks >= scale.high_from if scale.high_from is not None else counted & False
    else:
        satisfied = answers.isin(scale.satisfied)
        very = answers.isin(scale.very_satisfied)
        dissatisfied = answers.isin(scale.dissatisfied_levels)
        high = counted & False
    return pd.DataFrame(
        {
            "counted": counted.to_numpy(),
            "not_concerned": (answers == NOT_CONCERNED).fillna(False).to_numpy(bool),
            "blank": answers.isna().to_numpy(),
            "satisfied": (satisfied.fillna(False) & counted).to_numpy(bool),
            "very_satisfied": (very.fillna(False) & counted).to_numpy(bool),
            "dissatisfied": (dissatisfied.fillna(False) & counted).to_numpy(bool),
            "high_mark": (high.fillna(False) & counted).to_numpy(bool),
        }
    )


def _counts(answers: pd.DataFrame, by: list[str], extra: dict | None = None) -> pd.DataFrame:
    """Respondents asked, n and the count of each flag, per group of ``by`` (in the order a
    groupby gives: categories in their order, other keys sorted). Counted in one pass by the
    groups' numbers (questions × years × groups are few, answers may be millions). ``extra``:
    more keys, each a categorical beside the answers' rows (never added to the long table,
    which a copy would double); rows where a key is blank are left out, as a groupby does."""
    extra = extra or {}
    codes, levels = [], []
    by = [*by, *extra]
    for key in by:
        column = pd.Series(extra[key]) if key in extra else answers[key]
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes.append(column.cat.codes.to_numpy())
            levels.append(column.cat.categories)
        else:
            found, uniques = pd.factorize(column, sort=True)
            codes.append(found)
            levels.append(pd.Index(uniques))
    sizes = [len(level) for level in levels]
    cells = int(np.prod(sizes))
    if not len(answers) or not cells:
        empty = {key: pd.Series(dtype=level.dtype) for key, level in zip(by, levels, strict=True)}
        return pd.DataFrame({**empty, **{c: pd.Series(dtype="int64") for c in _COUNTED}})
    missing = np.logical_or.reduce([code < 0 for code in codes])  # a key left blank
    # (as a groupby, rows without a key are left out: they count in one more, unread cell)
    group = np.ravel_multi_index([np.where(missing, 0, code) for code in codes], sizes)
    group[missing] = cells
    asked = np.bincount(group, minlength=cells + 1)[:cells]
    present = np.flatnonzero(asked)
    positions = np.unravel_index(present, sizes)
    keyed = zip(by, levels, positions, strict=True)
    table = {key: level.take(position) for key, level, position in keyed}
    table["respondents"] = asked[present]
    for flag, name in zip([*FLAGS, "high_mark"], _COUNTED[1:], strict=True):
        table[name] = _flag_counts(group, answers[flag].to_numpy(), cells + 1)[present]
    return pd.DataFrame(table)


_CHUNK = 1 << 20  # rows counted at a time: a flag is never widened to floats all at once


def _flag_counts(group: np.ndarray, flag: np.ndarray, cells: int) -> np.ndarray:
    """How many rows of each group have ``flag`` set, counted by slices of the long table."""
    total = np.zeros(cells, dtype=np.int64)
    for start in range(0, len(group), _CHUNK):
        part = slice(start, start + _CHUNK)
        total += np.bincount(group[part], weights=flag[part], minlength=cells).astype(np.int64)
    return total


_COUNTED = ["respondents", "n", *FLAGS[1:], "high_marks"]


def _plain_keys(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Category keys back to plain text, as the other tables hold them (a small table)."""
    kinds = {k: table[k].cat.categories.dtype for k in keys
             if isinstance(table[k].dtype, pd.CategoricalDtype)}  # fmt: skip
    return table.astype(kinds)


def _with_rates(counts: pd.DataFrame, min_reliable_n: int) -> pd.DataFrame:
    """Rates, Services Publics+ measures, Wilson interval and warnings from the counts."""
    n = counts["n"].astype("int64")
    per_answer = n.where(n > 0).astype(float)

    def share(column: str) -> pd.Series:
        return (counts[column] / per_answer).astype("Float64")

    rate, dissatisfied_rate = share("satisfied"), share("dissatisfied")
    low, high = wilson_interval(counts["satisfied"], n)
    high_mark_rate = share("high_marks").where(counts["is_marks"].astype(bool))
    return counts.assign(
        rate=rate,
        very_rate=share("very_satisfied").where(counts["has_very"].astype(bool)),
        dissatisfied_rate=dissatisfied_rate,
        net_satisfaction=rate - dissatisfied_rate,  # Services Publics+: satisfied − dissatisfied
        high_mark_rate=high_mark_rate.astype("Float64"),
        ci_low=low,
        ci_high=high,
        small_sample=n < min_reliable_n,
        below_target=(rate < counts["target"]).astype("boolean"),
    )


def satisfaction_by_criterion(
    responses: pd.DataFrame,
    catalogue: QuestionCatalogue,
    default_target: float,
    min_reliable_n: int = MIN_RELIABLE_N,
    answers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per satisfaction question × year of the responses.

    Columns: year, order, column, label, theme, type, subgroup, overall, target; the counts
    (respondents asked, n, not_concerned, blank, satisfied, very_satisfied, dissatisfied,
    high_marks); rate and very_rate (« dont très satisfaits »), dissatisfied_rate,
    net_satisfaction and high_mark_rate (Services Publics+), the 95 % Wilson interval
    (ci_low, ci_high), small_sample (n below ``min_reliable_n``) and below_target.
    A year where a question had no answer has n = 0 and no rate. ``answers``: the
    :func:`satisfaction_answers` of the responses, when already made.
    """
    questions = question_table(catalogue, default_target)
    years = pd.DataFrame({"year": sorted(responses["year"].unique())})
    answers = satisfaction_answers(responses, catalogue) if answers is None else answers
    counts = _counts(answers, ["column", "year"])
    table = questions.merge(years, how="cross").merge(counts, on=["column", "year"], how="left")
    count_columns = ["respondents", "n", *FLAGS[1:], "high_marks"]
    table[count_columns] = table[count_columns].fillna(0).astype("int64")
    ordered = ["year", *questions.columns, *count_columns]
    return _with_rates(table[ordered], min_reliable_n).sort_values(
        ["order", "year"], ignore_index=True
    )


def answer_distribution(
    responses: pd.DataFrame, catalogue: QuestionCatalogue, answers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per satisfaction question × year × answer of the scale (level or mark): count and share
    of the question's n. Answers nobody gave are listed with a count of 0."""
    levels = pd.concat(
        [
            pd.DataFrame(
                {
                    "column": q.column, "label": q.label, "order": position,
                    "answer": list(catalogue.scales[q.type].answers),
                    "answer_order": range(len(catalogue.scales[q.type].answers)),
                    "category": _answer_categories(catalogue, q.type),
                }
            )
            for position, q in enumerate(catalogue.satisfaction_questions)
        ],
        ignore_index=True,
    )  # fmt: skip
    years = pd.DataFrame({"year": sorted(responses["year"].unique())})
    answers = satisfaction_answers(responses, catalogue) if answers is None else answers
    counts = _counts(answers, ["column", "year", "answer"])  # no copy of the long table
    counts = counts.loc[counts["n"].gt(0), ["column", "year", "answer", "n"]]
    counts = _plain_keys(counts.rename(columns={"n": "count"}), ["column", "answer"])
    table = levels.merge(years, how="cross").merge(
        counts, on=["column", "year", "answer"], how="left"
    )
    table["count"] = table["count"].fillna(0).astype("int64")
    table["n"] = table.groupby(["column", "year"])["count"].transform("sum")
    table["share"] = (table["count"] / table["n"].where(table["n"] > 0)).astype("Float64")
    return table.sort_values(["order", "year", "answer_order"], ignore_index=True)


def _answer_categories(catalogue: QuestionCatalogue, scale_name: str) -> list[str]:
    """For each answer of a scale: very_satisfied, satisfied, neutral or dissatisfied."""
    scale = catalogue.scales[scale_name]
    answers = pd.Series(scale.answers)
    if scale.is_marks:
        marks = answers.astype(int)
        very, satisfied = marks >= scale.very_satisfied_from, marks >= scale.satisfied_from
        dissatisfied = marks < scale.dissatisfied_threshold
    else:
        very, satisfied = answers.isin(scale.very_satisfied), answers.isin(scale.satisfied)
        dissatisfied = answers.isin(scale.dissatisfied_levels)
    category = np.select(
        [very, satisfied, dissatisfied], ["very_satisfied", "satisfied", "dissatisfied"], "neutral"
    )
    return category.tolist()


def group_labels(responses: pd.DataFrame, column: str, catalogue: QuestionCatalogue) -> pd.Series:
    """Each respondent's group for a breakdown column, indexed by position in ``responses``.

    A multiple choice puts a respondent in each group ticked (the index repeats); a yes/no
    answer reads « oui » / « non »; a blank answer is « non renseigné ».
    """
    values = responses[column].reset_index(drop=True)
    if isinstance(values.dtype, pd.BooleanDtype) or values.dtype == bool:
        return values.map({True: "oui", False: "non"}).astype("string").fillna(NO_GROUP)
    values = values.astype("string").str.strip().replace("", pd.NA)
    question = next((q for q in catalogue.questions if q.column == column), None)
    if question is not None and question.type == "multiple_choice":
        values = values.str.split(";").explode().str.strip()
    return values.fillna(NO_GROUP)


def satisfaction_by_group(
    responses: pd.DataFrame,
    catalogue: QuestionCatalogue,
    column: str,
    default_target: float,
    min_reliable_n: int = MIN_RELIABLE_N,
    answers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The rows of :func:`satisfaction_by_criterion` for each group of a breakdown column
    (site, user type…), with a ``group`` column; only groups with respondents are listed."""
    groups = group_labels(responses, column, catalogue).rename("group")
    answers = satisfaction_answers(responses, catalogue) if answers is None else answers
    if groups.index.is_unique:  # one group per respondent: taken by position
        codes, names = pd.factorize(groups.reindex(range(len(responses))), use_na_sentinel=True)
        group = pd.Categorical.from_codes(codes[answers["respondent"].to_numpy()], names)
        counts = _counts(answers, ["column", "year"], {"group": group})
    else:  # a multiple choice: a respondent in each group ticked
        answers = answers.merge(groups, left_on="respondent", right_index=True)
        counts = _counts(answers, ["column", "year", "group"])
    table = question_table(catalogue, default_target).merge(counts, on="column")
    return _with_rates(table.assign(breakdown=column), min_reliable_n).sort_values(
        ["order", "year", "group"], ignore_index=True
    )


def rate_changes(
    rates: pd.DataFrame, period: int, significance_level: float = 0.05
) -> pd.DataFrame:
    """Per criterion and earlier year: the change of the satisfaction rate up to ``period``.

    ``change`` is in rate units (0.032 = +3.2 points); ``p_value`` is that of the two-sided
    Fisher exact test comparing the two years' satisfied / not satisfied counts; ``significant``
    is true only when both years have answers and p < ``significance_level``.
    """
    keep = ["column", "year", "n", "satisfied", "rate"]
    current = rates.loc[rates["year"] == period, ["order", "label", "overall", *keep]]
    before = rates.loc[rates["year"] < period, keep]
    pairs = current.drop(columns="year").merge(before, on="column", suffixes=("", "_before"))
    testable = (pairs["n"] > 0) & (pairs["n_before"] > 0)
    p_value = pd.Series(np.nan, index=pairs.index)
    if testable.any():
        tested = pairs[testable]
        p_value[testable] = fisher_exact_p_value(
            tested["satisfied"], tested["n"], tested["satisfied_before"], tested["n_before"]
        )
    return (
        pairs.rename(columns={"year": "year_before"})
        .assign(
            year=period,
            change=(pairs["rate"] - pairs["rate_before"]).astype("Float64"),
            p_value=p_value.astype("Float64"),
            significant=testable & (p_value < significance_level),
        )
        .sort_values(["order", "year_before"], ignore_index=True)
    )


def ranked_criteria(
    rates: pd.DataFrame,
    period: int,
    count: int = 3,
    min_reliable_n: int = MIN_RELIABLE_N,
    strength_margin: float = STRENGTH_MARGIN,
) -> pd.DataFrame:
    """The period's strengths (highest rates first) and weak points (lowest first).

    Only criteria with at least ``min_reliable_n`` answers, overall satisfaction apart. A
    strength is at or above its target plus ``strength_margin`` (0.05: 5 points), never just
    under it; at most ``count`` of them. A weak point is under its target: every one is listed.
    A criterion between its target and the margin is neither. ``position`` is ``strength`` or
    ``weakness``, ``rank`` starts at 1 on each side; ``strength_from`` is target + margin.
    """
    current = rates[
        (rates["year"] == period) & ~rates["overall"].astype(bool)
        & (rates["n"] >= min_reliable_n) & rates["rate"].notna()
    ]  # fmt: skip
    current = current.assign(strength_from=current["target"] + strength_margin)
    rate = current["rate"].astype(float)
    strong = current[rate >= current["strength_from"] - RATE_TOLERANCE]
    strong = strong.sort_values(["rate", "n"], ascending=[False, False]).head(count)
    weak = current[rate < current["target"]]
    weak = weak.sort_values(["rate", "n"], ascending=[True, False])
    strengths = strong.assign(position="strength", rank=range(1, len(strong) + 1))
    weaknesses = weak.assign(position="weakness", rank=range(1, len(weak) + 1))
    return pd.concat([strengths, weaknesses], ignore_index=True)


def overall_satisfaction(rates: pd.DataFrame, period: int) -> pd.Series | None:
    """The overall-satisfaction question's row for the period (rate, very_rate, n…), if any."""
    overall = rates[(rates["year"] == period) & rates["overall"].astype(bool)]
    return overall.iloc[0] if len(overall) else None


def respondents_by_year(responses: pd.DataFrame) -> pd.Series:
    """Number of questionnaires kept, per year."""
    return responses.groupby("year").size()
