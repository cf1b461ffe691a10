"""The steps of the pipeline: which notebook each runs, what it reads and what it makes.

A step is up to date when the content of everything it reads (its notebook, the package
modules it uses, the configuration and catalogues, the raw files or upstream products, the
template, the parameters) is the content its products were built from (:mod:`pipeline.provenance`);
an up-to-date step is not run again, so a second run with nothing changed re-runs nothing.
The Makefile calls the same command line, so Make and ``python -m pipeline`` keep one rule.

The package modules a step uses are found from the imports of its notebook, followed through
the package (:func:`code_closure`), so a new module cannot be forgotten in a hand-kept list.
"""

from __future__ import annotations

import ast
import graphlib
import hashlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.core.config import catalogue_files, questions_read_at_ingestion
from pipeline.core.context import Context, meeting_file, source_files
from pipeline.core.datasets import source_tables_read_by, tables_made_by, tables_read_by
from pipeline.core.paths import NOTEBOOKS, OPEN_DATA_SCHEMA, PACKAGE, relative
from pipeline.run.outcome import outcome_path
from pipeline.run.provenance import Build, describe_build, is_current, value_digest
from pipeline.run.render import REPORT_CSS, Rendering


def module_file(name: str) -> Path | None:
    """The file of a package module given by its dotted name under ``pipeline``
    (``outputs.deck.slides`` → ``pipeline/outputs/deck/slides.py``), if it is one."""
    base = PACKAGE.joinpath(*name.split(".")) if name else PACKAGE
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


# Python 3.11 before 3.11.9 may fail (« AST constructor recursion depth mismatch », CPython
# gh-106905) when two threads parse at once, as the steps of a wave do when they record what
# they read: parsing is serialised.
_AST_LOCK = threading.Lock()


# An import of the package, at any indent, over several lines when in parentheses.
_IMPORT_STATEMENT = re.compile(
    r"^[ \t]*((?:from[ \t]+pipeline\b[\w.]*[ \t]+import[ \t]+(?:\([^)]*\)|[^\n]*))"
    r"|(?:import[ \t]+pipeline\b[^\n]*))",
    re.M,
)


def pipeline_imports(source: str) -> set[str]:
    """The package modules a Python source imports, as dotted names under ``pipeline``, with
    the packages they sit in (whose ``__init__`` runs on import)."""
    names: set[str] = set()
    # only the import statements are parsed (a module's whole tree is a hundred times more)
    statements = "\n".join(m.group(1) for m in _IMPORT_STATEMENT.finditer(source))
    with _AST_LOCK:
        tree = ast.parse(statements)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "pipeline":
            parent = node.module.partition(".")[2]
            names.add(parent)
            for alias in node.names:  # « from pipeline.outputs import plots »: a module
                child = f"{parent}.{alias.name}" if parent else alias.name
                if module_file(child) is not None:
                    names.add(child)
        elif isinstance(node, ast.Import):
            names |= {
                a.name.partition(".")[2] for a in node.names if a.name.startswith("pipeline.")
            }
    found = set()
    for name in names:
        parts = name.split(".") if name else []
        found |= {".".join(parts[:i]) for i in range(len(parts) + 1)}  # its packages too
    return {name for name in found if module_file(name) is not None}


def _module_imports(path: Path) -> set[str]:
    """:func:`pipeline_imports` of a package module, parsed once per version of its file (each
    step's closure walks the same modules)."""
    stat = path.stat()
    return _imports_of_version(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=512)
def _imports_of_version(path: Path, mtime_ns: int, size: int) -> frozenset[str]:
    return frozenset(pipeline_imports(path.read_text(encoding="utf-8")))


@lru_cache
def code_closure(notebook: Path, extra: tuple[str, ...] = ()) -> tuple[Path, ...]:
    """Every package module a notebook uses, directly or through other modules."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    todo, seen = pipeline_imports(source) | set(extra) | {""}, set()
    while todo:
        module = todo.pop()
        seen.add(module)
        todo |= _module_imports(module_file(module)) - seen
    return tuple(sorted(module_file(module) for module in seen))


# The parameters the runner gives every notebook that declares them: their values in the
# notebook's ``parameters`` cell (what an analyst sets by hand) never reach a product.
GIVEN = ("period", "config_path", "build", "template_path")
# Parameters an analyst sets by hand to explore (a subgroup, a criterion, bringing the inputs
# up to date first): the runner always gives them these values.
EXPLORING = {"update_inputs": False, "respondents": None, "criterion": None}


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _parameters_cell(notebook: dict) -> str:
    cells = [c for c in notebook["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    return _cell_source(cells[0]) if cells else ""


def _assigned(statement: ast.stmt) -> str | None:
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id
    if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)):  # fmt: skip
        return statement.targets[0].id
    return None


@lru_cache(maxsize=64)
def _notebook_of_version(path: Path, mtime_ns: int, size: int) -> tuple[str, tuple[str, ...]]:
    """A notebook's digest (:func:`notebook_digest`) and its declared parameters."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    given = {*GIVEN, *EXPLORING}
    declared: list[str] = []
    cells = []
    for cell in notebook["cells"]:
        tags = sorted(cell.get("metadata", {}).get("tags", []))
        source = _cell_source(cell)
        if "parameters" in tags:
            try:
                with _AST_LOCK:
                    statements = ast.parse(source).body
            except SyntaxError:
                statements = []
            declared = [name for name in map(_assigned, statements) if name]
            source = "\n".join(
                name if (name := _assigned(statement)) in given else ast.unparse(statement)
                for statement in statements
            ) if statements else source  # fmt: skip
        cells.append([cell.get("cell_type", ""), tags, source])
    digest = hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()
    return digest, tuple(declared)


def notebook_digest(path: Path) -> str:
    """What a notebook does, as a digest: each cell's kind, tags and source, the parameters the
    runner gives (:data:`GIVEN`, :data:`EXPLORING`) by their names only. Outputs, execution
    counts, cell ids and the metadata a save adds (JupyterLab's) play no part: a notebook run by
    hand and saved, or whose parameters an analyst changed, is the same input of its step."""
    stat = path.stat()
    return _notebook_of_version(path, stat.st_mtime_ns, stat.st_size)[0]


def declared_parameters(path: Path) -> tuple[str, ...]:
    """The names a notebook's ``parameters`` cell assigns."""
    stat = path.stat()
    return _notebook_of_version(path, stat.st_mtime_ns, stat.st_size)[1]


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
    catalogues: tuple[str, ...] = ()  # the préfecture's catalogues it uses: questions, themes, grid
    # Catalogues of which the step reads only a part (:data:`CATALOGUE_PARTS`): that part's
    # content counts, not the whole file's.
    catalogue_parts: tuple[str, ...] = ()
    # The parts of the préfecture's configuration it reads: editing another part re-runs nothing.
    config_sections: tuple[str, ...] = ("prefecture", "history_years")
    takes_template: bool = False  # the préfecture's own PowerPoint template (TEMPLATE=)

    @property
    def notebook_path(self) -> Path:
        return NOTEBOOKS / self.notebook

    def inputs(self, ctx: Context, template: Path | None = None) -> list[Path]:
        """Every file the step's products depend on, by content."""
        runner = ("run.execute", "run.render") if self.rendering else ("run.execute",)
        code = code_closure(self.notebook_path, runner)
        resources = [PACKAGE / "resources" / name for name in self.resources]
        files = catalogue_files(ctx.config)
        catalogues = [files[name] for name in self.catalogues]
        extra = [template] if template is not None and self.takes_template else []
        return [self.notebook_path, *catalogues, *code, *resources, *self.reads(ctx), *extra]

    def configuration(self, ctx: Context) -> dict[str, str]:
        """The digest of the configuration's parts the step reads, by name."""
        dumped = ctx.config.model_dump(mode="json", include=set(self.config_sections))
        parts = {f"configuration : {', '.join(self.config_sections)}": value_digest(dumped)}
        for name in self.catalogue_parts:
            title, part = CATALOGUE_PARTS[name]
            parts[title] = value_digest(part(ctx.config))
        return parts

    def parameters(self, ctx: Context, build: str, template: Path | None = None) -> dict:
        """The notebook's parameters (its ``parameters`` cell): every one it declares among
        :data:`GIVEN` and :data:`EXPLORING`, so that none is left to the notebook's default."""
        values = {"period": ctx.period, "config_path": str(ctx.config.path), "build": build}
        if self.takes_template:
            values["template_path"] = str(template) if template is not None else None
        declared = declared_parameters(self.notebook_path)
        return values | {n: v for n, v in EXPLORING.items() if n in declared}

    def build(self, ctx: Context, template: Path | None = None) -> Build:
        parameters = {"period": str(ctx.period), "workspace": ctx.paths.workspace}
        inputs = [path for path in self.inputs(ctx, template) if path != self.notebook_path]
        notebook = {relative(self.notebook_path): notebook_digest(self.notebook_path)}
        return describe_build(self.name, inputs, parameters, notebook | self.configuration(ctx))

    def products(self, ctx: Context) -> list[Path]:
        return [*self.makes(ctx), outcome_path(ctx.paths, self.name)]

    def record_path(self, ctx: Context) -> Path:
        return ctx.paths.provenance / f"{self.name}.json"

    def executed_path(self, ctx: Context) -> Path:
        return ctx.paths.executed_notebooks / self.notebook

    def is_up_to_date(self, ctx: Context, template: Path | None = None) -> bool:
        """Its products were built from exactly the inputs it has now (by content)."""
        return is_current(self.build(ctx, template), self.products(ctx), self.record_path(ctx))


def raw_files(ctx: Context) -> list[Path]:
    """Every raw file the configuration names for the years read, and the meeting file."""
    config, paths = ctx.config, ctx.paths
    files = [path for name in config.sources for _, path in source_files(config, paths, name)]
    return [*files, meeting_file(ctx)]


def source_tables(ctx: Context, step: str) -> list[Path]:
    """The raw sources' validated tables a step reads (:mod:`pipeline.core.datasets`)."""
    names = source_tables_read_by(step, tuple(ctx.config.sources))
    return [ctx.paths.table(name) for name in names]


def _tables(ctx: Context, names: tuple[str, ...]) -> list[Path]:
    return [ctx.paths.table(name) for name in names]


def _ingested(ctx: Context) -> list[Path]:
    return [ctx.paths.ingest_report, ctx.paths.quarantine, ctx.paths.meeting]


def _survey_products(ctx: Context) -> list[Path]:
    tables = _tables(ctx, tables_made_by("survey"))
    return [*tables, ctx.paths.survey_workbook, ctx.paths.survey_report]


def _survey_rendering(ctx: Context) -> Rendering:
    return Rendering(
        f"Enquête de satisfaction {ctx.period} — {ctx.config.prefecture.name}",
        html=ctx.paths.survey_report, table_of_contents=True, css=REPORT_CSS,
    )  # fmt: skip


def _presented(ctx: Context) -> list[Path]:
    """What the deck and the minutes read: the computed tables and the meeting file."""
    return [*_tables(ctx, tables_read_by("deck")), ctx.paths.meeting]


def _transparence_inputs(ctx: Context) -> list[Path]:
    """The tables the posters and the open data are made from, and the préfecture's logo."""
    from pipeline.outputs.transparence.poster import logo_path

    logo = logo_path(ctx.config)
    return [*_tables(ctx, tables_read_by("transparence")), *([logo] if logo and logo.is_file()
                                                             else [])]  # fmt: skip


def _transparence_products(ctx: Context) -> list[Path]:
    schema = ctx.paths.transparence / OPEN_DATA_SCHEMA
    return [ctx.paths.open_data, schema, *ctx.paths.posters]


def _ingest_products(ctx: Context) -> list[Path]:
    return [*_ingested(ctx), *_tables(ctx, tuple(ctx.config.sources))]


# A catalogue's part a step reads: its title in the step's record, and how to take it.
CATALOGUE_PARTS = {
    "questions": ("catalogue de questions : colonnes lues", questions_read_at_ingestion),
}

STEPS: tuple[Step, ...] = (
    Step(
        "ingest", "lecture et contrôle des données brutes", "01_ingest.ipynb",
        raw_files, _ingest_products, ("contract.yaml", "first_names.txt", "not_names.txt"),
        catalogue_parts=("questions",),
        config_sections=("prefecture", "history_years", "sources", "raw_folder", "meeting_file",
                         "labels"),
    ),
    Step(
        "indicators", "indicateurs qualité", "02_indicators.ipynb",
        lambda ctx: [ctx.paths.ingest_report, *source_tables(ctx, "indicators")],
        lambda ctx: [*_tables(ctx, tables_made_by("indicators")), ctx.paths.dashboard],
        ("indicators.yaml", "contract.yaml"), needs=("ingest",), catalogues=("scheme",),
        config_sections=("prefecture", "history_years", "sources", "labels", "indicators"),
    ),
    Step(
        "survey", "enquête de satisfaction", "03_survey.ipynb",
        lambda ctx: [ctx.paths.meeting, *source_tables(ctx, "survey")],
        _survey_products, needs=("ingest",), rendering=_survey_rendering,
        catalogues=("questions", "themes", "second_questions", "second_themes"),
        config_sections=("prefecture", "history_years", "survey", "second_survey"),
    ),
    Step(
        "mystery_complaints",
        "appels et courriels mystère, réclamations et suggestions, plan d'actions, formations",
        "04_mystery_complaints.ipynb",
        lambda ctx: [ctx.paths.meeting, *source_tables(ctx, "mystery_complaints")],
        lambda ctx: _tables(ctx, tables_made_by("mystery_complaints")),
        ("mystery_grid.yaml", "indicators.yaml", "contract.yaml"), needs=("ingest",),
        catalogues=("grid", "feedback_themes"),
        config_sections=("prefecture", "history_years", "mystery", "indicators", "feedback"),
    ),
    Step(
        "transparence", "résultats publiés : affiche Transparence et données ouvertes",
        "07_transparence.ipynb",
        _transparence_inputs, _transparence_products,
        (OPEN_DATA_SCHEMA,), needs=("indicators", "survey", "mystery_complaints"),
        catalogues=("scheme",),
        config_sections=("prefecture", "history_years", "labels", "survey", "indicators",
                         "transparence", "second_survey", "feedback"),
    ),
    Step(
        "deck", "diaporama du CLU", "05_deck.ipynb",
        _presented, lambda ctx: [ctx.paths.deck], ("clu_template.pptx", "deck.yaml"),
        needs=("indicators", "survey", "mystery_complaints"), takes_template=True,
        catalogues=("questions", "themes", "scheme", "second_questions", "second_themes",
                    "feedback_themes"),
        config_sections=("prefecture", "history_years", "labels", "survey", "mystery",
                         "indicators", "transparence", "deck", "second_survey", "feedback"),
    ),
    Step(
        "minutes", "projet de compte rendu", "06_minutes.ipynb",
        _presented,
        lambda ctx: [ctx.paths.minutes_html, ctx.paths.minutes_markdown, ctx.paths.minutes_docx],
        ("deck.yaml",), needs=("indicators", "survey", "mystery_complaints"),
        rendering=lambda ctx: Rendering(  # (the notebook writes the HTML page itself)
            f"Projet de compte rendu du CLU {ctx.period}", markdown=ctx.paths.minutes_markdown,
        ),
        catalogues=("questions", "themes", "scheme", "second_questions", "second_themes",
                    "feedback_themes"),
        config_sections=("prefecture", "history_years", "labels", "survey", "mystery",
                         "indicators", "transparence", "deck", "second_survey", "feedback"),
    ),
)  # fmt: skip


def waves(steps: tuple[Step, ...]) -> tuple[tuple[str, ...], ...]:
    """The steps in waves, from their ``needs``: a wave's steps only read what earlier waves
    made, so they may run side by side (:mod:`graphlib`)."""
    sorter = graphlib.TopologicalSorter({s.name: set(s.needs) for s in steps})
    sorter.prepare()
    found = []
    while sorter.is_active():
        batch = set(sorter.get_ready())
        ready = tuple(s.name for s in steps if s.name in batch)  # in the steps' own order
        found.append(ready)
        sorter.done(*ready)
    return tuple(found)


WAVES = waves(STEPS)


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
