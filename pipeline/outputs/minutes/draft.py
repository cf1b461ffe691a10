"""The minutes draft (projet de compte rendu), told as a préfecture's minutes are: the State's
heading block and the committee, who attended by college, the chair's opening and the agenda,
each agenda item in a few paragraphs that carry its figures and its message, the exchanges, the
decisions and next steps, the closing and the signature; the detailed tables in annexes.

Each finding is the deck's own sentence (:mod:`pipeline.facts.titles`,
:mod:`pipeline.facts.findings`, the headlines of « L'essentiel »): the minutes tell what the
slides showed, in the same words. What only the meeting can tell (the answers, the committee's
opinion, the time the meeting closed) is a place the secretariat fills in.
"""

from __future__ import annotations

from pipeline.core.formatting import format_date, format_number
from pipeline.core.meeting import AgendaItem, Member, Question
from pipeline.facts import titles
from pipeline.facts.documents import Facts
from pipeline.facts.findings import capitalised
from pipeline.outputs.minutes import annex, items
from pipeline.outputs.minutes.blocks import (
    Block,
    Bullets,
    Contents,
    Heading,
    Masthead,
    Paragraph,
    Signature,
    to_complete,
)

DEFAULT_SERVICE = "Secrétariat général"
PLACES_FOR_QUESTIONS = 3  # numbered places when the meeting file lists no question


# --- who speaks ----------------------------------------------------------------------------------


CIVILITIES = ("M.", "Mme", "Mlle", "Dr", "Me")


def named(name: str) -> str:
    """A name as printed: a no-break space after its civility (« M. » never at a line's end)."""
    civility, space, rest = name.strip().partition(" ")
    return f"{civility}\u00a0{rest}" if space and civility in CIVILITIES else name.strip()


def _pronoun(name: str) -> str:
    """« Elle » for « Mme … », « Il » otherwise."""
    return "Elle" if name.strip().lower().startswith(("mme", "madame", "mlle")) else "Il"


def _chair(facts: Facts) -> str:
    """« M. Paul Exemple, secrétaire général de la préfecture »."""
    chair = facts.meeting.chair
    return named(chair.name) + (f", {chair.role}" if chair.role else "")


def _signer(facts: Facts) -> str:
    """« Le secrétaire général de la préfecture », « La préfète de la Haute-Brume »."""
    chair = facts.meeting.chair
    article = "La" if _pronoun(chair.name) == "Elle" else "Le"
    return f"{article} {chair.role}" if chair.role else f"{article} président de séance"


# --- the head of the minutes ---------------------------------------------------------------------


def header_blocks(facts: Facts) -> list[Block]:
    meeting = facts.meeting
    return [
        Masthead(meeting.prefecture, meeting.service or DEFAULT_SERVICE),
        Heading(meeting.committee, 1),
        Paragraph(f"Projet de compte rendu de la réunion du {format_date(meeting.date)}", True),
        Paragraph(f"Sous la présidence de {_chair(facts)}"),
        Contents(),
    ]


def _person(member: Member, prefecture: str) -> str:
    """« Mme Claire Fictif, maire de Boisjoli (Association des maires de la Sylve) »; the
    organisation left out when it is the préfecture itself."""
    text = named(member.name) + (f", {member.role}" if member.role else "")
    if member.organisation and member.organisation != prefecture:
        text += f" ({member.organisation})"
    return text


STATUS_WORDS = {"présent": "Étaient présents", "excusé": "Étaient excusés",
                "absent": "Étaient absents"}  # fmt: skip


def attendance_blocks(facts: Facts) -> list[Block]:
    """Who attended, by college (the meeting file's ``group``), then who sent apologies."""
    meeting = facts.meeting
    blocks: list[Block] = [Heading("Participants", 2)]
    for status, words in STATUS_WORDS.items():
        groups = meeting.members_by_status(status)
        if not groups:
            continue
        count = sum(len(members) for members in groups.values())
        blocks.append(Paragraph(f"{words} ({format_number(count)}) :", emphasis=True, keep=True))
        for group, members in groups.items():
            people = "\u00a0; ".join(_person(m, meeting.prefecture) for m in members)
            blocks.append(Paragraph(f" : {people}.", lead=group))
    if len(blocks) == 1:
        blocks.append(Paragraph("La liste des participants n'est pas renseignée."))
    return blocks


def opening_blocks(facts: Facts) -> list[Block]:
    """The chair opens the meeting and recalls the agenda (the deck's agenda lines)."""
    meeting = facts.meeting
    when = f" à {meeting.time}" if meeting.time else ""
    where = f" ({meeting.place})" if meeting.place else ""
    she = _pronoun(meeting.chair.name)
    blocks: list[Block] = [
        Heading("Ouverture de la séance", 2),
        Paragraph(
            f"{_chair(facts)}, ouvre la séance{when}{where}. {she} remercie les membres du "
            f"comité de leur présence et rappelle l'ordre du jour :",
            keep=True,
        ),
        Bullets(titles.agenda_lines(facts), numbered=True),
    ]
    if "quality_approach" not in [item.section for item in meeting.agenda]:
        blocks += items.essentials(facts)  # (else with the approach, as on the slides)
    return blocks


# --- the exchanges -------------------------------------------------------------------------------


def exchange_blocks(questions: list[Question]) -> list[Block]:
    """Each question the meeting file lists, who asked it, and its answer or a place for it."""
    blocks: list[Block] = []
    for question in questions:
        blocks.append(Paragraph(f" : {question.question}", lead=named(question.who), keep=True))
        answer = question.answer or to_complete("réponse")
        blocks.append(Paragraph(f" : {answer}", lead=question.answered_by or "Réponse"))
    return blocks


def places_for_questions() -> list[Block]:
    """Numbered places for the questions, when the meeting file lists none."""
    blocks: list[Block] = [
        Paragraph("Questions posées par les membres du comité et réponses apportées :", keep=True)
    ]
    for number in range(1, PLACES_FOR_QUESTIONS + 1):
        blocks += [
            Paragraph(
                f" : {to_complete('nom, organisme et question')}",
                lead=f"Question {number}",
                keep=True,
            ),  # fmt: skip
            Paragraph(f" : {to_complete('réponse')}", lead=f"Réponse à la question {number}"),
        ]
    return blocks


def _asked_about(facts: Facts, section: str | None) -> list[Question]:
    questions = facts.meeting.questions
    if section is None:  # the questions item: those of no other item
        return [q for q in questions if q.about in (None, "questions")]
    return [q for q in questions if q.about == section]


def item_blocks(number: int, item: AgendaItem, facts: Facts, refs: dict[str, int]) -> list[Block]:
    blocks: list[Block] = [Heading(f"{number}. {item.title}", 2)]
    if item.presenter:
        comma = "," if "," in item.presenter else ""
        blocks.append(Paragraph(f"{capitalised(item.presenter)}{comma} présente ce point."))
    if item.section == "questions":
        asked = _asked_about(facts, None)
        return blocks + (exchange_blocks(asked) if asked else places_for_questions())
    from pipeline.outputs.minutes import listening  # (the sections of the other sources)

    why = titles.absence(facts, item.section)
    if why:
        blocks.append(Paragraph(f"Ce point est sans objet cette année : {why}."))
    elif item.section in items.SECTION_TEXT:
        blocks += items.SECTION_TEXT[item.section](facts, refs)
    else:
        blocks += listening.GUEST_TEXT[item.section](facts)
    blocks += listening.guest_blocks(item.section, facts)
    if item is listening.closing_item(facts.meeting.agenda):  # the guests without a host
        blocks += listening.guest_blocks("", facts)
    asked = _asked_about(facts, item.section)
    if asked:
        blocks += [Paragraph("Échanges :", emphasis=True, keep=True), *exchange_blocks(asked)]
    return blocks


# --- decisions, closing, signature ---------------------------------------------------------------


def decisions_blocks(facts: Facts) -> list[Block]:
    """What the committee takes note of: the actions planned (each with the results it
    answers), the next deadlines, and a place for the meeting's own decisions."""
    blocks: list[Block] = [Heading("Décisions et suites", 2)]
    table = annex.planned_table(facts)
    if table is not None:
        blocks += [
            Paragraph(
                "Le comité prend acte des actions prévues pour répondre aux points "
                "d'amélioration :",
                keep=True,
            ),
            table,
        ]
    else:
        blocks.append(Paragraph("Aucune action n'est inscrite au plan à la date du comité."))
    if facts.meeting.audits:
        audits = "\u00a0; ".join(items.audit_text(audit) for audit in facts.meeting.audits)
        blocks.append(Paragraph(f" : {audits}.", lead="Prochaines échéances"))
    blocks.append(Paragraph(f" : {to_complete()}", lead="Autres décisions de la séance"))
    return blocks


def closing_blocks(facts: Facts) -> list[Block]:
    meeting = facts.meeting
    at = meeting.end_time or to_complete("heure")
    none_else = "Aucune autre question n'étant posée" if meeting.questions else (
        "L'ordre du jour étant épuisé")  # fmt: skip
    contact = f" Contact : {facts.contact}." if facts.contact else ""
    return [
        Heading("Clôture de la séance", 2),
        Paragraph(
            f"{none_else}, {named(meeting.chair.name)} remercie les participants de leur "
            f"présence et lève la séance à {at}. Le diaporama présenté est joint au présent "
            f"compte rendu.{contact}",
            keep=True,
        ),
        Signature(_signer(facts), named(meeting.chair.name)),
    ]


def minutes_sections(facts: Facts) -> list[list[Block]]:
    """The draft, part by part: head, participants, opening, the agenda's items in order, the
    other questions, decisions, closing and signature, then the annexes."""
    refs = annex.annex_numbers(facts)
    sections = [header_blocks(facts), attendance_blocks(facts), opening_blocks(facts)]
    agenda = facts.meeting.agenda
    sections += [item_blocks(i, item, facts, refs) for i, item in enumerate(agenda, 1)]
    if "questions" not in [item.section for item in facts.meeting.agenda]:
        asked = _asked_about(facts, None)
        if asked:
            sections.append([Heading("Questions diverses", 2), *exchange_blocks(asked)])
    sections += [decisions_blocks(facts), closing_blocks(facts)]
    return sections + annex.annex_sections(facts, refs)
