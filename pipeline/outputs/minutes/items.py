"""Each agenda item of the minutes, told in a few paragraphs that carry its figures and its
message: the deck's findings for the item (its slides' titles, from :mod:`pipeline.facts.titles`
and :mod:`pipeline.facts.findings`), completed with each result under its target, and a pointer to
the annex that holds the detail. A section without data for the year is never called (the
draft says why in one sentence)."""

from __future__ import annotations

from itertools import groupby

from pipeline.core.formatting import (
    format_count,
    format_date,
    format_days,
    format_number,
    format_points,
)
from pipeline.core.formatting import format_percent as percent
from pipeline.facts import titles
from pipeline.facts.documents import Facts
from pipeline.facts.findings import (
    all_met,
    capitalised,
    finding,
    group_title,
    lowered,
    phrase,
    relation,
)
from pipeline.facts.improvements import KIND_WORDS, LATE, answered, by_kind, unanswered
from pipeline.outputs.minutes.blocks import Block, Bullets, Paragraph, led, to_complete


def essentials(facts: Facts) -> list[Block]:
    """« L'essentiel de l'année » (the deck's headlines) and what changed in the year."""
    blocks: list[Block] = []
    if facts.headlines:
        blocks += [
            Paragraph(
                f"L'essentiel de l'année {facts.period} tient en quelques constats :", keep=True
            ),  # fmt: skip
            Bullets([h.sentence for h in facts.headlines]),
        ]
    missing = [titles.absence(facts, item.section) for item in facts.meeting.agenda]
    missing = [capitalised(why) for why in missing if why]
    if missing:
        blocks.append(Paragraph(". ".join(missing) + "."))
    changes = titles.change_lines(facts.done, facts.meeting.highlights)
    if changes:
        blocks += [
            led(
                titles.changes_title(facts.period, len(facts.done)),
                ". Pour les usagers :" if facts.done else " pour les usagers :",
            ),  # fmt: skip
            Bullets(changes),
        ]
    return blocks


# --- the agenda items ----------------------------------------------------------------------------


def quality_approach_text(facts: Facts, refs: dict[str, int]) -> list[Block]:
    scheme = facts.scheme
    if scheme.by_engagement:
        blocks: list[Block] = [
            Paragraph(scheme.text("approach_intro"), keep=True),
            Bullets(scheme.approach_items(), numbered=True),
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
        audits = "\u00a0; ".join(audit_text(audit) for audit in facts.meeting.audits)
        blocks.append(Paragraph(f" : {audits}.", lead="Calendrier"))
    return blocks + essentials(facts)


def audit_text(audit) -> str:
    """« audit interne le 10 mai 2023 »."""
    text = f"{lowered(audit.kind)} le {format_date(audit.date)}"
    if audit.organisation and audit.organisation.lower() not in audit.kind.lower():
        text += f" ({audit.organisation})"
    return text


def _annexed(refs: dict[str, int], section: str, what: str) -> Paragraph | None:
    number = refs.get(section)
    return Paragraph(f"{what} figure en annexe {number}.") if number else None


def _completed(title: str, measures) -> tuple[str, list[str]]:
    """A slide's title and the sentences that complete it: each result under its target said
    where it stands (« …, sous la cible de 75 % »), never twice — a result the title ends with
    takes its standing at the end of the title."""
    more = []
    for measure in (m for m in measures if m.missed):
        if title.endswith(phrase(measure)) or title.endswith(phrase(measure, note=False)):
            title += f", {relation(measure)}"
        elif finding(measure) not in title and finding(measure, note=False) not in title:
            more.append(f"{capitalised(finding(measure))}.")
    return title, more


def indicators_text(facts: Facts, refs: dict[str, int]) -> list[Block]:
    """One paragraph per channel: the deck's title of its slide, then each result under its
    target, and the results that reach theirs."""
    blocks: list[Block] = []
    for channel, group in groupby(facts.indicators, key=lambda m: m.channel):
        measures = list(group)
        if not any(m.value is not None for m in measures):
            continue
        title, more = _completed(group_title(channel, measures), measures)
        met = [phrase(m) for m in measures if m.met]
        if all_met(measures):
            more.append(all_met(measures))
        elif met:
            more.append("Atteignent leur cible : " + "\u00a0; ".join(met) + ".")
        if title == channel:  # no value judged: the channel's figures are in the annex
            followed = format_count(len(measures), "indicateur suivi", "indicateurs suivis")
            title = f"{channel} : {followed}"
        blocks.append(led(title, ". " + " ".join(more) if more else "."))
    if facts.publication is not None:  # after the results, as the deck's Transparence slide
        blocks.append(Paragraph(facts.publication.sentence))
    annexed = _annexed(refs, "indicators", "Le tableau complet des indicateurs, par module,")
    return blocks + ([annexed] if annexed else [])


def survey_text(facts: Facts, refs: dict[str, int]) -> list[Block]:
    survey = facts.survey
    when = f" s'est déroulée {survey.window}" if survey.window else " a été menée"
    counted = format_count(
        survey.respondents, "questionnaire a été exploité", "questionnaires ont été exploités"
    )
    blocks: list[Block] = [
        Paragraph(
            f"L'enquête de satisfaction {survey.year}{when}"
            + (f", {survey.mode}" if survey.mode else "")
            + f" ; {counted}."
        )
    ]
    overall = titles.survey_title(survey, facts.overall_previous)
    if survey.overall_rate is not None:
        very = survey.overall_very_rate
        more = f", dont {percent(very)} de très satisfaits." if very is not None else "."
        if facts.scheme.catalogue.net_satisfaction and survey.net_satisfaction is not None:
            more += (
                " La satisfaction nette (satisfaits moins mécontents, mesure Services Publics+) "
                f"est de {format_number(survey.net_satisfaction * 100, 1)} points."
            )
        blocks.append(led(overall, more))
    measures = list(facts.survey_results)
    if measures:
        title = titles.criteria_finding(measures, percent(survey.target, 0))
        title, missed = _completed(title, measures)
        blocks.append(led(title, ". " + " ".join(missed) if missed else "."))
    if survey.unrated:  # no rate, never 0 %
        blocks.append(Paragraph(survey.unrated_sentence))
    significant = [
        m for m in measures if m.code in facts.significant and m.previous is not None
    ]  # fmt: skip
    if significant and len(survey.years) >= 2:
        ordered = sorted(significant, key=lambda m: -abs(m.change))
        listed = "\u00a0; ".join(f"{lowered(m.short)} ({_points(m)})" for m in ordered)
        title = titles.survey_changes_title(survey.year, significant)
        blocks.append(led(title, f". Évolutions significatives : {listed}."))
    if survey.quotes:
        quoted = [q for q in survey.quotes if q.needed][:3] or survey.quotes[:2]
        said = "\u00a0; ".join(f"{lowered(q.theme)} : « {q.quote.rstrip('. ')} »" for q in quoted)
        blocks.append(led(titles.quotes_title(survey.quotes), f". Par exemple, {said}."))
    for group in survey.subgroups:
        if group.n:
            blocks.append(led(titles.subgroup_title(group, survey.year)))
    annexed = _annexed(refs, "survey", "Le taux de chaque critère, année par année,")
    return blocks + ([annexed] if annexed else [])


def _points(measure) -> str:
    return format_points(measure.value - measure.previous)


def mystery_text(facts: Facts, refs: dict[str, int]) -> list[Block]:
    mystery = facts.mystery
    blocks: list[Block] = []
    if mystery.calls:
        calls = format_count(mystery.calls, "appel mystère a été passé",
                             "appels mystère ont été passés")  # fmt: skip
        blocks.append(
            Paragraph(
                calls
                + (f" {mystery.window}" if mystery.window else "")
                + f" ; {format_number(mystery.answered)} ont abouti "
                f"({percent(mystery.answered_rate)})."
                + (f" {titles.stages_line(mystery.stages)}" if len(mystery.stages) else "")
            )
        )
        measures = list(facts.call_results)
        if measures:
            blocks.append(led(group_title("Appels mystère", measures, "critère")))
        if mystery.positives or mystery.vigilance:
            strong = [_point(p) for p in mystery.positives[:4]]
            more = (". Points forts : " + "\u00a0; ".join(strong) + ".") if strong else "."
            if mystery.vigilance:
                more += " Points de vigilance :"
            blocks.append(
                led(titles.mystery_points_title(mystery.positives, mystery.vigilance), more)
            )
            if mystery.vigilance:
                blocks.append(Bullets(mystery.vigilance[:4]))
    if mystery.emails_sent:
        sent = format_count(mystery.emails_sent, "courriel mystère envoyé",
                            "courriels mystère envoyés")  # fmt: skip
        when = f" {mystery.emails_window}" if mystery.emails_window else ""
        measures = list(facts.email_results)
        title = group_title("Courriels mystère", measures, "critère") if measures else ""
        text = f"{capitalised(sent)}{when}."
        blocks.append(led(title, f" ({sent}{when}).") if title else Paragraph(text))
    annexed = _annexed(refs, "mystery", "Le résultat de chaque critère")
    return blocks + ([annexed] if annexed else [])


def _point(line: str) -> str:
    """« Langage compréhensible : 100,0 % (17/17) — … » → « langage compréhensible (100,0 %) »."""
    label, _, rest = line.partition(" : ")
    return f"{lowered(label)} ({rest.split(' (')[0].split(' — ')[0]})"


def complaints_text(facts: Facts, refs: dict[str, int]) -> list[Block]:
    complaints = facts.complaints
    counts = ", ".join(f"{format_number(n)} {label}" for n, label in complaints.by_nature if n)
    more = f". Ils se répartissent ainsi : {counts}."
    overall = complaints.replies[complaints.replies["channel"] == "ensemble"]
    if len(overall) and overall["messages"].iloc[0]:
        more += (
            f" Les {complaints.counted_natures} ont reçu une réponse en "
            f"{format_days(overall['mean_delay'].iloc[0])} en moyenne."
        )
    blocks: list[Block] = [led(titles.complaints_title(complaints), more)]
    if len(complaints.themes) or complaints.follow_ups:
        themes = ", ".join(
            f"{r.theme} ({format_number(r.count)})" for r in complaints.themes.head(5).itertuples()
        )
        more = f". Principaux thèmes : {themes}." if themes else "."
        if complaints.follow_ups:
            more += " Suites données :"
        blocks.append(led(titles.complaint_themes_title(complaints), more))
        if complaints.follow_ups:
            blocks.append(Bullets([capitalised(item) for item in complaints.follow_ups]))
    return blocks


def template_emails_text(facts: Facts, refs: dict[str, int]) -> list[Block]:
    emails = facts.meeting.template_emails
    listed = ", ".join(f"« {email.title} »" for email in emails)
    number = refs.get("template_emails")
    their = "leurs textes figurent" if len(emails) > 1 else "son texte figure"
    where = f" ; {their} en annexe {number}" if number else ""
    return [
        led(
            titles.template_emails_title(len(emails)),
            f". Le comité est invité à donner son avis sur : {listed}{where}.",
        ),  # fmt: skip
        Paragraph(f" : {to_complete()}", lead="Avis du comité"),
    ]


def action_plan_text(facts: Facts, refs: dict[str, int]) -> list[Block]:
    """Every result under its target with its action (or none yet), the year's plan, the
    actions ahead: the deck's « Points d'amélioration » and plan slides, told."""
    blocks: list[Block] = []
    items = list(facts.improvements)
    if items:
        done = answered(items)
        if done:
            blocks += [
                led(titles.improvements_answered_title(items), " :"),
                Bullets([_improvement(i) for i in done]),
            ]
        left = unanswered(items)
        if left:
            blocks += [
                led(titles.improvements_unanswered_title(items), " :"),
                Bullets([
                    f"{word} : " + "\u00a0; ".join(
                        f"{lowered(i.measure.short)} ({against(i.measure, ', ')})" for i in group
                    )
                    for word, group in by_kind(left)
                ]),
            ]  # fmt: skip
        if any(i.matched_by == "mots" for i in done):
            blocks.append(
                Paragraph(
                    "Les actions marquées « à vérifier » sont rapprochées de leur résultat par les "
                    "mots de leur objectif (le plan ne nomme pas le point visé)."
                )
            )
    plan = facts.action_plan
    if plan is not None:
        more = "."
        if plan.previous_done_share is not None:
            more += (
                f" Le plan {plan.previous_year} est réalisé à "
                f"{percent(plan.previous_done_share, 0)}."
            )
        late = [row for row in plan.rows if row[-1] == "en retard"]
        if late:
            more += (
                " Actions en retard : "
                + "\u00a0; ".join(
                    f"{row[1]} ({', '.join(part for part in (row[2], row[3]) if part != '–')})"
                    for row in late
                )
                + "."
            )
        blocks.append(led(titles.plan_title(plan), more))
    ahead = titles.actions_ahead(facts.planned)
    if ahead:
        blocks += [
            led(titles.plan_ahead_title(ahead, facts.period), " :"),
            Bullets([_planned(action) for action in ahead]),
        ]
    annexed = _annexed(refs, "action_plan", "Le plan d'actions complet")
    return blocks + ([annexed] if annexed else [])


def against(measure, note_after: str = " (") -> str:
    """« 66,7 % pour ≥ 75 % », with what the value rests on after it: « (sur 6 demandes) », or
    « , sur 6 demandes » inside brackets (``note_after=", "``)."""
    text = f"{measure.value_text} pour {measure.target_text}"
    if measure.note:
        text += note_after + measure.note + (")" if note_after == " (" else "")
    return text


def _improvement(item) -> str:
    """« Enquête — délai de rendez-vous : 50,7 % (≥ 85 %) — Tutoriels vidéo sur la prise de
    rendez-vous (Service de la communication, avril 2022, en retard) »."""
    measure = item.measure
    check = " — à vérifier" if item.matched_by == "mots" else ""
    return (
        f"{KIND_WORDS[measure.kind]} — {lowered(measure.short)} : {against(measure)} — "
        f"{_planned(item.actions[0], late=True)}{check}"
    )


def _planned(action, late: bool = False) -> str:
    """« Refonte des messages du SVI (Service de la communication, mars 2023) », and « en
    retard » when ``late`` asks and it is."""
    details = [part for part in (action.owner, action.deadline) if part and part != "–"]
    if late and action.status == LATE:
        details.append(LATE)
    return action.action + (f" ({', '.join(details)})" if details else "")


def trainings_text(facts: Facts, refs: dict[str, int]) -> list[Block]:
    from pipeline.outputs.minutes.listening import tutoring_blocks  # (it builds on these blocks)

    trainings = facts.trainings
    if trainings is None:  # tutoring sessions only
        return tutoring_blocks(facts)
    current = [(row[0], row[-1]) for row in trainings.rows[:-1] if row[-1] not in ("–", "0")]
    current.sort(key=lambda pair: -int(pair[1].replace("\u202f", "").replace("\u00a0", "")))
    most = ", ".join(f"{lowered(name)} ({count})" for name, count in current[:4])
    more = f". Les plus suivies : {most}." if most else "."
    more += " Un agent formé deux fois compte deux fois."
    blocks: list[Block] = [led(titles.trainings_title(trainings), more)]
    annexed = _annexed(refs, "trainings", "Le détail des formations, année par année,")
    return blocks + ([annexed] if annexed else []) + tutoring_blocks(facts)


SECTION_TEXT = {
    "quality_approach": quality_approach_text,
    "indicators": indicators_text,
    "survey": survey_text,
    "mystery": mystery_text,
    "complaints": complaints_text,
    "template_emails": template_emails_text,
    "action_plan": action_plan_text,
    "trainings": trainings_text,
}
