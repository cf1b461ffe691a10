"""The findings the deck's titles state and the minutes repeat, built from the figures: « Accueil
et téléphone : 91,2 % d'appels aboutis, au-dessus de la cible de 90 % ».

Wording rules (written once, here):
- a result at or above its target is « au-dessus de la cible de 90 % » (« à la cible » when it
  equals it at the precision shown); a delay or a maximum met is « dans la cible de 5 j »;
- a result under its target is « juste sous la cible » within 2 points (a rate) or 10 % (a
  delay, a number), « sous la cible » within 10 points or 50 %, « loin de la cible » beyond;
  for a delay, « juste au-delà », « au-delà », « loin de » the target;
- a result without a target says its change over a year (« en hausse de 2,8 pts sur un an »)
  when there is one, nothing otherwise;
- a value resting on part of the year, a quarter or few answers says so in brackets.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.core.formatting import format_change, format_count, format_number
from pipeline.facts.measures import Measure

NEAR = {"%": 0.02, "other": 0.10}
FAR = {"%": 0.10, "other": 0.50}


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def lowered(text: str) -> str:
    """The first letter in lower case, unless the first word is an acronym (« SVI », « CNI »)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:] if text else text


def relation(measure: Measure) -> str:
    """Where a result stands against its target, in words (see the module's rules)."""
    gap = measure.gap
    if gap is None or measure.status is None:
        return ""
    target = measure.target_value_text
    if measure.met:
        if measure.lower_is_better:
            return f"dans la cible de {target}"
        equal = measure.value_text == target
        return f"{'à' if equal else 'au-dessus de'} la cible de {target}"
    band = "%" if measure.unit == "%" else "other"
    if gap > FAR[band]:
        return f"loin de la cible de {target}"
    near = gap <= NEAR[band]
    if measure.lower_is_better:
        return f"{'juste au-delà' if near else 'au-delà'} de la cible de {target}"
    return f"{'juste sous' if near else 'sous'} la cible de {target}"


def trend(measure: Measure) -> str:
    """« en hausse de 2,8 pts sur un an », « en baisse de 3,0 j sur un an », or nothing."""
    if measure.value is None or measure.previous is None:
        return ""
    change = measure.value - measure.previous
    text = format_change(abs(change), measure.unit)
    if not any(c.isdigit() and c != "0" for c in text):  # (rounds to zero)
        return "stable sur un an"
    return f"en {'hausse' if change > 0 else 'baisse'} de {text.lstrip('+')} sur un an"


def phrase(measure: Measure, note: bool = True) -> str:
    """The figure in words: the wording's phrase (« 91,2 % d'appels aboutis ») or « <short
    label> : <value> », with what a partial value rests on (unless ``note`` is False)."""
    note = f" ({measure.note})" if measure.note and note else ""
    if measure.finding:
        return measure.finding.replace("{value}", measure.value_text) + note
    return f"{lowered(measure.short)} : {measure.value_text}{note}"


def finding(measure: Measure, note: bool = True) -> str:
    """A figure and where it stands: « 91,2 % d'appels aboutis, au-dessus de la cible de 90 % »;
    without a target, its trend."""
    where = relation(measure) or trend(measure)
    return phrase(measure, note) + (f", {where}" if where else "")


def worst(measures: Sequence[Measure]) -> Measure | None:
    """The result furthest under its target (a rate's points, a delay's share), if any."""
    missed = [m for m in measures if m.missed and m.gap is not None]
    return max(missed, key=lambda m: m.gap if m.unit == "%" else m.gap / 5, default=None)


TITLE_LIMIT = 120  # characters: two lines of a slide's title at 20 pt (a test measures them)


def shortest_fit(*candidates: str) -> str:
    """The first wording that holds on two lines of a title, else the shortest one."""
    return next((c for c in candidates if len(c) <= TITLE_LIMIT), min(candidates, key=len))


def group_title(name: str, measures: Sequence[Measure], what: str = "indicateur") -> str:
    """A slide's title for a group of results (a channel): the one furthest from its target
    when some miss it (with how many do), else the group's first result and where it stands;
    shortened to hold on two lines."""
    judged = [m for m in measures if m.status is not None]
    missed = [m for m in judged if m.missed]
    if len(missed) > 1:
        lowest = worst(missed)
        count = f"{len(missed)} {what}s sur {len(judged)} sous leur cible"
        if len(missed) == len(judged):
            every = "les deux" if len(judged) == 2 else f"les {len(judged)}"
            count = f"{every} {what}s sous leur cible"
        detail = f"{lowered(lowest.short)} ({lowest.value_text} pour {lowest.target_text})"
        return shortest_fit(
            f"{name} : {count}, dont {detail}",
            f"{name} : {count}, dont {lowered(lowest.short)} ({lowest.value_text})",
            f"{name} : {count}, le plus loin à {lowest.value_text} ({lowest.target_text})",
            f"{name} : {count}",
        )
    if missed:
        lead = missed[0]
    else:
        lead = judged[0] if judged else next((m for m in measures if m.value is not None), None)
    if lead is None:
        return name
    return shortest_fit(f"{name} : {finding(lead)}", f"{name} : {finding(lead, note=False)}",
                        f"{name} : {phrase(lead, note=False)}")  # fmt: skip


def all_met(measures: Sequence[Measure], what: str = "indicateur") -> str:
    """« Les 3 indicateurs assortis d'une cible l'atteignent », or "" unless all of them do."""
    judged = [m for m in measures if m.status is not None]
    if len(judged) < 2 or any(m.missed for m in judged):
        return ""
    count = "deux" if len(judged) == 2 else format_number(len(judged))
    return f"Les {count} {what}s assortis d'une cible l'atteignent."


def criteria_title(measures: Sequence[Measure], target_text: str) -> str:
    """« 8 critères sur 12 au-dessus de la cible de 85 % ; délai de rendez-vous : 50,7 % »."""
    judged = [m for m in measures if m.status is not None]
    met = [m for m in judged if m.met]
    if not judged:
        return f"{format_count(len(measures), 'critère')} évalué{'s' if len(measures) > 1 else ''}"
    lowest = worst(judged)
    head = (
        f"tous les critères à la cible de {target_text}"
        if len(met) == len(judged)
        else f"{format_number(len(met))} critère{'s' if len(met) > 1 else ''} sur "
        f"{format_number(len(judged))} à la cible de {target_text}"
    )
    if lowest is None:
        return capitalised(head)
    return f"{capitalised(head)} ; {lowered(lowest.short)} : {lowest.with_note()}"
