"""A second survey (by e-mail to the users who wrote, at the point numérique…) as the deck and
the minutes show it: the survey's own facts (:func:`pipeline.facts.survey.survey_facts`, on the
second survey's tables and dates), its title, how many questionnaires were sent and how many
came back.

Small samples are usual (3 replies of 40 sent): under the survey's ``min_reliable_n`` answers
every figure is « fragile », and the documents say so beside it, never as a measure.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.core.config import QuestionCatalogue, SecondSurveySettings, VerbatimThemes
from pipeline.core.formatting import format_count, format_number
from pipeline.core.formatting import format_percent as percent
from pipeline.core.meeting import Meeting
from pipeline.facts.survey import SurveyFacts, survey_facts

FRAGILE_MARK = " *"


@dataclass(frozen=True)
class SecondSurveyFacts:
    title: str  # « Enquête par courriel »
    survey: SurveyFacts
    sent: int | None  # questionnaires sent, when the meeting file says
    rates: pd.DataFrame  # the year's answered questions, the overall one first

    @property
    def respondents(self) -> int:
        return self.survey.respondents

    @property
    def fragile(self) -> bool:
        """Fewer answers than the reliability threshold: every rate is to read with care."""
        return self.respondents < self.survey.min_reliable_n

    @property
    def response_rate(self) -> float | None:
        return self.respondents / self.sent if self.sent else None

    @property
    def returns(self) -> str:
        """« 3 réponses sur 40 questionnaires envoyés (7,5 %) », or « 3 réponses »."""
        text = format_count(self.respondents, "réponse")
        if self.sent:
            sent = format_count(self.sent, "questionnaire envoyé", "questionnaires envoyés")
            text += f" sur {sent} ({percent(self.response_rate)})"
        return text

    @property
    def fragile_note(self) -> str:
        """What the « * » means, when it is used."""
        if not self.fragile:
            return ""
        return (f"* Moins de {format_number(self.survey.min_reliable_n)} réponses : résultats "
                "fragiles, à lire avec prudence.")  # fmt: skip

    def rate_text(self, satisfied: int, n: int, rate: float | None) -> str:
        """A criterion's result: « 2 sur 3 * » on a fragile sample, « 93,5 % » otherwise."""
        if rate is None or not n:
            return "–"
        if n < self.survey.min_reliable_n:
            return f"{format_number(satisfied)} sur {format_number(n)}{FRAGILE_MARK}"
        return percent(rate)

    @property
    def criteria_rows(self) -> list[list[str]]:
        """Critère | Réponses | Satisfaits: each question of the year, the overall one first."""
        return [
            [str(row.label), format_number(row.n),
             self.rate_text(int(row.satisfied), int(row.n),
                            None if pd.isna(row.rate) else float(row.rate))]
            for row in self.rates.itertuples()
        ]  # fmt: skip

    @property
    def overall_text(self) -> str:
        """« 2 sur 3 satisfaits * » or « 93,5 % de satisfaits », from the overall question."""
        survey = self.survey
        if survey.overall_rate is None or not survey.overall_n:
            return ""
        overall = self.rates[self.rates["overall"].astype(bool)]
        satisfied = int(overall["satisfied"].iloc[0]) if len(overall) else 0
        return self.rate_text(satisfied, survey.overall_n, survey.overall_rate)

    @property
    def summary(self) -> str:
        """The minutes' sentence."""
        survey = self.survey
        when = f", menée {survey.window}" if survey.window else ""
        text = f"{self.title} {survey.year}{when} : {self.returns}."
        if self.overall_text:
            text += f" Satisfaction générale : {self.overall_text}."
        if self.fragile:
            text += (f" Sur moins de {format_number(survey.min_reliable_n)} réponses, ces "
                     "résultats sont fragiles et à lire avec prudence.")  # fmt: skip
        return text


def second_survey_facts(
    tables: dict[str, pd.DataFrame],
    meeting: Meeting,
    period: int,
    settings: SecondSurveySettings,
    catalogue: QuestionCatalogue,
    themes: VerbatimThemes,
) -> SecondSurveyFacts | None:
    """The second survey's facts for the period, or None when it has no answer."""
    own = {name.removeprefix("second_"): table for name, table in tables.items()
           if name.startswith("second_survey_")}  # fmt: skip
    dates = meeting.second_survey
    facts = survey_facts(own, meeting.model_copy(update={"survey": dates}), period, settings,
                         catalogue, themes)  # fmt: skip
    if facts is None:
        return None
    rates = own["survey_rates"]
    rates = rates[(rates["year"] == period) & (rates["n"] > 0)]
    rates = rates.sort_values(["overall", "order"], ascending=[False, True], kind="stable")
    return SecondSurveyFacts(settings.title, facts, dates.sent if dates else None,
                             rates.reset_index(drop=True))  # fmt: skip
