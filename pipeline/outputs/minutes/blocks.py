"""The minutes draft (projet de compte rendu), from the same facts as the deck.

The draft is a list of blocks (headings, paragraphs, lists, tables) that
:mod:`pipeline.minutes_render` writes as Markdown (rendered to HTML by nbconvert) and as an
editable Word document. It holds the attendance, the agenda and every figure already written as
French sentences; marked places wait for the discussion and the decisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.formatting import format_date, format_days, format_number
from pipeline.core.formatting import format_percent as percent
from pipeline.core.meeting import AgendaItem, Member
from pipeline.facts.documents import Facts
from pipeline.facts.sections import email_value

TO_COMPLETE = "[À compléter par le secrétariat]"
DISCUSSION = ["M. / Mme … (organisme) : …", "Réponse de M. / Mme … : …"]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    emphasis: bool = False


@dataclass(frozen=True)
class Bullets:
    items: list[str]
    numbered: bool = False  # a numbered list (the agenda): the numbers are the list's own
    to_fill: bool = False  # places the secretariat fills in (highlighted like TO_COMPLETE)


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    to_fill: bool = False  # a table the secretariat fills in


Block = Heading | Paragraph | Bullets | Table


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{format_number(count)} {singular if count <= 1 else plural}"


def _person(member: Member) -> str:
    details = ", ".join(part for part in (member.role, member.organisation) if part)
    return member.name + (f", {details}" if details else "")


def header_blocks(facts: Facts) -> list[Block]:
    meeting = facts.meeting
    when = format_date(meeting.date) + (f" à {meeting.time}" if meeting.time else "")
    place = f", {meeting.place}" if meeting.place else ""
    return [
        Heading(f"{meeting.committee} — {meeting.prefecture}", 1),
        Paragraph(f"Projet de compte rendu de la réunion du {format_date(meeting.date)}", True),
        Paragraph(
            f"Réunion tenue le {when}{place}, sous la présidence de {meeting.chair.name}, "
            f"{meeting.chair.role}."
        ),
    ]


def attendance_blocks(facts: Facts) -> list[Block]:
    blocks: list[Block] = [Heading("Participants", 2)]
    for status, title in (("présent", "Personnes présentes"), ("excusé", "Personnes excusées")):
        blocks.append(Heading(title, 3))
        groups = facts.meeting.members_by_status(status)
        if not groups:
            blocks.append(Paragraph("Aucune."))
        for group, members in groups.items():
            blocks += [Paragraph(group, True), Bullets([_person(m) for m in members])]
    return blocks


def agenda_blocks(facts: Facts) -> list[Block]:
    items = [item.title for item in facts.meeting.agenda]
    return [Heading("Ordre du jour", 2), Bullets(items, numbered=True)]


# --- one text per agenda section: the deck's figures, as sentences ------------------------------


def quality_approach_text(facts: Facts) -> list[Block]:
    scheme = facts.scheme
    if scheme.by_engagement:
        blocks: list[Block] = [
            Paragraph(scheme.text("approach_intro")),
            Bullets([f"Engagement {n} : {text}" for n, text in sorted(scheme.engagements.items())]),
        ]
    else:
        modules = "\u00a0; ".join(
            f"module {m} « {scheme.module_title(m)} »" for m in scheme.modules
        )
        blocks = [
            Paragraph(
                f"{scheme.text('approach_intro')} Le périmètre de labellisation comprend : "
                f"{modules}."
            )
        ]
    if facts.meeting.audits:
        audits = [audit.describe() for audit in facts.meeting.audits]
        blocks += [Paragraph("Calendrier :"), Bullets(audits)]
    if facts.meeting.highlights:
        blocks += [
            Paragraph("Ce qui a changé cette année :"),
            Bullets(list(facts.meeting.highlights)),
        ]
    return blocks


def indicators_text(facts: Facts) -> list[Block]:
    if not facts.indicator_tables:
        return [Paragraph(f"Aucun indicateur n'a pu être calculé pour {facts.period}.")]
    year = facts.period
    blocks: list[Block] = []
    published = facts.scheme.results_engagement
    if published:
        blocks.append(Paragraph(f"Ces résultats sont publiés au titre de l'{published}."))
    for table in facts.indicator_tables:
        summary = table.summary(year)
        items = []
        at = table.header.index("Cible")
        for row in table.rows:
            label, target, value, status = row[0], row[at], row[-2], row[-1]
            items.append(
                f"{label} : {value}" + (f" (cible {target}, {status})" if target != "–" else "")
            )
        blocks += [Paragraph(summary), Bullets(items)]
    if facts.publication is not None:  # after the results, as the deck's Transparence slide
        blocks.append(Paragraph(facts.publication.sentence))
    return blocks


def survey_text(facts: Facts) -> list[Block]:
    survey = facts.survey
    if survey is None:
        return _nothing(
            facts, "survey", "Aucune enquête de satisfaction n'a été exploitée pour la période."
        )
    when = f" s'est déroulée {survey.window}" if survey.window else ""
    sentences = [
        f"L'enquête de satisfaction {survey.year}{when}"
        + (f", {survey.mode}" if survey.mode else "")
        + "\u00a0: "
        + _plural(survey.respondents, "questionnaire exploité", "questionnaires exploités")
        + "."
    ]
    if survey.overall_rate is not None:
        sentences.append(
            f"La satisfaction générale atteint {percent(survey.overall_rate)}, dont "
            f"{percent(survey.overall_very_rate)} de très satisfaits."
        )
    if survey.unrated:  # no rate, never 0 %
        sentences.append(survey.unrated_sentence)
    if facts.scheme.catalogue.net_satisfaction and survey.net_satisfaction is not None:
        sentences.append(
            "La satisfaction nette (satisfaits moins mécontents, mesure Services Publics+) est "
            f"de {format_number(survey.net_satisfaction * 100, 1)} points."
        )
    if survey.weakest_label:
        sentences.append(
            f"Le critère le moins bien noté est « {survey.weakest_label} » "
            f"({percent(survey.weakest_rate)} de satisfaits, pour une cible de "
            f"{percent(survey.target, 0)}). Suites envisagées : {TO_COMPLETE}"
        )
    blocks: list[Block] = [Paragraph(" ".join(sentences))]
    if survey.significant_changes:
        blocks += [
            Paragraph("Évolutions significatives depuis l'an dernier :"),
            Bullets(survey.significant_changes),
        ]
    for group in survey.subgroups:
        if group.n:
            blocks.append(
                Paragraph(
                    f"« {group.label} » : {percent(group.rate)} de satisfaits parmi les "
                    f"répondants {group.who}."
                )
            )
    return blocks


def _nothing(facts: Facts, section: str, otherwise: str) -> list[Block]:
    """What a section without data says: that the préfecture keeps no such data (never a count
    of zero), else ``otherwise``."""
    why = facts.not_kept(section)
    return [Paragraph(f"{why[0].upper()}{why[1:]}." if why else otherwise)]


def mystery_text(facts: Facts) -> list[Block]:
    mystery = facts.mystery
    if mystery is None:
        return _nothing(facts, "mystery", "Aucun appel ni courriel mystère sur la période.")
    blocks: list[Block] = []
    if mystery.calls:
        blocks.append(
            Paragraph(
                _plural(mystery.calls, "appel mystère a été passé", "appels mystère ont été passés")
                + (f" {mystery.window}" if mystery.window else "")
                + f" ; {format_number(mystery.answered)} ont abouti "
                f"({percent(mystery.answered_rate)})."
                + (f" {mystery.stages_text}" if mystery.stages_text else "")
            )
        )
    if mystery.vigilance:
        blocks += [Paragraph("Points de vigilance :"), Bullets(mystery.vigilance)]
    if mystery.emails_sent:
        results = [f"{row.label} : {email_value(row)}" for row in mystery.emails.itertuples()]
        blocks += [
            Paragraph(
                f"Courriels mystère : {format_number(mystery.emails_sent)} courriels envoyés."
            ),
            Bullets(results),
        ]
    return blocks


def complaints_text(facts: Facts) -> list[Block]:
    complaints = facts.complaints
    if complaints is None:
        return _nothing(facts, "complaints", "Aucun message n'a été reçu sur la période.")
    counts = ", ".join(f"{format_number(n)} {label}" for n, label in complaints.by_nature)
    blocks: list[Block] = [
        Paragraph(
            f"En {complaints.year}, le registre compte {format_number(complaints.total)} "
            "messages : "
            f"{counts}."
        )
    ]
    overall = complaints.replies[complaints.replies["channel"] == "ensemble"]
    if len(overall) and overall["messages"].iloc[0]:
        blocks.append(
            Paragraph(
                f"Les {complaints.counted_natures} ont reçu une réponse dans le délai annoncé pour "
                f"{percent(overall['on_time_rate'].iloc[0])} d'entre elles, en "
                f"{format_days(overall['mean_delay'].iloc[0])} en moyenne."
            )
        )
    if len(complaints.themes):
        themes = [
            f"{r.theme} ({format_number(r.count)})" for r in complaints.themes.head(5).itertuples()
        ]
        blocks.append(Paragraph("Principaux thèmes : " + ", ".join(themes) + "."))
    if complaints.follow_ups:
        blocks += [Paragraph("Suites données :"), Bullets(complaints.follow_ups)]
    return blocks


def template_emails_text(facts: Facts) -> list[Block]:
    titles = [f"« {email.title} »" for email in facts.meeting.template_emails]
    if not titles:
        return [Paragraph("Aucun courriel type n'a été présenté.")]
    return [
        Paragraph(
            "Les courriels types suivants sont soumis à l'avis du comité :"
            if len(titles) > 1
            else "Le courriel type suivant est soumis à l'avis du comité :"
        ),
        Bullets(titles),
        Paragraph(f"Avis du comité : {TO_COMPLETE}"),
    ]


def action_plan_text(facts: Facts) -> list[Block]:
    plan = facts.action_plan
    if plan is None:
        return _nothing(
            facts, "action_plan", "Aucune action n'est inscrite au plan pour la période."
        )
    statuses = {}
    for row in plan.rows:
        statuses[row[-1]] = statuses.get(row[-1], 0) + 1
    plural = {"réalisée": "réalisées", "abandonnée": "abandonnées"}
    listing = ", ".join(
        f"{format_number(n)} {plural.get(status, status) if n > 1 else status}"
        for status, n in statuses.items()
    )
    text = (
        f"Le plan d'actions {plan.year} compte {_plural(len(plan.rows), 'action', 'actions')} "
        f"({listing}) à la date du comité."
    )
    if plan.previous_done_share is not None:
        text += (
            f" Le plan {plan.previous_year} est réalisé à {percent(plan.previous_done_share, 0)}."
        )
    return [Paragraph(text), Table(plan.header, plan.rows)]


def trainings_text(facts: Facts) -> list[Block]:
    from pipeline.outputs.minutes.listening import tutoring_blocks  # (it builds on these blocks)

    trainings = facts.trainings
    if trainings is None:
        return tutoring_blocks(facts) or _nothing(
            facts, "trainings", "Aucune formation n'a été enregistrée."
        )
    return [
        Paragraph(trainings.total_text),
        Table(trainings.header, trainings.rows),
        *tutoring_blocks(facts),
    ]


def questions_text(facts: Facts) -> list[Block]:
    return [Paragraph("Questions posées et réponses apportées :")]


SECTION_TEXT = {
    "quality_approach": quality_approach_text,
    "indicators": indicators_text,
    "survey": survey_text,
    "mystery": mystery_text,
    "complaints": complaints_text,
    "template_emails": template_emails_text,
    "action_plan": action_plan_text,
    "trainings": trainings_text,
    "questions": questions_text,
}


def item_blocks(number: int, item: AgendaItem, facts: Facts) -> list[Block]:
    from pipeline.outputs.minutes import listening  # (it builds on these blocks)

    blocks: list[Block] = [Heading(f"{number}. {item.title}", 2)]
    if item.presenter:
        blocks.append(Paragraph(f"Présentation : {item.presenter}.", True))
    text = {**SECTION_TEXT, **listening.GUEST_TEXT}[item.section]
    blocks += text(facts) + listening.guest_blocks(item.section, facts)
    if item is listening.closing_item(facts.meeting.agenda):  # the guests without a host
        blocks += listening.guest_blocks("", facts)
    blocks += [
        Paragraph("Échanges", True),
        Bullets(DISCUSSION, to_fill=True),
        Paragraph(f"Décisions : {TO_COMPLETE}"),
    ]
    return blocks


def closing_blocks(facts: Facts) -> list[Block]:
    blocks: list[Block] = [
        Heading("Actions décidées", 2),
        Table(["Action", "Pilote", "Échéance"], [["…", "…", "…"]] * 3, to_fill=True),
    ]
    if facts.meeting.audits:
        deadlines = [audit.describe() for audit in facts.meeting.audits]
        blocks += [Heading("Prochaines échéances", 2), Bullets(deadlines)]
    return blocks


def minutes_sections(facts: Facts) -> list[list[Block]]:
    """The draft, section by section, in the agenda's order."""
    return [
        header_blocks(facts),
        attendance_blocks(facts),
        agenda_blocks(facts),
        *[item_blocks(i, item, facts) for i, item in enumerate(facts.meeting.agenda, 1)],
        closing_blocks(facts),
    ]
