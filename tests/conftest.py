"""Shared fixtures: the whole pipeline run once on the bundled sample, in a copy of the project.

Tests that read what a real run produces take ``sample_run``: a dict with the copy's ``root``,
its ``paths`` (PeriodPaths), the ``first`` and ``second`` CompletedProcess of
``python -m pipeline clu-deck --period 2022`` and the digest of data/raw before the run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.core.paths import ROOT, PeriodPaths

PERIOD = 2022


def run_cli(root: Path, *args: str, engine: str | None = None) -> subprocess.CompletedProcess:
    """``python -m pipeline …`` in a copy of the project; ``engine="inprocess"`` runs its
    notebooks without kernels (the same code, faster, for the cases beyond the sample run)."""
    env = {**os.environ, "CLU_PROJECT_ROOT": str(root)}
    if engine:
        env["CLU_ENGINE"] = engine
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=root, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def copy_project(target: Path) -> Path:
    for folder in ("notebooks", "config", "data/raw"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            sha.update(path.name.encode() + path.read_bytes())
    return sha.hexdigest()


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    """The whole pipeline run twice on the bundled sample, in a copy of the project."""
    root = copy_project(tmp_path_factory.mktemp("clu"))
    raw_before = digest(root / "data" / "raw")
    first = run_cli(root, "clu-deck", "--period", str(PERIOD))
    assert first.returncode == 0, first.stdout + first.stderr
    second = run_cli(root, "clu-deck", "--period", str(PERIOD))
    return {
        "root": root,
        "paths": PeriodPaths(PERIOD, root=root),
        "first": first,
        "second": second,
        "raw_before": raw_before,
    }


def slide_texts(slide) -> list[str]:
    """The texts a slide shows: its text boxes and its table cells."""
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts
