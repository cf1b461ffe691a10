"""Products written whole or not at all, and the machine's refusals told in French, naming the
path and what to do (issue 24)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys

import pytest

from pipeline.core import writing
from pipeline.core.exceptions import OutputError, PipelineError


def _leftovers(folder):
    return [path.name for path in folder.iterdir() if ".tmp" in path.name]


def test_a_write_replaces_the_document_in_one_step(tmp_path):
    target = tmp_path / "sous" / "CLU_2022_diaporama.pptx"
    writing.write_bytes(target, b"premier")
    writing.write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert _leftovers(target.parent) == []


def test_a_write_that_fails_midway_leaves_the_previous_document_and_nothing_else(tmp_path):
    target = tmp_path / "tableau.xlsx"
    target.write_bytes(b"version complete")
    with pytest.raises(ValueError), writing.replacing(target) as temporary:
        temporary.write_bytes(b"a moiti")
        raise ValueError("the writer broke")
    assert target.read_bytes() == b"version complete"
    assert _leftovers(tmp_path) == []


def test_a_full_disk_is_told_in_french_with_the_path_and_what_to_do(tmp_path):
    target = tmp_path / "rapport.html"
    target.write_text("ancien", encoding="utf-8")
    with pytest.raises(OutputError) as raised, writing.replacing(target) as temporary:
        temporary.write_bytes(b"<html>")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(temporary))
    message = str(raised.value)
    assert "rapport.html" in message and "disque est plein" in message
    assert "Libérez de la place" in message and "relancez" in message
    assert target.read_text(encoding="utf-8") == "ancien" and _leftovers(tmp_path) == []
    assert isinstance(raised.value, PipelineError)  # (the command says « Erreur : » and exits 2)


def test_an_error_number_given_only_in_a_message_is_read(tmp_path):
    error = OSError("Failed to open local file 'x.parquet'. Detail: [errno 28] No space left")
    assert writing.error_number(error) == errno.ENOSPC
    assert "disque est plein" in writing.os_error_message(error, tmp_path / "x.parquet")


def test_a_folder_where_the_document_goes_is_named(tmp_path):
    target = tmp_path / "CLU_2022_diaporama.pptx"
    target.mkdir()
    with pytest.raises(OutputError, match="CLU_2022_diaporama.pptx : un dossier porte déjà ce nom"):
        writing.write_bytes(target, b"pptx")
    assert target.is_dir() and _leftovers(tmp_path) == []


def test_a_file_where_a_folder_goes_is_named(tmp_path):
    (tmp_path / "output").write_text("un fichier", encoding="utf-8")
    with pytest.raises(OutputError) as raised:
        writing.write_text(tmp_path / "output" / "2022" / "affiche.html", "<html>")
    message = str(raised.value)
    assert f"{tmp_path / 'output'} : un fichier se trouve là où un dossier est attendu" in message
    assert "Déplacez ou renommez ce fichier" in message


def test_a_protected_document_is_refused_not_replaced(tmp_path, monkeypatch):
    target = tmp_path / "CLU_2022_projet_compte_rendu.docx"
    target.write_bytes(b"relu par le secretariat")
    monkeypatch.setattr(writing.os, "access", lambda path, mode: False)
    with pytest.raises(OutputError, match="accès refusé.*fermez le document"):
        writing.write_bytes(target, b"nouveau")
    assert target.read_bytes() == b"relu par le secretariat"


def test_a_read_only_folder_is_told_before_any_step(tmp_path, monkeypatch):
    def refused(path, flags, mode=0o777):
        raise PermissionError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(writing.os, "open", refused)
    with pytest.raises(OutputError) as raised:
        writing.check_writable(tmp_path / "output")
    assert str(raised.value) == (
        f"Impossible d'écrire {tmp_path / 'output'} : le disque est en lecture seule. Placez le "
        "dossier du projet sur un disque modifiable, puis relancez."
    )


def test_a_document_gets_the_usual_permissions(tmp_path):
    target = writing.write_text(tmp_path / "resultats_2022.csv", "a,b\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_temporary_file_left_by_a_killed_process_is_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    left = tmp_path / f".quarantine.{dead}-0a1b2c3d.tmp.csv"
    alive = tmp_path / f".quarantine.{os.getppid()}-0a1b2c3d.tmp.csv"  # (a process still here)
    left.write_text("moitié", encoding="utf-8")
    alive.write_text("en cours", encoding="utf-8")
    writing.write_text(tmp_path / "quarantine.csv", "fichier;ligne\n")
    assert not left.exists() and alive.exists()
