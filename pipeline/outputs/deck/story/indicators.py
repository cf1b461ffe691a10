"""The quality indicators, one slide per channel as the members live them (accueil, téléphone,
internet, courriers et courriels, titres, élus…): a compact table — the indicator, its target, the
year before, the year, its status — under a title that states the channel's finding. The full
tables by module or engagement, with their references, go to the annex."""

from __future__ import annotations

from itertools import groupby

from pipeline.compute.indicators import HOLDING_COUNTED, HOLDING_NOT_COUNTED
from pipeline.core.formatting import format_value
from pipeline.facts import findings
from pipeline.facts.measures import Measure
from pipeline.outputs.deck import kinds
from pipeline.outputs.deck.kinds.tables import MAIN_ROWS
from pipeline.outputs.deck.story.common import Deck, acronyms_note, annex_kicker


def chosen_rows(measures: list[Measure]) -> tuple[list[Measure], list[Measure]]:
    """At most MAIN_ROWS results for a main slide, those under their target first kept, then
    those with a target, in the catalogue's order; the others go to the annex."""
    ranked = sorted(measures, key=lambda m: (not m.missed, m.status is None))
    kept = {id(m) for m in ranked[:MAIN_ROWS]}
    return [m for m in measures if id(m) in kept], [m for m in measures if id(m) not in kept]


def _before(measure: Measure) -> str:
    return format_value(measure.previous, measure.unit) if measure.previous is not None else "–"


def add_channel_slide(deck: Deck, channel: str, measures: list[Measure], kicker: str) -> None:
    year, columns = deck.facts.period, deck.facts.columns
    shown, left = chosen_rows(measures)
    header = ["Indicateur", "Cible", str(year - 1), str(year), "Statut"]
    rows = [[m.short, m.target_text, _before(m), m.with_note(), m.status or "–"] for m in shown]
    statuses = None
    if columns.unit != "years":  # a committee during the year: its months (or quarters)
        before = len(columns.labels) < 4  # the year before, while five columns hold
        header = ["Indicateur (cible)", *([str(year - 1)] if before else []), *columns.labels]
        empty = (("non suivi", None),) * len(columns.labels)
        cells = [(columns.cells or {}).get(m.code, empty) for m in shown]
        rows = [
            [m.short + (f" ({m.target_text})" if m.target_text != "–" else ""),
             *([_before(m)] if before else []), *(text for text, _ in own)]
            for m, own in zip(shown, cells, strict=True)
        ]  # fmt: skip
        statuses = [[None, *([None] if before else []), *(s for _, s in own)] for own in cells]
    notes = " ".join(f"{findings.capitalised(findings.finding(m))}." for m in measures) + (
        f" {findings.all_met(measures)}" if findings.all_met(measures) else ""
    )
    footnotes = []
    if left:
        footnotes.append(
            f"Aussi suivis (en annexe) : {', '.join(findings.lowered(m.short) for m in left)}."
        )
    acronyms = acronyms_note([m.short for m in shown])
    if acronyms:
        footnotes.append(acronyms)
    rules = {m.note for m in measures if m.fragile}
    if rules:
        notes += " Un taux calculé sur peu de demandes est à lire avec prudence."
    kinds.add_table_slide(
        deck.prs, findings.group_title(channel, measures), header, rows,
        status_col=4 if statuses is None else None, cell_status=statuses,
        footnote=" ".join(footnotes) or None, notes=notes, kicker=kicker,
    )  # fmt: skip


def add_indicators(deck: Deck, kicker: str) -> None:
    facts = deck.facts
    for channel, group in groupby(facts.indicators, key=lambda m: m.channel):
        measures = list(group)
        if any(m.value is not None for m in measures):
            with deck.named(f"Indicateurs — {channel}"):
                add_channel_slide(deck, channel, measures, kicker)
    deck.later(lambda: add_indicator_annex(deck, annex_kicker(kicker)))


def _months_note(months: tuple[int, ...]) -> str:
    shown = " ou ".join(f"« ({m}\u00a0mois) »" for m in months)
    return f"{shown} : valeur calculée sur les seuls mois renseignés ou couverts par le registre."


def not_applicable_note(words: tuple[str, ...]) -> str:
    """The footnote of a table whose values are missing, naming the words it shows."""
    listed = ", ".join(f"« {word} »" for word in words)
    return (
        f"{listed} : pas de valeur sur la période (l'indicateur n'est pas calculé, ce n'est pas "
        "0\u00a0%)."
    )


def add_indicator_annex(deck: Deck, kicker: str) -> None:
    """Every indicator by module (or engagement), with its references and the years shown."""
    facts = deck.facts
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
        acronyms = acronyms_note([row[0] for row in table.rows])
        if acronyms:
            footnotes.append(acronyms)
        references = [1.5] if "Engagement" in table.header else []
        deck_slides = len(deck.prs.slides)
        kinds.add_table_slide(
            deck.prs,
            f"Indicateurs {year} — {facts.scheme.group_title(table.group, table.title)}",
            table.header, table.rows,
            col_widths=[5.2, *references, 1.2, *[1.15] * len(facts.years), 1.4],
            status_col=len(table.header) - 1, footnote=" ".join(footnotes) or None,
            notes=notes, kicker=kicker, annex=True,
        )  # fmt: skip
        for slide in list(deck.prs.slides)[deck_slides:]:
            slide.name = f"Annexe — indicateurs — {table.heading}"
