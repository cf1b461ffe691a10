"""The meeting file: date, chair, members, agenda, labelling perimeter, audits, template e-mails.

Written by the quality team as YAML beside the period's raw exports
(``data/raw/<year>/reunion_clu_<year>.yaml``); validated at ingestion and stored as
``data/processed/<period>/meeting.json`` for the deck and the minutes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pipeline.core.config import validate_yaml
from pipeline.core.exceptions import ConfigError
from pipeline.core.formatting import format_date

Section = Literal[
    "quality_approach", "indicators", "survey", "second_survey", "mystery", "complaints",
    "feedback", "template_emails", "action_plan", "trainings", "questions",
]  # fmt: skip
# The sections that follow another one when the agenda gives them no item of their own: the
# second survey after the survey, the feedback platform after the complaints (seed 004 shows
# « Donnez votre avis » beside them); without their host on the agenda, before the questions.
GUESTS = {"survey": "second_survey", "complaints": "feedback"}


def guest_sections(agenda_sections: list[str]) -> dict[str, str]:
    """The host each guest section not on the agenda follows (``""``: none, before the
    questions), for the deck and the minutes alike."""
    return {guest: host if host in agenda_sections else ""
            for host, guest in GUESTS.items() if guest not in agenda_sections}  # fmt: skip


GROUPS_ORDER = (
    "Préfecture", "Élus et collectivités", "Chambres consulaires", "Associations",
    "Services de l'État",
)  # fmt: skip


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Model):
    name: str
    role: str = ""


class Member(_Model):
    name: str
    role: str = ""
    organisation: str = ""
    group: str = "Autres"
    status: Literal["présent", "excusé", "absent"] = "présent"


class AgendaItem(_Model):
    title: str
    section: Section
    presenter: str = ""


class Labelling(_Model):
    """Kept for older meeting files: the label and its perimeter belong to the configuration
    (``labels``); given here, they must say the same (:func:`check_labelling`)."""

    scheme: str | None = None
    modules: tuple[int, ...] | None = None
    what_changed: tuple[str, ...] = ()


class Audit(_Model):
    kind: str
    date: dt.date
    organisation: str = ""

    def describe(self) -> str:
        """« Audit de suivi : 20 juin 2023 (SOCOTEC) », the organisation only when it adds."""
        text = f"{self.kind} : {format_date(self.date)}"
        if self.organisation and self.organisation.lower() not in self.kind.lower():
            text += f" ({self.organisation})"
        return text


class Window(_Model):
    start: dt.date
    end: dt.date
    mode: str = ""
    sent: int | None = Field(None, ge=0)  # questionnaires sent (an e-mail survey: 40)


class MysteryWindows(_Model):
    calls_start: dt.date | None = None
    calls_end: dt.date | None = None
    emails_start: dt.date | None = None
    emails_end: dt.date | None = None


class TemplateEmail(_Model):
    title: str
    body: str


class PlanItem(_Model):
    """An action of next year's plan written in the meeting file (a plan written as prose,
    seed 004): the action alone, or with its owner, deadline and the results it answers."""

    action: str
    owner: str = ""
    deadline: str = ""  # as written: « mars 2023 », « fin 2023 »
    addresses: tuple[str, ...] = ()  # codes or labels of the results it answers

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value):
        return {"action": value} if isinstance(value, str) else value


class Question(_Model):
    """A question a member asked at the meeting, for the minutes: who asked (« Mme Hélène
    Canevas (UFC-Que Choisir) »), the question, and, once known, the answer and who gave it.
    ``about``: the agenda item (its section) it came up under; without it, the questions
    item (« Questions / réponses »)."""

    who: str
    question: str
    answer: str = ""
    answered_by: str = ""
    about: Section | None = None


class Meeting(_Model):
    committee: str = "Comité local des usagers"
    prefecture: str
    service: str = ""  # the service the minutes come from (their heading block)
    date: dt.date
    time: str = ""
    end_time: str = ""  # when the chair closed the meeting (« 16 h 30 »), for the minutes
    place: str = ""
    chair: Person
    contact_email: str = ""
    members: tuple[Member, ...] = ()
    agenda: tuple[AgendaItem, ...] = Field(min_length=1)
    what_changed: tuple[str, ...] = ()  # the year's main changes, presented with the approach
    labelling: Labelling = Labelling()
    audits: tuple[Audit, ...] = ()
    survey: Window | None = None
    second_survey: Window | None = None  # the second survey's (configuration: second_survey)
    mystery: MysteryWindows | None = None
    template_emails: tuple[TemplateEmail, ...] = ()
    next_plan: tuple[PlanItem, ...] = ()  # next year's actions, when not in the plan's export
    questions: tuple[Question, ...] = ()  # the members' questions, for the minutes

    @model_validator(mode="after")
    def _questions_on_the_agenda(self):
        sections = [item.section for item in self.agenda]
        for number, question in enumerate(self.questions, 1):
            if question.about is not None and question.about not in sections:
                listed = ", ".join(f"« {section} »" for section in sections)
                raise ValueError(
                    f"la question {number} (« {question.question[:40]} ») porte sur « "
                    f"{question.about} », qui n'est pas à l'ordre du jour (sections de l'ordre "
                    f"du jour : {listed})"
                )
        return self

    @property
    def highlights(self) -> tuple[str, ...]:
        """What changed this year (``what_changed``, or the older ``labelling.what_changed``)."""
        return self.what_changed or self.labelling.what_changed

    def members_by_status(self, status: str) -> dict[str, list[Member]]:
        """Members with a status, grouped as in the minutes (préfecture first, then élus…)."""
        groups: dict[str, list[Member]] = {}
        for member in self.members:
            if member.status == status:
                groups.setdefault(member.group, []).append(member)
        rank = {group: i for i, group in enumerate(GROUPS_ORDER)}
        return dict(sorted(groups.items(), key=lambda item: rank.get(item[0], len(rank))))


def read_meeting_file(path: Path) -> Meeting:
    """The meeting YAML, validated (ConfigError in French if it is not right)."""
    if not path.is_file():
        raise ConfigError(
            f"Fichier de réunion introuvable : {path}. Copiez celui d'une année précédente "
            "et adaptez la date, les membres et l'ordre du jour."
        )
    return validate_yaml(path, Meeting)


def check_labelling(meeting: Meeting, config, path: Path) -> None:
    """The meeting file may repeat the label and the perimeter, never contradict them: the
    configuration (``labels``) is the one source of truth. ConfigError in French otherwise."""
    labels, given = config.labels, meeting.labelling
    problems = []
    if given.scheme is not None and given.scheme.strip().lower() != labels.scheme.lower():
        problems.append(
            f"le label y est « {given.scheme} », la configuration dit « {labels.scheme} »"
        )
    if given.modules is not None and tuple(sorted(given.modules)) != tuple(sorted(labels.modules)):
        problems.append(
            f"les modules y sont {list(given.modules)}, la configuration dit {list(labels.modules)}"
        )
    if problems:
        raise ConfigError(
            f"Fichier de réunion {path} : " + " ; ".join(problems) + ". Le label et son "
            f"périmètre se règlent dans la configuration ({config.path}, rubrique labels) : "
            "retirez labelling.scheme et labelling.modules du fichier de réunion, ou mettez-les "
            "d'accord."
        )


def load_meeting(path: Path) -> Meeting:
    """The validated meeting stored by the ingest step (data/processed/<period>/meeting.json)."""
    return Meeting.model_validate_json(path.read_text(encoding="utf-8"))
