"""``make lab``: JupyterLab at the project's root for everyone, and git clean after a notebook
was run and saved."""

from __future__ import annotations

import shutil
import subprocess

import nbformat
import pytest

from pipeline.core.paths import ROOT
from pipeline.tooling.lab import (
    install_nbstripout,
    keep_git_index_fresh,
    lab_arguments,
    nbstripout_settings,
)


def test_jupyterlab_opens_at_the_project_on_its_notebooks_as_root_too():
    mine = lab_arguments(ROOT, ["--no-browser", "--port=8890"], is_root=False)
    assert f"--ServerApp.root_dir={ROOT}" in mine
    assert "--LabApp.default_url=/lab/tree/notebooks" in mine
    assert any(a.endswith("post_save_hook=pipeline.tooling.lab.keep_git_index_fresh") for a in mine)
    assert "--allow-root" not in mine and mine[-2:] == ["--no-browser", "--port=8890"]
    assert "--allow-root" in lab_arguments(ROOT, [], is_root=True)
    assert lab_arguments(ROOT, ["--allow-root"], is_root=True).count("--allow-root") == 1


def _git(repo, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git absent de ce poste")
def test_a_notebook_run_and_saved_leaves_git_clean(tmp_path):
    assert "--keep-id" in nbstripout_settings("python")["filter.nbstripout.clean"]
    repo = tmp_path / "depot"
    (repo / "notebooks").mkdir(parents=True)
    committed = repo / "notebooks" / "06_minutes.ipynb"
    shutil.copy(ROOT / "notebooks" / "06_minutes.ipynb", committed)
    _git(repo, "init", "-q")
    assert install_nbstripout(repo)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "notebooks")
    notebook = nbformat.read(committed, as_version=4)
    for count, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
        cell.execution_count = count + 1
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="Mme Dupont")]
    notebook.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    nbformat.write(notebook, committed)  # run, then saved by JupyterLab…
    keep_git_index_fresh(os_path=str(committed))  # … which calls its post-save hook
    assert _git(repo, "status", "--porcelain") == ""
    assert _git(repo, "diff", "--cached") == ""  # (nothing staged either)
    notebook.cells[-1].source += "\nprint('une ligne de plus')"  # a real change stays one
    nbformat.write(notebook, committed)
    keep_git_index_fresh(os_path=str(committed))
    assert _git(repo, "status", "--porcelain") == " M notebooks/06_minutes.ipynb\n"
