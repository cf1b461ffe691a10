"""A project folder is self-contained (issue 24): copied with its ``.venv``, it runs its own code
and writes only into itself; code of another folder is refused in French.

The session's sample run is that of a copied checkout (see :mod:`tests.conftest`): these tests
read what it did.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from pipeline.core import install
from pipeline.core.exceptions import InstallError
from pipeline.core.paths import ROOT
from tests.conftest import PERIOD, original_digest


def _project(folder: Path) -> Path:
    (folder / "pipeline").mkdir(parents=True)
    (folder / "pipeline" / "__init__.py").write_text("", encoding="utf-8")
    (folder / "notebooks").mkdir()
    return folder


def test_the_path_file_line_is_relative_and_survives_a_copy(tmp_path):
    site = tmp_path / "projet" / ".venv" / "lib" / "python3.11" / "site-packages"
    site.mkdir(parents=True)
    written = install.write_path_file(site, tmp_path / "projet")
    line = written.read_text(encoding="utf-8").strip()
    assert line == os.path.join("..", "..", "..", "..")
    copy = tmp_path / "copie" / ".venv" / "lib" / "python3.11" / "site-packages"
    assert (copy / line).resolve() == (tmp_path / "copie").resolve()  # as site resolves it


def test_make_install_put_this_folder_on_the_path_relatively():
    found = Path(sysconfig.get_paths()["purelib"]) / install.PATH_FILE
    if not found.is_file():
        pytest.skip("environnement fait sans « make install » (pas de fichier .pth du projet)")
    line = found.read_text(encoding="utf-8").strip()
    assert not Path(line).is_absolute(), line
    assert (found.parent / line).resolve() == ROOT.resolve()


def test_code_of_another_folder_is_refused_in_french(tmp_path, monkeypatch):
    monkeypatch.delenv("CLU_PROJECT_ROOT", raising=False)
    copy = _project(tmp_path / "copie")
    for where in (copy, copy / "notebooks"):  # the command line's folder, a kernel's
        with pytest.raises(InstallError) as raised:
            install.check_own_package(where)
        message = str(raised.value)
        assert str(copy) in message and str(install.CODE_ROOT) in message
        assert "supprimez son dossier .venv" in message and "make install" in message
    install.check_own_package(tmp_path)  # not a project folder: nothing to say
    install.check_own_package(install.CODE_ROOT)  # its own code
    monkeypatch.setenv("CLU_PROJECT_ROOT", str(copy))  # a project placed elsewhere on purpose
    install.check_own_package(copy)


def test_the_copied_checkout_ran_its_own_code_and_left_the_original_untouched(sample_run):
    root = sample_run["root"]
    python = Path(sample_run["first"].args[0])
    assert python.parent.parent == root / ".venv"  # the copy's own Python, no CLU_PROJECT_ROOT
    assert sample_run["paths"].deck.is_file() and sample_run["paths"].ingest_report.is_file()
    executed = sample_run["paths"].executed_notebooks / "01_ingest.ipynb"
    assert str(ROOT) not in executed.read_text(encoding="utf-8")
    assert original_digest() == sample_run["original_before"], (
        "la copie a écrit dans data/ ou output/ de l'original"
    )


def test_a_kernel_of_the_copy_imports_the_copys_code(sample_run):
    """What a JupyterLab kernel of the copy does: its Python, started in its notebooks/."""
    root = sample_run["root"]
    python = Path(sample_run["first"].args[0])
    env = {k: v for k, v in os.environ.items() if k not in ("CLU_PROJECT_ROOT", "PYTHONPATH")}
    found = subprocess.run(
        [str(python), "-c", "import pipeline, sys; print(pipeline.__file__)"],
        cwd=root / "notebooks", env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(found) == root / "pipeline" / "__init__.py"


def test_the_originals_code_run_in_the_copy_is_refused(sample_run):
    """The original's code run in the copy (its ``clu`` script, its environment): refused before
    anything is written, in French."""
    root = sample_run["root"]
    env = {k: v for k, v in os.environ.items() if k != "CLU_PROJECT_ROOT"}
    env["PYTHONPATH"] = str(ROOT)
    command = "import sys; from pipeline.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run(
        [sys.executable, "-P", "-c", command, "ingest", "--period", str(PERIOD)],
        cwd=root, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"Erreur : Le dossier {root} exécute le code d'un autre")
    assert "Traceback" not in result.stderr
