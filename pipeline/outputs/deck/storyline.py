"""The CLU deck, assembled from the meeting's agenda and the computed facts.

The main deck tells the year (about twenty slides for a préfecture with every source): cover,
agenda, the label, « L'essentiel de l'année », what changed, then each agenda section in its
order (:mod:`pipeline.outputs.deck.story`), questions and thanks; every table the main deck leaves
out follows in an annex, after a divider. A section without data for the year is a line on the
agenda and on « L'essentiel », never a slide of its own. Every figure's words come from
:mod:`pipeline.facts`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from pipeline import __version__
from pipeline.core.context import Context, resolve
from pipeline.core.formatting import format_date
from pipeline.core.meeting import AgendaItem, guest_sections
from pipeline.core.stable_zip import stable_zip
from pipeline.core.writing import write_bytes
from pipeline.facts.documents import Facts, load_facts
from pipeline.outputs.deck import kinds
from pipeline.outputs.deck import pptx_xml as xml
from pipeline.outputs.deck.kinds.base import KICKER_NAME
from pipeline.outputs.deck.story import (
    actions,
    complaints,
    feedback,
    indicators,
    mystery,
    opening,
    second_survey,
    survey,
)
from pipeline.outputs.deck.story.common import Deck, absence

SECTIONS: dict[str, Callable[[Deck, str], None]] = {
    "quality_approach": opening.add_approach,
    "indicators": indicators.add_indicators,
    "survey": survey.add_survey,
    "second_survey": second_survey.add_second_survey,
    "mystery": mystery.add_mystery,
    "complaints": complaints.add_complaints,
    "feedback": feedback.add_feedback,
    "template_emails": actions.add_template_emails,
    "action_plan": actions.add_action_plan,
    "trainings": actions.add_trainings,
}


def add_guests(deck: Deck, host: AgendaItem | None) -> None:
    """The sections the agenda gives no item that follow ``host`` (None: before the
    questions): the second survey after the survey, the feedback platform after the
    complaints, under their host's name (or their own, without a host)."""
    facts = deck.facts
    placed = guest_sections([item.section for item in facts.meeting.agenda])
    for guest, after in placed.items():
        if after == (host.section if host else "") and not absence(facts, guest):
            SECTIONS[guest](deck, host.title if host else guest_kicker(facts, guest))


def guest_kicker(facts: Facts, section: str) -> str:
    """A guest section's own name, above its slides' titles when no agenda item hosts it."""
    if section == "second_survey":
        return facts.second_survey.title
    return feedback.KICKER


def add_section(deck: Deck, item: AgendaItem) -> None:
    if item.section == "questions":  # the questions, then the thanks, on one slide
        thanks = f"Merci de votre attention\n{deck.facts.contact}".strip()
        kinds.add_closing_slide(deck.prs, item.title, thanks,
                                notes="Place aux questions des membres du comité.")  # fmt: skip
        return
    if absence(deck.facts, item.section):  # a line on the agenda and on « L'essentiel »
        return
    SECTIONS[item.section](deck, item.title)


def add_annex(deck: Deck) -> None:
    """The divider, then every table the main deck left out, and the method."""
    facts = deck.facts
    kinds.add_section_slide(
        deck.prs, "Annexes", notes="Les tableaux complets et la méthode, pour mémoire."
    )
    for builder in deck.annex:
        builder()
    _transparence_slide(deck)
    _method_slide(deck)
    return facts


def _transparence_slide(deck: Deck) -> None:
    """What was published, and when: the poster's results as a visitor reads them."""
    publication = deck.facts.publication
    if publication is None:
        return
    rows = [
        [line.sentence[:1].upper() + line.sentence[1:] + (f" ({line.note})" if line.note else ""),
         line.goal or "–", line.status or "–"]
        for line in publication.poster.lines
    ]  # fmt: skip
    kinds.add_table_slide(
        deck.prs, f"Transparence : les résultats {deck.facts.period} publiés",
        ["Ce que lit le visiteur", "Objectif", "Statut"], rows, col_widths=[7.6, 2.4, 2.1],
        footnote=publication.sentence, notes=publication.sentence,
        kicker="Annexe — résultats publiés", annex=True,
    )  # fmt: skip


def method_lines(facts: Facts) -> list[str]:
    """How the figures are made, for the record (the annex's last slide)."""
    lines = [
        "Jours ouvrés : du lundi au vendredi hors jours fériés ; le jour de réception n'est pas "
        "compté.",
        "Une valeur sans demande sur la période se lit « aucune demande », jamais 0 %.",
    ]
    if facts.survey is not None:
        survey = facts.survey
        lines += [
            "Enquête : chaque critère est rapporté aux répondants concernés qui y ont répondu "
            f"(n) ; sous {survey.min_reliable_n} réponses, un taux est à lire avec prudence.",
            "Une évolution n'est dite significative que si le test exact de Fisher la retient au "
            f"seuil de {int(survey.significance_level * 100)}\u00a0%.",
            "Remarques libres classées par thème (mots-clés) ; la remarque citée pour un thème "
            "faible est une critique, d'après les réponses de son auteur.",
        ]
    if facts.second_survey is not None:
        second = facts.second_survey
        lines.append(
            f"{second.title} : mêmes règles que l'enquête annuelle ; sous "
            f"{second.survey.min_reliable_n} réponses, un résultat est donné en nombre et "
            "marqué « * » (résultat fragile)."
        )
    if facts.feedback is not None:
        lines.append(
            f"{facts.feedback.name} : les expériences des structures de la préfecture, lues "
            "dans l'export de la plateforme ; le ton d'une expérience est le ressenti de son "
            "auteur, ses thèmes viennent des mots-clés de l'enquête."
        )
    if facts.mystery is not None:
        lines.append(
            "Appels et courriels mystère : un critère est jugé sur les appels où il a été "
            "évalué ; un point fort dépasse la cible, une preuve citée vient d'un appel conforme."
        )
    if facts.improvements:
        lines.append(
            "Points d'amélioration : l'action est celle du plan qui vise le résultat (colonne "
            "« Point visé »), sinon celle dont l'objectif en partage les mots (à vérifier)."
        )
    return lines


def _method_slide(deck: Deck) -> None:
    lines = method_lines(deck.facts)
    kinds.add_bullets_slide(
        deck.prs, "Méthode : comment les chiffres sont établis", lines,
        notes=" ".join(lines), kicker="Annexe — méthode", annex=True,
    )  # fmt: skip


def _name_the_others(prs) -> None:
    """Every slide not named by its section takes its section name and title as its name."""
    for slide in prs.slides:
        if not slide.name:
            kicker = next((s.text_frame.text for s in slide.shapes if s.name == KICKER_NAME), "")
            title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
            slide.name = " — ".join(part for part in (kicker, title) if part)


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


def left_out_line(title: str, why: str) -> str:
    """The run log's line for an agenda section without data."""
    return f"Section « {title} » : {why} ; l'ordre du jour et « L'essentiel » le disent."


def build_deck(
    ctx: Context, template_path: str | Path | None = None, build: str = ""
) -> tuple[Path, list[str]]:
    """Write the period's deck to output/<period>/; returns its path and the run log's lines
    for the agenda sections the data cannot fill."""
    facts = load_facts(ctx)
    meeting = facts.meeting
    prs = kinds.new_presentation(resolve(template_path) if template_path else None)
    kinds.set_footer(prs, f"{meeting.committee} — {format_date(meeting.date)}")
    deck = Deck(prs, facts)
    opening.add_cover(deck)
    opening.add_agenda(deck)
    sections = [item.section for item in meeting.agenda]
    if "quality_approach" not in sections:
        opening.add_essentials(deck)
        opening.add_changes(deck, "L'année écoulée")
    left_out = []
    first_questions = next((i for i in meeting.agenda if i.section == "questions"), None)
    for item in meeting.agenda:
        if item is first_questions:  # the guests without a host, before the questions
            add_guests(deck, None)
        add_section(deck, item)
        if item.section != "questions":
            add_guests(deck, item)
        if item.section == "quality_approach":
            opening.add_essentials(deck)
            opening.add_changes(deck, item.title)
        why = absence(facts, item.section)
        if why:
            left_out.append(left_out_line(item.title, why))
    if "questions" not in sections:
        add_guests(deck, None)
        kinds.add_closing_slide(prs, "Merci de votre attention", facts.contact)
    add_annex(deck)
    _name_the_others(prs)
    _fix_properties(prs, facts, build)
    buffer = io.BytesIO()
    prs.save(buffer)  # fixed entry times: the same inputs give the same file, byte for byte
    stamp = f"{facts.meeting.date.isoformat()}T00:00:00Z"
    write_bytes(ctx.paths.deck, stable_zip(buffer.getvalue(), stamp))  # (never half a deck)
    return ctx.paths.deck, left_out
