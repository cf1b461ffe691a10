"""One run at a time on a period's folders: a second run waits for the first to end.

The lock is a file, ``data/processed/<année>/.execution-en-cours`` (with the workspace's
sub-folder for another préfecture), locked by the system for as long as the run lasts (``flock``
on Linux and macOS, ``msvcrt.locking`` on Windows): it is released when the run ends however it
ends (a crash, Ctrl-C, a killed process), so a stale lock never blocks the next run. The file
holds the number of the process that has it, for the message of the one that waits.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.core.exceptions import OutputError
from pipeline.core.paths import relative
from pipeline.core.writing import make_folder, os_error_message

LOCK_NAME = ".execution-en-cours"

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None


def _try(handle, blocking: bool) -> bool:
    """Lock the open file; False when another process holds it (and ``blocking`` is off)."""
    if fcntl is not None:
        flags = fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB)
        try:
            fcntl.flock(handle.fileno(), flags)
        except BlockingIOError:
            return False
        return True
    import msvcrt
    import time

    while True:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            if not blocking:
                return False
            time.sleep(0.5)


def _holder(handle) -> str:
    """« (processus 1234) », from what the holder wrote in the file, or nothing."""
    with contextlib.suppress(OSError, ValueError):
        handle.seek(0)
        text = handle.read().strip()
        if text.isdigit():
            return f" (processus {text})"
    return ""


@contextlib.contextmanager
def one_run_at_a_time(folder: Path, say: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock of ``folder`` while the block runs; when another run holds it, say so in
    French and wait for it to end."""
    path = make_folder(folder) / LOCK_NAME
    try:
        handle = open(path, "a+", encoding="ascii")  # noqa: SIM115 - held for the whole run
    except OSError as error:
        raise OutputError(os_error_message(error, path)) from None
    try:
        if not _try(handle, blocking=False):
            say(
                f"Une autre exécution de la chaîne travaille déjà sur {relative(folder)}"
                f"{_holder(handle)} : celle-ci attend qu'elle se termine (Ctrl-C pour "
                "abandonner)…"
            )
            _try(handle, blocking=True)
        with contextlib.suppress(OSError):  # (only a note for the run that waits)
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        yield
    finally:
        with contextlib.suppress(OSError):  # (the note goes with the run)
            handle.seek(0)
            handle.truncate()
        handle.close()  # (closing the file releases its lock)
