"""Hostile or unusable input files refused before any step runs, each in one French message.

Called once at the start of a run (:func:`check_inputs`, by the command line and, for a notebook
run by hand, :mod:`pipeline.run.upstream`), before any raw file is hashed for freshness or read:

- every raw file the configuration names (each source's files for the years read, the meeting
  file) must be a regular file: a folder, a named pipe, a device or a socket is refused (hashing
  a pipe, or a link to ``/dev/zero``, would wait forever); a symbolic link is followed only
  when it stays inside the project folder or the raw folder (a link out of them is refused: a
  folder of exports received from elsewhere must not make the chain read ``~/.ssh`` and quote
  it in a document);
- every workbook among them is checked as :mod:`pipeline.core.office_files` and
  :mod:`pipeline.core.sheet_extents` say (a zip bomb, a sheet spanning far more cells than it
  holds: refused; macros and links to other workbooks: never run nor followed, said in the
  log). The sheets' cells are read once per content: a workbook already checked (by its
  SHA-256, with the same limits) is not read again; the raw folder itself may be a link;
- the PowerPoint template (``--template``, ``TEMPLATE=``): a .pptx without macros nor links to
  the outside in what the deck keeps, with the layouts the deck uses.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from pipeline.core import office_files, sheet_extents
from pipeline.core.context import Context
from pipeline.core.exceptions import InputFileError, TemplateError
from pipeline.core.paths import ROOT, relative

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".ods")
CHECKED_KEPT = 500  # workbooks remembered as checked
CHECK_VERSION = 1  # raised when the checks change: every workbook is checked again


def _inside(path: Path, folders: tuple[Path, ...]) -> bool:
    return any(path == folder or folder in path.parents for folder in folders)


def file_problem(path: Path, folders: tuple[Path, ...]) -> str | None:
    """Why a raw file cannot be read (French), or None when it is a regular file, or absent
    (an absent file is the ingestion's to tell, with the names close to it)."""
    try:
        mode = path.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        return f"{path} : illisible ({error.strerror}) ; vérifiez les droits du dossier."
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return (f"{path} : lien symbolique vers {os.readlink(path)}, qui n'existe pas ; "
                "remplacez le lien par le fichier lui-même.")  # fmt: skip
    except (RuntimeError, OSError):
        return f"{path} : lien symbolique qui renvoie à lui-même ; remplacez-le par le fichier."
    if not _inside(target, folders):
        return (f"{path} : lien vers {target}, hors du dossier du projet et du dossier des "
                "données brutes ; copiez le fichier lui-même dans le dossier (ou indiquez "
                "son dossier dans raw_folder de la configuration).")  # fmt: skip
    if stat.S_ISLNK(mode):
        mode = target.stat().st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        what = "un dossier, pas un fichier"
    elif stat.S_ISFIFO(mode):
        what = "un tube nommé (FIFO), pas un fichier"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "un périphérique, pas un fichier"
    else:
        what = "pas un fichier ordinaire"
    return (f"{path} : c'est {what} ; mettez à sa place le fichier exporté (ou corrigez son "
            "nom dans la configuration).")  # fmt: skip


def raw_inputs(ctx: Context) -> list[Path]:
    """The raw files a run may read: each source's files for the years read, the meeting file."""
    from pipeline.run.steps import raw_files

    return list(dict.fromkeys(raw_files(ctx)))


def check_raw_files(ctx: Context) -> None:
    """Refuse, in one message, every raw file that is not a regular file of the project."""
    folders = (ROOT.resolve(), ctx.paths.raw.resolve())
    problems = [why for path in raw_inputs(ctx) if (why := file_problem(path, folders))]
    if problems:
        listed = "\n  ".join(problems)
        raise InputFileError(
            f"Fichier(s) de données brutes impossible(s) à lire sans risque :\n  {listed}"
        )


def _checked_path(ctx: Context) -> Path:
    return ctx.paths.processed.parent / "inputs_checked.json"


def _remembered(ctx: Context) -> list[str]:
    try:
        found = json.loads(_checked_path(ctx).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return found.get("checked", []) if isinstance(found, dict) else []


def _remember(ctx: Context, keys: list[str]) -> None:
    """Note the workbooks checked (their digest and the limits), beside the processed tables."""
    target = _checked_path(ctx)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"checked": keys[-CHECKED_KEPT:]}), encoding="utf-8")
        temporary.replace(target)
    except OSError:
        pass  # (only a speed-up: the workbooks are checked again next time)


def check_workbooks(ctx: Context) -> list[str]:
    """Check every raw workbook (:mod:`pipeline.core.office_files`); returns the log's lines on
    macros and linked workbooks (never run nor followed)."""
    from pipeline.run.provenance import file_digest

    limits = ctx.config.input_limits
    notes: list[str] = []
    remembered = _remembered(ctx)
    known, added = set(remembered), []
    for path in raw_inputs(ctx):
        if path.suffix.lower() not in WORKBOOK_SUFFIXES or not path.is_file():
            continue
        archive = office_files.open_zip(path)
        if archive is None:
            continue  # not a zip: its reader says what it is (an old .xls, a csv…)
        with archive:
            office_files.check_directory(archive, path, limits)
            package = office_files.package_contents(archive, path, workbook=True)
        notes += office_files.workbook_notes(package, relative(path))
        key = f"{CHECK_VERSION}:{file_digest(path)}:{limits.model_dump_json()}"
        if key not in known:
            sheet_extents.check_sheet_extents(path, limits)
            known.add(key)
            added.append(key)
    if added:
        _remember(ctx, [*remembered, *added])
    return notes


def check_template(path: Path, limits=None) -> None:
    """The template as the deck needs it (:func:`pipeline.core.office_files.
    check_template_package`), with every layout the deck uses, by name."""
    from pptx import Presentation

    from pipeline.outputs.deck.kinds.base import LAYOUTS

    office_files.check_template_package(path, limits)
    try:
        names = [layout.name for layout in Presentation(str(path)).slide_layouts]
    except Exception:  # noqa: BLE001 - python-pptx raises many kinds on a damaged part
        raise TemplateError(
            f"Modèle PowerPoint {path} illisible (une de ses parties est abîmée) : ouvrez-le dans "
            "PowerPoint ou LibreOffice Impress et enregistrez-le à nouveau au format .pptx."
        ) from None
    missing = [name for name in LAYOUTS if name not in names]
    if missing:
        listed = ", ".join(f"« {name} »" for name in names) or "aucune"
        raise TemplateError(
            f"Modèle PowerPoint {path} : il lui manque les dispositions "
            f"{', '.join(f'« {name} »' for name in missing)}, que le diaporama utilise. "
            f"Dispositions disponibles : {listed}. Ajoutez-les ou renommez-les dans le masque "
            "des diapositives (Affichage > Masque des diapositives), ou utilisez le modèle par "
            "défaut."
        )


def check_inputs(ctx: Context, template: Path | None = None) -> list[str]:
    """Every check, before any step runs; returns the lines the log shows (workbooks' macros
    and linked workbooks, never run nor followed). Raises a PipelineError in French."""
    check_raw_files(ctx)
    notes = check_workbooks(ctx)
    if template is not None:
        check_template(template, ctx.config.input_limits)
    return notes
