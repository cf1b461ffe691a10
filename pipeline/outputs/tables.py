"""Tables as an analyst reads them in a notebook: French column names, values in French formats
(« 93,5 % », « 12 », « 2,1 j », « 24 janvier 2023 »), never the contract's codes."""

from __future__ import annotations

import pandas as pd

from pipeline.core.formatting import (
    format_date,
    format_days,
    format_number,
    format_percent,
    format_value,
)

FORMATS = {
    "percent": lambda v: format_percent(v),
    "count": lambda v: format_number(v),
    "number": lambda v: format_number(v, 1),
    "days": lambda v: format_days(v),
    "date": lambda v: format_date(v),
    "month": lambda v: format_date(v, "MMMM y"),
    "text": lambda v: str(v),
    "yes_no": lambda v: "oui" if v else "non",
}


def _shown(value, kind: str) -> str:
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return FORMATS[kind](value)


def _column(frame: pd.DataFrame, code: str, kind: str) -> list[str]:
    if kind == "value":  # each row in its own unit (its ``unit`` column: %, nombre, j…)
        return [
            "–" if pd.isna(v) else format_value(v, unit)
            for v, unit in zip(frame[code], frame["unit"], strict=True)
        ]  # a few dozen rows shown
    return [_shown(v, kind) for v in frame[code]]


def french_table(frame: pd.DataFrame, columns: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """The ``columns`` of ``frame`` (code → (French name, kind)), formatted for reading; kinds:
    percent, count, number, days, date, month, text, yes_no (« oui », « non »), value (in the
    row's ``unit``). A missing value reads « – »."""
    return pd.DataFrame(
        {
            name: _column(frame, code, kind)
            for code, (name, kind) in columns.items()
            if code in frame
        }
    ).reset_index(drop=True)
