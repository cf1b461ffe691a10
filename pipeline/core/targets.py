"""Targets as préfectures write them, shown as written and judged as written.

A target is a comparator and a value in the indicator's unit: « ≥ 100 % », « < 1 h », « ≤ 5 j »,
« > 0,5 ‰ », « 4/an ». The catalogue and the configuration write it as such a text, as
``{comparator: ">=", value: 1.0}`` (the value in the unit as stored: a rate as a fraction), or
as a bare number that keeps the catalogue's comparator. :func:`parse_target` reads any of these;
:func:`target_text` (« ≥ 100 % », the documents' « Cible » column), :func:`target_goal`
(« au moins 100 % », the poster's words) and :func:`judged` (« atteint », « non atteint ») are
the one way every document shows and judges a target: a « ≥ 100 % » target is met by 100 %.
"""

from __future__ import annotations

import decimal
import math
import re
import sys
from typing import Literal

from pydantic import BaseModel, ConfigDict

from pipeline.core.formatting import NBSP, format_count, format_number

STATUS_MET, STATUS_MISSED, STATUS_NA = "atteint", "non atteint", "sans objet"
Comparator = Literal[">=", ">", "<=", "<"]
SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
WORDS = {">=": "au moins", ">": "plus de", "<=": "au plus", "<": "moins de"}
# How a comparator may be written, longest first (« au moins » before « moins de »).
WRITTEN = {
    ">=": (">=", "=>", "≥", "⩾", "au moins", "supérieur ou égal à", "supérieure ou égale à"),
    "<=": ("<=", "=<", "≤", "⩽", "au plus", "inférieur ou égal à", "inférieure ou égale à"),
    ">": (">", "plus de", "supérieur à", "supérieure à"),
    "<": ("<", "moins de", "inférieur à", "inférieure à"),
}
# The units a target may be written in, for each unit of an indicator: factor to the stored value.
UNIT_WORDS = {
    "%": {"%": "0.01"},
    "‰": {"‰": "1", "": "1"},
    "j": {"j": "1", "jour": "1", "jours": "1", "jour ouvré": "1", "jours ouvrés": "1", "": "1"},
    "min": {"min": "1", "minute": "1", "minutes": "1", "h": "60", "heure": "60", "heures": "60",
            "": "1"},
    "nombre": {"": "1", "/an": "1", "par an": "1"},
}  # fmt: skip
_NUMBER = re.compile(r"^([+-]?\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?)\s*(.*)$")
# How a rate is written in a message about it (examples of the right writing).
EXAMPLES = {"%": "« ≥ 90 % »", "‰": "« < 0,5 ‰ »", "j": "« ≤ 5 j »", "min": "« < 1 h »",
            "nombre": "« ≥ 4 »"}  # fmt: skip


class Target(BaseModel):
    """A comparator and a value in the indicator's unit as stored (a rate: 1.0 for 100 %)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    comparator: Comparator
    value: float


def _comparator(text: str) -> tuple[str | None, str]:
    """The comparator a text starts with, and the rest."""
    lowered = text.lower()
    found = [(len(way), symbol, way) for symbol, ways in WRITTEN.items() for way in ways
             if lowered.startswith(way)]  # fmt: skip
    if not found:
        return None, text
    _, symbol, way = max(found)
    return symbol, text[len(way) :].strip()


def _number(text: str, factor: str) -> float:
    """``"1 000,5"`` times the unit's factor, read exactly (« 90 % » is 0,9, not 0,8999…)."""
    plain = re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", ".")
    return float(decimal.Decimal(plain) * decimal.Decimal(factor))


def parse_target(written, unit: str, comparator: str | None = None) -> Target:
    """A target as written (« ≥ 100 % », ``{comparator: ">=", value: 1.0}`` or a bare number,
    which takes ``comparator``: the catalogue's), in the unit of its indicator.

    ValueError in French when it cannot be read, or is impossible for its unit (a rate above
    100 %, a delay of zero)."""
    if isinstance(written, Target):
        return _checked(written, unit)
    if isinstance(written, dict):
        symbol = written.get("comparator")
        symbol, rest = _comparator(str(symbol)) if symbol is not None else (None, "x")
        if symbol is None or rest:
            raise ValueError(
                f"comparateur « {written.get('comparator')} » inconnu (attendu : ≥, >, ≤ ou <, "
                "ou >=, <=)"
            )
        value = written.get("value")
        if isinstance(value, str):
            return _checked(parse_target(f"{SYMBOLS[symbol]} {value}", unit), unit)
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ValueError("value : nombre attendu (un taux entre 0 et 1 : 1 pour 100 %)")
        extra = sorted(set(written) - {"comparator", "value"})
        if extra:
            raise ValueError(
                f"clé(s) inconnue(s) : {', '.join(extra)} (attendu : comparator, value)"
            )
        return _checked(Target(comparator=symbol, value=float(value)), unit)
    if isinstance(written, int | float) and not isinstance(written, bool):
        if comparator is None:
            raise ValueError(
                f"une cible sans comparateur ne peut être jugée : écrivez-la {EXAMPLES[unit]}"
            )
        return _checked(Target(comparator=comparator, value=float(written)), unit)
    if not isinstance(written, str):
        raise ValueError(f"cible illisible : écrivez-la {EXAMPLES[unit]}")
    symbol, rest = _comparator(written.strip())
    symbol = symbol or comparator
    found = _NUMBER.match(rest)
    if symbol is None or not found:
        raise ValueError(
            f"cible « {written} » illisible : écrivez un comparateur (≥, >, ≤ ou <), un nombre et "
            f"l'unité de l'indicateur, par exemple {EXAMPLES[unit]}"
        )
    number, written_unit = found.group(1), found.group(2).strip().lower()
    factors = UNIT_WORDS[unit]
    if written_unit not in factors:
        units = ", ".join(f"« {u} »" for u in factors if u) or "aucune"
        raise ValueError(
            f"cible « {written} » : l'unité « {written_unit or 'aucune'} » ne convient pas à un "
            f"indicateur en {unit} (unités possibles : {units}), par exemple {EXAMPLES[unit]}"
        )
    value = _number(number, factors[written_unit])
    return _checked(Target(comparator=symbol, value=value), unit)


def _checked(target: Target, unit: str) -> Target:
    value = target.value
    if unit == "%" and not 0 <= value <= 1:
        raise ValueError(
            f"cible {target_text(target.comparator, value, unit)} impossible : un taux ne dépasse "
            "pas 100 % (écrivez « ≥ 85 % », ou un nombre entre 0 et 1 : 0,85 pour 85 %)"
        )
    if value < 0 or (unit in ("%", "j", "min") and value == 0):
        raise ValueError(
            f"cible {target_text(target.comparator, value, unit)} impossible : "
            + (
                "un délai est positif"
                if unit in ("j", "min")
                else "une valeur positive est attendue"
            )
        )
    return target


def _missing(value) -> bool:
    pandas = sys.modules.get("pandas")
    if value is None or (pandas is not None and value is pandas.NA):
        return True
    return isinstance(value, float) and math.isnan(value)


def _plain(value: float, most: int = 2) -> str:
    """A number with the decimals it has, up to ``most`` (0,5 not 0,50; 85 not 85,0)."""
    for decimals in range(most + 1):
        if abs(round(value, decimals) - value) < 1e-9:
            return format_number(value, decimals)
    return format_number(value, most)


def _amount(value: float, unit: str) -> str:
    """The value of a target in its unit, as a person writes it: 100 %, 0,5 ‰, 5 j, 1 h."""
    if unit == "%":
        return _plain(value * 100, 1) + NBSP + "%"
    if unit == "min" and value % 60 == 0 and value > 0:
        return f"{int(value // 60)}{NBSP}h"
    if unit in ("‰", "j", "min"):
        return _plain(value) + NBSP + unit
    return _plain(value)


def target_text(comparator, value, unit: str) -> str:
    """« ≥ 90 % », « ≤ 5 j », « < 1 h », « ≥ 4 »: the target as written; « – » without one."""
    if _missing(comparator) or _missing(value):
        return "–"
    return f"{SYMBOLS[comparator]}{NBSP}{_amount(float(value), unit)}"


def target_goal(comparator, value, unit: str) -> str:
    """« au moins 90 % », « au plus 5 jours », « moins de 1 h »: the target in a visitor's words
    (the poster); "" without one."""
    if _missing(comparator) or _missing(value):
        return ""
    value = float(value)
    if unit == "j" and value.is_integer():
        shown = format_count(value, "jour")
    else:
        shown = _amount(value, unit)
    return f"{WORDS[comparator]} {shown}"


def judged(values, comparators, targets):
    """Each value judged against its target, as written (pandas Series, aligned): « atteint »,
    « non atteint », « sans objet » (no value) or "" (no target). Two numbers that differ only
    by the float's last digits (a ‰ of 44 / 10 000 × 1 000 against « 4,4 ‰ ») are equal: a
    « ≥ 100 % » target is met by 100 %, a « > 75 % » one is not met by 75 %."""
    import pandas as pd

    value = pd.Series(values, copy=False).astype("Float64").astype(float)
    target = pd.Series(targets, copy=False).astype("Float64").astype(float)
    comparator = pd.Series(comparators, copy=False).astype("string").fillna("")
    equal = (value - target).abs() <= 1e-9 * target.abs().clip(lower=1)
    met = (
        (comparator.eq(">=") & ((value > target) | equal))
        | (comparator.eq(">") & (value > target) & ~equal)
        | (comparator.eq("<=") & ((value < target) | equal))
        | (comparator.eq("<") & (value < target) & ~equal)
    )
    judgeable = comparator.isin(list(SYMBOLS)) & value.notna() & target.notna()
    result = pd.Series("", index=value.index, dtype="string")
    result = result.mask(judgeable & met, STATUS_MET).mask(judgeable & ~met, STATUS_MISSED)
    return result.mask(value.isna(), STATUS_NA)
