"""What every notebook opens first: the period, the préfecture's configuration and the paths."""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.config import PrefectureConfig, load_config
from pipeline.core.exceptions import InputFileError
from pipeline.core.install import check_own_package
from pipeline.core.paths import DEFAULT_CONFIG, ROOT, PeriodPaths, relative, workspace_name
from pipeline.core.periods import history_years, parse_period


@dataclass(frozen=True)
class Context:
    period: int
    config: PrefectureConfig
    paths: PeriodPaths


def resolve(path: str | Path) -> Path:
    """A path given relative to the project root (as in the Makefile), or absolute."""
    path = Path(path)
    return path if path.is_absolute() else ROOT / path


def period_paths(period: int, config: PrefectureConfig, root: Path = ROOT) -> PeriodPaths:
    """The paths of a préfecture's period: its raw folder, and its own workspace unless it is
    the bundled sample's configuration (whose products keep the paths the README gives)."""
    base = config.path.parent if config.path is not None else root
    raw = (base / config.raw_folder).resolve() if config.raw_folder else None
    if config.workspace is not None:
        workspace = config.workspace
    elif config.path is None or config.path == (root / "config" / "prefecture.yaml").resolve():
        workspace = ""
    else:
        workspace = workspace_name(config.prefecture.short_name or config.prefecture.name)
    return PeriodPaths(period, root, raw, workspace)


def open_period(period: int | str, config_path: str | Path = DEFAULT_CONFIG) -> Context:
    """Validate PERIOD, load the configuration, build the period's paths (after checking that
    the code that runs is the project folder's own)."""
    check_own_package()
    year = parse_period(period)
    config = load_config(resolve(config_path))
    return Context(year, config, period_paths(year, config))


def source_files(
    config: PrefectureConfig, paths: PeriodPaths, name: str
) -> list[tuple[int | None, Path]]:
    """The raw files of a source for the years the period reads: ``(year, path)`` for a file
    a year (``{year}`` in its name), ``(None, path)`` for one export covering several years."""
    mapping = config.sources[name]
    if not mapping.per_year:
        return [(None, paths.raw / mapping.file)]
    years = history_years(paths.period, config.history_years)
    return [(year, paths.raw / mapping.file.format(year=year)) for year in years]


def meeting_file(ctx: Context) -> Path:
    """The meeting file of the period (it may not exist: only the deck and minutes need it)."""
    return ctx.paths.raw / ctx.config.meeting_file.format(year=ctx.period)


def years_with_data(config: PrefectureConfig, paths: PeriodPaths) -> list[int]:
    """The years for which at least one file of a source is in the raw folder (``{year}`` in
    its name), found by name only."""
    years = set()
    for mapping in config.sources.values():
        if not mapping.per_year:
            continue
        parts = mapping.file.split("{year}")
        shape = re.compile("(\\d{4})".join(re.escape(part) for part in parts))
        for path in paths.raw.glob("*".join(glob.escape(part) for part in parts)):
            found = shape.fullmatch(path.relative_to(paths.raw).as_posix())
            if found and path.is_file():
                years.add(int(found.group(1)))
    return sorted(years)


def check_period_has_data(ctx: Context) -> None:
    """Stop, before any step runs, when not one raw file of the period is there: every source
    of the configuration written by year (``{year}`` in its name) lacks the period's file, and
    no source is an export of several years (which may hold the period's rows). The message
    names the folder looked in and what to do."""
    config, paths, period = ctx.config, ctx.paths, ctx.period
    expected = [
        path for name in config.sources for year, path in source_files(config, paths, name)
        if year in (None, period)
    ]  # fmt: skip
    if not expected or any(path.is_file() for path in expected):
        return
    folders = sorted({path.parent for path in expected})
    where = " ; ".join(relative(folder) + _absent(folder) for folder in folders)
    names = ", ".join(sorted({path.name for path in expected})[:3])
    others = ", ".join(str(year) for year in years_with_data(config, paths) if year != period)
    configuration = relative(config.path) if config.path else "la configuration"
    raise InputFileError(
        f"Aucune donnée pour {period} : aucun des fichiers attendus n'est dans {where}. "
        f"Déposez-y les exports de {period} (par exemple {names}…)"
        + (f", lancez une année qui en a ({others})" if others else "")
        + f", ou corrigez `raw_folder` et les noms `file` des sources dans {configuration}."
    )


def _absent(folder: Path) -> str:
    """What the message says of a folder looked in: nothing when it is there; absent, and the
    folder beside it whose name holds its own (« Année 2022 » for « 2022 »), when it is not."""
    if folder.is_dir():
        return ""
    beside = sorted(p.name for p in folder.parent.glob(f"*{glob.escape(folder.name)}*")
                    if p.is_dir()) if folder.parent.is_dir() else []  # fmt: skip
    if beside:
        return (
            f" (dossier absent, mais « {beside[0]} » est à côté : renommez-le en « {folder.name} »)"
        )
    return " (dossier absent)"
