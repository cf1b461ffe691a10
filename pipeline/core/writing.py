"""Every product written whole or not at all, and a machine's refusal told in French.

A document, a table or a record is first written to a temporary file in its own folder, then
moved onto its name in one step (:func:`os.replace`): a run stopped mid-write (Ctrl-C, a full
disk, a killed process) leaves the previous file or none, never half a document that a rerun
would take for done. The temporary file is hidden (``.name.<pid>-<random>.tmp.ext``) and keeps
the extension, for writers that read it; one left by a process that no longer runs is removed
by the next write of the same file.

A write the machine refuses (read-only folder, full disk, a folder where the document goes, a
document protected or open in another program) raises :class:`OutputError`, whose French
message names the path and says what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

from pipeline.core.exceptions import OutputError
from pipeline.core.paths import relative

# What each refusal of the machine means, and what to do about it.
REASONS = {
    errno.ENOSPC: ("le disque est plein", "Libérez de la place sur le disque, puis relancez."),
    errno.EDQUOT: (
        "le quota de place de ce compte est atteint",
        "Libérez de la place (ou faites augmenter le quota), puis relancez.",
    ),
    errno.EROFS: (
        "le disque est en lecture seule",
        "Placez le dossier du projet sur un disque modifiable, puis relancez.",
    ),
    errno.EACCES: (
        "accès refusé (dossier en lecture seule, ou document ouvert dans un autre programme)",
        "Donnez les droits d'écriture sur ce dossier ou ce fichier, ou fermez le document s'il "
        "est ouvert (PowerPoint, Word, Excel…), puis relancez.",
    ),
    errno.EISDIR: (
        "un dossier porte déjà ce nom",
        "Déplacez ou renommez ce dossier, puis relancez.",
    ),
    errno.ENOTDIR: (
        "un fichier se trouve là où un dossier est attendu",
        "Déplacez ou renommez ce fichier, puis relancez.",
    ),
    errno.EEXIST: (
        "un fichier se trouve là où un dossier est attendu",
        "Déplacez ou renommez ce fichier, puis relancez.",
    ),
    errno.EBUSY: (
        "le fichier est verrouillé par un autre programme",
        "Fermez le programme qui l'utilise, puis relancez.",
    ),
    errno.EIO: (
        "erreur du disque",
        "Vérifiez le disque (ou la clé, le partage réseau), puis relancez.",
    ),
    errno.ENAMETOOLONG: (
        "chemin trop long",
        "Placez le dossier du projet plus près de la racine du disque, puis relancez.",
    ),
    errno.ENOENT: (
        "fichier ou dossier introuvable",
        "Vérifiez que le dossier existe toujours (disque ou partage débranché ?), puis relancez.",
    ),
}
REASONS[errno.EPERM] = REASONS[errno.EACCES]
REASONS[errno.ETXTBSY] = REASONS[errno.EBUSY]
_ERRNO_IN_TEXT = re.compile(r"\[?errno (\d+)\]?", re.IGNORECASE)  # (pyarrow: « [errno 28] »)


def error_number(error: OSError) -> int | None:
    """The error's number, also when a library gives it only in its message (pyarrow)."""
    if error.errno is not None:
        return error.errno
    found = _ERRNO_IN_TEXT.search(str(error))
    return int(found.group(1)) if found else None


def os_error_message(error: OSError, path: Path | str | None = None, writing: bool = True) -> str:
    """A French sentence for a refusal of the machine: the path, why, what to do."""
    number = error_number(error)
    where = path if path is not None else error.filename
    shown = relative(Path(where)) if where is not None else "(chemin inconnu)"
    why, todo = REASONS.get(number, (error.strerror or str(error), "Corrigez, puis relancez."))
    verb = "d'écrire" if writing else "d'accéder à"
    return f"Impossible {verb} {shown} : {why}. {todo}"


def _temporary(path: Path) -> Path:
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    return path.with_name(f".{path.stem}.{token}.tmp{path.suffix}")


def _remove_leftovers(path: Path) -> None:
    """Temporary files of this path left by a process that no longer runs (killed mid-write)."""
    for left in path.parent.glob(f".{glob_escape(path.stem)}.*.tmp{glob_escape(path.suffix)}"):
        pid = left.name[len(path.stem) + 2 :].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                left.unlink()


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or a system that cannot tell
        return True
    return True


def _refuse_protected(path: Path) -> None:
    """A document the user protected against writing stays refused (os.replace would not see
    its protection): the user is told, as for a document open in another program."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if path.exists() and not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))


@contextlib.contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; when the block ends without error, it
    replaces ``path`` in one step. On error nothing is left (the previous file stays), and a
    refusal of the machine becomes an :class:`OutputError`."""
    path = Path(path)
    temporary = None
    make_folder(path.parent)
    try:
        _refuse_protected(path)
        _remove_leftovers(path)
        temporary = _temporary(path)
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        yield temporary
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        at_folder = error.filename is not None and Path(error.filename) in path.parents
        raise OutputError(os_error_message(error, error.filename if at_folder else path)) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


def write_bytes(path: Path | str, data: bytes) -> Path:
    """Write ``data`` at ``path`` whole or not at all; returns the path."""
    with replacing(path) as temporary:
        temporary.write_bytes(data)
    return Path(path)


def write_text(path: Path | str, text: str) -> Path:
    """Write ``text`` (UTF-8) at ``path`` whole or not at all; returns the path."""
    with replacing(path) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return Path(path)


def make_folder(folder: Path) -> Path:
    """``folder`` and its parents made (OutputError in French when the machine refuses; a file
    where a folder of the path should be is named)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(os_error_message(error, _in_the_way(folder, error))) from None
    return folder


def _in_the_way(folder: Path, error: OSError) -> Path:
    """The file standing where a folder of ``folder``'s path should be, or the error's path."""
    if error_number(error) in (errno.ENOTDIR, errno.EEXIST):
        for part in (folder, *folder.parents):
            if part.exists() and not part.is_dir():
                return part
    return Path(error.filename) if error.filename else folder


def check_writable(folder: Path) -> None:
    """Make ``folder`` and try a file in it: a read-only folder or a full disk is told before
    any step runs (OutputError in French, naming the folder)."""
    make_folder(folder)
    probe = _temporary(folder / "essai")
    try:
        handle = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        try:
            os.write(handle, b"\n")
        finally:
            os.close(handle)
        os.unlink(probe)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(probe)
        raise OutputError(os_error_message(error, folder)) from None
