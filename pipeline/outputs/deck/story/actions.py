"""The way forward: every result under its target with the action planned for it (« Points
d'amélioration »), the past year's plan (done, in progress, late) and the plan ahead; then the
template e-mails submitted for opinion and the agents' trainings. Full tables in the annex."""

from __future__ import annotations

import math

from pipeline.core.formatting import NBSP, format_date, format_number
from pipeline.core.formatting import format_percent as percent
from pipeline.facts import titles
from pipeline.facts.findings import capitalised, lowered
from pipeline.facts.improvements import (
    KIND_WORDS,
    LATE,
    Improvement,
    answered,
    by_kind,
    unanswered,
)
from pipeline.facts.measures import Measure
from pipeline.outputs.deck import kinds
from pipeline.outputs.deck.kinds.charts import COUNT_FORMAT
from pipeline.outputs.deck.kinds.tables import MAIN_ROWS
from pipeline.outputs.deck.story.common import Deck, acronyms_note, annex_kicker
from pipeline.outputs.deck.story.tutoring import add_tutoring

IMPROVEMENT_HEADER = ["Sous la cible", "Résultat (cible)", "Action prévue", "Pilote, échéance"]
IMPROVEMENT_WIDTHS = [3.3, 2.3, 3.3, 3.2]
UNANSWERED_HEADER = ["Source", "Résultat : valeur pour la cible"]
UNANSWERED_WIDTHS = [2.9, 9.2]
BY_WORDS_NOTE = (
    " Les actions rapprochées par les mots de leur objectif (sans « point visé » dans le plan) "
    "sont à vérifier."
)


def against_target(measure: Measure, space: str = " ") -> str:
    """« 68,0 % pour > 75 % (10 mois) »: the value, its target, what a partial value rests on;
    ``space`` around « pour » (a no-break space keeps the value and its target on one line)."""
    return f"{measure.value_text}{space}pour{space}{measure.target_text}" + (
        f" ({measure.note})" if measure.note else ""
    )


def improvement_rows(improvements: list[Improvement]) -> list[list[str]]:
    """One row per result that has an action: what it is, its value for its target, the
    action, its owner and deadline."""
    return [
        [
            f"{KIND_WORDS[i.measure.kind]} — {lowered(i.measure.short)}",
            against_target(i.measure),
            i.answer,
            i.who_when,
        ]
        for i in improvements
    ]


def unanswered_rows(items: list[Improvement], continued: str = "") -> list[list[str]]:
    """One row per kind of result (« Appels mystère »), each result of that kind on its own line
    with its value for its target; the kind ``continued`` from the slide before says so."""
    return [
        [
            word + (" (suite)" if group[0].measure.kind == continued else ""),
            "\n".join(
                f"{capitalised(i.measure.short)} : {against_target(i.measure, NBSP)}" for i in group
            ),
        ]
        for word, group in by_kind(items)
    ]


def _notes(items: list[Improvement]) -> str:
    """Every result of a slide in full: its label, value, target and action (or none)."""
    notes = " ".join(
        f"{KIND_WORDS[i.measure.kind]}, {i.measure.label} : {i.measure.with_note()} pour une "
        f"cible {i.measure.target_text} — {i.answer}"
        + (f" ({i.who_when})" if i.actions else "")
        + "."
        for i in items
    )
    return notes + (BY_WORDS_NOTE if any(i.matched_by == "mots" for i in items) else "")


def _numbered(title: str, page: int, pages: int) -> str:
    return title + (f" ({page + 1}/{pages})" if pages > 1 else "")


def add_improvements(deck: Deck, kicker: str) -> None:
    """Every result under its target on a main slide: first those with an action planned (at
    most six rows a slide), then those without, grouped by kind to hold on one slide."""
    items = list(deck.facts.improvements)
    if not items:
        return
    add_answered(deck, kicker, items)
    add_unanswered(deck, kicker, items)


def add_answered(deck: Deck, kicker: str, items: list[Improvement]) -> None:
    """The results that have an action planned, with the action, its owner and deadline."""
    shown = answered(items)
    if not shown:
        return
    pages = _balanced(deck.prs, shown)
    title = titles.improvements_answered_title(items)
    for page, chunk in enumerate(pages):
        rows = improvement_rows(chunk)
        kinds.add_table_slide(
            deck.prs, _numbered(title, page, len(pages)), IMPROVEMENT_HEADER, rows,
            col_widths=IMPROVEMENT_WIDTHS, footnote=acronyms_note(sum(rows, [])) or None,
            notes=_notes(chunk), kicker=kicker,
        )  # fmt: skip


def _balanced(prs, shown: list[Improvement]) -> list[list[Improvement]]:
    """The results with an action on the fewest main slides whose tables hold at 14 pt, in
    chunks of balanced length (7 results: 4 + 3)."""
    count = math.ceil(len(shown) / MAIN_ROWS)
    while True:
        size = math.ceil(len(shown) / count)
        pages = [shown[start : start + size] for start in range(0, len(shown), size)]
        if size == 1 or all(_answered_fit(prs, chunk) for chunk in pages):
            return pages
        count += 1


def _answered_fit(prs, chunk: list[Improvement]) -> bool:
    rows = improvement_rows(chunk)
    return kinds.fits_main_slide(prs, IMPROVEMENT_HEADER, rows, col_widths=IMPROVEMENT_WIDTHS,
                                 footnote=acronyms_note(sum(rows, [])))  # fmt: skip


def unanswered_pages(prs, items: list[Improvement]) -> list[list[Improvement]]:
    """The results without an action, in order, on as few main slides as their table takes
    (one in the usual case)."""
    pages: list[list[Improvement]] = []
    for item in items:
        if pages:
            before = pages[-2][-1].measure.kind if len(pages) > 1 else ""
            rows = unanswered_rows([*pages[-1], item], before)
            footnote = acronyms_note(sum(rows, []))
            if kinds.fits_main_slide(
                prs, UNANSWERED_HEADER, rows, col_widths=UNANSWERED_WIDTHS, footnote=footnote
            ):
                pages[-1].append(item)
                continue
        pages.append([item])
    return pages


def add_unanswered(deck: Deck, kicker: str, items: list[Improvement]) -> None:
    """The results without any action planned, one row per kind of result: to decide."""
    left = unanswered(items)
    if not left:
        return
    pages = unanswered_pages(deck.prs, left)
    title = titles.improvements_unanswered_title(items)
    for page, chunk in enumerate(pages):
        before = pages[page - 1][-1].measure.kind if page else ""
        rows = unanswered_rows(chunk, before)
        kinds.add_table_slide(
            deck.prs, _numbered(title, page, len(pages)), UNANSWERED_HEADER, rows,
            col_widths=UNANSWERED_WIDTHS, footnote=acronyms_note(sum(rows, [])) or None,
            notes=_notes(chunk), kicker=kicker,
        )  # fmt: skip


def add_plan(deck: Deck, kicker: str) -> None:
    """The past year's plan: how many actions are done, in progress, late; the late ones."""
    facts = deck.facts
    plan = facts.action_plan
    if plan is None:
        return
    statuses = [row[-1] for row in plan.rows]
    title = titles.plan_title(plan)
    late = [row for row in plan.rows if row[-1] == LATE]
    notes = (
        f"Avancement au {format_date(facts.meeting.date)} : "
        + ", ".join(f"{format_number(statuses.count(s))} {s}" for s in dict.fromkeys(statuses))
        + "."
    )
    if plan.previous_done_share is not None:
        notes += (
            f" Plan {plan.previous_year} : {percent(plan.previous_done_share, 0)} des actions "
            "réalisées."
        )
    notes += (
        f" « {LATE} » : échéance dépassée à la date du comité, action ni réalisée ni abandonnée."
    )
    if late:
        rows = [[row[1], row[2], row[3]] for row in late[:MAIN_ROWS]]
        more = len(late) - len(rows)
        footnote = (f"Et {more} autre{'s' if more > 1 else ''} : le plan complet est en annexe."
                    if more else "Le plan complet est en annexe.")  # fmt: skip
        if plan.previous_done_share is not None:
            footnote = (f"Plan {plan.previous_year} : {percent(plan.previous_done_share, 0)} des "
                        f"actions réalisées. {footnote}")  # fmt: skip
        footnote += " " + acronyms_note(sum(rows, []))
        kinds.add_table_slide(
            deck.prs, title, ["Action en retard", "Pilote", "Échéance"], rows,
            footnote=footnote.strip(), notes=notes, kicker=kicker,
        )  # fmt: skip
    else:
        counts = {s: statuses.count(s) for s in dict.fromkeys(statuses)}
        figures = [(format_number(n), s) for s, n in counts.items()][:4]
        previous = ""
        if plan.previous_done_share is not None:
            share = percent(plan.previous_done_share, 0)
            previous = f"Plan {plan.previous_year} : {share} des actions réalisées."
        kinds.add_key_figures_slide(deck.prs, title, figures, notes=notes, kicker=kicker,
                                    footnote=previous)  # fmt: skip
    deck.later(lambda: add_plan_annex(deck, annex_kicker(kicker)))


def add_plan_ahead(deck: Deck, kicker: str) -> None:
    """The actions planned after the period (the plan's rows due later, the meeting file's
    own list), when there are any."""
    facts = deck.facts
    ahead = titles.actions_ahead(facts.planned)
    if not ahead:
        return
    shown = ahead[:MAIN_ROWS]
    title = titles.plan_ahead_title(ahead, facts.period, facts.meeting.date.year == facts.period)
    rows = [[a.action, a.owner, a.deadline] for a in shown]
    notes = (
        "Actions prévues : "
        + "\u00a0; ".join(f"{a.action} ({a.owner}, {a.deadline})" for a in ahead)
        + "."
    )
    kinds.add_table_slide(deck.prs, title, ["Action", "Pilote", "Échéance"], rows, notes=notes,
                          footnote=acronyms_note(sum(rows, [])) or None, kicker=kicker)  # fmt: skip


def add_action_plan(deck: Deck, kicker: str) -> None:
    with deck.named("Points d'amélioration"):
        add_improvements(deck, kicker)
    with deck.named("Plan d'actions — bilan"):
        add_plan(deck, kicker)
    with deck.named("Plan d'actions — engagements"):
        add_plan_ahead(deck, kicker)


def add_template_emails(deck: Deck, kicker: str) -> None:
    emails = deck.facts.meeting.template_emails
    if not emails:
        return
    title = titles.template_emails_title(len(emails))
    items = [f"{email.title} (texte en annexe)" for email in emails][:MAIN_ROWS]
    notes = (
        "Le comité est invité à donner son avis sur : "
        + "\u00a0; ".join(f"« {email.title} »" for email in emails)
        + ". Les textes complets sont en annexe."
    )
    with deck.named("Courriels types"):
        kinds.add_bullets_slide(deck.prs, title, items, notes=notes, kicker=kicker)
    deck.later(lambda: add_template_email_annex(deck, annex_kicker(kicker)))


def add_trainings(deck: Deck, kicker: str) -> None:
    trainings = deck.facts.trainings
    if trainings is None:
        add_tutoring(deck, kicker)
        return
    title = titles.trainings_title(trainings)
    current = [(row[0], row[-1]) for row in trainings.rows[:-1] if row[-1] not in ("–", "0")]
    current.sort(key=lambda pair: -_count(pair[1]))
    shown = current[:MAIN_ROWS]
    if shown:
        deck_slides = len(deck.prs.slides)
        kinds.add_chart_slide(
            deck.prs, title, "bar", [name for name, _ in shown],
            {"Agents formés": [_count(v) for _, v in shown]},
            number_format=COUNT_FORMAT, notes=trainings.total_text, kicker=kicker,
            footnote=acronyms_note([name for name, _ in shown]),
            alt_text="Agents formés par formation : "
            + "\u00a0; ".join(f"{n} : {v}" for n, v in current),
        )  # fmt: skip
        deck.prs.slides[deck_slides].name = "Formations"
    add_tutoring(deck, kicker)
    deck.later(lambda: add_trainings_annex(deck, annex_kicker(kicker)))


def _count(text: str) -> int:
    """A count as the table wrote it (« 1 234 ») back to a number."""
    return int(text.replace("\u202f", "").replace("\u00a0", ""))


# --- annex ---------------------------------------------------------------------------------------


def add_plan_annex(deck: Deck, kicker: str) -> None:
    facts = deck.facts
    plan = facts.action_plan
    kinds.add_table_slide(
        deck.prs, f"Plan d'actions {plan.year} : état d'avancement au "
        f"{format_date(facts.meeting.date)}", plan.header, plan.rows,
        col_widths=[3.0, 4.2, 2.3, 1.4, 1.3], status_col=4,
        footnote=f"« {LATE} » : échéance dépassée à la date du comité, action ni réalisée ni "
        "abandonnée.", notes=f"Le plan d'actions {plan.year}, action par action.",
        kicker=kicker, annex=True,
    )  # fmt: skip


def add_trainings_annex(deck: Deck, kicker: str) -> None:
    trainings = deck.facts.trainings
    kinds.add_table_slide(
        deck.prs,
        f"Formation des agents {trainings.header[1][-4:]}–{trainings.year}"
        if len(trainings.header) > 2 else f"Formation des agents {trainings.year}",
        trainings.header, trainings.rows, notes=trainings.total_text,
        kicker=kicker, annex=True,
    )  # fmt: skip


def add_template_email_annex(deck: Deck, kicker: str) -> None:
    emails = deck.facts.meeting.template_emails
    for index, email in enumerate(emails, 1):
        kinds.add_text_slide(
            deck.prs, f"Courriel type soumis à votre avis ({index}/{len(emails)}) : {email.title}",
            email.title, email.body, kicker=kicker,
            notes=f"Courriel type « {email.title} » : le comité est invité à donner son avis.",
        )  # fmt: skip
