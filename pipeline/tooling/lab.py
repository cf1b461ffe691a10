"""``make lab`` (``python -m pipeline.tooling.lab [arguments of JupyterLab]``): JupyterLab on the
project's kernel, for everyone.

- It opens at the project's root, so ``output/``, ``config/`` and ``data/`` are a click away,
  on ``notebooks/`` (JupyterLab's default address).
- It runs as root too (a container, a server): ``--allow-root`` is given when the user is root.
- Every other argument goes to JupyterLab (``make lab LAB_ARGS="--no-browser --port 8890"``).
- Git stays clean: nbstripout strips the outputs of the notebooks on commit (verbatims,
  complaint texts never reach git) and keeps their cell ids (``--keep-id``: the committed ids
  are the notebooks' own), and the metadata JupyterLab adds when it saves a notebook
  (``language_info``) is left out; after each save, git's index is refreshed for a notebook
  whose committed part did not change (:func:`keep_git_index_fresh`): a notebook run and
  saved in JupyterLab leaves ``git status`` clean.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline.core.paths import ROOT

# Metadata JupyterLab writes on save, stripped with the outputs (nbstripout's ``extrakeys``).
SAVED_METADATA = ("metadata.language_info",)


def nbstripout_settings(python: str) -> dict[str, str]:
    """The git configuration of the nbstripout filter (what ``nbstripout --install`` sets),
    cell ids kept."""
    command = f'"{Path(python).as_posix()}" -m nbstripout --keep-id'
    return {
        "filter.nbstripout.clean": command,
        "filter.nbstripout.smudge": "cat",
        "filter.nbstripout.required": "true",
        "filter.nbstripout.extrakeys": " ".join(SAVED_METADATA),
        "diff.ipynb.textconv": f"{command} -t",
    }


def install_nbstripout(root: Path = ROOT, python: str = sys.executable) -> bool:
    """The nbstripout filter set up in the project's git repository (its attributes by
    ``nbstripout --install``, its command with ``--keep-id``); False outside a repository."""
    inside = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root, capture_output=True,
                            check=False)  # fmt: skip
    if inside.returncode:
        return False
    subprocess.run([python, "-m", "nbstripout", "--install"], cwd=root, check=True)
    for key, value in nbstripout_settings(python).items():
        subprocess.run(["git", "config", key, value], cwd=root, check=True)
    return True


def keep_git_index_fresh(model=None, os_path: str = "", contents_manager=None, **kwargs) -> None:
    """Jupyter's post-save hook under ``make lab``: a notebook saved with its outputs, whose part
    git keeps did not change (the clean filter gives the blob the index has), has its entry of
    git's index refreshed. Without it ``git status`` would list it as modified, with an empty
    diff: git takes a file whose size changed for modified without reading it."""
    path = Path(os_path)
    if path.suffix != ".ipynb":
        return

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", *args], cwd=path.parent, capture_output=True,
                                  text=True, check=False, timeout=60)  # fmt: skip
        except (OSError, subprocess.TimeoutExpired):  # (no git: nothing to keep clean)
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    staged = git("rev-parse", f":./{path.name}")  # (None: untracked, or not a repository)
    if staged is not None and git("hash-object", "--path", path.name, path.name) == staged:
        git("add", "--", path.name)  # the same content: only the index's file sizes refreshed


def lab_arguments(root: Path, extra: list[str], is_root: bool) -> list[str]:
    """JupyterLab's arguments: rooted at the project, opening on ``notebooks/``, git's index
    kept fresh on save, as root when the user is, then the user's own (which win: given last)."""
    given = " ".join(extra)
    arguments = [
        f"--ServerApp.root_dir={root}", "--LabApp.default_url=/lab/tree/notebooks",
        "--ContentsManager.post_save_hook=pipeline.tooling.lab.keep_git_index_fresh",
    ]  # fmt: skip
    if is_root and "--allow-root" not in given:
        arguments.append("--allow-root")
    return [*arguments, *extra]


def main(argv: list[str]) -> int:
    install_nbstripout()
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    command = [sys.executable, "-m", "jupyterlab", *lab_arguments(ROOT, argv, is_root)]
    try:
        return subprocess.call(command, cwd=ROOT)
    except KeyboardInterrupt:  # (Ctrl-C: JupyterLab, in the same terminal, stops as well)
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
