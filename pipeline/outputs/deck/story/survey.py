"""The satisfaction survey: the method in one slide of key figures, satisfaction by criterion
(bars under the target in the warning colour, every rate with its n), what changed
significantly since last year, and what users say (a remark per main theme, a critical one where
the theme is weak). Profile, subgroups, the full trend and the method go to the annex."""

from __future__ import annotations

from pipeline.core.formatting import format_count, format_number, format_points
from pipeline.core.formatting import format_percent as percent
from pipeline.facts import titles
from pipeline.facts.findings import lowered
from pipeline.facts.measures import Measure
from pipeline.outputs.deck import kinds
from pipeline.outputs.deck.kinds.tables import MAIN_ROWS
from pipeline.outputs.deck.story.common import Deck, annex_kicker, label_with_n


def add_survey(deck: Deck, kicker: str) -> None:
    survey = deck.facts.survey
    if survey is None:
        return
    with deck.named("Enquête — méthode et résultat global"):
        _method_slide(deck, kicker)
    with deck.named("Enquête — satisfaction par critère"):
        _criteria_slide(deck, kicker)
    with deck.named("Enquête — évolutions significatives"):
        _changes_slide(deck, kicker)
    with deck.named("Enquête — ce que disent les usagers"):
        _quotes_slide(deck, kicker)
    deck.later(lambda: add_survey_annex(deck, annex_kicker(kicker)))


def overall_title(deck: Deck) -> str:
    """« Enquête de satisfaction 2022 : 96,1 % des usagers satisfaits, +3,2 pts sur un an »."""
    return titles.survey_title(deck.facts.survey, deck.facts.overall_previous)


def _method_slide(deck: Deck, kicker: str) -> None:
    survey = deck.facts.survey
    net = deck.facts.scheme.catalogue.net_satisfaction
    exploited = "questionnaire exploité" if survey.respondents == 1 else "questionnaires exploités"
    figures = [(format_number(survey.respondents), exploited)]
    if survey.overall_rate is not None:
        figures.append((percent(survey.overall_rate), "d'usagers satisfaits"))
        if survey.overall_very_rate is not None:
            figures.append((percent(survey.overall_very_rate), "de très satisfaits"))
    if net and survey.net_satisfaction is not None:
        points = format_number(survey.net_satisfaction * 100, 1)
        figures.append((f"+{points}" if survey.net_satisfaction >= 0 else points,
                        "points de satisfaction nette"))  # fmt: skip
    if net and survey.high_mark_rate is not None and survey.high_from:
        figures.append((percent(survey.high_mark_rate), f"de notes de {survey.high_from} ou plus"))
    if len(figures) > 4:
        figures = [figure for figure in figures if figure[1] != "de très satisfaits"]
    when = f"Enquête menée {survey.window}" if survey.window else "Enquête"
    footnote = when + (f", {survey.mode}" if survey.mode else "") + "."
    notes = (
        footnote
        + " "
        + format_count(survey.respondents, "questionnaire exploité", "questionnaires exploités")
        + "."
    )
    if survey.overall_rate is not None:
        notes += (
            f" Satisfaction générale : {percent(survey.overall_rate)} de satisfaits (n = "
            f"{format_number(survey.overall_n)}), dont {percent(survey.overall_very_rate)} de "
            "très satisfaits."
        )
    if net and survey.net_satisfaction is not None:
        notes += (
            " La satisfaction nette (part des satisfaits moins part des mécontents, mesure "
            f"Services Publics+) est de {format_number(survey.net_satisfaction * 100, 1)} points."
        )
    kinds.add_key_figures_slide(deck.prs, overall_title(deck), figures, notes=notes,
                                kicker=kicker, footnote=footnote)  # fmt: skip


def _criteria_slide(deck: Deck, kicker: str) -> None:
    survey = deck.facts.survey
    measures: list[Measure] = list(deck.facts.survey_results)
    if not measures:  # every criterion without an answer that counts: no chart, said so
        sentence = survey.unrated_sentence or "Aucun critère évalué."
        title = f"Satisfaction par critère : {lowered(sentence)}"
        kinds.add_bullets_slide(deck.prs, title, [sentence], notes=sentence, kicker=kicker)
        return
    least = survey.min_reliable_n
    categories = [label_with_n(m) for m in measures]
    values = [m.value or 0.0 for m in measures]
    missed = [m.missed for m in measures]
    target_text = percent(survey.target, 0)
    legend = f"En orange : sous la cible de {target_text}."
    if any(m.fragile for m in measures):
        legend += f" * Moins de {least} réponses : à lire avec prudence."
    below = [m for m in measures if m.missed]
    notes = (
        f"{format_count(len(below), 'critère')} sous la cible de {target_text} : "
        + "\u00a0; ".join(f"{m.label} ({m.value_text}, n = {m.n})" for m in below)
        + "."
        if below
        else f"Tous les critères atteignent la cible de {target_text}."
    )
    notes += (
        " Chaque taux est la part des satisfaits parmi les répondants concernés qui ont répondu"
        " à la question (n)."
    )
    if survey.unrated:
        notes += " " + survey.unrated_sentence
        legend += " " + survey.unrated_sentence
    kinds.add_bar_chart_slide(
        deck.prs, titles.criteria_finding(measures, target_text), categories, values,
        target=survey.target, notes=notes, missed=missed, legend=legend, kicker=kicker,
        alt_text="Taux de satisfaction par critère : " + "\u00a0; ".join(
            f"{m.label} : {m.value_text}" for m in measures),
    )  # fmt: skip


def _changes_slide(deck: Deck, kicker: str) -> None:
    """What changed significantly since last year (Fisher's exact test, in the notes)."""
    survey = deck.facts.survey
    year = survey.year
    significant = [
        m for m in deck.facts.survey_results
        if m.code in deck.facts.significant and m.previous is not None
    ]  # fmt: skip
    if not significant or len(survey.years) < 2:
        return
    ordered = sorted(significant, key=lambda m: -abs(m.change))[:MAIN_ROWS]
    rows = [
        [m.short, percent(m.previous), m.value_text, format_points(m.value - m.previous)]
        for m in ordered
    ]
    title = titles.survey_changes_title(year, significant)
    notes = (
        f"Évolutions significatives depuis {year - 1} (test exact de Fisher au seuil de "
        f"{percent(survey.significance_level, 0)}) : "
        + "\u00a0; ".join(f"{m.label} {format_points(m.value - m.previous)}" for m in significant)
        + ". Les autres écarts peuvent tenir au hasard de l'échantillon."
    )
    left = len(significant) - len(ordered)
    footnote = "Seules les évolutions qui ne tiennent pas au hasard de l'échantillon sont montrées."
    if left:
        footnote += f" {left} autre{'s' if left > 1 else ''} en annexe."
    kinds.add_table_slide(
        deck.prs, title, ["Critère", str(year - 1), str(year), "Évolution"], rows,
        footnote=footnote, notes=notes, kicker=kicker,
    )  # fmt: skip


def _quotes_slide(deck: Deck, kicker: str) -> None:
    survey = deck.facts.survey
    if not survey.quotes:
        return
    cards = [(q.theme, _quote_meta(q), q.quote, q.critical) for q in survey.quotes]
    total = survey.quotes[0].remarks
    title = titles.quotes_title(survey.quotes)
    notes = (
        f"{format_count(total, 'remarque libre', 'remarques libres')} cette année, classées par "
        "thème (une remarque peut relever de plusieurs thèmes). Pour chaque thème, la remarque "
        "la plus représentative ; là où un critère du thème est sous sa cible, une remarque "
        "critique, reconnue comme telle par les réponses de son auteur. "
        + " ".join(f"{q.theme} : « {q.quote} »." for q in survey.quotes)
    )
    kinds.add_quotes_slide(deck.prs, title, cards, notes=notes, kicker=kicker)


def _quote_meta(quote) -> str:
    """« 5 remarques · 3 critiques »."""
    text = format_count(quote.count, "remarque")
    if quote.critical_count:
        text += f" · {format_count(quote.critical_count, 'critique')}"
    return text


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]


# --- annex ---------------------------------------------------------------------------------------


def add_survey_annex(deck: Deck, kicker: str) -> None:
    survey = deck.facts.survey
    if len(survey.years) >= 2:
        kinds.add_table_slide(
            deck.prs, f"Enquête de satisfaction : évolution {survey.years[0]}–{survey.year}",
            survey.trend_header, survey.trend_rows,
            footnote="* évolution significative (test exact de Fisher au seuil de "
            f"{percent(survey.significance_level, 0)}).",
            notes="Taux de satisfaction par critère et par année, avec la cible.",
            kicker=kicker, annex=True,
        )  # fmt: skip
    for chart in survey.profiles:
        answers = chart.answers
        pairs = list(zip(answers["answer"], answers["share"], strict=True))
        listing = "\u00a0; ".join(f"{a} : {percent(s)}" for a, s in pairs)
        several = "Plusieurs réponses possibles : chaque part est rapportée aux répondants. "
        kinds.add_chart_slide(
            deck.prs,
            f"Profil des répondants {survey.year} : {chart.title[0].lower() + chart.title[1:]}",
            chart.kind, [str(a)[0].upper() + str(a)[1:] for a, _ in pairs],
            {"Part des répondants": [float(share) for _, share in pairs]},
            maximum=1.0 if chart.kind == "bar" else None,
            alt_text=f"{chart.label} : {listing}",
            notes=(several if chart.multiple else "") + f"{chart.label} : {listing}.",
            kicker=kicker, footnote=several.strip() if chart.multiple else "",
        )  # fmt: skip
    for group in survey.subgroups:
        if not group.n:
            continue
        figures = [(format_number(group.respondents), f"répondants {group.who}"),
                   (percent(group.rate), "satisfaits")]  # fmt: skip
        if group.very_rate is not None:
            figures.append((percent(group.very_rate), "très satisfaits"))
        kinds.add_key_figures_slide(
            deck.prs,
            titles.subgroup_title(group, survey.year),
            figures, kicker=kicker,
            notes=f"« {group.label} » : le taux est calculé parmi les seuls répondants "
            f"{group.who} ({format_number(group.respondents)}, dont {format_number(group.n)} "
            f"ont répondu).",
        )  # fmt: skip
    if survey.strengths or survey.weaknesses:
        kinds.add_two_lists_slide(
            deck.prs, f"Enquête {survey.year} : points forts et axes d'amélioration",
            ("Points forts", survey.strengths), ("Axes d'amélioration", survey.weaknesses),
            notes="Points forts : " + "\u00a0; ".join(survey.strengths) + ". Axes "
            "d'amélioration : " + "\u00a0; ".join(survey.weaknesses) + ".", kicker=kicker,
        )  # fmt: skip
