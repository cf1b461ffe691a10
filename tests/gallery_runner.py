"""Run the gallery of small préfectures through the whole chain, in-process.

``python -m tests.gallery_runner <root> <results.json>`` (with ``CLU_PROJECT_ROOT=<root>``, a
copy of the project, and ``CLU_ENGINE=inprocess``) imports what every run imports, then forks
``WORKERS`` processes that share the cases of :mod:`tests.gallery.cases`: each writes its cases
under ``<root>/gallery`` and runs ``clu-deck`` on each through the command line's own code; one
plays the freshness scenario after its cases, another the scenario without a meeting file. The
results (exit code, what was printed, which steps ran) go to the JSON file the tests read.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import sys
import traceback
from pathlib import Path

import yaml

STEP_LINE = re.compile(r"^  ✓ (.+) \(")


def run_cli(*args: str) -> dict:
    """``python -m pipeline …`` in this process: exit code, stdout, stderr, steps run."""
    from pipeline import cli

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(args))
    except BaseException:  # noqa: BLE001 - a traceback is exactly what the test must report
        code, err = 99, io.StringIO(err.getvalue() + traceback.format_exc())
    ran = [m.group(1) for line in out.getvalue().splitlines() if (m := STEP_LINE.match(line))]
    return {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue(), "ran": ran}


def _csv_exports(config: Path, period: int) -> list[Path]:
    folder = config.parent / "raw" / str(period)
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def freshness(config: Path, period: int) -> dict:
    """What re-runs when nothing changed, when a raw file changes and an older copy of it is
    put back (with an older date), and when another configuration is switched to and back."""
    base = ["clu-deck", "--period", str(period)]
    results = {"unchanged": run_cli(*base, "--config", str(config))}
    export = _csv_exports(config, period)[0]
    original = export.read_bytes()
    stamp = export.stat().st_mtime
    export.write_bytes(original + original.splitlines(keepends=True)[-1])  # one more row
    results["raw_changed"] = run_cli(*base, "--config", str(config))
    export.write_bytes(original)
    os.utime(export, (stamp - 86400, stamp - 86400))  # the older file, with its older date
    results["older_file_restored"] = run_cli(*base, "--config", str(config))
    other = config.with_name("autre_configuration.yaml")
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings.setdefault("survey", {})["target"] = 0.5  # same workspace, another survey target
    other.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    results["other_configuration"] = run_cli(*base, "--config", str(other))
    results["back_to_first"] = run_cli(*base, "--config", str(config))
    return results


def without_meeting(case, gallery: Path) -> dict:
    """A copy of a Qual-e-pref préfecture with a survey (its own workspace): its meeting file
    names another label, then it has none. ``clu-deck`` refuses, in French, before any step;
    ``survey`` runs without it."""
    from pipeline.core.context import open_period
    from tests.gallery.cases import write_case

    config = write_case(case, gallery / "sans_reunion")
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["workspace"] += "_sans_reunion"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    ctx = open_period(case.period, config)
    paths = ctx.paths
    meeting = paths.raw / ctx.config.meeting_file.format(year=case.period)
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text + "labelling:\n  scheme: Services Publics+\n", encoding="utf-8")
    base = ["--period", str(case.period), "--config", str(config)]
    results = {"other_label": run_cli("clu-deck", *base)}
    meeting.unlink()
    results["no_meeting_file"] = run_cli("clu-deck", *base)
    results["survey"] = run_cli("survey", *base)
    results["survey_report"] = str(paths.survey_report)
    return results


WORKERS = max(1, min(2, os.cpu_count() or 1))
# What every run imports (the package's steps, pandas, matplotlib, seaborn, SciPy, the Office
# writers, nbconvert): imported once, before the workers fork, so that none pays it again.
PRELOADED = (
    "pipeline.cli", "pipeline.run.execute", "pipeline.run.inprocess", "pipeline.run.render",
    "pipeline.compute.indicators", "pipeline.compute.services", "pipeline.compute.mystery",
    "pipeline.compute.complaints", "pipeline.compute.survey.analysis",
    "pipeline.outputs.dashboard.workbook", "pipeline.outputs.survey_report.charts",
    "pipeline.outputs.survey_report.workbook", "pipeline.outputs.section_charts",
    "pipeline.outputs.deck.storyline", "pipeline.outputs.minutes.render",
    "pipeline.outputs.transparence.poster", "matplotlib.pyplot", "seaborn", "scipy.stats",
)  # fmt: skip


def _preload() -> None:
    import importlib

    from pipeline.run import inprocess

    os.environ.setdefault("MPLBACKEND", inprocess.INLINE)  # as a notebook's kernel has it
    for name in PRELOADED:
        importlib.import_module(name)


def _work(share: list, scenarios: list[str], gallery: Path) -> dict:
    """A worker's cases, each through ``clu-deck``, then its scenarios."""
    from tests.gallery.cases import SURVEY_ONLY, write_case

    results = {}
    for case in share:
        config = write_case(case, gallery)
        results[case.name] = {"config": str(config), "run": run_cli(
            "clu-deck", "--period", str(case.period), "--config", str(config))}  # fmt: skip
    if "freshness" in scenarios:
        first = next(case for case in share if _csv_exports(gallery / case.config, case.period))
        results[first.name]["freshness"] = freshness(gallery / first.config, first.period)
        results["freshness_case"] = first.name
    if "without_meeting" in scenarios:
        results["without_meeting"] = without_meeting(SURVEY_ONLY, gallery)
    return results


def _shares(cases: tuple, count: int) -> list[tuple[list, list[str]]]:
    """The cases dealt to ``count`` workers, the freshness scenario to the worker of the first
    case with csv exports (it changes one of them), the scenario without a meeting file to
    another (both are a few runs long)."""
    shares = [(list(cases[i::count]), []) for i in range(count)]
    with_csv = next(i for i, case in enumerate(cases) if case.name == FRESHNESS_CASE)
    shares[with_csv % count][1].append("freshness")
    shares[(with_csv + 1) % count][1].append("without_meeting")
    return shares


FRESHNESS_CASE = "registers_only"  # a register in csv: one of its rows is added, then removed


def main(root: Path, target: Path) -> None:
    """The gallery in ``WORKERS`` processes forked after the imports, their results merged."""
    import multiprocessing

    from tests.gallery.cases import CASES

    gallery = root / "gallery"
    shutil.rmtree(gallery, ignore_errors=True)
    _preload()
    forking = "fork" in multiprocessing.get_all_start_methods()  # (not on Windows)
    work = [(share, scenarios, gallery) for share, scenarios in _shares(CASES, WORKERS)]
    if forking and WORKERS > 1:
        with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
            parts = pool.starmap(_work, work)
    else:  # the shares one after the other, in this process
        parts = [_work(*arguments) for arguments in work]
    results = {}
    for part in parts:
        results |= part
    results = {name: results[name] for name in [c.name for c in CASES]} | {
        key: value for key, value in results.items() if key not in {c.name for c in CASES}
    }  # (in the cases' order)
    target.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
