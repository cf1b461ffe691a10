"""The minutes' annexes: the detailed tables the agenda items refer to — every indicator by
module or engagement, every survey criterion year by year, every mystery criterion, the reply
times by channel, the whole action plan, the trainings, the template e-mails' texts — the same
tables as the deck's annex. And the table of the actions planned, for the decisions."""

from __future__ import annotations

from pipeline.core.formatting import format_number
from pipeline.core.formatting import format_percent as percent
from pipeline.facts.documents import Facts
from pipeline.facts.findings import capitalised, lowered
from pipeline.facts.sections import REPLY_HEADER, email_value, reply_rows
from pipeline.facts.titles import absence
from pipeline.outputs.minutes.blocks import Block, Heading, Paragraph, Table


def _indicators(facts: Facts) -> list[Block]:
    blocks: list[Block] = []
    for table in facts.indicator_tables:
        caption = capitalised(facts.scheme.group_title(table.group, table.title))
        blocks.append(Table(table.header, table.rows, caption=caption))
    return blocks


def _survey(facts: Facts) -> list[Block]:
    survey = facts.survey
    caption = f"Taux de satisfaction par critère, {survey.years[0]}–{survey.year}"
    if len(survey.years) < 2:
        caption = f"Taux de satisfaction par critère, {survey.year}"
    blocks: list[Block] = [Table(survey.trend_header, survey.trend_rows, caption=caption)]
    if any(row[-1].endswith("*") for row in survey.trend_rows):
        blocks.append(
            Paragraph(
                "* évolution significative (test exact de Fisher au seuil de "
                f"{percent(survey.significance_level, 0)})."
            )
        )
    return blocks


def _mystery(facts: Facts) -> list[Block]:
    mystery = facts.mystery
    blocks: list[Block] = []
    calls = list(facts.call_results)
    if calls:
        rows = [
            [m.short, m.channel or "–", format_number(m.n), m.value_text, m.target_text,
             m.status or "–"]
            for m in calls
        ]  # fmt: skip
        blocks.append(
            Table(
                ["Critère", "Étape", "Appels évalués", "Conformes", "Cible", "Statut"],
                rows,
                caption="Appels mystère : part des appels conformes, par critère",
            )  # fmt: skip
        )
    if mystery.emails_sent and len(mystery.emails):
        shown = {m.code: m for m in facts.email_results}
        rows = []
        for row in mystery.emails.itertuples():
            measure = shown.get(row.code)
            rows.append([row.label, email_value(row),
                         measure.target_text if measure else "–",
                         (measure.status or "–") if measure else "–"])  # fmt: skip
        blocks.append(
            Table(
                ["Critère", "Résultat", "Cible", "Statut"],
                rows,
                caption="Courriels mystère : résultat de chaque critère",
            )  # fmt: skip
        )
    return blocks


def _complaints(facts: Facts) -> list[Block]:
    rows = reply_rows(facts.complaints)
    caption = "Réclamations et suggestions : délais de réponse par canal"
    return [Table(REPLY_HEADER, rows, caption=caption)]


def _action_plan(facts: Facts) -> list[Block]:
    plan = facts.action_plan
    return [Table(plan.header, plan.rows, caption=f"Plan d'actions {plan.year} : état "
                  "d'avancement à la date du comité")]  # fmt: skip


def _trainings(facts: Facts) -> list[Block]:
    trainings = facts.trainings
    return [Table(trainings.header, trainings.rows, caption="Agents formés, par formation")]


def _template_emails(facts: Facts) -> list[Block]:
    blocks: list[Block] = []
    for email in facts.meeting.template_emails:
        blocks.append(Paragraph(f"« {email.title} »", emphasis=True, keep=True))
        lines = [line for line in email.body.splitlines() if line.strip()]
        blocks += [Paragraph(line, quoted=True, keep=index < len(lines) - 1)
                   for index, line in enumerate(lines)]  # (an e-mail never cut)  # fmt: skip
    return blocks


ANNEXES = {
    "indicators": (_indicators, lambda f: bool(f.indicator_tables)),
    "survey": (_survey, lambda f: f.survey is not None and bool(f.survey.trend_rows)),
    "mystery": (_mystery, lambda f: f.mystery is not None
                and bool(f.call_results or f.mystery.emails_sent)),
    "complaints": (_complaints, lambda f: f.complaints is not None
                   and bool(len(f.complaints.replies))),
    "action_plan": (_action_plan, lambda f: f.action_plan is not None),
    "trainings": (_trainings, lambda f: f.trainings is not None),
    "template_emails": (_template_emails, lambda f: bool(f.meeting.template_emails)),
}  # fmt: skip


def annex_numbers(facts: Facts) -> dict[str, int]:
    """The annex number of each agenda section that has one, in the agenda's order."""
    numbers: dict[str, int] = {}
    for item in facts.meeting.agenda:
        found = ANNEXES.get(item.section)
        fresh = found and item.section not in numbers and not absence(facts, item.section)
        if fresh and found[1](facts):
            numbers[item.section] = len(numbers) + 1
    return numbers


def annex_sections(facts: Facts, numbers: dict[str, int]) -> list[list[Block]]:
    """« Annexe n — <agenda item's title> » and its tables, one section each."""
    titles = {item.section: item.title for item in reversed(facts.meeting.agenda)}
    return [
        [Heading(f"Annexe {number} — {titles[section]}", 2, new_page=number == 1),
         *ANNEXES[section][0](facts)]
        for section, number in numbers.items()
    ]  # fmt: skip


def planned_table(facts: Facts) -> Table | None:
    """The actions planned (open actions of the plan, next year's plan of the meeting file),
    each with the results under target it answers."""
    if not facts.planned:
        return None
    answers: dict = {}
    for improvement in facts.improvements:
        for action in improvement.actions:
            answers.setdefault(action, []).append(lowered(improvement.measure.short))
    rows = [
        [a.action, "\u00a0; ".join(answers.get(a, [])) or "–", a.owner or "–", a.deadline,
         a.status]
        for a in facts.planned
    ]  # fmt: skip
    return Table(["Action", "Répond à", "Pilote", "Échéance", "État"], rows)
