"""Tables as an analyst reads them in a notebook: French column names, values in French formats
(« 93,5 % », « 12 », « 2,1 j », « 24 janvier 2023 »), never the contract's codes, no index, no
text cut short — while the raw values stay one attribute away.

A :class:`FrenchTable` is a pandas DataFrame holding the raw values (sort it, filter it,
compute with it as with any frame: the result is still a FrenchTable); only its display is
French, each column by its kind (:data:`KINDS`), through the project's formatters
(:mod:`pipeline.core.formatting`). ``table.raw`` is the plain DataFrame, ``table.formatted()``
the French texts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from pipeline.core.formatting import (
    format_date,
    format_days,
    format_number,
    format_percent,
    format_points,
    format_value,
)
from pipeline.outputs.escaping import html_text

MISSING = "–"
SHOWN_ROWS = 200  # rows displayed; the others are a call away (``.raw``, ``.iloc``)


def _p_value(value) -> str:
    return "< 0,001" if value < 0.001 else format_number(value, 3)


def _change(value, unit) -> str:
    if unit == "%":
        return format_points(value)
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return sign + format_value(abs(value), unit or "")


def _plain(value) -> str:
    """A value of a column without a declared kind, by its type."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        return format_number(value, 0 if value.is_integer() else 2)
    if isinstance(value, (dt.date, pd.Timestamp)):
        return format_date(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value)


# How a column's values are shown, by kind. ``value`` (an indicator's value, in the unit given
# by a companion column; missing, the reason a third column gives) and ``rate_n`` (a rate with
# its n) take other columns: their format is written ``("value", "Unité")``,
# ``("value", "Unité", "Motif")``, ``("rate_n", "n")``.
KINDS: dict[str, Callable] = {
    "percent": format_percent,
    "points": format_points,
    "count": format_number,
    "number": lambda v: format_number(v, 1),
    "days": format_days,
    "date": format_date,
    "month": lambda v: format_date(v, "MMMM y"),
    "year": lambda v: str(int(v)),
    "pvalue": _p_value,
    "yes_no": lambda v: "oui" if v else "non",
    "list": lambda v: ", ".join(str(item) for item in v),
    "text": str,
    "auto": _plain,
}
HIDDEN = "hidden"  # a column kept in the raw values, not shown (a companion's unit or n)
TEXT_KINDS = ("text", "list", "auto", "month", "date", "yes_no")


def _missing(value) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, (list, tuple)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


NO_ROWS = "Aucune ligne."


class FrenchTable(pd.DataFrame):
    """A DataFrame shown in French: ``formats`` gives each column's kind (:data:`KINDS`; a
    column without one is shown by the type of its values); the index is never shown, texts
    are never cut, the first :data:`SHOWN_ROWS` rows are displayed."""

    _metadata = ["formats", "note", "empty_note"]
    formats: dict = {}
    note: str = ""
    empty_note: str = NO_ROWS  # what an empty table says ("" when its note already does)

    @property
    def _constructor(self):
        return FrenchTable

    @property
    def raw(self) -> pd.DataFrame:
        """The raw values, as a plain DataFrame (every column, hidden ones included)."""
        return pd.DataFrame(self)

    def _kind(self, column) -> tuple:
        """The column's kind, then the columns it takes (unit, reason, n)."""
        kind = self.formats.get(column, "auto")
        return kind if isinstance(kind, tuple) else (kind,)

    def _companion(self, column, position: int, rows: int) -> list:
        names = self._kind(column)[1:]
        if position < len(names) and names[position] in self:
            return self[names[position]].tolist()
        return [None] * rows

    def shown_columns(self) -> list:
        return [c for c in self.columns if self._kind(c)[0] != HIDDEN]

    def _texts(self, column) -> list[str]:
        kind, values = self._kind(column)[0], self[column].tolist()
        if kind == "value":
            units = self._companion(column, 0, len(values))
            reasons = self._companion(column, 1, len(values))
            return [
                (MISSING if _missing(why) else str(why))
                if _missing(v)
                else format_value(v, u or "")
                for v, u, why in zip(values, units, reasons, strict=True)
            ]
        if kind == "change":  # a change: in points for a rate, else signed in its unit
            units = self._companion(column, 0, len(values))
            return [
                MISSING if _missing(v) else _change(v, u)
                for v, u in zip(values, units, strict=True)
            ]
        if kind == "rate_n":
            counts = self._companion(column, 0, len(values))
            return [
                MISSING
                if _missing(v)
                else format_percent(v)
                + ("" if _missing(n) else f" (n\u00a0=\u00a0{format_number(n)})")
                for v, n in zip(values, counts, strict=True)
            ]
        shown = KINDS.get(kind, _plain)
        return [MISSING if _missing(v) else shown(v) for v in values]

    def formatted(self) -> pd.DataFrame:
        """Every shown cell as the French text displayed (a plain DataFrame of strings)."""
        columns = self.shown_columns()
        return pd.DataFrame(
            {position: self._texts(c) for position, c in enumerate(columns)}, dtype=object
        ).set_axis([str(c) for c in columns], axis=1)

    def _repr_html_(self) -> str:
        head, more = self.iloc[:SHOWN_ROWS], len(self) - SHOWN_ROWS
        shown = FrenchTable(head)
        shown.formats = self.formats
        texts, columns = shown.formatted(), self.shown_columns()
        left = [shown._kind(c)[0] in TEXT_KINDS for c in columns]

        def cell(tag: str, text: str, is_text: bool) -> str:
            style = (
                "text-align:left;white-space:normal"
                if is_text
                else "text-align:right;white-space:nowrap"
            )
            return f'<{tag} style="{style}">{html_text(text)}</{tag}>'

        header = "".join(
            cell("th", str(c), is_text) for c, is_text in zip(columns, left, strict=True)
        )
        rows = "".join(
            "<tr>" + "".join(cell("td", t, is_text) for t, is_text in zip(row, left, strict=True))
            + "</tr>"
            for row in texts.itertuples(index=False)
        )  # fmt: skip
        notes = [self.note] if self.note else []
        if more > 0:
            notes.append(f"… et {format_number(more)} lignes de plus (toutes : « .raw »).")
        if self.empty and self.empty_note:
            notes.append(self.empty_note)
        footer = "".join(f"<p><em>{html_text(n)}</em></p>" for n in notes)
        return (f'<table class="clu-table"><thead><tr>{header}</tr></thead>'
                f"<tbody>{rows}</tbody></table>{footer}")  # fmt: skip

    def __repr__(self) -> str:
        texts = FrenchTable(self.iloc[:SHOWN_ROWS])
        texts.formats = self.formats
        with pd.option_context("display.max_colwidth", None, "display.width", None):
            body = texts.formatted().to_string(index=False) if len(self) else self.empty_note
        more = len(self) - SHOWN_ROWS
        return body + (f"\n… et {format_number(more)} lignes de plus." if more > 0 else "")


def french(
    frame: pd.DataFrame, formats: dict | None = None, note: str = "", empty: str | None = None
) -> FrenchTable:
    """``frame`` (its index dropped) as a :class:`FrenchTable` with these ``formats``;
    ``empty``: what it says when it has no row, instead of « Aucune ligne. »."""
    table = FrenchTable(frame.reset_index(drop=True))
    table.formats = dict(formats or {})
    table.note = note
    if empty is not None:
        table.empty_note = empty
    return table


def absent_source(config, name: str) -> str | None:
    """What a table of the optional source ``name`` says when the configuration has no file
    for it (« Aucune ligne. » would read as an empty file), else None."""
    if name in config.sources:
        return None
    from pipeline.ingest.report import source_title

    return f"Pas de source « {source_title(name)} » dans la configuration : rien à montrer."


def french_table(
    frame: pd.DataFrame, columns: dict[str, tuple[str, str]], empty: str | None = None
) -> FrenchTable:
    """The ``columns`` of ``frame`` (code → (French name, kind)) renamed, raw, shown in French;
    kinds: :data:`KINDS` (``value``: in the row's ``unit``). A missing value reads « – »;
    ``empty``: as for :func:`french`."""
    kept = {code: spec for code, spec in columns.items() if code in frame}
    renamed = frame[list(kept)].rename(columns={code: name for code, (name, _) in kept.items()})
    formats = {name: kind for name, kind in kept.values()}
    if any(kind == "value" for kind in formats.values()) and "unit" in frame:
        renamed = renamed.assign(**{"Unité": frame["unit"]})
        formats = {n: ("value", "Unité") if k == "value" else k for n, k in formats.items()}
        formats["Unité"] = HIDDEN
    return french(renamed, formats, empty=empty)


def ingest_report_table(report: pd.DataFrame) -> FrenchTable:
    """The ingestion's accounting, file by file: lignes lues = gardées + en quarantaine +
    écartées, in French (the report's codes kept in the raw values)."""
    from pipeline.ingest.report import source_title

    frame = pd.DataFrame(
        {
            "Source": [source_title(name) for name in report["source"]],
            "Fichier": report["file"], "Année": report["year"], "État": report["status"],
            "Lignes lues": report["rows_read"], "Gardées": report["rows_kept"],
            "En quarantaine": report["rows_quarantined"], "Écartées": report["rows_set_aside"],
            "Motif de l'écart": report["set_aside_reason"], "Lignes vides": report["empty_rows"],
            "Colonnes non lues": report["dropped_columns"],
            "Colonnes absentes (codes du contrat)": report["missing_columns"],
        }
    )  # fmt: skip
    counts = ("Lignes lues", "Gardées", "En quarantaine", "Écartées", "Lignes vides")
    formats = {"Année": "year", **dict.fromkeys(counts, "count")}
    return french(frame, formats, "Lignes lues = gardées + en quarantaine + écartées.")


def quarantine_shown(path) -> FrenchTable:
    """The quarantine (``quarantine.csv``) as the analyst reads it: file, row, column of the
    export, value typed, reason; the contract's codes kept in the raw values, not shown."""
    from pipeline.ingest.processed import QUARANTINE_COLUMNS

    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype="string")
    frame["Ligne"] = pd.to_numeric(frame["Ligne"], errors="coerce").astype("Int64")
    codes = (QUARANTINE_COLUMNS["source"], QUARANTINE_COLUMNS["column"])
    formats = {"Ligne": "count", **dict.fromkeys(codes, HIDDEN)}
    return french(frame, formats, "" if len(frame) else "Aucune ligne mise en quarantaine.")


def deck_texts_table(path) -> FrenchTable:
    """A deck's slides, for reading it over: number, name (what the slide is) and every text
    it shows, in full."""
    from pptx import Presentation

    rows = []
    for number, slide in enumerate(Presentation(path).slides, 1):
        texts = [
            shape.text_frame.text.replace("\n", " / ")
            for shape in slide.shapes
            if shape.has_text_frame and shape.text_frame.text
        ]
        rows.append({"N°": number, "Diapositive": slide.name, "Textes": " | ".join(texts)})
    return french(pd.DataFrame(rows), {"N°": "count", "Diapositive": "text", "Textes": "text"})
