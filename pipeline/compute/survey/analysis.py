"""Every statistic of the annual survey, computed once for a period.

:func:`analyse_survey` gathers the pure functions of :mod:`pipeline.survey` (satisfaction),
:mod:`pipeline.survey_profile` (choices) and :mod:`pipeline.verbatims` (free text) into one
:class:`SurveyAnalysis`, which the report's tables, texts and charts read.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.compute.survey.profile import choice_counts
from pipeline.compute.survey.satisfaction import (
    answer_distribution,
    overall_satisfaction,
    ranked_criteria,
    rate_changes,
    satisfaction_answers,
    satisfaction_by_criterion,
    satisfaction_by_group,
    unrated_criteria,
)
from pipeline.compute.survey.verbatims import (
    chosen_quotes,
    comments,
    remark_tones,
    theme_counts,
    themed_comments,
)
from pipeline.core.config import QuestionCatalogue, SurveySettings, VerbatimThemes

# Columns of the responses outside the catalogue, shown with the profile of the respondents.
EXTRA_PROFILE = {"mode": "Mode de réponse", "site": "Site"}


@dataclass(frozen=True)
class SurveyAnalysis:
    """Every table of the survey analysis for one period (all years read, for trends)."""

    period: int
    settings: SurveySettings
    catalogue: QuestionCatalogue
    themes: VerbatimThemes
    respondents: pd.Series  # questionnaires kept, per year
    rates: pd.DataFrame
    distribution: pd.DataFrame
    changes: pd.DataFrame
    ranking: pd.DataFrame
    groups: pd.DataFrame  # satisfaction_by_group for every breakdown, with `breakdown`
    choices: pd.DataFrame
    remarks: pd.DataFrame
    themed: pd.DataFrame  # a remark × a theme, with its tone
    theme_counts: pd.DataFrame  # a theme × a year: remarks of each tone, critical quote needed
    quotes: pd.DataFrame  # the period's quotes: tone, role (représentative, critique…), reason

    @property
    def years(self) -> list[int]:
        return [int(year) for year in self.respondents.index]

    @property
    def current(self) -> pd.DataFrame:
        """The period's rates, one row per satisfaction question."""
        return self.rates[self.rates["year"] == self.period]

    @property
    def unrated(self) -> pd.DataFrame:
        """The period's questions without any answer that counts: no rate (said so)."""
        return unrated_criteria(self.rates, self.period)

    @property
    def overall(self) -> pd.Series | None:
        return overall_satisfaction(self.rates, self.period)

    @property
    def questionnaires(self) -> int:
        return int(self.respondents.get(self.period, 0))

    @property
    def breakdowns(self) -> tuple:
        """The catalogue's breakdowns that have groups for the period (a breakdown on a
        column the export lacks has none)."""
        if self.groups.empty:
            return ()
        present = set(self.groups.loc[self.groups["year"] == self.period, "breakdown"])
        return tuple(b for b in self.catalogue.breakdowns if b.column in present)

    @property
    def high_from(self) -> int | None:
        """The Services Publics+ threshold of the marks (8: « notes de 8 ou plus »), if any."""
        scales = [self.catalogue.scales[q.type] for q in self.catalogue.satisfaction_questions]
        return next((s.high_from for s in scales if s.is_marks and s.high_from is not None), None)


def answered_catalogue(catalogue: QuestionCatalogue, responses: pd.DataFrame):
    """The catalogue restricted to the questions the export answers (in any year read): a
    question whose column the export lacks, or that nobody answered, is left out of every
    table and chart rather than shown with n = 0; so are the questions asked only of a
    subgroup that is no longer there, and the breakdowns on a missing column. The catalogue is
    returned as is when nothing is missing or when no question would remain."""
    answered = {
        q.column for q in catalogue.questions
        if q.column in responses and responses[q.column].notna().any()
    }  # fmt: skip
    kept = tuple(
        q for q in catalogue.questions
        if q.column in answered and (q.subgroup is None or q.subgroup in answered)
    )  # fmt: skip
    if len(kept) == len(catalogue.questions) or not any(q.is_satisfaction for q in kept):
        return catalogue
    breakdowns = tuple(
        b for b in catalogue.breakdowns
        if b.column in answered or b.column in responses and responses[b.column].notna().any()
    )  # fmt: skip
    return catalogue.model_copy(update={"questions": kept, "breakdowns": breakdowns})


def analyse_survey(
    responses: pd.DataFrame,
    catalogue: QuestionCatalogue,
    themes: VerbatimThemes,
    settings: SurveySettings,
    period: int,
) -> SurveyAnalysis:
    """All the survey's statistics for ``period`` (earlier years serve the trends), on the
    questions the export answers (:func:`answered_catalogue`)."""
    catalogue = answered_catalogue(catalogue, responses)
    target, min_n = settings.target, settings.min_reliable_n
    answers = satisfaction_answers(responses, catalogue)  # made once, read by each table
    rates = satisfaction_by_criterion(responses, catalogue, target, min_n, answers)
    groups = [
        satisfaction_by_group(responses, catalogue, breakdown.column, target, min_n, answers)
        for breakdown in catalogue.breakdowns
        if breakdown.column in responses and responses[breakdown.column].notna().any()
    ]
    free_text = catalogue.questions_of("free_text")
    remarks = (
        pd.concat([comments(responses, q.column) for q in free_text], ignore_index=True)
        if free_text
        else pd.DataFrame({"respondent": [], "year": [], "text": []})
    )
    themed = remark_tones(themed_comments(remarks, themes), answers, themes, catalogue)
    counts = theme_counts(themed, remarks, themes, rates)
    return SurveyAnalysis(
        period=period,
        settings=settings,
        catalogue=catalogue,
        themes=themes,
        respondents=responses.groupby("year").size(),
        rates=rates,
        distribution=answer_distribution(responses, catalogue, answers),
        changes=rate_changes(rates, period, settings.significance_level),
        ranking=ranked_criteria(
            rates, period, settings.ranked_criteria, min_n, settings.strength_margin
        ),
        groups=pd.concat(groups, ignore_index=True) if groups else pd.DataFrame(),
        choices=choice_counts(
            responses,
            catalogue,
            {
                c: label
                for c, label in EXTRA_PROFILE.items()
                if c in responses and responses[c].notna().any()
            },
        ),  # fmt: skip
        remarks=remarks,
        themed=themed,
        theme_counts=counts,
        quotes=chosen_quotes(themed, counts, period, settings.quotes_per_theme),
    )


def analysis_tables(analysis: SurveyAnalysis) -> dict[str, pd.DataFrame]:
    """The analysis' tables, by their names in the dataset catalogue."""
    return {
        "survey_rates": analysis.rates,
        "survey_distribution": analysis.distribution,
        "survey_changes": analysis.changes,
        "survey_groups": analysis.groups,
        "survey_choices": analysis.choices,
        "survey_themes": analysis.theme_counts,
        "survey_ranking": analysis.ranking,
        "survey_quotes": analysis.quotes,
    }


# The tables of a second survey (:class:`~pipeline.core.config.SecondSurveySettings`) the
# documents read: the same analysis, under the names of the dataset catalogue.
SECOND_SURVEY_TABLES = ("rates", "changes", "ranking", "choices", "themes", "quotes")


def second_survey_tables(analysis: SurveyAnalysis) -> dict[str, pd.DataFrame]:
    """The second survey's tables, by their names in the dataset catalogue
    (``second_survey_rates``…)."""
    tables = analysis_tables(analysis)
    return {f"second_survey_{name}": tables[f"survey_{name}"] for name in SECOND_SURVEY_TABLES}
