"""The corpus of damaged inputs (issue 11): each case gets the outcome it is owed.

The cases (:mod:`tests.corpus.cases`) are played by :mod:`tests.corpus_runner`, in one process
per shard (``CLU_ENGINE=inprocess``), the shards side by side on the machine's cores; then one
test per case checks: no Python traceback nor « erreur inattendue »; for ``"error"``, exit code 2
and every expected fragment in stderr; otherwise exit code 0, and for ``"quarantine"`` every
expected line in quarantine.csv; the case's check passed; data/raw (and config/) unchanged.

``CLU_CORPUS_RESULTS=<results.json>`` reads the results of an earlier run of the runner
instead of playing the corpus again (to read the failures at leisure).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.background import BACKGROUND
from tests.corpus.cases import BY_NAME, CASES

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[1]
SHARDS = max(1, min(2, os.cpu_count() or 1))
UNEXPECTED = ("Traceback (most recent call last)", "erreur inattendue")


def shards(names: list[str], count: int) -> list[list[str]]:
    """Cases spread over ``count`` processes, the slow ones (beyond ingest) first and apart, the
    cases of a group (one shared run) in the same process."""
    from tests.corpus_runner import units

    played = sorted(units([BY_NAME[name] for name in names]),
                    key=lambda unit: unit[0].command == "ingest")  # fmt: skip
    return [[case.name for unit in played[i::count] for case in unit]
            for i in range(count) if played[i::count]]  # fmt: skip


def _behind() -> None:
    """A shard yields the processor to the other runs: its cases are many and short, so its
    shards fill the cores last, where the gallery (one process) must not wait."""
    os.nice(10)


def start(base: Path, names: list[str], count: int = SHARDS) -> list:
    """The runner started over the cases, one process per shard (not waited for)."""
    running = []
    for index, shard in enumerate(shards(names, count)):
        workdir, results = base / f"shard{index}", base / f"results{index}.json"
        workdir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "CLU_PROJECT_ROOT": str(workdir / "project"),
               "CLU_ENGINE": "inprocess"}  # fmt: skip
        log = open(base / f"shard{index}.log", "w", encoding="utf-8")  # noqa: SIM115
        command = [sys.executable, "-m", "tests.corpus_runner", str(workdir), str(results), *shard]
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   preexec_fn=_behind)  # fmt: skip
        running.append((process, results, log))
    return running


def collect(running: list) -> dict:
    """The shards' results, merged, once they are done."""
    merged: dict = {}
    for process, results, log in running:
        try:
            process.wait(timeout=1800)
        finally:
            log.close()
        tail = Path(log.name).read_text(encoding="utf-8")[-3000:]
        assert process.returncode == 0, f"le runner a échoué ({log.name}) :\n{tail}"
        merged.update(json.loads(results.read_text(encoding="utf-8")))
    return merged


def play(base: Path, names: list[str], count: int = SHARDS) -> dict:
    """Run the runner over the cases, one process per shard, and merge their results."""
    return collect(start(base, names, count))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory, request) -> dict:
    given = os.environ.get("CLU_CORPUS_RESULTS")
    if given:
        return json.loads(Path(given).read_text(encoding="utf-8"))
    started = BACKGROUND.pop("corpus", None)  # started beside the other tests (conftest)
    if started is not None:
        return collect(started)
    return play(tmp_path_factory.mktemp("corpus"), [case.name for case in CASES])


def _matches(line: dict, expected: tuple[str, str, int, str, str]) -> bool:
    source, file, row, column, reason = expected
    return (
        line.get("source") == source
        and line.get("file") == file
        and str(line.get("row", "")).split(".")[0] == str(row)
        and (not column or line.get("column") == column)
        and reason.casefold() in str(line.get("reason", "")).casefold()
    )


def problems(case, result: dict | None) -> list[str]:
    """Everything wrong with a case's outcome, in French (empty when it is the one owed)."""
    if result is None:
        return ["cas non joué (le runner s'est arrêté avant)"]
    if "damage_error" in result:
        return [f"la détérioration a échoué : {result['damage_error'][-600:]}"]
    run = result["run"]
    said = run["stdout"] + run["stderr"]
    found = []
    for marker in UNEXPECTED:
        if marker.casefold() in said.casefold():
            found.append(f"« {marker} » affiché : {run['stderr'][-700:].strip()}")
    if case.expect == "error":
        if run["code"] != 2:
            found.append(f"code de sortie {run['code']} au lieu de 2 (refus attendu)")
        missing = [f for f in case.error_contains if f not in run["stderr"]]
        if missing:
            found.append(f"fragment(s) absent(s) du message : {missing}")
    else:
        if run["code"] != 0:
            found.append(f"code de sortie {run['code']} au lieu de 0 : {run['stderr'][-700:]}")
        rows = result["quarantine"]["rows"]
        for expected in case.quarantined:
            if not any(_matches(line, expected) for line in rows):
                near = [
                    f"{line['row']} {line['column']} « {line['reason']} »"
                    for line in rows
                    if line.get("file") == expected[1]
                    and abs(int(float(line["row"] or 0)) - expected[2]) <= 3
                ]  # fmt: skip
                found.append(f"absent de la quarantaine : {expected} ; lignes proches : {near}")
    for check in result["checks"]:
        if not check["passed"]:
            found.append(f"contrôle en échec : {check['message'][:1500]}")
    if result["raw_changed"]:
        found.append(f"data/raw modifié par la chaîne : {result['raw_changed']}")
    if result.get("config_changed"):
        found.append(f"config/ modifié par la chaîne : {result['config_changed']}")
    return found


@pytest.mark.parametrize("name", [case.name for case in CASES])
def test_each_damaged_input_gets_its_outcome(corpus, name):
    found = problems(BY_NAME[name], corpus.get(name))
    assert not found, f"{name} : " + "\n  - ".join(["", *found])


def test_the_repository_raw_data_is_never_touched(corpus):
    assert corpus.get("_repository_raw_changed", []) == []
    assert corpus["_baseline"]["run"]["code"] == 0, corpus["_baseline"]["run"]["stderr"]
