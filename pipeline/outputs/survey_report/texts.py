"""The survey report's sentences, in French, written from the figures (never typed by hand).

Every text of the configuration, the catalogues, the meeting file or the data is written through
:func:`~pipeline.outputs.escaping.markdown_text` (shown as typed, never read as markup)."""

from __future__ import annotations

import pandas as pd

from pipeline.compute.survey.analysis import SurveyAnalysis
from pipeline.core.config import NOT_CONCERNED
from pipeline.core.formatting import format_number, format_percent
from pipeline.outputs.escaping import markdown_text as md


def quoted(text: str) -> str:
    """French quotation marks held to their text by no-break spaces: ``«\u00a0…\u00a0»``."""
    return f"«\u00a0{text}\u00a0»"


def title_text(analysis: SurveyAnalysis) -> str:
    """The report's title (Markdown heading)."""
    return f"# Enquête de satisfaction des usagers {analysis.period}"


def introduction_text(analysis: SurveyAnalysis, prefecture: str, window: str, mode: str) -> str:
    """The report's opening paragraph (Markdown): who, when, how many."""
    modes = analysis.choices[
        (analysis.choices["column"] == "mode") & (analysis.choices["year"] == analysis.period)
    ]
    split = ", ".join(
        f"{format_number(r.count)} {md(r.answer)}" for r in modes.itertuples() if r.count
    )
    when = f" s'est déroulée {md(window)}" if window else f" {analysis.period}"
    how = f", {md(mode[:1].lower() + mode[1:])}" if mode else ""
    years = analysis.years
    return (
        f"**{md(prefecture)}** — l'enquête annuelle de satisfaction des usagers{when}{how}. "
        f"**{format_number(analysis.questionnaires)} questionnaires** ont été exploités"
        + (f" : {split}" if split else "")
        + ". "
        + (
            f"Les évolutions sont calculées sur {format_number(len(years))} années "
            f"({years[0]} à {years[-1]})."
            if len(years) > 1
            else ""
        )
    )


def key_figures_text(analysis: SurveyAnalysis) -> str:
    """The headline in one paragraph (Markdown), as CLU decks write it."""
    parts = []
    overall = analysis.overall
    if overall is not None and pd.notna(overall["rate"]):
        parts.append(
            f"**{format_percent(overall['rate'])} des répondants sont satisfaits**, dont "
            f"{format_percent(overall['very_rate'])} de très satisfaits "
            f"(n = {format_number(overall['n'])})."
        )
    unrated = analysis.unrated
    if len(unrated):  # never a rate of 0 %: said, criterion by criterion
        listed = " ; ".join(quoted(label) for label in unrated["label"])
        parts.append(
            f"Sans taux en {analysis.period}, faute de réponse exploitable (tous les répondants "
            f"ont répondu {quoted(NOT_CONCERNED)} ou n'ont pas répondu) : {listed}."
        )
    criteria = analysis.current[~analysis.current["overall"] & (analysis.current["n"] > 0)]
    below = criteria[criteria["below_target"].astype(bool)]
    target = format_percent(analysis.settings.target, 0)
    if len(criteria):
        met = len(criteria) - len(below)
        parts.append(
            f"{format_number(met)} {plural(met, 'critère')} sur {format_number(len(criteria))} "
            f"{'atteint sa' if met <= 1 else 'atteignent leur'} cible"
            + (f" (cible par défaut : {target})." if len(below) else f" ({target}).")
        )
    if len(below):
        listed = " ; ".join(
            f"{quoted(md(r.label))} ({format_percent(r.rate)})"
            for r in below.sort_values("rate").itertuples()
        )
        parts.append(f"Sous la cible : {listed}.")
    up = analysis.changes[
        analysis.changes["significant"] & (analysis.changes["year_before"] == analysis.period - 1)
    ]
    if len(up):
        rises, falls = len(up[up["change"] > 0]), len(up[up["change"] < 0])
        said = [
            f"{format_number(count)} {plural(count, word)} {plural(count, 'significative')}"
            for count, word in ((rises, "hausse"), (falls, "baisse"))
            if count
        ]
        none = "aucune baisse" if not falls else "aucune hausse" if not rises else ""
        parts.append(f"Sur un an : {' et '.join(said)}" + (f", {none}." if none else "."))
    elif (analysis.changes["year_before"] == analysis.period - 1).any():
        parts.append("Sur un an, aucune évolution statistiquement significative.")
    return " ".join(parts)


def plural(count: int, word: str) -> str:
    """``plural(2, "critère")`` → ``"critères"``: a French noun or adjective after a count."""
    return word if abs(count) < 2 else word + "s"


def method_text(analysis: SurveyAnalysis) -> str:
    """How the figures are computed (Markdown list), with the thresholds of the catalogue."""
    settings, catalogue = analysis.settings, analysis.catalogue
    tests = int(analysis.changes["p_value"].notna().sum())
    chance = round(tests * settings.significance_level)
    lines = [
        "- **Dénominateur** : chaque critère a le sien, les répondants concernés qui ont "
        f"répondu ; {quoted('Non concerné')} et les réponses vides en sortent et sont comptés "
        "à part.",
    ]
    for name, scale in catalogue.scales.items():
        used = [q for q in catalogue.satisfaction_questions if q.type == name]
        if not used:
            continue
        if scale.is_marks:
            lines.append(
                f"- **Notes de {scale.min} à {scale.max}** : satisfait à partir de "
                f"{scale.satisfied_from}, très satisfait à partir de {scale.very_satisfied_from}, "
                f"mécontent en dessous de {scale.dissatisfied_threshold}"
                + (f" ; Services Publics+ : part des notes de {scale.high_from} ou plus."
                   if scale.high_from is not None else ".")
            )  # fmt: skip
        else:
            lines.append(
                f"- **Échelle {quoted(md(' / '.join(scale.levels)))}** : satisfaits = "
                f"{md(' + '.join(scale.satisfied))} ; mécontents = "
                f"{md(' + '.join(scale.dissatisfied_levels))}."
            )
    for q in catalogue.satisfaction_questions:
        if q.subgroup:
            population = catalogue.question(q.subgroup).label
            lines.append(
                f"- **{md(q.label)}** : calculé seulement parmi les répondants ayant répondu "
                f"oui à {quoted(md(population))}."
            )
    lines += [
        f"- **Cible** : {format_percent(settings.target, 0)} par défaut, réglable par question.",
        "- **Intervalle de confiance à 95\u00a0%** : méthode de Wilson, fiable aussi pour les taux "
        "proches de 100 %.",
        f"- **Petits effectifs** : un taux calculé sur moins de {settings.min_reliable_n} "
        "réponses est signalé (⚠ ou *) et n'entre pas dans le classement des points forts et "
        "faibles.",
    ]
    if tests:
        lines.append(
            "- **Évolutions** : test exact de Fisher bilatéral entre l'année présentée et chaque "
            f"année précédente ; seuil {format_percent(settings.significance_level, 0)}. Sur "
            f"{format_number(tests)} comparaisons, environ {format_number(chance)} "
            f"{'peut' if chance < 2 else 'peuvent'} être {plural(chance, 'significative')} par "
            "le seul hasard : une évolution isolée est à confirmer l'année suivante."
        )
    lines += [
        "- **Satisfaction nette** (Services Publics+) : part des satisfaits moins part des "
        "mécontents, en points.",
        "- **Verbatims** : classés par thème d'après des mots-clés ; les données personnelles "
        "sont masquées dès la lecture, et une remarque qui en contenait n'est jamais citée.",
    ]
    return "\n".join(lines)


def public_service_text(analysis: SurveyAnalysis) -> str:
    """What the Services Publics+ measures are (Markdown)."""
    marks = (
        f" et, pour les questions notées, la part des notes de {analysis.high_from} ou plus"
        if analysis.high_from is not None
        else ""
    )
    return (
        "Le programme Services Publics+ publie la satisfaction nette (part des satisfaits moins "
        f"part des mécontents){marks}."
    )


def subgroups_text(analysis: SurveyAnalysis) -> str:
    """How to read the subgroups (Markdown)."""
    if not analysis.breakdowns:
        return "*Aucun sous-groupe de répondants dans le questionnaire de cette année.*"
    return (
        "Les taux de satisfaction de chaque groupe de répondants (sous-groupes définis dans le "
        f"catalogue des questions). Un groupe de moins de {analysis.settings.min_reliable_n} "
        "réponses se lit avec prudence : son taux n'est pas coloré."
    )


def quotes_markdown(analysis: SurveyAnalysis) -> str:
    """The representative quotes, theme by theme (Markdown block quotes)."""
    blocks = []
    counts = analysis.theme_counts[analysis.theme_counts["year"] == analysis.period]
    for theme in counts[counts["count"] > 0].itertuples():
        quotes = analysis.quotes[analysis.quotes["theme"] == theme.theme]
        if quotes.empty:
            continue
        count = f"{format_number(theme.count)} {plural(theme.count, 'remarque')}"
        lines = [f"**{md(theme.theme)}** ({count})", ""]
        for quote in quotes.itertuples():
            times = f", {format_number(quote.times)} fois" if quote.times > 1 else ""
            lines.append(f"> {quoted(md(quote.quote))} *(remarque {quote.tone}{times})*\n>")
        blocks.append("\n".join(lines).rstrip(">\n"))
    return "\n\n".join(blocks)


def workbook_readme(analysis: SurveyAnalysis, prefecture: str, window: str) -> list[str]:
    """The « Lisez-moi » lines of the workbook: what, when, how many, how to read."""
    settings = analysis.settings
    return [
        f"{prefecture} — enquête de satisfaction {analysis.period}"
        + (f", {window}" if window else "")
        + f" : {format_number(analysis.questionnaires)} questionnaires.",
        "Les taux sont des proportions (format pourcentage) ; les écarts sont en points.",
        "Chaque critère a son propre dénominateur n : les répondants concernés qui ont répondu "
        "(« Non concerné » et sans réponse exclus, comptés à part).",
        f"Cible par défaut : {format_percent(settings.target, 0)} ; alerte sous "
        f"{settings.min_reliable_n} réponses ; évolutions : test exact de Fisher, seuil "
        f"{format_percent(settings.significance_level, 0)}.",
        "Fichier produit par la chaîne CLU (make survey) à partir des données brutes : ne pas "
        "le modifier à la main, le régénérer.",
    ]


def second_survey_text(analysis: SurveyAnalysis, title: str, window: str, sent: int | None) -> str:
    """The second survey's part of the report: its heading, its returns, and what a small
    sample means for reading it."""
    count = analysis.questionnaires
    returns = f"{format_number(count)} {plural(count, 'réponse')}"
    if sent:
        words = "questionnaire envoyé" if sent < 2 else "questionnaires envoyés"
        returns += f" sur {format_number(sent)} {words} ({format_percent(count / sent)})"
    lines = [f"## {md(title)}", "", f"{returns}" + (f", {md(window)}" if window else "") + "."]
    if count < analysis.settings.min_reliable_n:
        lines += ["", f"Moins de {format_number(analysis.settings.min_reliable_n)} réponses : "
                  "les résultats sont fragiles, chaque taux (⚠) se lit avec prudence, comme un "
                  "témoignage plutôt qu'une mesure."]  # fmt: skip
    return "\n".join(lines)
