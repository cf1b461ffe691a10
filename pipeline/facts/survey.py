"""The survey's figures as the deck and the minutes show them, from the survey step's tables
(data/processed/<period>/survey_*.parquet) and the meeting file (the survey's dates)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.core.config import QuestionCatalogue, VerbatimThemes
from pipeline.core.formatting import format_date_range, format_number, format_points
from pipeline.core.formatting import format_percent as percent
from pipeline.core.meeting import Meeting


@dataclass(frozen=True)
class ProfileChart:
    """A profile question the catalogue puts on the deck (``profile_slide``)."""

    label: str  # the question as the questionnaire asks it
    title: str  # the question in a few words, for a slide's title
    kind: str  # pie or bar
    multiple: bool  # several answers possible: shares add up to more than 100 %
    answers: pd.DataFrame  # answer, share, count — the period only


@dataclass(frozen=True)
class Subgroup:
    """A satisfaction question asked only to a subgroup (the point numérique's users)."""

    label: str
    name: str  # what the slide is about: its theme when no other question shares it, else label
    who: str  # « passés au point numérique »
    respondents: int
    n: int
    rate: float | None
    very_rate: float | None


@dataclass(frozen=True)
class ThemeQuote:
    """A theme of the users' remarks, how many wrote on it, and the remark quoted for it."""

    theme: str
    count: int
    remarks: int  # the year's remarks (a remark may count in several themes)
    quote: str
    critical: bool  # the remark quoted criticises (its author's answers say so)
    critical_count: int | None = None  # the theme's critical remarks, when known
    needed: bool = False  # the theme is weak: a criterion under target, or mostly criticised


@dataclass(frozen=True)
class SurveyFacts:
    year: int
    years: list[int]
    respondents: int
    window: str  # « du 21 novembre au 21 décembre 2022 », from the meeting file
    mode: str
    target: float
    criteria: pd.DataFrame  # label, n, rate, target, below_target, small_sample — period only
    overall_rate: float | None
    overall_very_rate: float | None
    overall_n: int | None
    net_satisfaction: float | None
    high_mark_rate: float | None
    high_from: int | None  # the mark from which a mark is high (Services Publics+: 8)
    weakest_label: str | None
    weakest_rate: float | None
    trend_header: list[str]
    trend_rows: list[list[str]]
    significant_changes: list[str]
    profiles: list[ProfileChart]
    subgroups: list[Subgroup]
    strengths: list[str]
    weaknesses: list[str]
    themes: list[str]  # remarks by theme, with a quote
    quotes: list[ThemeQuote] = ()  # the themes most written on, each with its quote
    min_reliable_n: int = 30
    significance_level: float = 0.05


def _rate_text(row) -> str:
    return f"{row.label} : {percent(row.rate)} (n\u00a0=\u00a0{format_number(row.n)})"


def _trend(rates: pd.DataFrame, changes: pd.DataFrame, years: list[int], period: int):
    """Criterion × years, target, and the change since the year before when significant."""
    wide = rates.pivot_table(
        index=["order", "label"], columns="year", values="rate", aggfunc="first"
    )
    last = (
        changes[changes["year_before"] == period - 1].set_index("label") if len(changes) else None
    )
    rows, flagged = [], []
    targets = rates.drop_duplicates("label").set_index("label")["target"]
    for (_, label), values in wide.iterrows():
        cells = [percent(values.get(y)) if pd.notna(values.get(y)) else "–" for y in years]
        change = "–"
        if last is not None and label in last.index and pd.notna(last.at[label, "change"]):
            change = format_points(last.at[label, "change"])
            if bool(last.at[label, "significant"]):
                change += " *"
                flagged.append(f"{label} ({change[:-2]})")
        rows.append([label, *cells, percent(targets[label], 0), change])
    header = ["Critère", *[str(y) for y in years], "Cible", f"Évolution depuis {period - 1}"]
    return header, rows, flagged


PROFILE_THEME = "profil"


def profile_questions(catalogue: QuestionCatalogue) -> list[tuple]:
    """The questions charted on the deck's profile slides, with their chart: those the
    catalogue marks with ``profile_slide``; when none is marked, every single or multiple
    choice of the theme « profil » that lists its options (a pie up to six options, else bars)."""
    marked = [(q, q.profile_slide) for q in catalogue.questions if q.profile_slide]
    if marked:
        return marked
    return [
        (q, "pie" if q.type == "single_choice" and len(q.options) <= 6 else "bar")
        for q in catalogue.questions
        if q.theme == PROFILE_THEME and q.options
        and q.type in ("single_choice", "multiple_choice")
    ]  # fmt: skip


def _profiles(choices: pd.DataFrame, catalogue: QuestionCatalogue) -> list[ProfileChart]:
    charts = []
    for question, kind in profile_questions(catalogue):
        answers = choices[(choices["column"] == question.column) & (choices["count"] > 0)]
        if answers.empty:
            continue
        multiple = question.type == "multiple_choice"
        frame = answers[["answer", "share", "count"]]
        if multiple or kind == "bar" and not question.options:
            frame = frame.sort_values("share", ascending=False)
        charts.append(
            ProfileChart(question.label, question.short_label or question.label.rstrip(" ?:"),
                         kind, multiple, frame.reset_index(drop=True))
        )  # fmt: skip
    return charts


def _subgroups(criteria: pd.DataFrame, catalogue: QuestionCatalogue) -> list[Subgroup]:
    found = []
    themes = pd.Series([q.theme for q in catalogue.satisfaction_questions]).value_counts()
    for row in criteria[criteria["subgroup"].fillna("") != ""].itertuples():
        question = next((q for q in catalogue.questions if q.column == row.column), None)
        found.append(
            Subgroup(
                label=row.label,
                name=row.theme if themes.get(row.theme, 0) == 1 else row.label,
                who=(question.subgroup_label if question else "") or "concernés",
                respondents=int(row.respondents),
                n=int(row.n),
                rate=None if pd.isna(row.rate) else float(row.rate),
                very_rate=None if pd.isna(row.very_rate) else float(row.very_rate),
            )  # fmt: skip
        )
    return found


def _high_from(catalogue: QuestionCatalogue) -> int | None:
    """The overall question's high-mark threshold (« notes de 8 ou plus »), if it has one."""
    overall = next((q for q in catalogue.questions if q.overall), None)
    scale = catalogue.scales.get(overall.type) if overall else None
    return scale.high_from if scale is not None and scale.is_marks else None


def survey_facts(
    tables: dict[str, pd.DataFrame],
    meeting: Meeting,
    period: int,
    settings,
    catalogue: QuestionCatalogue,
    themes: VerbatimThemes,
):
    """The survey's facts for the period, or None when it has no response."""
    rates = tables["survey_rates"]
    current = rates[rates["year"] == period] if len(rates) else rates
    if current.empty or int(current["respondents"].max()) == 0:
        return None
    years = sorted(int(y) for y in rates["year"].unique())
    criteria = current[~current["overall"].astype(bool) & (current["n"] > 0)]
    overall = current[current["overall"].astype(bool)]
    overall = overall.iloc[0] if len(overall) else None
    ranking = tables["survey_ranking"]
    ranking = ranking[ranking["year"] == period] if len(ranking) else ranking
    weakest = ranking[(ranking["position"] == "weakness") & (ranking["rank"] == 1)]
    if weakest.empty:
        weakest = criteria.sort_values("rate").head(1)
    header, rows, flagged = _trend(rates, tables["survey_changes"], years, period)
    choices = tables["survey_choices"]
    choices = choices[choices["year"] == period] if len(choices) else choices
    not_weak = {t.label for t in themes.themes if not t.weakness} | {themes.other_label}
    counted = tables["survey_themes"]
    counted = (
        counted[(counted["year"] == period) & (counted["count"] > 0)] if len(counted) else counted
    )
    counted = counted[~counted["theme"].isin(not_weak)].sort_values("count", ascending=False)
    quotes = tables["survey_quotes"]
    if len(quotes) and "year" in quotes:
        quotes = quotes[quotes["year"] == period]
    first_quote = quotes.drop_duplicates("theme").set_index("theme")["quote"] if len(quotes) else {}
    theme_lines = [
        f"{row.theme} : {format_number(row.count)} remarque{'s' if row.count > 1 else ''}"
        + (f" — « {first_quote[row.theme]} »" if row.theme in first_quote else "")
        for row in counted.head(4).itertuples()
    ]
    theme_quotes = quoted_themes(counted, quotes)
    return SurveyFacts(
        year=period,
        years=years,
        respondents=int(current["respondents"].max()),
        window=format_date_range(meeting.survey.start, meeting.survey.end)
        if meeting.survey
        else "",
        mode=meeting.survey.mode if meeting.survey else "",
        target=settings.target,
        min_reliable_n=settings.min_reliable_n,
        significance_level=settings.significance_level,
        criteria=criteria.reset_index(drop=True),
        overall_rate=float(overall["rate"]) if overall is not None else None,
        overall_very_rate=float(overall["very_rate"]) if overall is not None else None,
        overall_n=int(overall["n"]) if overall is not None else None,
        net_satisfaction=float(overall["net_satisfaction"]) if overall is not None else None,
        high_from=_high_from(catalogue),
        high_mark_rate=(
            float(overall["high_mark_rate"])
            if overall is not None and pd.notna(overall["high_mark_rate"])
            else None
        ),
        weakest_label=weakest["label"].iloc[0] if len(weakest) else None,
        weakest_rate=float(weakest["rate"].iloc[0]) if len(weakest) else None,
        trend_header=header,
        trend_rows=rows,
        significant_changes=flagged,
        profiles=_profiles(choices, catalogue),
        subgroups=_subgroups(criteria, catalogue),
        strengths=[_rate_text(r) for r in ranking[ranking["position"] == "strength"].itertuples()],
        weaknesses=[_rate_text(r) for r in ranking[ranking["position"] == "weakness"].itertuples()],
        themes=theme_lines,
        quotes=theme_quotes,
    )


QUOTED_THEMES = 5  # themes quoted on the deck's « ce que disent les usagers »


def quoted_themes(counted: pd.DataFrame, quotes: pd.DataFrame) -> list[ThemeQuote]:
    """The themes the deck quotes, each with one remark: the themes whose criteria miss their
    target (or whose remarks are mostly critical) first, with a critical remark, as the survey
    step chose it from its authors' answers; then the themes most written on, with their
    representative remark. At most QUOTED_THEMES."""
    if counted.empty or quotes.empty:
        return []
    found = []
    for row in counted.itertuples():
        own = quotes[quotes["theme"] == row.theme]
        if own.empty:
            continue
        needed = bool(getattr(row, "critical_quote_needed", False))
        tone = own["tone"] if "tone" in own else pd.Series("", index=own.index)
        roles = own["role"] if "role" in own else pd.Series("représentative", index=own.index)
        critical = own[(roles == "critique") | ((roles == "représentative") & (tone == "critique"))]
        shown = critical.iloc[0] if needed and len(critical) else own.iloc[0]
        found.append(
            ThemeQuote(
                row.theme,
                int(row.count),
                int(row.remarks),
                str(shown["quote"]),
                critical=str(shown.get("tone", "")) == "critique",
                critical_count=int(row.critical) if hasattr(row, "critical") else None,
                needed=needed,
            )  # fmt: skip
        )
    found.sort(key=lambda q: (not q.needed, -q.count))
    return found[:QUOTED_THEMES]
