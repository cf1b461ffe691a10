"""Shared fixtures: the whole pipeline run once on the bundled sample, in a copy of the project.

Tests that read what a real run produces take ``sample_run``: a dict with the copy's ``root``,
its ``paths`` (PeriodPaths), the ``first`` and ``second`` CompletedProcess of
``python -m pipeline clu-deck --period 2022``, the digest of data/raw before the run and the
digest of this checkout's ``data/`` and ``output/`` before it (``original_before``).

The first run is that of a copied checkout, as a user copies the project folder (to make a
second préfecture's folder, or a backup): its code, notebooks, configuration, raw data and its
own ``.venv``, run by the copy's Python, without ``CLU_PROJECT_ROOT``; it must write only into
the copy. The copy's environment is a small one (:func:`copy_environment`): the dependencies
are read from this checkout's environment (a copy of a gigabyte would cost more than the run),
the project is found by the same relative ``.pth`` file ``make install`` writes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
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
            sha.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return sha.hexdigest()


def original_digest() -> str:
    """This checkout's data/ and output/ (a copied checkout must never write into them)."""
    return digest(ROOT / "data") + digest(ROOT / "output")


def copy_environment(target: Path) -> Path:
    """A ``.venv`` for a copied checkout: made by ``venv``, with this environment's ``.pth``
    file of the project folder (its line relative, as ``make install`` writes it; written the
    same way when this environment has none), a ``.pth`` line naming this environment's
    site-packages for the dependencies, and a copy of its Jupyter data (kernel description,
    nbconvert's templates; JupyterLab's pages left out). Returns the copy's Python."""
    from pipeline.core.install import PATH_FILE, write_path_file

    venv.EnvBuilder(symlinks=os.name != "nt", with_pip=False).create(target)
    python = target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())  # fmt: skip
    ours = Path(sysconfig.get_paths()["purelib"])
    if (ours / PATH_FILE).is_file():
        line = (ours / PATH_FILE).read_text(encoding="utf-8").strip()
        assert not Path(line).is_absolute(), f"{ours / PATH_FILE} : chemin absolu {line}"
        (site / PATH_FILE).write_text(line + "\n", encoding="utf-8")
    else:
        write_path_file(site, target.parent)
    (site / "zz_dependances.pth").write_text(f"{ours}\n", encoding="utf-8")
    for data in ("share/jupyter/kernels", "share/jupyter/nbconvert", "etc/jupyter"):
        if (Path(sys.prefix) / data).is_dir():
            shutil.copytree(Path(sys.prefix) / data, target / data)
    return python


def copy_checkout(target: Path) -> Path:
    """A copy of this checkout as a user copies the project folder, with its own environment;
    returns the copy's Python."""
    for folder in ("pipeline", "notebooks", "config", "data/raw"):
        shutil.copytree(ROOT / folder, target / folder)  # (bytecode too: dates kept)
    shutil.copy2(ROOT / "pyproject.toml", target / "pyproject.toml")
    return copy_environment(target / ".venv")


def start_sample_run(root: Path) -> tuple[subprocess.Popen, Path, str, str]:
    """The first run of the sample started in a new copy of the checkout, by the copy's own
    Python (not waited for)."""
    original_before = original_digest()
    python = copy_checkout(root)
    raw_before = digest(root / "data" / "raw")
    env = {k: v for k, v in os.environ.items() if k not in ("CLU_PROJECT_ROOT", "PYTHONPATH")}
    command = [str(python), "-m", "pipeline", "clu-deck", "--period", str(PERIOD)]
    logs = [root.parent / f"{root.name}.{name}" for name in ("stdout", "stderr")]  # beside it
    with open(logs[0], "w") as out, open(logs[1], "w") as err:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=err)
    return process, root, raw_before, original_before


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    """The whole pipeline run twice on the bundled sample, in a copy of the project (the first
    run started beside the other tests when collection says it is needed)."""
    from tests.background import BACKGROUND

    started = BACKGROUND.pop("sample", None) or start_sample_run(tmp_path_factory.mktemp("clu"))
    process, root, raw_before, original_before = started
    process.wait(timeout=600)
    said = [
        (root.parent / f"{root.name}.{n}").read_text(encoding="utf-8") for n in ("stdout", "stderr")
    ]
    first = subprocess.CompletedProcess(process.args, process.returncode, *said)
    assert first.returncode == 0, first.stdout + first.stderr
    second = run_cli(root, "clu-deck", "--period", str(PERIOD))
    return {
        "root": root,
        "paths": PeriodPaths(PERIOD, root=root),
        "first": first,
        "second": second,
        "raw_before": raw_before,
        "original_before": original_before,
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


# What runs beside the other tests, in the order it is done: the sample's run first, then the
# gallery, then the corpus (whose shards yield the processor to the others).
BACKGROUND_FIXTURES = ("sample_run", "gallery", "corpus")


def pytest_collection_modifyitems(items) -> None:
    """The tests that wait for a background run go last, in the order the runs end (and their
    own order within): the others run while they work."""

    def waits_for(item) -> int:
        found = [i for i, f in enumerate(BACKGROUND_FIXTURES, 1) if f in item.fixturenames]
        return max(found, default=0)

    items.sort(key=waits_for)


# The runs each tier of the suite needs (``-m`` as the Makefile gives it): ``make test``, the
# everyday tier, the sample's run and the corpus; ``make test-complet`` the sample's run (the
# documents it prints) and the gallery; the whole suite all three.
TIERS = {
    "": {"sample": True, "corpus": True, "gallery": True},
    "not complete": {"sample": True, "corpus": True, "gallery": False},
    "complete": {"sample": True, "corpus": False, "gallery": True},
}


def pytest_configure(config) -> None:
    """A run of a whole tier of the suite (``make test``, ``make test-complet``) starts its
    background runs at once: pytest's collection then takes three seconds on one core while
    they use the other."""
    option, suite = config.option, [config.rootpath / "tests"]
    whole = (not option.keyword and option.markexpr in TIERS and not option.collectonly
             and not getattr(option, "lf", False) and not getattr(option, "deselect", None)
             and [Path(a).resolve() for a in config.args] == suite)  # fmt: skip
    if whole and not os.environ.get("CLU_CORPUS_RESULTS"):
        _start_background(config, **TIERS[option.markexpr])


def pytest_collection_finish(session) -> None:
    """Start the corpus and the gallery in the background when a selected test needs them: they
    run in their own processes while the other tests run (see :mod:`tests.background`)."""
    if session.config.option.collectonly:  # (nothing runs: nothing to start)
        return
    wanted = {item.nodeid.split("::")[0] for item in session.items}
    _start_background(
        session.config,
        sample=any(BACKGROUND_FIXTURES[0] in item.fixturenames for item in session.items),
        corpus="tests/test_corpus.py" in wanted and not os.environ.get("CLU_CORPUS_RESULTS"),
        gallery="tests/test_gallery.py" in wanted,
    )


_STARTED: set[str] = set()  # the background runs started in this session


def _start_background(config, sample: bool, corpus: bool, gallery: bool) -> None:
    """The sample's run, the corpus and the gallery started, each once."""
    import tempfile

    from tests.background import BACKGROUND

    wanted = {"sample": sample, "corpus": corpus, "gallery": gallery}
    wanted = [name for name, needed in wanted.items() if needed and name not in _STARTED]
    if not wanted:
        return
    base = Path(tempfile.mkdtemp(prefix="clu-tests-"))
    config.add_cleanup(lambda: shutil.rmtree(base, ignore_errors=True))
    config.add_cleanup(_stop_background)  # (runs first: a run cut short stops them)
    _STARTED.update(wanted)
    if "sample" in wanted:
        BACKGROUND["sample"] = start_sample_run(base / "sample")
    if "corpus" in wanted:
        from tests.corpus.cases import CASES
        from tests.test_corpus import start

        (base / "corpus").mkdir()
        BACKGROUND["corpus"] = start(base / "corpus", [case.name for case in CASES])
    if "gallery" in wanted:
        from tests.test_gallery import start

        (base / "gallery").mkdir()
        BACKGROUND["gallery"] = start(base / "gallery")


def _stop_background() -> None:
    """Stop the runners whose fixture never took them (a run cut short, a failed session)."""
    from tests.background import BACKGROUND

    for started in BACKGROUND.values():
        runs = [started] if isinstance(started, tuple) else started
        for process, *rest in runs:
            if process.poll() is None:
                process.kill()
            process.wait()  # (reaped: no process left running behind the session)
            for log in rest:  # a corpus shard's log file
                if hasattr(log, "close"):
                    log.close()
    BACKGROUND.clear()
