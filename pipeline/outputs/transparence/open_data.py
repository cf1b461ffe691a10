"""The open-data results file, ``resultats_<année>.csv``: UTF-8 without BOM, comma separated,
ISO dates, decimal point, as data.gouv.fr and the State's schemas expect; described by the Table
Schema shipped with the project (``pipeline/resources/resultats.schema.json``, copied beside it).
No text of an input can become a formula when the file is opened in a spreadsheet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from pipeline.core.inert import inert_csv
from pipeline.core.paths import OPEN_DATA_SCHEMA, RESOURCES
from pipeline.core.writing import replacing

SCHEMA = RESOURCES / OPEN_DATA_SCHEMA


def write_open_data(table: pd.DataFrame, path: Path) -> Path:
    """Write the file and its schema beside it; returns the path."""
    dates = {c: table[c].map(lambda d: d.isoformat()) for c in table if c.startswith("date_")}
    shown = inert_csv(table.assign(**dates))
    with replacing(path) as temporary:
        shown.to_csv(temporary, index=False, encoding="utf-8", lineterminator="\n")
    with replacing(path.parent / SCHEMA.name) as temporary:
        shutil.copyfile(SCHEMA, temporary)
    return path
