"""What every notebook opens first: the period, the préfecture's configuration and the paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.config import PrefectureConfig, load_config
from pipeline.paths import ROOT, PeriodPaths
from pipeline.periods import parse_period


@dataclass(frozen=True)
class Context:
    period: int
    config: PrefectureConfig
    paths: PeriodPaths


def resolve(path: str | Path) -> Path:
    """A path given relative to the project root (as in the Makefile), or absolute."""
    path = Path(path)
    return path if path.is_absolute() else ROOT / path


def open_period(period: int | str, config_path: str | Path = "config/prefecture.yaml") -> Context:
    """Validate PERIOD, load the configuration, build the period's paths."""
    year = parse_period(period)
    return Context(year, load_config(resolve(config_path)), PeriodPaths(year))
