"""Mystery calls and e-mails: each criterion against its target (a bar chart, criteria under the
target in the warning colour), strengths and points to watch with the evidence that agrees with
them, and the e-mails' checks. The stages' rates and the full e-mail table go to the notes and
the annex."""

from __future__ import annotations

from pipeline.core.formatting import format_count, format_number
from pipeline.core.formatting import format_percent as percent
from pipeline.facts import findings, titles
from pipeline.facts.findings import capitalised
from pipeline.facts.sections import email_value
from pipeline.outputs.deck import kinds
from pipeline.outputs.deck.story.common import Deck, acronyms_note, label_with_n
from pipeline.outputs.deck.story.indicators import chosen_rows

MAX_POINTS = 4  # strengths and points to watch shown on each side


def add_mystery(deck: Deck, kicker: str) -> None:
    mystery = deck.facts.mystery
    if mystery is None:
        return
    if mystery.calls:
        with deck.named("Appels mystère — critères"):
            _calls_slide(deck, kicker)
        with deck.named("Appels mystère — points forts et points de vigilance"):
            _points_slide(deck, kicker)
    if mystery.emails_sent:
        with deck.named("Courriels mystère"):
            _emails_slide(deck, kicker)


def _campaign(deck: Deck) -> str:
    mystery = deck.facts.mystery
    calls = format_count(mystery.calls, "appel mystère", "appels mystère")
    return calls + (f" {mystery.window}" if mystery.window else "")


def _calls_slide(deck: Deck, kicker: str) -> None:
    mystery = deck.facts.mystery
    measures = list(deck.facts.call_results)
    answered = f"{percent(mystery.answered_rate)} d'appels aboutis"
    notes = (
        f"{_campaign(deck)} ; {format_number(mystery.answered)} ont abouti "
        f"({percent(mystery.answered_rate)}). "
        + (f"{titles.stages_line(mystery.stages)} " if len(mystery.stages) else "")
        + (
            f"{format_count(mystery.over_max_rings, 'appel décroché', 'appels décrochés')} "
            f"après plus de {mystery.max_rings} sonneries. "
            if mystery.rings_noted
            else ""
        )
        + "Un critère est jugé sur les appels où il a été évalué (n)."
    )
    if not measures:  # a grid that notes whether calls were answered, and no criterion
        slide = kinds.add_key_figures_slide(
            deck.prs, f"Appels mystère {mystery.year} : {answered}",
            [(percent(mystery.answered_rate), "d'appels aboutis")], notes=notes, kicker=kicker,
            footnote=f"{capitalised(_campaign(deck))}.",
        )  # fmt: skip
        slide.name = "Appels mystère — appels aboutis"
        return
    target_text = percent(mystery.target, 0)
    legend = f"En orange : sous la cible de {target_text}. {_campaign(deck)} : {answered}"
    if mystery.rings_noted:
        within = mystery.rings_noted - mystery.over_max_rings
        legend += (
            f", {percent(within / mystery.rings_noted)} décrochés en {mystery.max_rings} "
            "sonneries au plus"
        )
    legend += "."
    if len(mystery.stages):
        legend += " " + titles.stages_line(mystery.stages)
    if any(m.fragile for m in measures):
        legend += " * Peu d'appels évalués : à lire avec prudence."
    kinds.add_bar_chart_slide(
        deck.prs, findings.group_title("Appels mystère", measures, "critère"),
        [label_with_n(m) for m in measures], [m.value or 0.0 for m in measures],
        target=mystery.target, notes=notes, missed=[m.missed for m in measures],
        legend=legend, kicker=kicker,
        alt_text="Appels mystère, part des appels conformes par critère : "
        + "\u00a0; ".join(f"{m.label} : {m.value_text}" for m in measures),
    )  # fmt: skip


def _points_slide(deck: Deck, kicker: str) -> None:
    mystery = deck.facts.mystery
    if not (mystery.positives or mystery.vigilance):
        return
    title = titles.mystery_points_title(mystery.positives, mystery.vigilance)
    notes = (
        f"Points forts (nettement au-dessus de la cible de {percent(mystery.target, 0)}) : "
        + "\u00a0; ".join(mystery.positives)
        + ". En dessous : "
        + "\u00a0; ".join(mystery.vigilance)
        + ". Les observations citées viennent des appels jugés conformes (points forts) ou non "
        "conformes (points de vigilance) sur ce critère."
    )
    kinds.add_two_lists_slide(
        deck.prs, title, ("Points forts", mystery.positives[:MAX_POINTS]),
        ("Points de vigilance", mystery.vigilance[:MAX_POINTS]), notes=notes, kicker=kicker,
    )  # fmt: skip


def _emails_slide(deck: Deck, kicker: str) -> None:
    mystery = deck.facts.mystery
    measures = list(deck.facts.email_results)
    shown = {row.code: email_value(row) for row in mystery.emails.itertuples()}  # (n/N)
    kept, left = chosen_rows(measures)  # (those under their target first: all on the slide)
    rows = [[m.short, shown.get(m.code, m.value_text), m.target_text, m.status or "–"]
            for m in kept]  # fmt: skip
    sent = format_count(mystery.emails_sent, "courriel mystère envoyé", "courriels mystère envoyés")
    title = findings.group_title("Courriels mystère", measures, "critère")
    notes = (
        f"{sent}"
        + (f" {mystery.emails_window}" if mystery.emails_window else "")
        + ". "
        + " ".join(f"{row.label} : {email_value(row)}." for row in mystery.emails.itertuples())
        + " Réponses et délais rapportés aux courriels envoyés (sans réponse = hors délai)."
    )
    footnote = f"{sent.capitalize()}" + (f" {mystery.emails_window}." if mystery.emails_window
                                         else ".")  # fmt: skip
    if left:
        footnote += (
            " Aussi : "
            + ", ".join(
                f"{findings.lowered(m.short)} {shown.get(m.code, m.value_text)}" for m in left
            )
            + "."
        )
    kinds.add_table_slide(
        deck.prs, title, ["Critère", "Résultat", "Cible", "Statut"], rows, status_col=3,
        footnote=f"{footnote} {acronyms_note(sum(rows, []))}".strip(), notes=notes, kicker=kicker,
    )  # fmt: skip
