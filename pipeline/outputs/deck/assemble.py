"""The CLU deck, assembled from the meeting's agenda and the computed facts.

Slides are drawn by the builders of :mod:`pipeline.slides`; this module decides which slides
each agenda item needs, in which order, with which figures (all from :mod:`pipeline.facts`),
and what the presenter reads aloud (speaker notes). A section without data for the period is
left out, with a line in the run log.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pipeline import __version__
from pipeline.compute.indicators import HOLDING_COUNTED, HOLDING_NOT_COUNTED
from pipeline.core.context import Context, resolve
from pipeline.core.formatting import format_count, format_date, format_days, format_number
from pipeline.core.formatting import format_percent as percent
from pipeline.core.meeting import AgendaItem
from pipeline.core.stable_zip import stable_zip
from pipeline.facts.documents import Facts, load_facts
from pipeline.facts.sections import LATE, email_value
from pipeline.outputs.deck import pptx_xml as xml
from pipeline.outputs.deck import slides


def not_applicable_note(words: tuple[str, ...]) -> str:
    """The footnote of a table whose values are missing, naming the words it shows."""
    listed = ", ".join(f"« {word} »" for word in words)
    return (
        f"{listed} : pas de valeur sur la période (l'indicateur n'est pas calculé, ce n'est pas "
        "0\u00a0%)."
    )


LATE_NOTE = f"« {LATE} » : échéance dépassée à la date du comité, action ni réalisée ni abandonnée."


# --- sections -------------------------------------------------------------------------------------


def add_quality_approach_slides(prs, facts: Facts, item: AgendaItem | None = None) -> str | None:
    """The label and its perimeter (Qual-e-pref modules, or the Services Publics+ engagements
    of the version applied), the audits, and what changed this year."""
    meeting, scheme = facts.meeting, facts.scheme
    items = scheme.approach_items()
    audits = [audit.describe() for audit in meeting.audits]
    if scheme.by_engagement:
        perimeter = (
            " Indicateurs suivis : "
            + ", ".join(scheme.module_title(m).lower() for m in scheme.modules)
            + "."
        )
    else:
        perimeter = (
            f" Le périmètre retenu comprend {len(items)} module{'s' if len(items) > 1 else ''} : "
            + ", ".join(f"le module {m}" for m in scheme.modules)
            + "."
        )
    notes = (
        scheme.text("approach_intro")
        + perimeter
        + (f" Prochaine échéance : {audits[0]}." if audits else "")
    )
    if scheme.by_engagement:  # the engagements numbered, then the perimeter and calendar
        slides.add_numbered_slide(prs, scheme.text("approach_title"), items, notes=notes)
        followed = "Indicateurs suivis : " + ", ".join(
            scheme.module_title(m).lower() for m in scheme.modules
        )
        slides.add_bullets_slide(
            prs, f"La démarche {scheme.name} : périmètre et calendrier", [followed, *audits],
            notes=followed + "." + (
                " Prochaines échéances : " + "\u00a0; ".join(audits) + "." if audits else ""
            ),
        )  # fmt: skip
    else:
        slides.add_bullets_slide(prs, scheme.text("approach_title"), [*items, *audits], notes=notes)
    if meeting.highlights:
        changes = list(meeting.highlights)
        notes = "Les principales évolutions de l'année : " + "\u00a0; ".join(changes) + "."
        slides.add_bullets_slide(prs, "Ce qui a changé cette année", changes, notes=notes)
    return None


def _months_note(months: tuple[int, ...]) -> str:
    shown = " ou ".join(f"« ({m}\u00a0mois) »" for m in months)
    return f"{shown} : valeur calculée sur les seuls mois renseignés ou couverts par le registre."


def add_indicator_slides(prs, facts: Facts, item: AgendaItem | None = None) -> str | None:
    """One table per group (module, or engagement): indicator, target, the years, status."""
    if not facts.indicator_tables:
        return "aucun registre ni chiffre mensuel pour calculer les indicateurs"
    year = facts.period
    published = facts.scheme.results_engagement
    for index, table in enumerate(facts.indicator_tables):
        notes = table.summary(year)
        if published and index == 0:
            notes += f" Ces résultats sont publiés au titre de l'{published}."
        footnotes = [not_applicable_note(table.not_applicable)] if table.not_applicable else []
        if table.months:
            footnotes.append(_months_note(table.months))
        rules = {HOLDING_COUNTED, HOLDING_NOT_COUNTED} & set(table.rules)
        if rules:
            footnotes.append(
                "Taux de réponse aux courriers et courriels : "
                + "\u00a0; ".join(sorted(rules))
                + "."
            )
        references = [1.5] if "Engagement" in table.header else []
        slides.add_table_slide(
            prs,
            f"Indicateurs qualité {year} — {facts.scheme.group_title(table.group, table.title)}",
            table.header,
            table.rows,
            col_widths=[5.2, *references, 1.2, *[1.15] * len(facts.years), 1.4],
            status_col=len(table.header) - 1,
            footnote=" ".join(footnotes) or None,
            notes=notes,
        )
    _transparence_slide(prs, facts)
    return None


def _transparence_slide(prs, facts: Facts) -> None:
    """What was published, and when: the poster's results as a visitor reads them."""
    publication = facts.publication
    if publication is None:
        return
    rows = [  # the sentence with the note the poster prints under it (« sur 11 mois »…)
        [line.sentence[:1].upper() + line.sentence[1:] + (f" ({line.note})" if line.note else ""),
         line.goal or "–", line.status or "–"]
        for line in publication.poster.lines
    ]  # fmt: skip
    slides.add_table_slide(
        prs, f"Transparence : les résultats {facts.period} publiés",
        ["Ce que lit le visiteur", "Objectif", "Statut"], rows, col_widths=[7.6, 2.4, 2.1],
        footnote=publication.sentence, notes=publication.sentence,
    )  # fmt: skip


def add_survey_slides(prs, facts: Facts, item: AgendaItem | None = None) -> str | None:
    survey = facts.survey
    if survey is None:
        return facts.not_kept("survey") or "aucun questionnaire pour la période"
    _survey_method_slide(prs, survey, facts.scheme.catalogue.net_satisfaction)
    _survey_criteria_slide(prs, survey)
    _survey_trend_slide(prs, survey)
    _survey_profile_slides(prs, survey)
    _survey_subgroup_slides(prs, survey)
    _survey_strengths_slide(prs, survey)
    if survey.themes:
        slides.add_bullets_slide(
            prs,
            f"Enquête de satisfaction {survey.year} : ce que disent les usagers",
            survey.themes,
            notes="Les remarques libres, classées par thème : "
            + "\u00a0; ".join(survey.themes)
            + ".",
        )
    return None


def _survey_method_slide(prs, survey, net_satisfaction: bool) -> None:
    exploited = "questionnaire exploité" if survey.respondents == 1 else "questionnaires exploités"
    figures = [(format_number(survey.respondents), exploited)]
    if survey.overall_rate is not None:
        figures += [
            (percent(survey.overall_rate), "d'usagers satisfaits"),
            (percent(survey.overall_very_rate), "de très satisfaits"),
        ]
    if net_satisfaction and survey.net_satisfaction is not None:
        points = format_number(survey.net_satisfaction * 100, 1)
        figures.append(
            (
                f"+{points}" if survey.net_satisfaction >= 0 else points,
                "points de satisfaction nette",
            )
        )
    if net_satisfaction and survey.high_mark_rate is not None and survey.high_from:
        figures.append((percent(survey.high_mark_rate), f"de notes de {survey.high_from} ou plus"))
    if len(figures) > 4:  # four cards at most: « très satisfaits » stays in the notes
        figures = [figure for figure in figures if figure[1] != "de très satisfaits"]
    when = f"L'enquête s'est déroulée {survey.window}" if survey.window else "L'enquête"
    notes = (
        when
        + (f", {survey.mode}" if survey.mode else "")
        + " : "
        + format_count(survey.respondents, "questionnaire exploité", "questionnaires exploités")
        + "."
    )
    if survey.overall_rate is not None:
        notes += (
            f" Satisfaction générale : {percent(survey.overall_rate)}, dont "
            f"{percent(survey.overall_very_rate)} de très satisfaits (n = "
            f"{format_number(survey.overall_n)})."
        )
    if net_satisfaction and survey.net_satisfaction is not None:
        notes += (
            " La satisfaction nette (satisfaits moins mécontents, mesure Services Publics+) "
            f"est de {format_number(survey.net_satisfaction * 100, 1)} points."
        )
        if survey.high_mark_rate is not None and survey.high_from:
            notes += (
                f" {percent(survey.high_mark_rate)} des notes sont de {survey.high_from} ou plus."
            )
    title = f"Enquête de satisfaction {survey.year}" + (
        f" : {survey.window}" if survey.window else ""
    )
    slides.add_key_figures_slide(prs, title, figures, notes=notes)


def _survey_criteria_slide(prs, survey) -> None:
    criteria = survey.criteria
    title = f"Enquête de satisfaction {survey.year} : taux de satisfaction par critère"
    if criteria.empty:  # every criterion without an answer that counts: no chart, said so
        slides.add_bullets_slide(prs, title, [survey.unrated_sentence or "Aucun critère évalué."],
                                 notes=survey.unrated_sentence)  # fmt: skip
        return
    categories = [
        f"{label} (n\u00a0=\u00a0{format_number(n)})"
        for label, n in zip(criteria["label"], criteria["n"], strict=True)
    ]
    values = [float(v) for v in criteria["rate"]]
    below = criteria[criteria["below_target"].fillna(False).astype(bool)]
    notes = (
        f"{format_count(len(below), 'critère')} sous la cible de {percent(survey.target, 0)}, "
        f"le plus faible étant « {survey.weakest_label} » ({percent(survey.weakest_rate)})."
        if len(below)
        else f"Tous les critères atteignent la cible de {percent(survey.target, 0)}."
    )
    small = criteria[criteria["small_sample"].fillna(False).astype(bool)]
    if len(small):
        notes += (
            f" Moins de {survey.min_reliable_n} réponses pour : "
            + ", ".join(small["label"])
            + " (à lire avec prudence)."
        )
    if survey.unrated:
        notes += " " + survey.unrated_sentence
    alt = "Taux de satisfaction par critère : " + "\u00a0; ".join(
        f"{label} : {percent(rate)}" for label, rate in zip(criteria["label"], values, strict=True)
    )
    slides.add_bar_chart_slide(
        prs,
        title,
        categories,
        values,
        target=survey.target,
        notes=notes,
        alt_text=alt,
    )


def _survey_trend_slide(prs, survey) -> None:
    if len(survey.years) < 2:
        return
    notes = f"Évolution des taux de satisfaction de {survey.years[0]} à {survey.year}. " + (
        "Hausses ou baisses significatives depuis l'an dernier (test exact de Fisher, "
        f"{percent(survey.significance_level, 0)}) : "
        + "\u00a0; ".join(survey.significant_changes)
        + "."
        if survey.significant_changes
        else "Aucune évolution significative depuis l'an dernier."
    )
    slides.add_table_slide(
        prs,
        f"Enquête de satisfaction : évolution {survey.years[0]}–{survey.year}",
        survey.trend_header,
        survey.trend_rows,
        footnote="* évolution significative (test exact de Fisher au seuil de "
        f"{percent(survey.significance_level, 0)}).",
        notes=notes,
    )


def _survey_profile_slides(prs, survey) -> None:
    """One chart per profile question the catalogue puts on the deck (``profile_slide``)."""
    for chart in survey.profiles:
        answers = chart.answers
        pairs = list(zip(answers["answer"], answers["share"], strict=True))
        listing = "\u00a0; ".join(f"{a} : {percent(s)}" for a, s in pairs)
        several = (
            "Plusieurs réponses possibles : chaque part est rapportée au nombre de répondants. "
        )
        slides.add_chart_slide(
            prs,
            f"Profil des répondants {survey.year} : {chart.title[0].lower() + chart.title[1:]}",
            chart.kind,
            [str(answer)[0].upper() + str(answer)[1:] for answer, _ in pairs],
            {"Part des répondants": [float(share) for _, share in pairs]},
            maximum=1.0 if chart.kind == "bar" else None,
            alt_text=f"{chart.label} : {listing}",
            notes=(several if chart.multiple else "") + f"{chart.label} : {listing}.",
        )


def _survey_subgroup_slides(prs, survey) -> None:
    """The satisfaction of a subgroup (the point numérique among those who used it)."""
    for group in survey.subgroups:
        if not group.n:
            continue
        figures = [
            (format_number(group.respondents), f"répondants {group.who}"),
            (percent(group.rate), "satisfaits"),
        ]
        if group.very_rate is not None:
            figures.append((percent(group.very_rate), "très satisfaits"))
        slides.add_key_figures_slide(
            prs,
            f"{group.name[0].upper() + group.name[1:]} {survey.year} : satisfaction des répondants "
            f"{group.who}",
            figures,
            notes=(
                f"« {group.label} » : le taux est calculé parmi les seuls répondants "
                f"{group.who} ({format_number(group.respondents)}, dont "
                f"{format_number(group.n)} ont répondu) : {percent(group.rate)} de satisfaits."
            ),
        )


def _survey_strengths_slide(prs, survey) -> None:
    if not (survey.strengths or survey.weaknesses):
        return
    slides.add_two_lists_slide(
        prs,
        f"Enquête de satisfaction {survey.year} : points forts et axes d'amélioration",
        ("Points forts", survey.strengths),
        ("Axes d'amélioration", survey.weaknesses),
        notes="Points forts : "
        + "\u00a0; ".join(survey.strengths)
        + ". Axes d'amélioration : "
        + "\u00a0; ".join(survey.weaknesses)
        + ". Remarques des usagers : "
        + "\u00a0; ".join(survey.themes)
        + ".",
    )


def add_mystery_slides(prs, facts: Facts, item: AgendaItem | None = None) -> str | None:
    mystery = facts.mystery
    if mystery is None:
        return facts.not_kept("mystery") or "aucun appel ni courriel mystère pour la période"
    if mystery.calls:
        _mystery_call_slides(prs, mystery)
    if mystery.emails_sent:
        _mystery_email_slide(prs, mystery)
    return None


def _mystery_call_slides(prs, mystery) -> None:
    criteria = mystery.criteria
    values = [float(v) for v in criteria["rate"]]
    categories = [
        f"{label} (n\u00a0=\u00a0{format_number(n)})"
        for label, n in zip(criteria["label"], criteria["evaluated"], strict=True)
    ]
    stages = mystery.stages_text
    notes = (
        f"{format_count(mystery.calls, 'appel mystère passé', 'appels mystère passés')}"
        + (f" {mystery.window}" if mystery.window else "")
        + f"\u00a0; {format_number(mystery.answered)} "
        f"{'a' if mystery.answered < 2 else 'ont'} abouti ({percent(mystery.answered_rate)}). "
        + (f"{stages} " if stages else "")
        + (
            f"{format_count(mystery.over_max_rings, 'appel décroché', 'appels décrochés')} après "
            f"plus de {mystery.max_rings} sonneries."
            if mystery.rings_noted
            else ""
        )
    ).strip()
    figures = [
        (percent(mystery.answered_rate), f"des {format_number(mystery.calls)} appels aboutis")
    ]
    figures += [(percent(row.rate), row.stage_label) for row in mystery.stages.head(3).itertuples()]
    slides.add_key_figures_slide(
        prs,
        f"Appels mystère {mystery.year} : {format_number(mystery.calls)} appels "
        + (mystery.window or ""),
        figures,
        notes=notes,
    )
    if len(criteria):  # (a grid may note whether calls were answered, and no criterion)
        slides.add_bar_chart_slide(
            prs,
            f"Appels mystère {mystery.year} : respect de chaque critère",
            categories,
            values,
            target=mystery.target,
            notes=notes,
            alt_text="Appels mystère, part des appels conformes par critère : "
            + "\u00a0; ".join(
                f"{c} : {percent(v)}" for c, v in zip(criteria["label"], values, strict=True)
            ),
        )
    if not (mystery.positives or mystery.vigilance):
        return
    slides.add_two_lists_slide(
        prs,
        f"Appels mystère {mystery.year} : points positifs et points de vigilance",
        ("Points positifs", mystery.positives),
        ("Points de vigilance", mystery.vigilance),
        notes=(
            f"Au-dessus de la cible de {percent(mystery.target, 0)} : "
            f"{format_count(len(mystery.positives), 'point')}\u00a0; en dessous : "
            f"{format_count(len(mystery.vigilance), 'point')}."
        ),
    )


def _mystery_email_slide(prs, mystery) -> None:
    rows = [[row.label, email_value(row), row.status or "–"] for row in mystery.emails.itertuples()]
    slides.add_table_slide(
        prs,
        f"Courriels mystère {mystery.year} : "
        f"{format_number(mystery.emails_sent)} courriels envoyés",
        ["Critère", "Résultat", "Statut"],
        rows,
        col_widths=[6.0, 3.0, 2.0],
        status_col=2,
        notes=(
            f"{format_number(mystery.emails_sent)} courriels mystère envoyés"
            + (f" {mystery.emails_window}" if mystery.emails_window else "")
            + ". "
            + " ".join(f"{row.label} : {email_value(row)}." for row in mystery.emails.itertuples())
        ),
    )


def add_complaints_slides(prs, facts: Facts, item: AgendaItem | None = None) -> str | None:
    complaints = facts.complaints
    if complaints is None:
        return facts.not_kept("complaints") or "aucun message enregistré pour la période"
    year = complaints.year
    listing = ", ".join(f"{format_number(n)} {label}" for n, label in complaints.by_nature)
    slides.add_key_figures_slide(
        prs,
        f"Réclamations et suggestions {year} : {format_number(complaints.total)} messages reçus",
        [(format_number(n), label) for n, label in complaints.by_nature],
        notes=f"En {year}, {format_number(complaints.total)} messages ont été reçus : {listing}.",
    )
    if len(complaints.themes):
        themes = complaints.themes.head(8)
        slides.add_chart_slide(
            prs,
            f"Réclamations et suggestions {year} : thèmes",
            "bar",
            list(themes["theme"].str.capitalize()),
            {"Messages": [int(v) for v in themes["count"]]},
            number_format=slides.COUNT_FORMAT,
            alt_text="Réclamations et suggestions par thème : "
            + "\u00a0; ".join(
                f"{t} : {c}" for t, c in zip(themes["theme"], themes["count"], strict=True)
            ),
            notes="Thèmes des réclamations et suggestions, du plus fréquent au moins fréquent : "
            + "\u00a0; ".join(
                f"{t} ({c})" for t, c in zip(themes["theme"], themes["count"], strict=True)
            )
            + ".",
        )
    replies = complaints.replies
    rows = [
        [
            "Ensemble" if row.channel == "ensemble" else str(row.channel).capitalize(),
            "–" if row.channel == "ensemble" else f"{int(row.limit_days)} jours ouvrés",
            format_number(row.messages),
            percent(row.on_time_rate) if row.messages else "aucune demande",
            format_days(row.mean_delay) if row.messages else "–",
        ]
        for row in replies.itertuples()
    ]
    overall = replies[replies["channel"] == "ensemble"]
    notes = f"Réponses aux {complaints.counted_natures} : " + (
        f"{percent(overall['on_time_rate'].iloc[0])} dans le délai, délai moyen "
        f"{format_days(overall['mean_delay'].iloc[0])}."
        if len(overall) and overall["messages"].iloc[0]
        else "aucune sur la période."
    )
    slides.add_table_slide(
        prs,
        f"Réclamations et suggestions {year} : délais de réponse par canal",
        ["Canal", "Délai annoncé", "Messages", "Dans le délai", "Délai moyen"],
        rows,
        notes=notes,
    )
    if complaints.follow_ups:
        slides.add_bullets_slide(
            prs,
            f"Réclamations et suggestions {year} : suites données",
            [item[0].upper() + item[1:] for item in complaints.follow_ups[:8]],
            notes="Suites données par l'administration : "
            + "\u00a0; ".join(complaints.follow_ups)
            + ".",
        )
    return None


def add_template_email_slides(prs, facts: Facts, item: AgendaItem | None = None) -> str | None:
    emails = facts.meeting.template_emails
    if not emails:
        return "aucun courriel type dans le fichier de réunion"
    for index, email in enumerate(emails, 1):
        slides.add_text_slide(
            prs,
            f"Courriels types soumis à votre avis ({index}/{len(emails)})"
            if len(emails) > 1
            else "Courriel type soumis à votre avis",
            email.title,
            email.body,
            notes=f"Courriel type « {email.title} » : le comité est invité à donner son avis.",
        )
    return None


def add_action_plan_slides(prs, facts: Facts, item: AgendaItem | None = None) -> str | None:
    plan = facts.action_plan
    if plan is None:
        return facts.not_kept("action_plan") or "aucune action dans le plan de la période"
    summary = f"{format_number(len(plan.rows))} actions, dont {format_number(plan.late)} en retard."
    if plan.previous_done_share is not None:
        summary += (
            f" Plan {plan.previous_year} : {percent(plan.previous_done_share, 0)} des actions "
            "réalisées."
        )
    notes = f"Le plan d'actions {plan.year} compte {summary}"
    slides.add_table_slide(
        prs,
        f"Plan d'actions {plan.year} : état d'avancement au {format_date(facts.meeting.date)}",
        plan.header,
        plan.rows,
        col_widths=[3.0, 4.2, 2.3, 1.4, 1.3],
        status_col=4,
        footnote=summary + (f" {LATE_NOTE}" if plan.late else ""),
        notes=notes,
    )
    return None


def add_trainings_slides(prs, facts: Facts, item: AgendaItem | None = None) -> str | None:
    trainings = facts.trainings
    if trainings is None:
        return facts.not_kept("trainings") or "aucune formation enregistrée"
    slides.add_table_slide(
        prs,
        f"Formation des agents {trainings.header[1][-4:]}–{trainings.year}"
        if len(trainings.header) > 2
        else f"Formation des agents {trainings.year}",
        trainings.header,
        trainings.rows,
        notes=trainings.total_text,
    )
    return None


def add_questions_slide(prs, facts: Facts, item: AgendaItem | None = None) -> str | None:
    slides.add_section_slide(prs, item.title if item else "Questions / réponses")
    return None


SECTION_BUILDERS = {
    "quality_approach": add_quality_approach_slides,
    "indicators": add_indicator_slides,
    "survey": add_survey_slides,
    "mystery": add_mystery_slides,
    "complaints": add_complaints_slides,
    "template_emails": add_template_email_slides,
    "action_plan": add_action_plan_slides,
    "trainings": add_trainings_slides,
    "questions": add_questions_slide,
}


def _fix_properties(prs, facts: Facts, build: str) -> None:
    """Same inputs, same deck: document properties do not depend on the time of the run; they
    name the build (the digest of the inputs) the deck was made from."""
    stamp = dt.datetime.combine(facts.meeting.date, dt.time(0, 0))
    props = prs.core_properties
    props.author = props.last_modified_by = facts.meeting.prefecture
    props.title = f"{facts.meeting.committee} — {format_date(facts.meeting.date)}"
    props.subject = f"Résultats qualité {facts.period}"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.language = "fr-FR"
    props.identifier = build
    props.version = __version__
    props.comments = (
        f"Produit par la chaîne CLU {__version__} à partir des données de {facts.period}"
        + (f" (empreinte des entrées : {build})." if build else ".")
    )
    xml.set_language(prs, "fr-FR")
    xml.fix_embedded_workbooks(prs)


def no_data_text(title: str, year: int, why: str) -> str:
    """The one sentence of a section the agenda asks for but the data cannot fill."""
    return f"Aucune donnée pour {year} : {why}."


def left_out_line(title: str, why: str) -> str:
    """The run log's line for a section without data."""
    return f"Section « {title} » : aucune donnée ({why}) ; une diapositive le dit."


def build_deck(
    ctx: Context, template_path: str | Path | None = None, build: str = ""
) -> tuple[Path, list[str]]:
    """Write the period's deck to output/<period>/; returns its path and the run log's lines
    for the sections the agenda asks for but the data cannot fill (each gets one slide saying
    « aucune donnée », never a chart of nothing)."""
    facts = load_facts(ctx)
    meeting = facts.meeting
    prs = slides.new_presentation(resolve(template_path) if template_path else None)
    slides.set_footer(prs, f"{meeting.committee} — {format_date(meeting.date)}")
    slides.add_title_slide(
        prs,
        meeting.committee,
        meeting.prefecture,
        format_date(meeting.date),
        f"Sous la présidence de {meeting.chair.name}, {meeting.chair.role}",
    )
    slides.add_agenda_slide(prs, "Ordre du jour", [item.title for item in meeting.agenda])
    left_out = []
    for item in meeting.agenda:
        why = SECTION_BUILDERS[item.section](prs, facts, item)
        if why:
            slides.add_bullets_slide(
                prs, item.title, [no_data_text(item.title, facts.period, why)],
                notes=no_data_text(item.title, facts.period, why),
            )  # fmt: skip
            left_out.append(left_out_line(item.title, why))
    slides.add_closing_slide(prs, "Merci de votre attention", facts.contact)
    _fix_properties(prs, facts, build)
    ctx.paths.output.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    prs.save(buffer)  # fixed entry times: the same inputs give the same file, byte for byte
    stamp = f"{facts.meeting.date.isoformat()}T00:00:00Z"
    ctx.paths.deck.write_bytes(stable_zip(buffer.getvalue(), stamp))
    return ctx.paths.deck, left_out
