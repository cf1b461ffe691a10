"""Byte-stable Office files: the same content gives the same bytes, whatever the time of the run.

xlsx and pptx files are zip archives whose entries carry the time they were written, and whose
``docProps/core.xml`` holds created/modified dates. Both are fixed here, so regenerated files
(the blank templates, the chart workbooks inside the deck) do not change without a reason.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from pipeline.core.writing import write_bytes

FIXED_ENTRY_TIME = (2000, 1, 1, 0, 0, 0)
_DOC_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def stable_zip(blob: bytes, stamp: str = "2000-01-01T00:00:00Z") -> bytes:
    """The archive rewritten with fixed entry times and document dates."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as fixed:
        for name in source.namelist():
            data = source.read(name)
            if name == "docProps/core.xml":
                data = _DOC_DATES.sub(rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            fixed.writestr(zipfile.ZipInfo(name, date_time=FIXED_ENTRY_TIME), data)
    return target.getvalue()


def save_stable_workbook(workbook, path: Path) -> Path:
    """Save an openpyxl workbook with fixed dates and entry times."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return write_bytes(path, stable_zip(buffer.getvalue()))
