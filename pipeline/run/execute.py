"""Run the steps' notebooks with Papermill, keep each executed notebook as the audit trail,
record what each step's products were built from, and turn a failure into a short French message.

A step that fails on data raises a :class:`~pipeline.exceptions.PipelineError` whose French
message (source, file, row, column, what to do) is all the user sees; any other error is named as
unexpected, with the executed notebook that holds the trace. Notebook code is never quoted.
"""

from __future__ import annotations

import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pipeline.core import exceptions
from pipeline.core.context import Context
from pipeline.core.exceptions import OutputError, PipelineError, StepError
from pipeline.core.formatting import format_number
from pipeline.core.paths import relative
from pipeline.core.writing import make_folder, os_error_message, write_text
from pipeline.run.outcome import read_outcome
from pipeline.run.provenance import Build, write_record
from pipeline.run.render import render_notebook
from pipeline.run.steps import WAVES, Step, step, steps_for

KERNEL = "python3"
# no TCP warning in the log; no history database (a batch run never reads it back)
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"]
START_RETRIES = 1  # a kernel that fails to start is retried once (seen rarely under load)
MAX_PARALLEL = os.cpu_count() or 1  # no more kernels at once than the machine's cores


def _pipeline_errors() -> set[str]:
    """Names of the pipeline's own exceptions: their message is written for the user."""
    found, todo = set(), [PipelineError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo += cls.__subclasses__()
    return found | {name for name in dir(exceptions) if name.endswith("Error")}


# An OSError as a notebook's error shows it: « [Errno 28] No space left on device: '/a/b' ».
_OS_ERROR = re.compile(r"^\[Errno (\d+)\] ([^:]*)(?:: '(.*?)')?")
OS_ERRORS = {cls.__name__ for cls in (OSError, *OSError.__subclasses__())}


def step_error(item: Step, ctx: Context, error) -> StepError:
    """A French message from a PapermillExecutionError, without notebook code. A Ctrl-C that
    reached the notebook's cell is raised again as such (the command says « Interrompu. »)."""
    ename, evalue = getattr(error, "ename", type(error).__name__), getattr(error, "evalue", "")
    trace = relative(item.executed_path(ctx))
    if ename == "KeyboardInterrupt":
        raise KeyboardInterrupt
    if ename in _pipeline_errors():
        return StepError(f"Étape « {item.title} » : {evalue}\n(Trace complète : {trace}.)")
    found = _OS_ERROR.match(str(evalue)) if ename in OS_ERRORS else None
    if found:  # a refusal of the machine met outside the writing helper: told the same way
        number, why, where = int(found.group(1)), found.group(2), found.group(3)
        said = os_error_message(OSError(number, why, where), writing=False)
        return StepError(f"Étape « {item.title} » : {said}\n(Trace complète : {trace}.)")
    return StepError(
        f"Étape « {item.title} » : arrêt sur une erreur inattendue, que la chaîne ne sait pas "
        "encore expliquer. Vos données ne sont pas en cause a priori ; transmettez le notebook "
        f"exécuté {trace}, qui en garde la trace complète, à l'équipe qui maintient la chaîne.\n"
        f"  Détail technique : {ename} : {evalue}"
    )


def _stamp(executed: Path, build: Build) -> None:
    """Write in the executed notebook's metadata what its run was built from."""
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    notebook.metadata["clu_build"] = {
        "digest": build.digest, "version": build.version, "parameters": build.parameters,
        "inputs": build.inputs,
    }  # fmt: skip
    text = nbformat.writes(notebook)
    write_text(executed, text if text.endswith("\n") else text + "\n")


def run_step(
    item: Step, ctx: Context, template: Path | None = None, engine: str | None = None,
    kernels=None,
) -> None:  # fmt: skip
    """Execute one step's notebook with the period's parameters, render its document when it
    has data, and record what its products were built from.

    ``engine`` ``"inprocess"`` runs the cells in this process (:mod:`pipeline.inprocess`)
    instead of a kernel; the default is Papermill's kernel engine, on a kernel of ``kernels``
    (a :class:`~pipeline.run.kernels.KernelPool`) when given."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from pipeline.run import inprocess  # registers the engines
    from pipeline.run import kernels as kernel_engine

    engine = engine or kernel_engine.ENGINE
    pool = {"kernel_pool": kernels} if kernels is not None and engine != inprocess.ENGINE else {}

    build = item.build(ctx, template)
    item.record_path(ctx).unlink(missing_ok=True)  # a failed run leaves the step stale
    parameters = item.parameters(ctx, build.short, template)
    executed = item.executed_path(ctx)
    make_folder(executed.parent)
    for attempt in range(START_RETRIES + 1):
        try:
            papermill.execute_notebook(
                str(item.notebook_path), str(executed), parameters=parameters,
                kernel_name=KERNEL, cwd=str(item.notebook_path.parent), progress_bar=False,
                engine_name=engine, extra_arguments=KERNEL_ARGUMENTS, **pool,
            )  # fmt: skip
            break
        except PapermillExecutionError as error:
            raise step_error(item, ctx, error) from None
        except OSError as error:  # the executed notebook could not be written
            raise OutputError(os_error_message(error)) from None
        except RuntimeError as error:  # the kernel died or did not start
            if engine == "inprocess" or (kernels is not None and kernels.killed):
                raise  # (the run is interrupted: its kernels were stopped)
            if attempt == START_RETRIES:
                raise StepError(
                    f"Étape « {item.title} » : le noyau Python n'a pas démarré ({error})."
                ) from None
            time.sleep(1)
    _stamp(executed, build)
    outcome = read_outcome(ctx.paths, item.name)
    if item.rendering is not None:
        rendering = item.rendering(ctx)
        if outcome is None or outcome.render:
            render_notebook(executed, rendering, build.short)
        else:
            for product in rendering.products:
                product.unlink(missing_ok=True)  # no stale report of other data
    write_record(build, item.products(ctx), item.record_path(ctx))


def step_line(item: Step, ran: bool, seconds: float) -> str:
    """A step's line in the run log."""
    if ran:
        return f"  ✓ {item.title} ({format_number(seconds, 1)} s)"
    return f"  = {item.title} : à jour, rien à refaire"


def run_pipeline(
    ctx: Context,
    targets: tuple[str, ...] = ("deck", "minutes"),
    force: bool = False,
    template: Path | None = None,
    on_done=None,
    engine: str | None = None,
) -> list[str]:
    """Run the target steps and the steps they need, wave by wave; returns the steps run.

    Up-to-date steps are skipped unless ``force``. ``on_done(step, ran, seconds)`` is called
    after each step, for the log. With the in-process engine, steps run one at a time.
    """
    wanted = steps_for(targets)
    ran: list[str] = []
    pools: list = []  # the run's kernel pool, once a step needs a kernel
    current = {} if force else {n: step(n).is_up_to_date(ctx, template) for n in wanted}
    if engine is None and _one_last_step(wanted, current):
        engine = "inprocess"  # (a kernel's start would cost as much as the step itself)
    try:
        _run_waves(ctx, wanted, force, template, on_done, engine, ran, pools, current)
    except KeyboardInterrupt:  # Ctrl-C: the kernels stopped at once, not waited for
        for pool in pools:
            pool.kill()
        raise
    finally:
        for pool in pools:
            pool.close()
    return ran


def _one_last_step(wanted: set[str], current: dict[str, bool]) -> bool:
    """Whether the run has exactly one step to do, which no other wanted step reads from (a
    deck-only change): then it runs in this process, as the same executed notebook."""
    stale = [name for name in wanted if not current.get(name, False)]
    return len(stale) == 1 and not any(stale[0] in step(n).needs for n in wanted)


def _is_current(s: Step, ctx: Context, template, ran: list[str], current: dict) -> bool:
    if not ran and s.name in current:
        return current[s.name]  # nothing has run yet: as checked at the start of the run
    return s.is_up_to_date(ctx, template)


def _run_waves(ctx, wanted, force, template, on_done, engine, ran, pools, current) -> None:
    """The waves of steps in order; the kernel pool is made when a first step must run.
    ``current``: whether each step was up to date before the run (valid until a step runs)."""
    for wave in WAVES:
        todo = [step(name) for name in wave if name in wanted]
        stale = [s for s in todo if force or not _is_current(s, ctx, template, ran, current)]
        for s in todo:
            if s not in stale and on_done:
                on_done(s, False, 0.0)

        if stale and engine != "inprocess":
            if not pools:
                from pipeline.run.kernels import KernelPool

                pools.append(KernelPool(str(stale[0].notebook_path.parent), KERNEL_ARGUMENTS))
            pools[0].ensure(min(MAX_PARALLEL, len(stale)))
        kernels = pools[0] if pools else None

        def timed(s: Step, kernels=kernels) -> None:
            started = time.perf_counter()
            run_step(s, ctx, template, engine, kernels)
            if on_done:
                on_done(s, True, time.perf_counter() - started)

        if len(stale) > 1 and engine != "inprocess":
            with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(stale))) as threads:
                futures = [threads.submit(timed, s) for s in stale]
                try:
                    for future in futures:
                        future.result()
                except KeyboardInterrupt:  # the notebooks' threads end once their kernel is
                    for pool in pools:  # stopped (the executor waits for them on leaving)
                        pool.kill()
                    raise
        else:
            for s in stale:
                timed(s)
        ran += [s.name for s in stale]
