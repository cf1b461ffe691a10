"""How a poster's sentence words its figure: « Toutes les réclamations… » rather than « 10
réclamations sur 10 », and the figure it shows large beside the sentence (« 9 » « sur 10 »).
"""

from __future__ import annotations

import contextlib
import math
import re
import string

from pipeline.core.formatting import (
    NBSP,
    format_count,
    format_number,
    format_percent,
    format_value,
)


def figures(value: float, unit: str) -> dict[str, str]:
    """The ways a sentence may write a figure, never better than it is: a rate rounds down
    (88,7 % reads « 8 sur 10 » and « 88 % » beside a missed 90 % target), a delay up (5,4 j
    reads « 6 jours » beside « au plus 5 jours »)."""
    signed = ("+" if value >= 0 else "−") + format_number(math.floor(abs(value) * 100 + 1e-9))
    days = math.ceil(value - 1e-9)
    rate = unit == "%"
    return {
        "sur_10": format_number(math.floor(value * 10 + 1e-9)) if rate else format_number(value),
        "pourcentage": format_percent(math.floor(value * 100 + 1e-9) / 100, 0) if rate
        else format_number(value, 0),
        "jours": format_number(days),
        "jours_ouvres": format_count(days, "jour ouvré", "jours ouvrés"),
        "valeur": format_value(value, unit) if unit != "points" else f"{signed} points",
        "nombre": format_number(value, 0),
        "points": f"{signed}{NBSP}points",
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


def figure_parts(wording: str, value: float, unit: str) -> tuple[str, str]:
    """The figure a wording writes, as the poster shows it large, and its unit in words:
    (« 9 », « sur 10 »), (« 96 % », ""), (« 22 », « jours »), (« +92 », « points »)."""
    field, shown = figure_field(wording), figures(value, unit)
    days = math.ceil(value - 1e-9)
    number_of_days = format_number(days)
    parts = {
        "sur_10": (shown["sur_10"], "sur 10"),
        "jours": (number_of_days, "jour" if days <= 1 else "jours"),
        "jours_ouvres": (number_of_days, "jour ouvré" if days <= 1 else "jours ouvrés"),
        "points": (shown["points"].split(NBSP)[0], "points"),
    }
    if field in parts:
        return parts[field]
    return (shown[field], "") if field in shown else ("", "")
