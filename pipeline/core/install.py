"""A project folder runs its own code and writes only into itself, even copied or moved.

The package is not installed into the environment (an installed or « editable » package names
the folder it was installed from: a copied folder would run the original's code and write into
the original). Instead, ``python -m pipeline.core.install`` (``make install`` runs it) writes in
the environment's ``site-packages`` a ``.pth`` file whose one line is the project folder
*relative to* ``site-packages`` (``../../../..`` for ``.venv/lib/python3.11/site-packages``):
Python resolves it from where the environment is, so a folder copied or moved with its
``.venv`` finds its own code. The command line also starts its notebooks' kernels with its own
folder first on the import path (:func:`pipeline.run.kernels.project_environment`).

:func:`check_own_package` stops with a French message when the code that runs is not the one of
the folder the chain works in (an environment made before, still pointing at another folder).
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

from pipeline.core.exceptions import InstallError
from pipeline.core.paths import PACKAGE

PATH_FILE = "clu_projet.pth"  # in site-packages: the project folder on the import path
CODE_ROOT = PACKAGE.parent  # the folder whose code runs


def path_file_line(site_packages: Path, folder: Path = CODE_ROOT) -> str:
    """The ``.pth`` line naming ``folder`` from ``site_packages``: relative when they share a
    drive (a copy of both keeps it right), absolute otherwise (Windows, two drives)."""
    try:
        return os.path.relpath(folder.resolve(), site_packages.resolve())
    except ValueError:
        return str(folder.resolve())


def write_path_file(site_packages: Path | None = None, folder: Path = CODE_ROOT) -> Path:
    """Write the ``.pth`` file of :data:`PATH_FILE` in the environment; returns its path."""
    site = Path(site_packages or sysconfig.get_paths()["purelib"])
    target = site / PATH_FILE
    target.write_text(path_file_line(site, folder) + "\n", encoding="utf-8")
    return target


def _is_project(folder: Path) -> bool:
    return (folder / "pipeline" / "__init__.py").is_file() and (folder / "notebooks").is_dir()


def working_folder(cwd: Path | None = None) -> Path | None:
    """The project folder this process works in: the current folder (the command line's), or
    the folder above ``notebooks/`` (a notebook's kernel); None elsewhere."""
    cwd = Path.cwd() if cwd is None else cwd
    for folder in (cwd, cwd.parent) if cwd.name == "notebooks" else (cwd,):
        if _is_project(folder):
            return folder
    return None


def foreign_code(cwd: Path | None = None) -> tuple[Path, Path] | None:
    """``(working folder, folder whose code runs)`` when they differ; None when the code is the
    working folder's own, or the project folder is given explicitly (``CLU_PROJECT_ROOT``)."""
    if os.environ.get("CLU_PROJECT_ROOT"):
        return None
    folder = working_folder(cwd)
    if folder is None or folder.resolve() == CODE_ROOT.resolve():
        return None
    return folder, CODE_ROOT


def check_own_package(cwd: Path | None = None) -> None:
    """Stop (InstallError in French) when the code that runs is another folder's."""
    found = foreign_code(cwd)
    if found is None:
        return
    folder, code = found
    raise InstallError(
        f"Le dossier {folder} exécute le code d'un autre dossier, {code} : son environnement "
        "Python (.venv) vient sans doute d'une copie ou d'un déplacement du projet, et la chaîne "
        "écrirait dans l'autre dossier. Refaites l'environnement de ce dossier : supprimez son "
        "dossier .venv, puis lancez « make install » (sous Windows, les commandes du README)."
    )


def main() -> None:
    target = write_path_file()
    print(f"Dossier du projet mis sur le chemin de Python : {CODE_ROOT} ({target})")


if __name__ == "__main__":
    main()
