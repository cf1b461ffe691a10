"""The minutes draft (projet de compte rendu), as Markdown, from the same facts as the deck.

The draft holds the attendance, the agenda and every figure already written as French
sentences; clearly marked places are left for the discussion and the decisions.
"""

from __future__ import annotations

from pipeline.facts import Facts
from pipeline.formatting import format_date, format_number, format_percent
from pipeline.meeting import AgendaItem, Member

TO_COMPLETE = "*[À compléter par le secrétariat]*"
DISCUSSION = "- M. / Mme … (organisme) : …\n- Réponse de … : …"


def _people(groups: dict[str, list[Member]]) -> str:
    if not groups:
        return "- (aucun)\n"
    lines = []
    for group, members in groups.items():
        lines.append(f"**{group}**\n")
        for member in members:
            details = ", ".join(part for part in (member.role, member.organisation) if part)
            lines.append(f"- {member.name}" + (f", {details}" if details else ""))
        lines.append("")
    return "\n".join(lines)


def header_section(facts: Facts) -> str:
    meeting = facts.meeting
    when = format_date(meeting.date) + (f", {meeting.time}" if meeting.time else "")
    return (
        f"# {meeting.committee} — {meeting.prefecture}\n\n"
        f"## Projet de compte rendu de la réunion du {format_date(meeting.date)}\n\n"
        f"Réunion tenue le {when}"
        + (f", {meeting.place}" if meeting.place else "")
        + f", sous la présidence de {meeting.chair.name}, {meeting.chair.role}.\n"
    )


def attendance_section(facts: Facts) -> str:
    meeting = facts.meeting
    return (
        "## Participants\n\n### Personnes présentes\n\n"
        + _people(meeting.members_by_status("présent"))
        + "\n### Personnes excusées\n\n"
        + _people(meeting.members_by_status("excusé"))
    )


def agenda_section(facts: Facts) -> str:
    items = "\n".join(f"{i}. {item.title}" for i, item in enumerate(facts.meeting.agenda, 1))
    return f"## Ordre du jour\n\n{items}\n"


def indicators_text(facts: Facts) -> str:
    year = facts.years[-1]
    parts = []
    for table in facts.indicator_tables:
        parts.append(f"**Module {table.module} — {table.title}** (résultats {year}) :\n")
        for row in table.rows:
            label, target, value, status = row[0], row[2], row[-2], row[-1]
            target_text = f" (cible {target}, {status})" if target != "–" else ""
            parts.append(f"- {label} : {value}{target_text}")
        parts.append("")
    return "\n".join(parts)


def survey_text(facts: Facts) -> str:
    survey = facts.survey
    sentences = [
        f"L'enquête de satisfaction {survey.year} s'est déroulée {survey.window}"
        + (f" ({survey.mode})" if survey.mode else "")
        + f" ; {format_number(survey.respondents)} questionnaires ont été exploités."
    ]
    if survey.overall_rate is not None:
        sentences.append(
            f"La satisfaction générale atteint {format_percent(survey.overall_rate)}, "
            f"dont {format_percent(survey.overall_very_rate)} de très satisfaits."
        )
    if survey.weakest_label:
        sentences.append(
            f"Le critère le moins bien noté est « {survey.weakest_label} » "
            f"({format_percent(survey.weakest_rate)} de satisfaits, cible "
            f"{format_percent(survey.target, 0)}). Suites envisagées : {TO_COMPLETE}"
        )
    return " ".join(sentences) + "\n"


def complaints_text(facts: Facts) -> str:
    complaints = facts.complaints
    if complaints is None:
        return "Aucun message n'a été reçu sur la période.\n"
    counts = ", ".join(f"{format_number(n)} {label}" for n, label in complaints.by_nature)
    return (
        f"En {complaints.year}, le registre compte {format_number(complaints.total)} messages : "
        f"{counts}.\n"
    )


SECTION_TEXT = {
    "indicators": indicators_text,
    "survey": survey_text,
    "complaints": complaints_text,
}


def item_section(number: int, item: AgendaItem, facts: Facts) -> str:
    presenter = f"\n*Présentation : {item.presenter}.*\n" if item.presenter else ""
    body = SECTION_TEXT[item.section](facts) if item.section in SECTION_TEXT else TO_COMPLETE + "\n"
    return (
        f"## {number}. {item.title}\n{presenter}\n{body}\n"
        f"**Échanges**\n\n{DISCUSSION}\n\n**Décisions** : {TO_COMPLETE}\n"
    )


def deadlines_section(facts: Facts) -> str:
    audits = facts.meeting.audits
    if not audits:
        return ""
    lines = [
        f"- {audit.kind} : {format_date(audit.date)}"
        + (f" ({audit.organisation})" if audit.organisation else "")
        for audit in audits
    ]
    return "## Prochaines échéances\n\n" + "\n".join(lines) + "\n"


def minutes_sections(facts: Facts) -> list[str]:
    """The draft, one Markdown string per section, in the agenda's order."""
    sections = [header_section(facts), attendance_section(facts), agenda_section(facts)]
    sections += [item_section(i, item, facts) for i, item in enumerate(facts.meeting.agenda, 1)]
    sections.append(deadlines_section(facts))
    sections.append(
        "## Actions décidées\n\n| Action | Pilote | Échéance |\n|---|---|---|\n| … | … | … |\n"
    )
    return [section for section in sections if section]
