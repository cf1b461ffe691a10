"""What every notebook opens first: the period, the préfecture's configuration and the paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.core.config import PrefectureConfig, load_config
from pipeline.core.install import check_own_package
from pipeline.core.paths import DEFAULT_CONFIG, ROOT, PeriodPaths, workspace_name
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
