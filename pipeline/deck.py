"""The CLU deck, assembled from the meeting's agenda and the computed facts.

Slides are drawn by the builders of :mod:`pipeline.slides`; this module decides which slides
the meeting needs, in which order, with which figures (from :mod:`pipeline.facts`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.context import Context, resolve
from pipeline.facts import Facts, load_facts
from pipeline.formatting import format_date, format_number, format_percent
from pipeline.slides import (
    add_agenda_slide,
    add_bar_chart_slide,
    add_closing_slide,
    add_key_figures_slide,
    add_table_slide,
    add_title_slide,
    new_presentation,
    set_footer,
)

NOT_APPLICABLE_NOTE = (
    "« sans objet » : aucune demande sur la période "
    "(l'indicateur n'est pas calculé, ce n'est pas 0 %)."
)


def add_indicator_slides(prs, facts: Facts) -> None:
    """One table per module: indicator, engagement, target, the years, status of the last year."""
    year = facts.years[-1]
    for table in facts.indicator_tables:
        met = sum(row[-1] == "atteint" for row in table.rows)
        with_target = sum(row[-1] in ("atteint", "non atteint") for row in table.rows)
        notes = (
            f"Module {table.module}, {table.title.lower()} : {len(table.rows)} indicateurs suivis. "
            f"En {year}, {met} des {with_target} indicateurs assortis d'une cible l'atteignent."
        )
        add_table_slide(
            prs,
            f"Indicateurs qualité — module {table.module} : {table.title}",
            table.header,
            table.rows,
            col_widths=[5.2, 1.5, 1.2, *[1.15] * len(facts.years), 1.4],
            status_col=len(table.header) - 1,
            footnote=NOT_APPLICABLE_NOTE if table.has_not_applicable else None,
            notes=notes,
        )


def add_survey_slide(prs, facts: Facts) -> None:
    survey = facts.survey
    criteria = survey.criteria
    categories = [
        f"{label} (n = {format_number(n)})"
        for label, n in zip(criteria["label"], criteria["n"], strict=True)
    ]
    values = [float(v) for v in criteria["rate"]]
    below = criteria[criteria["below_target"].fillna(False)]
    notes = (
        f"Enquête menée {survey.window} : {format_number(survey.respondents)} questionnaires. "
        + (
            f"Satisfaction générale : {format_percent(survey.overall_rate)}, dont "
            f"{format_percent(survey.overall_very_rate)} de très satisfaits. "
            if survey.overall_rate is not None
            else ""
        )
        + (
            f"{len(below)} critère(s) sous la cible de {format_percent(survey.target, 0)}, le plus "
            f"faible étant « {survey.weakest_label} » ({format_percent(survey.weakest_rate)})."
            if len(below)
            else f"Tous les critères atteignent la cible de {format_percent(survey.target, 0)}."
        )
    )
    alt = "Taux de satisfaction par critère, " + "; ".join(
        f"{label} : {format_percent(rate)}"
        for label, rate in zip(criteria["label"], values, strict=True)
    )
    add_bar_chart_slide(
        prs,
        f"Enquête de satisfaction {survey.year} : taux de satisfaction par critère",
        categories,
        values,
        target=survey.target,
        notes=notes,
        alt_text=alt,
    )


def add_complaints_slide(prs, facts: Facts) -> None:
    year = facts.survey.year
    total = sum(n for n, _ in facts.complaints)
    figures = [(format_number(n), label) for n, label in facts.complaints]
    notes = (
        f"En {year}, {format_number(total)} messages ont été reçus : "
        + ", ".join(f"{format_number(n)} {label}" for n, label in facts.complaints)
        + "."
    )
    add_key_figures_slide(prs, f"Réclamations et suggestions {year}", figures, notes=notes)


SECTION_BUILDERS = {
    "indicators": add_indicator_slides,
    "survey": add_survey_slide,
    "complaints": add_complaints_slide,
}


def _fix_properties(prs, facts: Facts) -> None:
    """Same inputs, same deck: document properties do not depend on the time of the run."""
    stamp = dt.datetime.combine(facts.meeting.date, dt.time(0, 0))
    props = prs.core_properties
    props.author = props.last_modified_by = facts.meeting.prefecture
    props.title = f"{facts.meeting.committee} — {format_date(facts.meeting.date)}"
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1


def build_deck(ctx: Context, template_path: str | Path | None = None) -> Path:
    """Write the period's deck to output/<period>/ and return its path."""
    facts = load_facts(ctx)
    meeting = facts.meeting
    prs = new_presentation(resolve(template_path) if template_path else None)
    set_footer(prs, f"{meeting.committee} — {format_date(meeting.date)}")
    add_title_slide(
        prs,
        meeting.committee,
        meeting.prefecture,
        format_date(meeting.date),
        f"Sous la présidence de {meeting.chair.name}, {meeting.chair.role}",
    )
    add_agenda_slide(prs, "Ordre du jour", [item.title for item in meeting.agenda])
    for item in meeting.agenda:
        builder = SECTION_BUILDERS.get(item.section)
        if builder is not None:
            builder(prs, facts)
    add_closing_slide(prs, "Merci de votre attention", meeting.contact_email)
    _fix_properties(prs, facts)
    ctx.paths.output.mkdir(parents=True, exist_ok=True)
    prs.save(ctx.paths.deck)
    return ctx.paths.deck
