"""A second survey (by e-mail, at the point numérique…) after the annual one: its returns in
one slide of key figures (questionnaires sent, answers, response rate, overall satisfaction),
then its results question by question, then what its respondents wrote. Small samples are
usual (3 replies of 40 sent): under the reliability threshold every figure is a count marked
« * » (« 2 sur 3 * »), never a percentage that would read as a measure, and the slides say so."""

from __future__ import annotations

from pipeline.core.formatting import format_count, format_number
from pipeline.core.formatting import format_percent as percent
from pipeline.outputs.deck import kinds
from pipeline.outputs.deck.kinds.tables import MAIN_ROWS
from pipeline.outputs.deck.story.common import Deck, annex_kicker


def add_second_survey(deck: Deck, kicker: str) -> None:
    second = deck.facts.second_survey
    if second is None:
        return
    with deck.named(f"{second.title} — réponses et résultat global"):
        _returns_slide(deck, kicker)
    with deck.named(f"{second.title} — résultats par question"):
        _results_slide(deck, kicker)
    with deck.named(f"{second.title} — ce que disent les répondants"):
        _quotes_slide(deck, kicker)
    if len(second.criteria_rows) > MAIN_ROWS:
        deck.later(lambda: add_second_survey_annex(deck, annex_kicker(kicker)))


def returns_title(deck: Deck) -> str:
    """« Enquête par courriel 2022 : 3 réponses sur 40 questionnaires envoyés (7,5 %),
    résultats fragiles »."""
    second = deck.facts.second_survey
    title = f"{second.title} {second.survey.year} : {second.returns}"
    if second.fragile:
        return title + ", résultats fragiles"
    if second.overall_text:
        title += f", {second.overall_text} de satisfaits"
    return title


def _returns_slide(deck: Deck, kicker: str) -> None:
    second = deck.facts.second_survey
    survey = second.survey
    figures = [(format_number(second.respondents),
                "réponses" if second.respondents > 1 else "réponse")]  # fmt: skip
    if second.sent:
        figures += [(format_number(second.sent), "questionnaires envoyés"),
                    (percent(second.response_rate), "taux de réponse")]  # fmt: skip
    if second.overall_text:
        figures.append((second.overall_text, "satisfaits (satisfaction générale)"))
    when = f"Enquête menée {survey.window}" if survey.window else "Enquête"
    footnote = when + (f", {survey.mode}" if survey.mode else "") + "."
    if second.fragile:
        footnote += " " + second.fragile_note
    kinds.add_key_figures_slide(deck.prs, returns_title(deck), figures, notes=second.summary,
                                kicker=kicker, footnote=footnote)  # fmt: skip


def _results_slide(deck: Deck, kicker: str) -> None:
    second = deck.facts.second_survey
    rows = second.criteria_rows
    if not rows:
        return
    survey = second.survey
    if second.fragile:
        answers = format_count(second.respondents, "réponse")
        title = f"{second.title} : résultats par question sur {answers}, à lire avec prudence"
    else:
        below = [r for r in survey.criteria.itertuples() if bool(r.below_target)]
        title = f"{second.title} : " + (
            f"{format_count(len(below), 'question')} sous la cible de {percent(survey.target, 0)}"
            if below else f"toutes les questions à la cible de {percent(survey.target, 0)} ou plus"
        )  # fmt: skip
    shown = rows[:MAIN_ROWS]
    left = len(rows) - len(shown)
    footnote = second.fragile_note
    if left:
        footnote += f" {format_count(left, 'autre question', 'autres questions')} en annexe."
    notes = (
        "Part des répondants satisfaits parmi ceux qui ont répondu à la question (réponses). "
        + "\u00a0; ".join(f"{label} : {satisfied} ({n} réponses)" for label, n, satisfied in rows)
        + "."
    )
    kinds.add_table_slide(
        deck.prs, title, ["Question", "Réponses", "Satisfaits"], shown,
        footnote=footnote.strip() or None, notes=notes, kicker=kicker,
    )  # fmt: skip


def _quotes_slide(deck: Deck, kicker: str) -> None:
    second = deck.facts.second_survey
    quotes = second.survey.quotes
    if not quotes:
        return
    cards = [(q.theme, format_count(q.count, "remarque"), q.quote, q.critical) for q in quotes]
    total = quotes[0].remarks
    title = f"{second.title} : {format_count(total, 'remarque')} des répondants"
    notes = " ".join(f"{q.theme} : « {q.quote} »." for q in quotes)
    kinds.add_quotes_slide(deck.prs, title, cards, notes=notes, kicker=kicker)


def add_second_survey_annex(deck: Deck, kicker: str) -> None:
    second = deck.facts.second_survey
    kinds.add_table_slide(
        deck.prs, f"{second.title} {second.survey.year} : résultats par question",
        ["Question", "Réponses", "Satisfaits"], second.criteria_rows,
        footnote=second.fragile_note or None, notes=second.summary, kicker=kicker, annex=True,
    )  # fmt: skip
