"""A step's notebook run by hand (JupyterLab, nbclient, papermill without the runner): the
pipeline's tables read, its products never written, its records never touched.

Run by the pipeline, a notebook gets its ``build`` parameter and writes its products where they
belong; the run then records what they were made from (:mod:`pipeline.run.provenance`). Run by
hand (``build`` empty), the same notebook does the same work on a **scratch copy** of the
period's folders, in the system's temporary folder: its tables are links to those of
``data/processed/<année>/`` (read, never written through: a product written there replaces its
link with a file of its own, :func:`~pipeline.core.writing.replacing`), its documents go there
too, and the copy goes when the kernel stops. A hand run thus leaves ``data/processed/`` and
``output/`` as they were, and never makes the pipeline run a step again.

:func:`open_step` says at the top of the notebook, in French, what a hand run does, whether the
tables it reads are up to date (it reads them as they are: the pipeline brings them up to date,
or the notebook when asked, ``update_inputs = True``) and whether the year has data at all.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.context import Context, check_period_has_data, open_period, source_files
from pipeline.core.exceptions import PipelineError
from pipeline.core.paths import PeriodPaths, relative

SCRATCH_PREFIX = "clu-a-la-main-"


@dataclass(frozen=True)
class OpenedStep:
    """What a step's notebook works with: ``ctx`` (its paths: the pipeline's own, or the
    scratch copy by hand), whether it runs by hand, and the French notes for its top."""

    ctx: Context
    by_hand: bool
    notes: tuple[str, ...] = ()

    def _repr_markdown_(self) -> str:
        from pipeline.outputs.escaping import markdown_text

        return "\n\n".join(f"> {markdown_text(note, opens_line=False)}" for note in self.notes)

    def show(self) -> None:
        """The notes displayed (nothing when there are none)."""
        if self.notes:
            from IPython.display import display

            display(self)


def scratch_copy(paths: PeriodPaths) -> PeriodPaths:
    """The period's folders in a new temporary folder (removed when this process ends): each
    file of ``data/processed/<année>/`` linked (copied where links cannot be made), the raw
    folder the same, ``output`` empty."""
    folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))
    atexit.register(shutil.rmtree, folder, True)
    scratch = PeriodPaths(paths.period, folder, paths.raw, paths.workspace)
    if paths.processed.is_dir():
        for real in sorted(paths.processed.rglob("*")):
            if not real.is_file() or real.name.startswith("."):  # (the run lock, temporaries)
                continue
            mirror = scratch.processed / real.relative_to(paths.processed)
            mirror.parent.mkdir(parents=True, exist_ok=True)
            try:
                mirror.symlink_to(real)
            except OSError:  # (a system without links for this user: a copy)
                shutil.copy2(real, mirror)
    scratch.processed.mkdir(parents=True, exist_ok=True)
    scratch.output.mkdir(parents=True, exist_ok=True)
    return scratch


def stale_steps(ctx: Context, names: tuple[str, ...]) -> tuple[list, list]:
    """Of the steps ``names`` and those they need, the ones never run for this period and the
    ones whose inputs changed since (in the pipeline's order)."""
    from pipeline.run.steps import STEPS, steps_for

    wanted = steps_for(names) if names else set()
    missing, changed = [], []
    for item in STEPS:
        if item.name not in wanted or item.is_up_to_date(ctx):
            continue
        (changed if item.record_path(ctx).is_file() else missing).append(item)
    return missing, changed


def period_without_data(ctx: Context) -> str:
    """A French sentence when none of the raw files the configuration names for the period's
    own year is there (earlier years are read for the trends), else ""."""
    per_year = [
        path for name, mapping in ctx.config.sources.items() if mapping.per_year
        for year, path in source_files(ctx.config, ctx.paths, name) if year == ctx.period
    ]  # fmt: skip
    if not per_year or any(path.is_file() for path in per_year):
        return ""
    return (
        f"Aucune donnée pour {ctx.period} : aucun des fichiers de {ctx.period} que la "
        f"configuration attend n'est dans {relative(per_year[0].parent)}. Les tableaux ci-dessous "
        "ne montrent que les années précédentes (lues pour les évolutions), ou rien."
    )


def _short_errors() -> None:
    """In a notebook run by hand, the pipeline's own errors are shown as their French message,
    without the Python trace."""
    try:
        from IPython import get_ipython
    except ImportError:  # (no IPython: a plain script)
        return
    shell = get_ipython()
    if shell is None:
        return

    def said(shell, etype, value, tb, tb_offset=None):
        # IPython does not show what a custom handler returns (ipython/ipython#12378): without
        # this the cell stops with no output at all (a year without data said nowhere).
        shell._showtraceback(etype, value, [f"Erreur : {value}"])

    shell.set_custom_exc((PipelineError,), said)


def _update_inputs(name: str, ctx: Context, config_path: str) -> None:
    from pipeline.run.upstream import bring_inputs_up_to_date

    bring_inputs_up_to_date(name, ctx.period, config_path)


def open_step(
    name: str, period, config_path: str, build: str = "", update_inputs: bool = False
) -> OpenedStep:
    """Open the period for the step ``name``'s notebook.

    Run by the pipeline (``build`` set): its own folders, and a note only for a year without
    data (none in a notebook rendered as a document: the survey report, the minutes). Run by
    hand: the scratch copy of the folders (:func:`scratch_copy`), and notes on
    what the run does, on the tables it reads (never run: a French error, the pipeline's own
    for a year without data; changed since: read as they are) and on the year;
    ``update_inputs`` first brings the steps it reads up to date through the pipeline (which
    writes their products, with their records)."""
    from pipeline.run.steps import step

    ctx = open_period(period, config_path)
    without = period_without_data(ctx)
    if build:  # (a document rendered from the notebook says what it lacks in its own words)
        said = without and step(name).rendering is None
        return OpenedStep(ctx, False, (without,) if said else ())
    _short_errors()
    if update_inputs:
        _update_inputs(name, ctx, config_path)
    missing, changed = stale_steps(ctx, step(name).needs)
    folder, make = relative(ctx.paths.processed), f"make clu-deck PERIOD={ctx.period}"
    if missing:
        check_period_has_data(ctx)  # (a year without data: the pipeline's own French error)
        raise PipelineError(
            f"Les tables de {ctx.period} dont ce notebook a besoin n'ont pas encore été faites "
            f"({', '.join(s.title for s in missing)}, dans {folder}). Lancez « {make} » dans un "
            "terminal, ou mettez « update_inputs = True » dans les paramètres, puis relancez."
            + (f" {without}" if without else "")
        )
    scratch = scratch_copy(ctx.paths)
    notes = [without] if without else []  # (first: what the reader must know before all)
    notes += [
        f"Exécution à la main : ce notebook lit les tables de {folder} sans jamais y écrire, "
        f"ni dans {relative(ctx.paths.output)} ; ce qu'il produit va dans un dossier "
        f"temporaire, effacé à l'arrêt du noyau ({scratch.root}). Les documents du CLU se "
        f"font par « {make} »."
    ]
    if changed:
        notes.append(
            f"Attention : des tables que lit ce notebook ne sont plus à jour "
            f"({', '.join(s.title for s in changed)} : données, configuration ou code changés "
            f"depuis). Il les lit telles qu'elles sont ; pour les refaire : « {make} », ou "
            "« update_inputs = True » dans les paramètres."
        )
    return OpenedStep(Context(ctx.period, ctx.config, scratch), True, tuple(notes))
