"""Run the steps' notebooks with Papermill, keep each executed notebook as the audit trail,
and turn a failure into a short French message: the notebook, the cell and the original error.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pipeline.context import Context
from pipeline.exceptions import StepError
from pipeline.paths import relative
from pipeline.render import render_notebook
from pipeline.steps import WAVES, Step, step, steps_for

KERNEL = "python3"
START_RETRIES = 1  # a kernel that fails to start is retried once (seen rarely under load)


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _failing_line(error) -> str:
    """The cell's line that raised, as IPython marks it in the traceback (``----> 7 …``)."""
    for entry in getattr(error, "traceback", None) or []:
        for line in ANSI.sub("", entry).splitlines():
            if line.lstrip().startswith("---->"):
                number, _, code = line.split("---->", 1)[1].strip().partition(" ")
                return f", ligne {number} : {code.strip()}"
    return ""


def step_error(item: Step, ctx: Context, error) -> StepError:
    """A French message from a PapermillExecutionError: where it failed and why."""
    ename, evalue = getattr(error, "ename", type(error).__name__), getattr(error, "evalue", "")
    cell = getattr(error, "exec_count", None) or getattr(error, "cell_index", "?")
    return StepError(
        f"Échec de l'étape « {item.title} » ({relative(item.notebook_path)}), "
        f"cellule n° {cell}{_failing_line(error)}\n"
        f"  {ename} : {evalue}\n"
        f"Le notebook exécuté, avec la trace complète, est conservé dans "
        f"{relative(item.executed_path(ctx))}."
    )


def run_step(item: Step, ctx: Context, template: Path | None = None) -> None:
    """Execute one step's notebook with the period's parameters."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    parameters = {"period": ctx.period, "config_path": str(ctx.config.path)}
    if item.name == "deck" and template is not None:
        parameters["template_path"] = str(template)
    executed = item.executed_path(ctx)
    executed.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(START_RETRIES + 1):
        try:
            papermill.execute_notebook(
                str(item.notebook_path), str(executed), parameters=parameters,
                kernel_name=KERNEL, cwd=str(item.notebook_path.parent), progress_bar=False,
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],  # no TCP warning in the log
            )  # fmt: skip
            break
        except PapermillExecutionError as error:
            raise step_error(item, ctx, error) from None
        except RuntimeError as error:  # the kernel died or did not start
            if attempt == START_RETRIES:
                raise StepError(
                    f"Étape « {item.title} » : le noyau Python n'a pas démarré ({error})."
                ) from None
            time.sleep(1)
    if item.rendering is not None:
        render_notebook(executed, item.rendering(ctx))


def run_pipeline(
    ctx: Context,
    targets: tuple[str, ...] = ("deck", "minutes"),
    force: bool = False,
    template: Path | None = None,
    on_done=None,
) -> list[str]:
    """Run the target steps and the steps they need, wave by wave; returns the steps run.

    Up-to-date steps are skipped unless ``force``. ``on_done(step, ran, seconds)`` is called
    after each step, for the log.
    """
    wanted = steps_for(targets)
    ran: list[str] = []
    for wave in WAVES:
        todo = [step(name) for name in wave if name in wanted]
        stale = [
            s for s in todo if force or not s.is_up_to_date(ctx) or (s.name == "deck" and template)
        ]
        for s in todo:
            if s not in stale and on_done:
                on_done(s, False, 0.0)

        def timed(s: Step) -> None:
            started = time.perf_counter()
            run_step(s, ctx, template)
            if on_done:
                on_done(s, True, time.perf_counter() - started)

        if len(stale) > 1:
            with ThreadPoolExecutor(max_workers=min(3, len(stale))) as pool:
                for future in [pool.submit(timed, s) for s in stale]:
                    future.result()
        else:
            for s in stale:
                timed(s)
        ran += [s.name for s in stale]
    return ran
