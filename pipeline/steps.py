"""The steps of the pipeline: which notebook each runs, what it reads and what it makes.

A step is up to date when all its products exist and are newer than everything it reads
(its notebook, the package modules it uses, the configuration and its upstream products);
an up-to-date step is not run again, so a second run with nothing changed re-runs nothing.
The Makefile relies on the same rule through real file targets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.context import Context
from pipeline.paths import NOTEBOOKS, PACKAGE

COMMON_CODE = ("__init__", "config", "context", "paths", "periods", "exceptions")


@dataclass(frozen=True)
class Step:
    name: str
    title: str  # French, for the run log
    notebook: str
    code: tuple[str, ...]  # modules of pipeline/ the step depends on
    reads: Callable[[Context], list[Path]]
    makes: Callable[[Context], list[Path]]
    resources: tuple[str, ...] = ()

    @property
    def notebook_path(self) -> Path:
        return NOTEBOOKS / self.notebook

    def inputs(self, ctx: Context) -> list[Path]:
        code = [PACKAGE / f"{module}.py" for module in (*COMMON_CODE, *self.code)]
        resources = [PACKAGE / "resources" / name for name in self.resources]
        return [self.notebook_path, ctx.config.path, *code, *resources, *self.reads(ctx)]

    def executed_path(self, ctx: Context) -> Path:
        return ctx.paths.executed_notebooks / self.notebook

    def is_up_to_date(self, ctx: Context) -> bool:
        products = self.makes(ctx)
        if not all(path.is_file() for path in products):
            return False
        inputs = [path for path in self.inputs(ctx) if path.exists()]
        newest_input = max(path.stat().st_mtime for path in inputs)
        return min(path.stat().st_mtime for path in products) >= newest_input


def raw_files(ctx: Context) -> list[Path]:
    """Every raw file of the years the period reads."""
    years = range(ctx.period - ctx.config.history_years + 1, ctx.period + 1)
    return sorted(p for y in years for p in (ctx.paths.raw / str(y)).glob("*") if p.is_file())


def _ingested(ctx: Context) -> list[Path]:
    return [ctx.paths.ingest_report, ctx.paths.quarantine, ctx.paths.meeting]


def _computed(ctx: Context) -> list[Path]:
    return [
        ctx.paths.table("indicators"),
        ctx.paths.table("survey_rates"),
        ctx.paths.table("complaints_by_nature"),
        ctx.paths.meeting,
    ]


STEPS: tuple[Step, ...] = (
    Step(
        "ingest", "lecture et contrôle des données brutes", "01_ingest.ipynb",
        ("ingest", "readers", "parsing", "validation", "redaction", "meeting"),
        raw_files, _ingested, ("contract.yaml", "survey_questions.yaml"),
    ),
    Step(
        "indicators", "indicateurs qualité", "02_indicators.ipynb",
        ("indicators", "workdays"),
        _ingested, lambda ctx: [ctx.paths.table("indicators")], ("indicators.yaml",),
    ),
    Step(
        "survey", "enquête de satisfaction", "03_survey.ipynb",
        ("survey",),
        _ingested, lambda ctx: [ctx.paths.table("survey_rates")], ("survey_questions.yaml",),
    ),
    Step(
        "mystery_complaints", "appels mystère, réclamations et suggestions",
        "04_mystery_complaints.ipynb", ("complaints",),
        _ingested, lambda ctx: [ctx.paths.table("complaints_by_nature")],
    ),
    Step(
        "deck", "diaporama du CLU", "05_deck.ipynb",
        ("deck", "facts", "slides", "_pptx_xml", "template_builder", "formatting", "meeting"),
        _computed, lambda ctx: [ctx.paths.deck], ("clu_template.pptx",),
    ),
    Step(
        "minutes", "projet de compte rendu", "06_minutes.ipynb",
        ("minutes", "facts", "formatting", "meeting", "execute"),
        _computed, lambda ctx: [ctx.paths.minutes_html, ctx.paths.minutes_markdown],
    ),
)  # fmt: skip

# Steps of a wave only read what earlier waves made, so a wave's steps may run side by side.
WAVES: tuple[tuple[str, ...], ...] = (
    ("ingest",),
    ("indicators", "survey", "mystery_complaints"),
    ("deck", "minutes"),
)


def step(name: str) -> Step:
    return next(s for s in STEPS if s.name == name)
