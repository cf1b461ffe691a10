"""What a spreadsheet shows for a cell: its value through its number format, as a French Excel
or LibreOffice writes it (decimal comma, narrow no-break space between thousands). Enough of
Excel's format language for the workbooks the project writes: sections (positive; negative;
zero), quoted literals, ``%``, ``#,##0.00``; rounding half away from zero on Excel's 15 digits.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

THOUSANDS = "\u202f"


def _sections(number_format: str) -> list[str]:
    sections, current, quoted = [], "", False
    for char in number_format:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += char
    return [*sections, current]


def _apply(section: str, value: float) -> str:
    """One section applied to a value (its sign already chosen)."""
    percent = "%" in section.replace('"%"', "")
    number = Decimal(f"{value:.15g}") * (100 if percent else 1)
    placeholders = "".join(c for c in _unquoted(section) if c in "#0,.")
    decimals = len(placeholders.split(".")[1]) if "." in placeholders else 0
    grouped = "," in placeholders.split(".")[0]
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    if grouped:
        whole = f"{int(whole):,}".replace(",", THOUSANDS)
    digits = whole + ("," + fraction if fraction else "")
    out, quoted, placed = "", False, False
    for char in section:
        if char == '"':
            quoted = not quoted
        elif quoted or char not in "#0,.":
            out += char
        elif not placed:
            out += digits
            placed = True
    return out


def _unquoted(section: str) -> str:
    return "".join(part for index, part in enumerate(section.split('"')) if index % 2 == 0)


def displayed(value, number_format: str = "General") -> str:
    """The text a spreadsheet shows for ``value`` under ``number_format``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if number_format in ("General", "@"):
        return f"{value:.10g}".replace(".", ",")
    sections = _sections(number_format)
    if len(sections) == 1:
        return ("-" if value < 0 else "") + _apply(sections[0], abs(value))
    if value < 0:
        return _apply(sections[1], abs(value))
    if value == 0 and len(sections) > 2:
        return _apply(sections[2], value)
    return _apply(sections[0], value)
