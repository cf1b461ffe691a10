"""What the chain produces on the sample, as digests: each processed table (frame content,
columns and types) and each document (member by member for Office files; HTML without the
build it names). A speed change must leave every one of them unchanged.

``python -m tests.products`` runs the chain on a copy of the sample and rewrites
``tests/sample_products.json``; do it only for a change meant to alter a product, and say so in
the commit.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

GOLDEN = Path(__file__).with_name("sample_products.json")
# Metadata naming the build (the digest of code and inputs): it changes with any code change.
_BUILD_META = re.compile(rb'<meta name="clu-build" content="[^"]*">')
_SKIPPED_MEMBERS = {"docProps/core.xml"}


def _frame_digest(path: Path) -> str:
    frame = pd.read_parquet(path)
    sha = hashlib.sha256(repr([(c, str(t)) for c, t in frame.dtypes.items()]).encode())
    sha.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return sha.hexdigest()[:16]


def _document_digest(path: Path) -> str:
    sha = hashlib.sha256()
    if path.suffix in (".pptx", ".xlsx", ".docx"):
        with zipfile.ZipFile(path) as archive:
            for name in sorted(set(archive.namelist()) - _SKIPPED_MEMBERS):
                sha.update(name.encode() + archive.read(name))
    elif path.suffix in (".html", ".md"):
        sha.update(_BUILD_META.sub(b"", path.read_bytes()))
    else:
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


def product_digests(root: Path) -> dict[str, str]:
    """Digests of the processed tables and documents of a project folder, by relative path."""
    found = {}
    for path in sorted((root / "data" / "processed").rglob("*")):
        if path.suffix == ".parquet":
            found[path.relative_to(root).as_posix()] = _frame_digest(path)
        elif path.suffix == ".csv":
            found[path.relative_to(root).as_posix()] = _document_digest(path)
    for path in sorted((root / "output").rglob("*")):
        if path.is_file() and "notebooks" not in path.parts and not path.name.startswith("."):
            # (executed notebooks are the run's record, not a product)
            found[path.relative_to(root).as_posix()] = _document_digest(path)
    return found


def differences(found: dict[str, str], expected: dict[str, str]) -> list[str]:
    """The products that differ, are missing or are new, in French."""
    lines = [f"différent : {p}" for p in expected if p in found and found[p] != expected[p]]
    lines += [f"absent : {p}" for p in expected if p not in found]
    lines += [f"nouveau : {p}" for p in found if p not in expected]
    return lines


def main() -> None:
    from tests.conftest import PERIOD, copy_project, run_cli

    with tempfile.TemporaryDirectory() as folder:
        root = copy_project(Path(folder))
        done = run_cli(root, "clu-deck", "--period", str(PERIOD), engine="inprocess")
        if done.returncode:
            sys.exit(done.stdout + done.stderr)
        GOLDEN.write_text(json.dumps(product_digests(root), indent=1) + "\n", encoding="utf-8")
    print(f"{GOLDEN} réécrit.")


if __name__ == "__main__":
    main()
