"""The steps of the pipeline: which notebook each runs, what it reads and what it makes.

A step is up to date when all its products exist and are newer than everything it reads
(its notebook, the package modules it uses, the configuration and its upstream products);
an up-to-date step is not run again, so a second run with nothing changed re-runs nothing.
The Makefile relies on the same rule through real file targets.

The package modules a step uses are found from the imports of its notebook, followed through
the package (:func:`code_closure`), so a new module cannot be forgotten in a hand-kept list.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.context import Context
from pipeline.paths import NOTEBOOKS, PACKAGE
from pipeline.render import REPORT_CSS, Rendering


def pipeline_imports(source: str) -> set[str]:
    """Names of the package modules a Python source imports (``from pipeline.x import …``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "pipeline":
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names |= {a.name.split(".")[1] for a in node.names if a.name.startswith("pipeline.")}
    return {name for name in names if (PACKAGE / f"{name}.py").is_file()}


@lru_cache
def code_closure(notebook: Path, extra: tuple[str, ...] = ()) -> tuple[Path, ...]:
    """Every package module a notebook uses, directly or through other modules."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    todo, seen = pipeline_imports(source) | set(extra) | {"__init__"}, set()
    while todo:
        module = todo.pop()
        seen.add(module)
        todo |= pipeline_imports((PACKAGE / f"{module}.py").read_text(encoding="utf-8")) - seen
    return tuple(sorted(PACKAGE / f"{module}.py" for module in seen))


@dataclass(frozen=True)
class Step:
    name: str
    title: str  # French, for the run log
    notebook: str
    reads: Callable[[Context], list[Path]]
    makes: Callable[[Context], list[Path]]
    resources: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()  # the steps whose products it reads
    # The document(s) rendered from the executed notebook (code hidden), if any.
    rendering: Callable[[Context], Rendering] | None = None

    @property
    def notebook_path(self) -> Path:
        return NOTEBOOKS / self.notebook

    def inputs(self, ctx: Context) -> list[Path]:
        runner = ("execute", "render") if self.rendering else ("execute",)
        code = code_closure(self.notebook_path, runner)
        resources = [PACKAGE / "resources" / name for name in self.resources]
        own = sorted(ctx.config.path.parent.glob("*.y*ml"))  # its survey catalogue, grid…
        return [self.notebook_path, *own, *code, *resources, *self.reads(ctx)]

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


# What the step "mystery_complaints" writes in data/processed/<period>/ (tidy parquet tables).
MYSTERY_COMPLAINTS_TABLES = (
    "mystery_call_compliance", "mystery_call_summary", "mystery_call_rings", "mystery_call_slots",
    "mystery_call_points", "mystery_email_results",
    "complaints_by_nature", "complaints_by_channel", "complaints_by_theme", "complaints_replies",
    "complaints_follow_ups", "action_plan_actions", "action_plan_progress", "trainings_by_year",
)  # fmt: skip


def _mystery_complaints_tables(ctx: Context) -> list[Path]:
    return [ctx.paths.table(name) for name in MYSTERY_COMPLAINTS_TABLES]


def _mystery_complaints_reads(ctx: Context) -> list[Path]:
    """The ingested data, and the préfecture's own mystery grid when it has one."""
    config_dir = ctx.config.path.parent if ctx.config.path else None
    grid = [config_dir / ctx.config.mystery.grid] if config_dir else []
    return [*_ingested(ctx), *(path for path in grid if path.is_file())]


# What the step "survey" writes in data/processed/<period>/; survey_rates feeds the deck.
SURVEY_TABLES = (
    "survey_rates", "survey_distribution", "survey_changes", "survey_groups", "survey_choices",
    "survey_themes", "survey_ranking", "survey_quotes",
)  # fmt: skip


def _survey_products(ctx: Context) -> list[Path]:
    tables = [ctx.paths.table(name) for name in SURVEY_TABLES]
    return [*tables, ctx.paths.survey_workbook, ctx.paths.survey_report]


def _survey_rendering(ctx: Context) -> Rendering:
    return Rendering(
        f"Enquête de satisfaction {ctx.period} — {ctx.config.prefecture.name}",
        html=ctx.paths.survey_report, table_of_contents=True, css=REPORT_CSS,
    )  # fmt: skip


def _computed(ctx: Context) -> list[Path]:
    return [
        ctx.paths.table("indicators"),
        *[ctx.paths.table(name) for name in SURVEY_TABLES],
        *_mystery_complaints_tables(ctx),
        ctx.paths.meeting,
    ]


STEPS: tuple[Step, ...] = (
    Step(
        "ingest", "lecture et contrôle des données brutes", "01_ingest.ipynb",
        raw_files, _ingested, ("contract.yaml", "survey_questions.yaml", "first_names.txt"),
    ),
    Step(
        "indicators", "indicateurs qualité", "02_indicators.ipynb",
        _ingested, lambda ctx: [ctx.paths.table("indicators"), ctx.paths.dashboard],
        ("indicators.yaml", "contract.yaml"), needs=("ingest",),
    ),
    Step(
        "survey", "enquête de satisfaction", "03_survey.ipynb",
        _ingested, _survey_products, ("survey_questions.yaml", "survey_themes.yaml"),
        needs=("ingest",), rendering=_survey_rendering,
    ),
    Step(
        "mystery_complaints",
        "appels et courriels mystère, réclamations et suggestions, plan d'actions, formations",
        "04_mystery_complaints.ipynb",
        _mystery_complaints_reads, _mystery_complaints_tables,
        ("mystery_grid.yaml", "indicators.yaml", "contract.yaml"), needs=("ingest",),
    ),
    Step(
        "deck", "diaporama du CLU", "05_deck.ipynb",
        _computed, lambda ctx: [ctx.paths.deck], ("clu_template.pptx",),
        needs=("indicators", "survey", "mystery_complaints"),
    ),
    Step(
        "minutes", "projet de compte rendu", "06_minutes.ipynb",
        _computed,
        lambda ctx: [ctx.paths.minutes_html, ctx.paths.minutes_markdown, ctx.paths.minutes_docx],
        needs=("indicators", "survey", "mystery_complaints"),
        rendering=lambda ctx: Rendering(
            f"Projet de compte rendu du CLU {ctx.period}",
            html=ctx.paths.minutes_html, markdown=ctx.paths.minutes_markdown,
        ),
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


def steps_for(targets: tuple[str, ...]) -> set[str]:
    """The targets and every step they need, directly or not."""
    wanted, todo = set(), list(targets)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo += step(name).needs
    return wanted
