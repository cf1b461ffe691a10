"""What each part of the storyline states, in one wording: the deck's title of a slide is the
minutes' sentence on the same point (« Plan d'actions 2022 : 3 actions réalisées sur 11, 5 en
retard »). The deck (:mod:`pipeline.outputs.deck.story`) and the minutes
(:mod:`pipeline.outputs.minutes`) both call these functions, so the two documents never tell the
same finding in two ways. The findings of a group of results (a channel, the mystery calls)
are :func:`pipeline.facts.findings.group_title`; the year's headlines are
:mod:`pipeline.facts.highlights`.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.core.formatting import format_count, format_days, format_number, format_points
from pipeline.core.formatting import format_percent as percent
from pipeline.facts.documents import Facts
from pipeline.facts.findings import capitalised, criteria_title, lowered
from pipeline.facts.highlights import DoneAction
from pipeline.facts.improvements import (
    LATE,
    WITHOUT_ACTION,
    Improvement,
    PlannedAction,
    answered,
    significant_words,
    unanswered,
)
from pipeline.facts.measures import Measure
from pipeline.facts.sections import ActionPlanFacts, ComplaintFacts, TrainingFacts
from pipeline.facts.survey import SurveyFacts, ThemeQuote

# --- an agenda section without data ---------------------------------------------------------

# What an agenda section says when the préfecture keeps no data of its kind (any year).
NOT_KEPT = {
    "survey": "pas d'enquête de satisfaction", "mystery": "pas d'appels ni de courriels mystère",
    "complaints": "pas de registre des réclamations et suggestions",
    "action_plan": "pas de plan d'actions", "trainings": "pas de suivi des formations",
    "second_survey": "pas de seconde enquête",
    "feedback": "pas d'export de la plateforme d'avis des usagers",
}  # fmt: skip


def absence(facts: Facts, section: str) -> str:
    """Why an agenda section has nothing to show for the year, in the committee's words
    (« pas de campagne d'appels ni de courriels mystère en 2022 »), or "" when it has data."""
    year = facts.period
    present = {
        "indicators": bool(facts.indicators),
        "survey": facts.survey is not None,
        "mystery": facts.mystery is not None,
        "complaints": facts.complaints is not None,
        "action_plan": bool(facts.action_plan or facts.improvements or facts.planned),
        "trainings": facts.trainings is not None or facts.tutoring is not None,
        "template_emails": bool(facts.meeting.template_emails),
        "second_survey": facts.second_survey is not None,
        "feedback": facts.feedback is not None,
    }.get(section, True)
    if present:
        return ""
    if facts.not_kept(section):  # the préfecture keeps no such data at all
        return NOT_KEPT[section]
    return {
        "indicators": f"aucun indicateur calculé pour {year}",
        "survey": f"pas d'enquête de satisfaction en {year}",
        "mystery": f"pas de campagne d'appels ni de courriels mystère en {year}",
        "complaints": f"aucune réclamation ni suggestion enregistrée en {year}",
        "action_plan": f"pas de plan d'actions pour {year}",
        "trainings": f"pas de formation enregistrée en {year}",
        "template_emails": "pas de courriel type soumis cette année",
        "second_survey": f"pas de seconde enquête en {year}",
        "feedback": f"aucune expérience partagée sur la plateforme d'avis en {year}",
    }[section]


def agenda_lines(facts: Facts) -> list[str]:
    """The agenda's items; an item without data for the year says so on its line."""
    lines = []
    for item in facts.meeting.agenda:
        why = absence(facts, item.section)
        lines.append(item.title + (f" ({why})" if why else ""))
    return lines


# --- what changed ------------------------------------------------------------------------------


def change_lines(done: Sequence[DoneAction], highlights: Sequence[str]) -> list[str]:
    """What changed for users: the plan's actions done in the year, dated, then the meeting
    file's own list (« what_changed »), without an item that repeats an action of the plan."""
    lines = [
        f"{capitalised(action.month)} : {action.action}" if action.month else action.action
        for action in done
    ]
    done_words = [significant_words(action.action) for action in done]
    for item in highlights:
        words = significant_words(item)
        if not any(words and len(words & w) * 3 >= len(words) * 2 for w in done_words):
            lines.append(item)
    return lines


def changes_title(period: int, done: int) -> str:
    """« Ce qui a changé en 2022 : 3 actions réalisées du plan »."""
    title = f"Ce qui a changé en {period}"
    if done:
        title += f" : {format_count(done, 'action réalisée', 'actions réalisées')} du plan"
    return title


# --- the survey ----------------------------------------------------------------------------------


def survey_title(survey: SurveyFacts, previous: float | None) -> str:
    """« Enquête de satisfaction 2022 : 96,1 % des usagers satisfaits, +3,2 pts sur un an »."""
    title = f"Enquête de satisfaction {survey.year}"
    if survey.overall_rate is None:
        counted = format_count(
            survey.respondents, "questionnaire exploité", "questionnaires exploités"
        )
        return f"{title} : {counted}"
    title += f" : {percent(survey.overall_rate)} des usagers satisfaits"
    if previous is not None:
        change = survey.overall_rate - previous
        title += f", {format_points(change)} sur un an" if round(change, 3) else ", stable"
    return title


def criteria_finding(measures: Sequence[Measure], target_text: str) -> str:
    """« Satisfaction par critère : 8 critères sur 12 à la cible de 85 % ; délai de
    rendez-vous : 50,7 % »."""
    return "Satisfaction par critère : " + lowered(criteria_title(measures, target_text))


def _counted(measures: Sequence[Measure], words: str) -> str:
    if not measures:
        return f"aucun critère {words}"
    return f"{format_count(len(measures), 'critère')} {words}"


def survey_changes_title(year: int, significant: Sequence[Measure]) -> str:
    """« Depuis 2021 : 5 critères en hausse, aucun critère en baisse »."""
    ups = [m for m in significant if m.change > 0]
    downs = [m for m in significant if m.change < 0]
    return f"Depuis {year - 1} : {_counted(ups, 'en hausse')}, {_counted(downs, 'en baisse')}"


def quotes_title(quotes: Sequence[ThemeQuote]) -> str:
    """« Ce que disent les usagers : 49 remarques, des critiques sur … »."""
    weak = [q for q in quotes if q.needed]
    title = f"Ce que disent les usagers : {format_count(quotes[0].remarks, 'remarque')}"
    if weak:
        title += ", des critiques sur " + (
            f"« {weak[0].theme.lower()} »" if len(weak) == 1
            else f"les {format_number(len(weak))} thèmes dont un critère manque sa cible"
        )  # fmt: skip
    else:
        most = max(quotes, key=lambda q: q.count)
        title += f", surtout sur « {most.theme.lower()} »"
    return title


def subgroup_title(group, year: int) -> str:
    """« Point numérique 2022 : 96,8 % de satisfaits parmi les répondants passés au point
    numérique »."""
    return (
        f"{capitalised(group.name)} {year} : {percent(group.rate)} de satisfaits parmi les "
        f"répondants {group.who}"
    )


# --- mystery calls -------------------------------------------------------------------------------


def stages_line(stages) -> str:
    """« Par étape : serveur vocal interactif 64,7 %, accueil téléphonique — standard 84,0 %. »,
    or "" when the grid evaluated no stage."""
    if not len(stages):
        return ""
    listed = ", ".join(f"{lowered(row.stage_label)} {percent(row.rate)}"
                       for row in stages.itertuples())  # fmt: skip
    return f"Par étape : {listed}."


def mystery_points_title(positives: Sequence[str], vigilance: Sequence[str]) -> str:
    """« Appels mystère : langage compréhensible au point ; transfert … et SVI … à revoir »."""
    strong = [lowered(p.split(" : ")[0]) for p in positives[:1]]
    weak = [lowered(p.split(" : ")[0]) for p in vigilance[:2]]
    parts = [f"{strong[0]} au point" if strong else "",
             f"{' et '.join(weak)} à revoir" if weak else ""]  # fmt: skip
    return "Appels mystère : " + "\u00a0; ".join(part for part in parts if part)


# --- complaints ----------------------------------------------------------------------------------


def complaints_reply(complaints: ComplaintFacts) -> str:
    """« 100,0 % des 18 réclamations et suggestions répondues dans le délai, en 3,9 j en
    moyenne », or "" when none was counted."""
    overall = complaints.replies[complaints.replies["channel"] == "ensemble"]
    counted = int(overall["messages"].iloc[0]) if len(overall) else 0
    if not counted:
        return ""
    return (
        f"{percent(overall['on_time_rate'].iloc[0])} des {format_number(counted)} réclamations "
        f"et suggestions répondues dans le délai, en "
        f"{format_days(overall['mean_delay'].iloc[0])} en moyenne"
    )


def complaints_title(complaints: ComplaintFacts) -> str:
    """« Réclamations et suggestions 2022 : 39 messages, réclamations et suggestions toutes
    répondues dans le délai »."""
    title = (
        f"Réclamations et suggestions {complaints.year} : "
        f"{format_number(complaints.total)} messages"
    )
    overall = complaints.replies[complaints.replies["channel"] == "ensemble"]
    if len(overall) and int(overall["messages"].iloc[0]):
        rate = overall["on_time_rate"].iloc[0]
        title += (
            ", réclamations et suggestions toutes répondues dans le délai"
            if rate >= 1
            else f", réclamations et suggestions répondues à {percent(rate)} dans le délai"
        )
    return title


def complaint_themes_title(complaints: ComplaintFacts) -> str:
    """« Réclamations et suggestions : signalétique en tête, 6 suites données »."""
    counted = (
        format_count(len(complaints.follow_ups), "suite donnée", "suites données")
        if len(complaints.follow_ups)
        else "aucune suite notée"  # (not « 0 suite donnée »)
    )
    if len(complaints.themes):
        top = complaints.themes.iloc[0]
        return f"Réclamations et suggestions : {str(top['theme']).lower()} en tête, {counted}"
    return f"Réclamations et suggestions : {counted}"


# --- points d'amélioration and the plan ----------------------------------------------------------


def _results_under_target(count: int, total: int) -> str:
    """« 5 des 14 résultats sous la cible »; all of them: « les 14 résultats sous la cible », « le
    seul résultat sous la cible »."""
    if count == total == 1:
        return "le seul résultat sous la cible"
    if count == total:
        return f"les {format_number(total)} résultats sous la cible"
    return f"{format_number(count)} des {format_number(total)} résultats sous la cible"


def improvements_answered_title(items: Sequence[Improvement]) -> str:
    """« Points d'amélioration : 5 des 14 résultats sous la cible ont une action prévue »; « les
    14 résultats … ont », « le seul résultat … a » when every one has."""
    count = len(answered(items))
    if not count:
        return "Points d'amélioration : aucun résultat sous la cible n'a d'action prévue"
    verb = "a" if count == 1 else "ont"
    return (
        f"Points d'amélioration : {_results_under_target(count, len(items))} {verb} une action "
        "prévue"
    )


def improvements_unanswered_title(items: Sequence[Improvement]) -> str:
    """« Sans action prévue à ce jour : 9 résultats sous la cible, à décider » after the results
    that have one; when none has: « Points d'amélioration : les 14 résultats sous la cible sont
    sans action prévue à ce jour, à décider »."""
    count = len(unanswered(items))
    if count and count == len(items):
        verb = "est" if count == 1 else "sont"
        return (
            f"Points d'amélioration : {_results_under_target(count, count)} {verb} "
            f"{WITHOUT_ACTION}, à décider"
        )
    return f"{capitalised(WITHOUT_ACTION)} : " + (
        f"{format_count(count, 'résultat')} sous la cible, à décider"
        if count
        else "aucun résultat sous la cible"
    )


def plan_title(plan: ActionPlanFacts) -> str:
    """« Plan d'actions 2022 : 3 actions réalisées sur 11, 5 en retard »."""
    statuses = [row[-1] for row in plan.rows]
    done = statuses.count("réalisée")
    return (
        f"Plan d'actions {plan.year} : {format_number(done)} action{'s' if done > 1 else ''} "
        f"réalisée{'s' if done > 1 else ''} sur {format_number(len(statuses))}"
        + (f", {format_number(plan.late)} en retard" if plan.late else ", aucune en retard")
    )


def actions_ahead(planned: Sequence[PlannedAction]) -> list[PlannedAction]:
    """The actions planned after the period: the open ones not late."""
    return [a for a in planned if a.status != LATE]


def plan_ahead_title(ahead: Sequence[PlannedAction], period: int, during: bool = False) -> str:
    """« Les engagements pour 2023 : 3 actions prévues, la première pour mars 2023 »; a
    committee held ``during`` the year it presents engages for that year."""
    counted = format_count(len(ahead), "action prévue", "actions prévues")
    title = f"Les engagements pour {period if during else period + 1} : {counted}"
    if ahead and ahead[0].deadline != "–":
        title += f", la première pour {ahead[0].deadline}"
    return title


def trainings_title(trainings: TrainingFacts) -> str:
    """« Formation des agents 2022 : 49 formations suivies (52 en 2021) »."""
    return (
        f"Formation des agents {trainings.year} : "
        + format_count(trainings.total_current, "formation suivie", "formations suivies")
        + (f" ({format_number(trainings.total_previous)} en {trainings.year - 1})"
           if trainings.total_previous is not None else "")
    )  # fmt: skip


def template_emails_title(count: int) -> str:
    """« Courriels types soumis à votre avis : 3 modèles »."""
    return f"Courriels types soumis à votre avis : {format_count(count, 'modèle')}"
