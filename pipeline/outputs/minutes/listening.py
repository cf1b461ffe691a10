"""The minutes' paragraphs of the sources a préfecture may keep beside the others: its users'
feedback platform (« Donnez votre avis »), a second survey (by e-mail, at the point
numérique…) and the agents' tutoring and accompaniment — the deck's figures, as sentences
(:mod:`pipeline.facts.feedback`, :mod:`pipeline.facts.second_survey`,
:mod:`pipeline.facts.tutoring`).

The feedback platform and the second survey have their own agenda sections (``feedback``,
``second_survey``); without one, their paragraphs follow their host's (the complaints', the
survey's), as their slides do in the deck, or close the agenda's items without it.
"""

from __future__ import annotations

from pipeline.core.meeting import guest_sections
from pipeline.facts.documents import Facts
from pipeline.outputs.minutes.blocks import Block, Bullets, Paragraph, Table


def feedback_text(facts: Facts) -> list[Block]:
    feedback = facts.feedback
    if feedback is None:
        return _nothing(facts, "feedback", "Aucune expérience n'a été partagée sur la plateforme "
                        "d'avis des usagers pendant la période.")  # fmt: skip
    blocks: list[Block] = [Paragraph(feedback.summary)]
    if feedback.channels_text:
        blocks.append(Paragraph(feedback.channels_text))
    if feedback.quotes:
        blocks += [
            Paragraph("Ce que partagent les usagers :"),
            Bullets([f"{q.theme} : « {q.quote} »" for q in feedback.quotes]),
        ]
    return blocks


def second_survey_text(facts: Facts) -> list[Block]:
    second = facts.second_survey
    if second is None:
        return _nothing(facts, "second_survey", "Aucune réponse à la seconde enquête pour la "
                        "période.")  # fmt: skip
    blocks: list[Block] = [Paragraph(second.summary)]
    if second.criteria_rows:
        blocks.append(Table(["Question", "Réponses", "Satisfaits"], second.criteria_rows))
    if second.fragile_note:
        blocks.append(Paragraph(second.fragile_note))
    return blocks


def _nothing(facts: Facts, section: str, otherwise: str) -> list[Block]:
    """What a section without data says: that the préfecture keeps no such data, else
    ``otherwise``."""
    why = facts.not_kept(section)
    return [Paragraph(f"{why[0].upper()}{why[1:]}." if why else otherwise)]


def tutoring_blocks(facts: Facts) -> list[Block]:
    tutoring = facts.tutoring
    if tutoring is None:
        return []
    return [Paragraph(tutoring.total_text), Table(tutoring.header, tutoring.rows)]


GUEST_TEXT = {"second_survey": second_survey_text, "feedback": feedback_text}


def closing_item(agenda):
    """The item the guests without a host follow: the one before the questions (the deck
    shows them just before the questions' slide), else the last one."""
    sections = [item.section for item in agenda]
    at = sections.index("questions") - 1 if "questions" in sections else len(agenda) - 1
    return agenda[at if at >= 0 else len(agenda) - 1]


def guest_blocks(host: str, facts: Facts) -> list[Block]:
    """The paragraphs of the sections without an agenda item that follow ``host`` (« »:
    after the agenda's items), each under its own name."""
    blocks: list[Block] = []
    placed = guest_sections([item.section for item in facts.meeting.agenda])
    present = {"second_survey": facts.second_survey, "feedback": facts.feedback}
    for guest, after in placed.items():
        if after == host and present[guest] is not None:
            name = facts.second_survey.title if guest == "second_survey" else facts.feedback.name
            blocks += [Paragraph(name[0].upper() + name[1:], True), *GUEST_TEXT[guest](facts)]
    return blocks
