"""What each product was built from: the content of its inputs, its parameters, the code version.

A step is up to date when the digest of everything it reads (data files, configuration and
catalogues, its notebook and the package modules it uses, the template, the parameters) is the
one recorded when its products were made, and its products are still the files it wrote.
Dates play no part: restoring an older file, switching configuration or editing a YAML file
changes a digest, so exactly the steps that read it run again; touching a file changes nothing.

The record of a step, ``data/processed/[<workspace>/]<period>/provenance/<step>.json``, lists
every input with its digest and every product with its own; the build's short digest is also
written in the executed notebook and in the documents' properties.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISDIR, S_ISREG

from pipeline import __version__
from pipeline.core.exceptions import InputFileError
from pipeline.core.paths import relative
from pipeline.core.writing import write_text

ABSENT = "absent"
SHORT = 12  # characters of the digest shown in documents
_CACHE: dict[tuple[str, int, int], str] = {}


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's content (``absent`` when there is no such file, or a folder
    stands where it should be: the step is then done again, and says what is in the way;
    InputFileError for a pipe or a device, which would be read forever).

    Cached per (path, size, modification time) within a process: a file is read once a run.
    """
    try:
        stat = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return ABSENT
    if S_ISDIR(stat.st_mode):
        return ABSENT
    if not S_ISREG(stat.st_mode):  # (a pipe or a device would be read forever)
        raise InputFileError(f"{path} : ce n'est pas un fichier ordinaire (tube nommé, "
                             "périphérique) ; mettez le fichier attendu à sa place.")  # fmt: skip
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _CACHE:
        sha = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                sha.update(chunk)
        _CACHE[key] = sha.hexdigest()
    return _CACHE[key]


@dataclass(frozen=True)
class Build:
    """The inputs of one run of a step, by content."""

    step: str
    inputs: dict[str, str]  # file as shown (relative to the project) → digest
    parameters: dict[str, str] = field(default_factory=dict)
    version: str = __version__

    @property
    def digest(self) -> str:
        payload = {"inputs": self.inputs, "parameters": self.parameters, "version": self.version}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    @property
    def short(self) -> str:
        return self.digest[:SHORT]


def value_digest(value) -> str:
    """The SHA-256 of a JSON-serialisable value (a part of the configuration)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def describe_build(
    step: str,
    inputs: list[Path],
    parameters: dict[str, str],
    values: dict[str, str] | None = None,
) -> Build:
    """The build of a step from the files it reads, the parts of the configuration it uses
    (``values``: name → digest) and its parameters."""
    digests = {relative(path): file_digest(path) for path in sorted(set(inputs))}
    return Build(step, {**digests, **(values or {})}, dict(sorted(parameters.items())))


def _stored(record: Path) -> dict | None:
    try:
        return json.loads(record.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def is_current(build: Build, products: list[Path], record: Path) -> bool:
    """True when the record says these products were built from exactly these inputs and the
    products are still the files the step wrote (none missing, none replaced)."""
    stored = _stored(record)
    if stored is None or stored.get("digest") != build.digest:
        return False
    made = stored.get("products", {})
    return all(made.get(relative(path)) == file_digest(path) for path in products) and any(
        digest != ABSENT for digest in made.values()
    )


def write_record(build: Build, products: list[Path], record: Path) -> None:
    """Record what the step's products were built from, beside them."""
    payload = {
        "step": build.step,
        "digest": build.digest,
        "version": build.version,
        "parameters": build.parameters,
        "inputs": build.inputs,
        "products": {relative(path): file_digest(path) for path in products},
    }
    write_text(record, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def changed_inputs(build: Build, record: Path) -> list[str]:
    """The inputs whose content differs from the last recorded build (for the run log)."""
    stored = _stored(record)
    if stored is None:
        return []
    before = stored.get("inputs", {})
    names = sorted(set(before) | set(build.inputs))
    return [name for name in names if before.get(name) != build.inputs.get(name)]
