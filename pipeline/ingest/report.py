"""The ingestion report as the run log says it: per file, rows read = kept + quarantined + set
aside. Kept light (no validation, no reader of the exports): the command line reads it on every
run, even when nothing is to be done."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from pipeline.core.config import load_contract
from pipeline.core.formatting import format_count, format_number

COUNTS = ("rows_read", "rows_kept", "rows_quarantined", "rows_set_aside")


def read_report(path: Path) -> list[dict]:
    """The report written by the ingestion step, one mapping per file, counts as numbers."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    for row in rows:
        row.update({c: int(float(row[c])) if row.get(c) else 0 for c in COUNTS})
    return rows


def source_title(name: str) -> str:
    """A source as people know it: the contract's French title."""
    return load_contract().sources[name].title


def report_lines(report: Iterable[Mapping]) -> list[str]:
    """The accounting, in French, one line per file: read = kept + quarantined + set aside.
    ``report``: the rows of :func:`read_report`, or the ingestion's report table."""
    rows = report.to_dict("records") if hasattr(report, "to_dict") else report
    lines = []
    for row in rows:  # one line per file, for the log
        where = f"{source_title(row['source'])} — {row['file']}"
        if row["status"] == "absent":
            lines.append(f"{where} : fichier absent, source ignorée pour cette année")
            continue
        text = (
            f"{where} : {format_count(row['rows_read'], 'ligne lue', 'lignes lues')} = "
            f"{format_count(row['rows_kept'], 'gardée')} + "
            f"{format_number(row['rows_quarantined'])} en quarantaine"
        )
        if row["rows_set_aside"]:
            text += (f" + {format_count(row['rows_set_aside'], 'écartée')} "
                     f"({row['set_aside_reason']})")  # fmt: skip
        lines.append(text)
    return lines
