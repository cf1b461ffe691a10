"""The users' feedback platform (« Donnez votre avis », Services Publics+): how many
experiences users shared, how they felt, how many received a reply, then what they wrote about
(an experience quoted per theme, a negative one where the theme is mostly criticised). The
channels go to the annex. A few experiences are testimonies, not a measure: their shares are
written as counts (« 3 sur 5 ») and the slide says so."""

from __future__ import annotations

from pipeline.core.formatting import format_count, format_number
from pipeline.outputs.deck import kinds
from pipeline.outputs.deck.story.common import Deck, annex_kicker

KICKER = "Avis des usagers en ligne"  # when the agenda gives the platform no item of its own


def add_feedback(deck: Deck, kicker: str) -> None:
    feedback = deck.facts.feedback
    if feedback is None:
        return
    with deck.named("Plateforme d'avis — expériences partagées"):
        _experiences_slide(deck, kicker)
    with deck.named("Plateforme d'avis — ce que partagent les usagers"):
        _quotes_slide(deck, kicker)
    if len(feedback.channels):
        deck.later(lambda: add_feedback_annex(deck, annex_kicker(kicker)))


def experiences_title(deck: Deck) -> str:
    """« « Donnez votre avis » (Services Publics+) 2022 : 5 expériences partagées, 4 positives,
    1 négative, 3 sur 5 avec une réponse »."""
    feedback = deck.facts.feedback
    title = f"{feedback.name} {feedback.year} : {feedback.counted}"
    title += f", {feedback.feelings}" if feedback.feelings else ""
    return title + f", {feedback.replied_text} avec une réponse"


def _experiences_slide(deck: Deck, kicker: str) -> None:
    feedback = deck.facts.feedback
    figures = [(format_number(feedback.experiences),
                "expériences partagées" if feedback.experiences > 1 else "expérience partagée"),
               (format_number(feedback.positive), "au ressenti positif"),
               (format_number(feedback.negative), "au ressenti négatif"),
               (feedback.replied_text, "avec une réponse de la préfecture")]  # fmt: skip
    notes = [feedback.summary]
    if feedback.rating_text:
        notes.append(f"Note moyenne : {feedback.rating_text}.")
    notes.append(feedback.channels_text)
    if feedback.fragile:
        notes.append(
            f"Sur {format_count(feedback.experiences, 'expérience')}, ce sont des témoignages, "
            "pas une mesure de la satisfaction : les parts sont données en nombre."
        )
    footnote = " ".join(part for part in notes[1:] if part)
    kinds.add_key_figures_slide(deck.prs, experiences_title(deck), figures,
                                notes=" ".join(p for p in notes if p), kicker=kicker,
                                footnote=footnote)  # fmt: skip


def _quote_meta(count: int, critical: int | None) -> str:
    """« 2 expériences · 1 négative »."""
    text = format_count(count, "expérience")
    if critical:
        text += f" · {format_count(critical, 'négative')}"
    return text


def _quotes_slide(deck: Deck, kicker: str) -> None:
    feedback = deck.facts.feedback
    if not feedback.quotes:
        return
    cards = [(q.theme, _quote_meta(q.count, q.critical_count), q.quote, q.critical)
             for q in feedback.quotes]  # fmt: skip
    weak = [q for q in feedback.quotes if q.needed]
    top = max(feedback.quotes, key=lambda q: q.count)
    title = f"Ce que partagent les usagers : « {top.theme.lower()} » en tête"
    if weak:
        title += f", des critiques sur « {weak[0].theme.lower()} »"
    notes = (
        "Les textes des expériences sont classés par thème avec le dictionnaire de mots-clés de "
        "l'enquête (une expérience peut relever de plusieurs thèmes) ; le ton de l'expérience "
        "citée est le ressenti de son auteur. "
        + " ".join(f"{q.theme} : « {q.quote} »." for q in feedback.quotes)
    )
    kinds.add_quotes_slide(deck.prs, title, cards, notes=notes, kicker=kicker)


def add_feedback_annex(deck: Deck, kicker: str) -> None:
    feedback = deck.facts.feedback
    rows = [
        [str(row.channel)[:1].upper() + str(row.channel)[1:], format_number(row.experiences),
         format_number(row.positive), format_number(row.negative), format_number(row.replied)]
        for row in feedback.channels.itertuples()
    ]  # fmt: skip
    with deck.named("Annexe — plateforme d'avis — expériences par canal"):
        kinds.add_table_slide(
            deck.prs, f"{feedback.name} {feedback.year} : expériences par canal",
            ["Canal", "Expériences", "Positives", "Négatives", "Avec réponse"], rows,
            notes=feedback.summary, kicker=kicker, annex=True,
        )  # fmt: skip
