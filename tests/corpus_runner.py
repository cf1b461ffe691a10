"""Play the corpus of damaged inputs (:mod:`tests.corpus.cases`) in one process.

``python -m tests.corpus_runner <workdir> <results.json> [names…]`` makes ONE copy of the
project, ``<workdir>/project`` (notebooks, config, data/raw), and points ``CLU_PROJECT_ROOT`` at
it (read when the package is imported, hence one copy per process) with ``CLU_ENGINE=inprocess``.
It first runs ``ingest`` on the undamaged copy and keeps ``data/processed/2022`` in
``<workdir>/baseline`` (the checks compare with it). Then, for each case (all, or those named):
restore the copy's ``config/`` and ``data/raw/`` from pristine copies, delete ``data/processed``
and ``output``, damage, hash data/raw and config, run ``pipeline.cli.main([command, "--period",
"2022"])`` capturing what it prints and its exit code (a BaseException is a failure, traceback
kept), write what it printed to ``<project>/run.log``, run the case's check, hash again. The
cases of one ``group`` are damaged together and share that run (each keeps its own check). Each
run's results are appended to ``<results>.jsonl`` as it ends (a crash keeps the cases already
played), and all of them go to the JSON file at the end.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sys
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PERIOD = "2022"
COPIED = ("config", "data/raw")
QUARANTINE_KEPT = 400  # quarantine lines kept in the results, per case


def digest(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file below a folder, by relative path."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )


def prepare(workdir: Path) -> tuple[Path, Path]:
    """The project copy and the pristine copies of what a case may damage."""
    root, pristine = workdir / "project", workdir / "pristine"
    for folder in (root, pristine, workdir / "baseline"):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    for sub in COPIED:
        shutil.copytree(REPO / sub, pristine / sub)
    return root, pristine


def restore(root: Path, pristine: Path) -> None:
    for sub in COPIED:
        shutil.rmtree(root / sub, ignore_errors=True)
        shutil.copytree(pristine / sub, root / sub)
    for sub in ("data/processed", "output"):
        if (root / sub).is_file():  # (a case put a file in the folder's place)
            (root / sub).unlink()
        shutil.rmtree(root / sub, ignore_errors=True)
    (root / "run.log").unlink(missing_ok=True)


def run_cli(*args: str) -> dict:
    """``python -m pipeline …`` in this process: exit code, stdout, stderr, seconds."""
    from pipeline import cli

    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(args))
    except BaseException:  # noqa: BLE001 - a traceback is exactly what the test must report
        code = 99
        err.write(traceback.format_exc())
    return {
        "code": code,
        "stdout": out.getvalue(),
        "stderr": err.getvalue(),
        "seconds": round(time.perf_counter() - started, 2),
    }


def _quarantine(root: Path) -> dict:
    from tests.corpus.cases import read_quarantine

    path = root / "data" / "processed" / PERIOD / "quarantine.csv"
    if not path.is_file():
        return {"present": False, "count": 0, "rows": []}
    frame = read_quarantine(path)
    return {
        "present": True,
        "count": len(frame),
        "rows": frame.head(QUARANTINE_KEPT).to_dict("records"),
    }


def _check(case, root: Path) -> list[dict]:
    """The case's check, run on the products: passed, or the message of its failure."""
    if case.check is None:
        return []
    try:
        case.check(root)
    except AssertionError as error:
        return [{"passed": False, "message": str(error) or traceback.format_exc()}]
    except BaseException as error:  # noqa: BLE001 - a broken check is reported, not raised
        where = traceback.extract_tb(error.__traceback__)[-1]
        message = f"{type(error).__name__} : {error} ({Path(where.filename).name}:{where.lineno})"
        return [{"passed": False, "message": message}]
    return [{"passed": True, "message": ""}]


def run_cases(cases: list, root: Path, pristine: Path) -> dict[str, dict]:
    """One run for cases damaged together (a group, or a single case): each gets the run's
    outcome and its own check."""
    restore(root, pristine)
    results = {
        case.name: {"command": case.command, "expect": case.expect, "family": case.family,
                    "played_with": [c.name for c in cases if c is not case]}
        for case in cases
    }  # fmt: skip
    for case in cases:
        try:
            case.damage(root)
        except BaseException:  # noqa: BLE001
            for result in results.values():
                result["damage_error"] = f"{case.name} : {traceback.format_exc()}"
            return results
    raw_before, config_before = digest(root / "data" / "raw"), digest(root / "config")
    run = run_cli(cases[0].command, "--period", PERIOD, *cases[0].args)
    (root / "run.log").write_text(run["stdout"] + "\n" + run["stderr"], encoding="utf-8")
    quarantine = _quarantine(root)
    checks = {case.name: _check(case, root) for case in cases}
    raw_changed = changed(raw_before, digest(root / "data" / "raw"))
    config_changed = changed(config_before, digest(root / "config"))
    for name, result in results.items():
        result.update(run=run, quarantine=quarantine, checks=checks[name],
                      raw_changed=raw_changed, config_changed=config_changed)  # fmt: skip
    return results


def units(cases: list) -> list[list]:
    """The cases in runs: a group's cases together (where its first case stands), others alone."""
    played: dict[str, list] = {}
    for case in cases:
        played.setdefault(case.group or case.name, []).append(case)
    return list(played.values())


def main(workdir: Path, target: Path, names: list[str]) -> None:
    workdir = workdir.resolve()
    if workdir == REPO or REPO in workdir.parents:
        raise SystemExit(f"Le dossier de travail {workdir} ne doit pas être dans le dépôt.")
    root = workdir / "project"
    given = os.environ.get("CLU_PROJECT_ROOT")
    if given and Path(given).resolve() != root:
        raise SystemExit(f"CLU_PROJECT_ROOT={given} : attendu {root} (une copie par processus).")
    if any(name == "pipeline" or name.startswith("pipeline.") for name in sys.modules):
        raise SystemExit("Le paquet pipeline est déjà importé : CLU_PROJECT_ROOT serait ignoré.")
    os.environ["CLU_PROJECT_ROOT"] = str(root)
    os.environ["CLU_ENGINE"] = "inprocess"

    from tests.corpus.cases import BY_NAME, CASES

    unknown = [name for name in names if name not in BY_NAME]
    if unknown:
        raise SystemExit(f"Cas inconnus : {', '.join(unknown)}")
    selected = [BY_NAME[name] for name in names] if names else list(CASES)
    root, pristine = prepare(workdir)
    restore(root, pristine)
    repo_raw = digest(REPO / "data" / "raw")

    results: dict = {}
    base = run_cli("ingest", "--period", PERIOD)
    results["_baseline"] = {"run": base}
    if base["code"] == 0:
        shutil.copytree(root / "data" / "processed" / PERIOD, workdir / "baseline")
    progress = target.with_suffix(".jsonl")  # the runs played so far, should the runner stop
    progress.unlink(missing_ok=True)
    for unit in units(selected):
        started = time.perf_counter()
        played = run_cases(unit, root, pristine)
        seconds = round(time.perf_counter() - started, 2)
        for result in played.values():
            result["seconds"] = seconds
        results |= played
        print(f"{' + '.join(played)} : {seconds} s", flush=True)
        with open(progress, "a", encoding="utf-8") as lines:  # one line per run, not the
            lines.write(json.dumps(played, ensure_ascii=False) + "\n")  # whole file again
    results["_repository_raw_changed"] = changed(repo_raw, digest(REPO / "data" / "raw"))
    target.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
