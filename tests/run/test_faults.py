"""Faults of the machine answered (issue 24): a document in the way, a notebook's refusal of the
machine, Ctrl-C at several moments of a run, two runs at once on the same folder.

Each runs the command on a copy of the session's sample run (its products already made), so
that only what the fault touches runs again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.core.paths import PeriodPaths
from pipeline.run.execute import step_error
from pipeline.run.steps import step
from tests.conftest import PERIOD, run_cli

UNEXPECTED = ("Traceback", "inattendue", "Error:", "DeadKernel")


def _copy_of_run(sample_run, target: Path) -> tuple[Path, PeriodPaths]:
    shutil.copytree(sample_run["root"], target, ignore=shutil.ignore_patterns(".venv"))
    return target, PeriodPaths(PERIOD, root=target)


def _command(root: Path, *args: str, engine: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "CLU_PROJECT_ROOT": str(root)}
    if engine:
        env["CLU_ENGINE"] = engine
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", *args], cwd=root, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip


class _Error:
    """What papermill hands over when a notebook's cell failed."""

    def __init__(self, ename: str, evalue: str):
        self.ename, self.evalue = ename, evalue


def test_a_refusal_of_the_machine_in_a_notebook_is_told_in_french():
    from pipeline.core.context import open_period

    ctx = open_period(PERIOD)
    error = _Error("OSError", "[Errno 28] No space left on device: '/srv/clu/output/2022/x.png'")
    message = str(step_error(step("survey"), ctx, error))
    assert "Impossible d'accéder à /srv/clu/output/2022/x.png : le disque est plein" in message
    assert "Libérez de la place" in message and "inattendue" not in message
    with pytest.raises(KeyboardInterrupt):  # a Ctrl-C that reached a cell stays a Ctrl-C
        step_error(step("survey"), ctx, _Error("KeyboardInterrupt", ""))


def test_a_folder_where_the_deck_goes_is_named_and_the_rest_is_kept(sample_run, tmp_path):
    root, paths = _copy_of_run(sample_run, tmp_path / "projet")
    minutes = paths.minutes_docx.read_bytes()
    paths.deck.unlink()
    paths.deck.mkdir()
    result = run_cli(root, "clu-deck", "--period", str(PERIOD), engine="inprocess")
    assert result.returncode == 2, result.stdout + result.stderr
    assert (
        f"Impossible d'écrire output/{PERIOD}/CLU_{PERIOD}_diaporama.pptx : un dossier porte "
        "déjà ce nom. Déplacez ou renommez ce dossier, puis relancez."
    ) in result.stderr
    assert not any(word in result.stderr for word in UNEXPECTED), result.stderr
    assert paths.deck.is_dir() and paths.minutes_docx.read_bytes() == minutes
    assert not [p.name for p in paths.output.iterdir() if ".tmp" in p.name]


def test_a_second_run_on_the_same_folder_waits_for_the_first(sample_run, tmp_path):
    import fcntl

    from pipeline.run.lock import LOCK_NAME

    root, paths = _copy_of_run(sample_run, tmp_path / "projet")
    with open(paths.processed / LOCK_NAME, "a+", encoding="ascii") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # a first run holds the folder
        held.truncate(0)
        held.write("4242")
        held.flush()
        second = _command(root, "ingest", "--period", str(PERIOD))
        guard = threading.Timer(120, second.kill)  # (never a hung session)
        guard.start()
        said = []
        for line in second.stdout:
            said.append(line)
            if "attend" in line:
                break
        assert second.poll() is None, "".join(said)  # it waits
    out, err = second.communicate(timeout=120)
    guard.cancel()
    assert (
        f"Une autre exécution de la chaîne travaille déjà sur data/processed/{PERIOD} (processus "
        "4242) : celle-ci attend qu'elle se termine"
    ) in said[-1]
    assert second.returncode == 0, out + err
    assert "Tout était à jour" in out


def _kernels_of(root: Path) -> list[int]:
    """The Jupyter kernels still running for a project copy (their environment names it)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if b"ipykernel_launcher" not in (proc / "cmdline").read_bytes():
                continue
            if f"CLU_PROJECT_ROOT={root}".encode() in (proc / "environ").read_bytes().split(b"\0"):
                found.append(int(proc.name))
    return found


def _kernels_running_notebooks(root: Path, count: int) -> bool:
    """``count`` kernels of the copy are running a notebook (they have loaded pandas)."""
    busy = 0
    for pid in _kernels_of(root):
        with contextlib.suppress(OSError):
            busy += b"pandas" in Path(f"/proc/{pid}/maps").read_bytes()
    return busy >= count


def _first_table_rewritten(paths: PeriodPaths, since: float) -> bool:
    """A table of the period was written after ``since``.

    A write's temporary file can be renamed between the listing and its ``stat``: it is skipped.
    """
    for path in paths.processed.glob("*.parquet"):
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime > since:
                return True
    return False


def _stale(*steps: str):
    """The steps made stale (their records removed): the run does them again, not the others."""

    def prepare(paths: PeriodPaths) -> list[str]:
        for name in steps:
            (paths.provenance / f"{name}.json").unlink()
        return []

    return prepare


def _forced(paths: PeriodPaths) -> list[str]:
    return ["--force"]


# When Ctrl-C is pressed: while a kernel runs the ingest notebook in the command's main thread
# (its tables being written), while two kernels run the indicators and survey notebooks in
# threads, and in a run without kernels (notebooks in the command's process). Each: (engine,
# what to make stale, when the moment is reached).
MOMENTS = {
    "notebook dans un noyau": (None, _forced, lambda said, paths, since: _first_table_rewritten(
        paths, since)),
    "vague de notebooks en parallèle": (None, _stale("indicators", "survey"),
        lambda said, paths, since: _kernels_running_notebooks(paths.root, 2)),
    "notebook dans le processus": ("inprocess", _forced, lambda said, paths, since: any(
        line.startswith("CLU ") for line in said)),
}  # fmt: skip


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="sans /proc (Linux)")
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_ctrl_c_ends_on_interrompu_and_stops_every_kernel(sample_run, tmp_path, moment):
    engine, prepare, reached = MOMENTS[moment]
    root, paths = _copy_of_run(sample_run, tmp_path / "projet")
    options = prepare(paths)
    since = time.time()
    run = _command(root, "clu-deck", "--period", str(PERIOD), *options, engine=engine)
    guard = threading.Timer(180, run.kill)
    guard.start()
    said = []
    with run:
        try:
            reader = threading.Thread(target=lambda: said.extend(run.stdout), daemon=True)
            reader.start()
            while run.poll() is None and not reached(list(said), paths, since):
                time.sleep(0.05)
            with contextlib.suppress(ProcessLookupError):  # (unless it is over already)
                os.killpg(run.pid, signal.SIGINT)  # what the terminal sends on Ctrl-C
            err = run.stderr.read()
            run.wait(timeout=120)
            reader.join(timeout=10)
        finally:
            guard.cancel()
    out = "".join(said)
    if run.returncode == 0:  # (it was done before the signal came)
        pytest.skip(f"exécution finie avant Ctrl-C ({moment})")
    assert run.returncode == 130, out + err
    assert err == "Interrompu.\n", err  # nothing else: no trace, no library's message
    assert not any(word in out for word in UNEXPECTED), out
    deadline = time.monotonic() + 10
    while _kernels_of(root) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _kernels_of(root)
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    assert not left, f"noyaux restés après Ctrl-C : {left}"
