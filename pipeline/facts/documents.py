"""The figures the CLU presents, formatted in French, read from the processed tables.

The deck and the minutes both take their figures from here, so the same figure reads the same
in both documents (a hand-made deck and minutes easily give two dates for one survey).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from pipeline.compute.indicators import (
    NO_REPLY,
    NO_REQUEST,
    NOT_APPLICABLE,
    NOT_TRACKED,
    NOTHING,
    QUARANTINED,
    STATUS_NA,
    yearly,
)
from pipeline.core.config import (
    DeckSettings,
    load_deck_settings,
    load_questions,
    load_verbatim_themes,
)
from pipeline.core.context import Context
from pipeline.core.datasets import read_tables, tables_read_by
from pipeline.core.exceptions import ConfigError
from pipeline.core.formatting import format_value
from pipeline.core.meeting import Meeting, load_meeting
from pipeline.core.periods import history_years
from pipeline.core.schemes import Scheme, load_scheme
from pipeline.core.targets import target_text
from pipeline.facts.feedback import FeedbackFacts, feedback_facts
from pipeline.facts.highlights import DoneAction, Headline, done_in_year, essentials
from pipeline.facts.improvements import (
    Improvement,
    PlannedAction,
    improvements,
    planned_actions,
)
from pipeline.facts.measures import (
    Measure,
    PeriodColumns,
    call_measures,
    email_measures,
    indicator_measures,
    period_columns,
    period_unit,
    survey_measures,
)
from pipeline.facts.results import PublicationFacts, publication_facts
from pipeline.facts.second_survey import SecondSurveyFacts, second_survey_facts
from pipeline.facts.sections import (
    ActionPlanFacts,
    ComplaintFacts,
    MysteryFacts,
    TrainingFacts,
    action_plan_facts,
    complaint_facts,
    mystery_facts,
    training_facts,
)
from pipeline.facts.survey import SurveyFacts, survey_facts
from pipeline.facts.tutoring import TutoringFacts, tutoring_facts

# why a value is missing, in the order a footnote names them
NA_WORDS = (NO_REQUEST, NO_REPLY, NOT_APPLICABLE, NOT_TRACKED, NOTHING, QUARANTINED)


@dataclass(frozen=True)
class IndicatorTable:
    group: int  # the module (Qual-e-pref) or the engagement (Services Publics+)
    title: str  # « Relation générale avec les usagers »
    heading: str  # « Module 1 — Relation générale avec les usagers »
    header: list[str]
    rows: list[list[str]]
    not_applicable: tuple[str, ...]  # the words of the values missing in its rows
    rules: tuple[str, ...] = ()
    improved: int = 0  # indicators better than the year before (lower delays, higher rates)
    worsened: int = 0
    months: tuple[int, ...] = ()  # the month counts of values resting on part of a year

    def summary(self, year: int) -> str:
        """« Module 1 — … : en 2022, 8 des 9 indicateurs assortis d'une cible l'atteignent. »"""
        met = [row[0] for row in self.rows if row[-1] == "atteint"]
        missed = [row[0] for row in self.rows if row[-1] == "non atteint"]
        count = len(self.rows)
        text = f"{self.heading} : {count} indicateur{'s' if count > 1 else ''} suivi"
        text += "s" if count > 1 else ""
        if not met and not missed:
            target = self.header.index("Cible")
            if any(row[target] != "–" for row in self.rows):  # targets, but no value this year
                return text + f" ; en {year}, aucun résultat à comparer à sa cible."
            return text + f" ; aucun n'a de cible chiffrée en {year}."
        total = len(met) + len(missed)
        if total == 1:
            text += f" ; en {year}, l'indicateur assorti d'une cible " + (
                "l'atteint." if met else "ne l'atteint pas."
            )
        elif not met:
            text += (
                f" ; en {year}, aucun des {total} indicateurs assortis d'une cible ne l'atteint."
            )
        elif not missed:
            text += f" ; en {year}, les {total} indicateurs assortis d'une cible l'atteignent."
        else:
            verb = "l'atteint" if len(met) == 1 else "l'atteignent"
            text += f" ; en {year}, {len(met)} des {total} indicateurs assortis d'une cible {verb}."
        text += " Sous la cible : " + "\u00a0; ".join(missed) + "." if missed else ""
        if self.improved or self.worsened:
            text += (
                f" Par rapport à {year - 1} : {self.improved} en progrès, {self.worsened} en recul."
            )
        return text


def _shown(value, unit: str, na_reason, months=None) -> str:
    """A yearly value as shown, or why it is missing (« aucune demande », « non suivi »…); a
    value of monthly figures computed on fewer than 12 months says on how many."""
    if pd.isna(value):
        return na_reason if isinstance(na_reason, str) else STATUS_NA
    partial = f" ({int(months)}\u00a0mois)" if pd.notna(months) and 0 < months < 12 else ""
    return format_value(value, unit) + partial


def _directions(current: pd.DataFrame) -> tuple[int, int]:
    """How many indicators got better and worse over a year: a lower value is better for
    delays and for targets of the kind « ≤ », a higher one otherwise."""
    lower_better = current["target_comparator"].isin(["<=", "<"]) | (
        current["target_comparator"].isna() & current["unit"].isin(["j", "min"])
    )
    change = current["change"].astype("Float64")
    better = change.where(~lower_better, -change)
    return int((better > 0).sum()), int((better < 0).sum())


def indicator_tables(indicators: pd.DataFrame, years: list[int]) -> list[IndicatorTable]:
    """Per group (module or engagement): Indicateur | Engagement | Cible | <years> | Statut
    (status of the last year); the engagement column only where the label has references."""
    tables = []
    indicators = yearly(indicators)
    if indicators.empty or not years:
        return tables
    references = bool(indicators["engagement"].fillna("").ne("").any())
    for group, frame in indicators.groupby("group", sort=True):
        shown = [
            _shown(value, unit, reason, months)
            for value, unit, reason, months in zip(
                frame["value"], frame["unit"], frame["na_reason"], frame["months"], strict=True
            )
        ]  # a few dozen cells
        wide = frame.assign(shown=shown).pivot_table(
            index="code", columns="year", values="shown", aggfunc="first", sort=False
        )
        rows = []
        first = frame.drop_duplicates("code").set_index("code")
        current = frame[frame["year"] == years[-1]].set_index("code")
        for code, meta in first.iterrows():
            values = [wide.at[code, y] if y in wide else NOT_TRACKED for y in years]
            target = target_text(meta["target_comparator"], meta["target_value"], meta["unit"])
            status = current.at[code, "status"] if code in current.index else STATUS_NA
            reference = [meta["engagement"] or "–"] if references else []
            rows.append([meta["label"], *reference, target, *values, status or "–"])
        first_value = 3 if references else 2
        cells = {cell for row in rows for cell in row[first_value:]}
        missing = tuple(word for word in NA_WORDS if word in cells)
        header = ["Indicateur", *(["Engagement"] if references else []), "Cible",
                  *[str(y) for y in years], "Statut"]  # fmt: skip
        rules = tuple(sorted({rule for rule in frame["rule"].dropna() if rule}))
        improved, worsened = _directions(current)
        months = frame["months"].dropna().astype(int)
        tables.append(
            IndicatorTable(
                group=int(group),
                title=str(first["group_title"].iloc[0]),
                heading=str(first["group_heading"].iloc[0]),
                header=header,
                rows=rows,
                not_applicable=missing,
                rules=rules,
                improved=improved,
                worsened=worsened,
                months=tuple(sorted({m for m in months if 0 < m < 12})),
            )  # fmt: skip
        )
    return tables


@dataclass(frozen=True)
class Facts:
    """Everything the documents show, loaded once from data/processed/<period>/.

    A section without data for the period is None (the deck leaves it out).
    """

    meeting: Meeting
    period: int
    years: list[int]
    scheme: Scheme
    indicator_tables: list[IndicatorTable]
    survey: SurveyFacts | None
    mystery: MysteryFacts | None
    complaints: ComplaintFacts | None
    action_plan: ActionPlanFacts | None
    trainings: TrainingFacts | None
    contact: str = ""  # the quality team's address: the meeting's, else the préfecture's
    publication: PublicationFacts | None = None  # what is published (poster, open data)
    configured: frozenset[str] | None = None  # the sources the préfecture keeps (None: unknown)
    deck: DeckSettings = DeckSettings()
    # Every result judged against a target, by kind (:mod:`pipeline.facts.measures`).
    indicators: tuple[Measure, ...] = ()
    survey_results: tuple[Measure, ...] = ()
    call_results: tuple[Measure, ...] = ()
    email_results: tuple[Measure, ...] = ()
    improvements: tuple[Improvement, ...] = ()  # every result under its target, with its action
    planned: tuple[PlannedAction, ...] = ()  # the open actions and next year's plan
    done: tuple[DoneAction, ...] = ()  # the plan's actions done during the year
    headlines: tuple[Headline, ...] = ()  # « L'essentiel de l'année »
    overall_previous: float | None = None  # last year's overall satisfaction
    significant: frozenset[str] = frozenset()  # criteria that changed significantly in a year
    columns: PeriodColumns = PeriodColumns("years")  # the months or quarters presented, if any
    # The sources a préfecture may keep beside the others (issue 27): its users' feedback
    # platform, a second survey, tutoring and accompaniment (with the trainings).
    feedback: FeedbackFacts | None = None
    second_survey: SecondSurveyFacts | None = None
    tutoring: TutoringFacts | None = None

    @property
    def results(self) -> tuple[Measure, ...]:
        """Every result of the year judged against a target, indicators first."""
        return self.indicators + self.survey_results + self.call_results + self.email_results

    def not_kept(self, section: str) -> str:
        """Why a section has nothing to show when the préfecture keeps none of its data (no
        source configured for it), rather than a count of zero; "" when it keeps some."""
        sources = SECTION_SOURCES.get(section, ())
        if self.configured is None or not sources or set(sources) & self.configured:
            return ""
        return NOT_KEPT[section]


# A section's sources, and what the deck and the minutes say when none of them is kept.
SECTION_SOURCES = {
    "survey": ("survey_responses",), "mystery": ("mystery_calls", "mystery_emails"),
    "complaints": ("complaints",), "action_plan": ("action_plan",),
    "trainings": ("trainings", "tutoring_sessions"),
    "second_survey": ("second_survey_responses",), "feedback": ("feedback_platform",),
}  # fmt: skip
NOT_KEPT = {
    "survey": "pas d'enquête de satisfaction dans les données de la préfecture",
    "mystery": "pas d'appels ni de courriels mystère dans les données de la préfecture",
    "complaints": "pas de registre des réclamations et suggestions dans les données de la "
    "préfecture",
    "action_plan": "pas de plan d'actions dans les données de la préfecture",
    "trainings": "pas de suivi des formations dans les données de la préfecture",
    "second_survey": "pas de seconde enquête dans les données de la préfecture",
    "feedback": "pas d'export de la plateforme d'avis des usagers dans les données de la "
    "préfecture",
}


def load_facts(ctx: Context) -> Facts:
    """Every section's facts for the period, from the processed tables the steps wrote (each
    step writes all its tables, empty when a source has no data) and the meeting file."""
    paths, period = ctx.paths, ctx.period
    if not paths.meeting.is_file():
        raise ConfigError(
            "Fichier de réunion introuvable pour " + str(period) + " : le diaporama et le compte "
            "rendu en ont besoin (date, présidence, membres, ordre du jour). Créez-le à "
            "l'emplacement indiqué par meeting_file dans la configuration, puis relancez."
        )
    meeting = load_meeting(paths.meeting)
    tables = read_tables(paths, tables_read_by("deck"))
    indicators = tables["indicators"]
    years = sorted(int(y) for y in yearly(indicators)["year"].unique())
    scheme = load_scheme(ctx.config)
    if scheme.by_engagement and not indicators.empty:  # the modules of the indicators shown
        shown = sorted({int(m) for m in indicators["module"].unique() if m})
        scheme = replace(scheme, modules=tuple(shown) or scheme.modules)
    config, catalogue = ctx.config, load_questions(ctx.config)
    deck = load_deck_settings(config)
    measures = {
        "indicators": tuple(indicator_measures(indicators, period, deck,
                                               config.indicators.service_min_requests)),
        "survey_results": tuple(survey_measures(tables["survey_rates"], period, catalogue)),
        "call_results": tuple(call_measures(tables["mystery_call_compliance"], period,
                                            max(1, config.mystery.min_calls // 2))),
        "email_results": tuple(email_measures(tables["mystery_email_results"], period)),
    }  # fmt: skip
    every = [m for group in measures.values() for m in group]
    planned = tuple(planned_actions(tables["action_plan_actions"], meeting, period))
    weak = tuple(improvements(every, planned))
    done = tuple(done_in_year(tables["action_plan_actions"], period))
    overall = _overall(tables["survey_rates"], period)
    significant = _significant(tables["survey_changes"], period)
    headlines = essentials(
        **overall, measures=every, significant=significant, done=done, planned=planned,
        improvements=weak, period=period,
    )  # fmt: skip
    return Facts(
        meeting=meeting,
        period=period,
        years=years,
        scheme=scheme,
        indicator_tables=indicator_tables(indicators, years),
        survey=survey_facts(
            tables,
            meeting,
            period,
            ctx.config.survey,
            load_questions(ctx.config),
            load_verbatim_themes(ctx.config),
        ),
        mystery=mystery_facts(tables, meeting, period),
        complaints=complaint_facts(tables, period),
        action_plan=action_plan_facts(tables, period),
        trainings=training_facts(tables, history_years(period, ctx.config.history_years)),
        contact=meeting.contact_email or ctx.config.prefecture.contact_email or "",
        configured=frozenset(ctx.config.sources),
        publication=publication_facts(
            indicators,
            tables["survey_rates"],
            tables["service_indicators"],
            ctx.config,
            scheme,
            period,
            tables["feedback_summary"],
            tables["second_survey_rates"],
        ),
        deck=deck,
        **measures,
        improvements=weak,
        planned=planned,
        done=done,
        headlines=tuple(headlines),
        overall_previous=overall["overall_previous"],
        columns=period_columns(
            indicators, period, period_unit(deck.period_unit, meeting.date, period)
        ),  # fmt: skip
        significant=frozenset(significant),
        **other_sources_facts(ctx, tables, meeting),
    )


def other_sources_facts(ctx: Context, tables: dict[str, pd.DataFrame], meeting: Meeting) -> dict:
    """The facts of the feedback platform, the second survey and the tutoring (each None
    without data for the period)."""
    config, period, second = ctx.config, ctx.period, "second_survey_responses"
    return {
        "feedback": feedback_facts(tables, config.feedback,
                                   load_verbatim_themes(config, "feedback_platform"), period),
        "second_survey": second_survey_facts(
            tables, meeting, period, config.second_survey, load_questions(config, second),
            load_verbatim_themes(config, second),
        ),
        "tutoring": tutoring_facts(tables, period),
    }  # fmt: skip


def _overall(rates: pd.DataFrame, period: int) -> dict:
    """The survey's overall satisfaction this year and the year before, and its respondents."""
    overall = rates[rates["overall"].astype(bool)] if len(rates) else rates
    by_year = overall.set_index("year") if len(overall) else overall

    def rate(year):
        if year not in by_year.index or pd.isna(by_year.at[year, "rate"]):
            return None
        return float(by_year.at[year, "rate"])

    respondents = int(by_year.at[period, "respondents"]) if period in by_year.index else None
    return {"overall_rate": rate(period), "overall_previous": rate(period - 1),
            "respondents": respondents}  # fmt: skip


def _significant(changes: pd.DataFrame, period: int) -> set[str]:
    """The survey criteria whose change since last year is significant."""
    if changes.empty:
        return set()
    last = changes[(changes["year_before"] == period - 1) & changes["significant"].astype(bool)]
    return set(last["column"])
