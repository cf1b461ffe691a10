"""How a poster's sentence words its figure: « Toutes les réclamations… » rather than « 10
réclamations sur 10 », and the figure it shows large beside the sentence (« 9 » « sur 10 »).
"""

from __future__ import annotations

import contextlib
import re
import string
from decimal import ROUND_FLOOR

from pipeline.core.formatting import (
    NBSP,
    figure_for_status,
    format_number,
    format_signed,
    format_value_for_status,
    rounded,
    unit_text,
)


def figures(value: float, unit: str, comparator=None, target=None, status=None) -> dict[str, str]:
    """The ways a sentence may write a figure, rounded as every document rounds it (half up at
    the precision shown) and never reading as reaching a target it misses (``comparator``,
    ``target``, ``status``: :func:`pipeline.core.formatting.format_value_for_status`): 88,7 %
    reads « 89 % » beside « au moins 90 % », 89,6 % « 89,6 % », a delay of 5,4 days
    « 5,4 jours » beside « au plus 5 jours ». « {sur_10} » counts users out of ten, so it never
    rounds up (95 % reads « 9 sur 10 », never « 10 sur 10 »)."""
    rate = unit == "%"

    def whole(unit_shown: str) -> tuple:  # (the number, its decimals) at the whole unit
        return figure_for_status(value, unit_shown, comparator, target, status, decimals=0)

    days, places = whole("j") if unit == "j" else (rounded(value, 0), 0)
    percent = unit_text(*whole("%"), "%") if rate else format_number(value, 0)
    points = rounded(value, 0, 100)
    signed = f"{format_signed(points)}{NBSP}point{'s' if abs(points) >= 2 else ''}"
    return {
        "sur_10": format_number(rounded(value, 0, 10, ROUND_FLOOR)) if rate
        else format_number(value),
        "pourcentage": percent,
        "jours": unit_text(days, places, "nombre"),
        "jours_ouvres": unit_text(days, places, "nombre")
        + (" jours ouvrés" if days >= 2 else " jour ouvré"),
        "valeur": signed if unit == "points"
        else format_value_for_status(value, unit, comparator, target, status),
        "nombre": format_number(value, 0),
        "points": signed,
    }  # fmt: skip


# « {sur_10} réclamations ou suggestions sur 10 reçoivent… »: what is counted, and the rest.
OUT_OF_TEN = re.compile(r"^\{sur_10\}\s+(?P<what>.+?)\s+sur\s+10\b\s*(?P<rest>.*)$", re.S)
# The endings of French feminine nouns (« réclamations », « demandes », « réponses »…): what is
# counted reads « Toutes les … »; any other, « Tous les … » (« appels », « courriels »).
FEMININE_ENDINGS = (
    "tion", "sion", "xion", "ance", "ence", "ée", "té", "ure", "ude", "onse", "ande", "ette",
    "elle", "ite", "inte", "ière", "aine", "ine", "rte", "ttre", "ie", "che", "onne", "ade",
)  # fmt: skip


def every_one_wording(wording: str) -> str:
    """« {sur_10} réclamations ou suggestions sur 10 reçoivent une réponse » as it reads when
    every one does: « Toutes les réclamations ou suggestions reçoivent une réponse » (never
    « 10 … sur 10 »); the wording itself when it is not of that form."""
    found = OUT_OF_TEN.match(wording.strip())
    if not found:
        return wording
    noun = found["what"].split()[0].lower()
    singular = noun[:-1] if noun.endswith("s") and len(noun) > 3 else noun
    every = "toutes les" if singular.endswith(FEMININE_ENDINGS) else "tous les"
    return " ".join(filter(None, [every, found["what"], found["rest"]]))


def figure_field(wording: str) -> str:
    """The placeholder of the figure in a wording (« sur_10 », « jours »…), or ""."""
    with contextlib.suppress(ValueError):
        for _, name, _, _ in string.Formatter().parse(wording):
            if name and name != "label":
                return name
    return ""


def figure_parts(
    wording: str, value: float, unit: str, comparator=None, target=None, status=None
) -> tuple[str, str]:
    """The figure a wording writes, as the poster shows it large, and its unit in words:
    (« 9 », « sur 10 »), (« 96 % », ""), (« 22 », « jours »), (« +92 », « points ») — the same
    figure as the sentence's (:func:`figures`)."""
    field = figure_field(wording)
    shown = figures(value, unit, comparator, target, status)
    days = shown["jours"]
    one = days in ("0", "1")
    parts = {
        "sur_10": (shown["sur_10"], "sur 10"),
        "jours": (days, "jour" if one else "jours"),
        "jours_ouvres": (days, "jour ouvré" if one else "jours ouvrés"),
        "points": (shown["points"].split(NBSP)[0], "points"),
    }
    if field in parts:
        return parts[field]
    return (shown[field], "") if field in shown else ("", "")
