"""For a notebook opened by hand in JupyterLab, when asked (``update_inputs = True``): the steps
it needs, brought up to date first.

Under the runner (``make clu-deck``…), the runner has done it and sets the notebook's ``build``
parameter: nothing is done here. Run by hand with ``update_inputs`` (:mod:`pipeline.run.by_hand`),
the steps it reads from run through the pipeline, in a process of their own (``python -m
pipeline.run.upstream <step> <period> <config>``), only if their inputs changed, and what they
print is shown; a step that cannot run stops the notebook with its French message. Without it, a
hand run brings nothing up to date: it reads the tables as they are, and says so.
"""

from __future__ import annotations

import os
import subprocess
import sys

from pipeline.core.exceptions import PipelineError
from pipeline.core.paths import ROOT


def bring_inputs_up_to_date(name: str, period: int, config_path: str, build: str = "") -> None:
    """Bring up to date the steps the step ``name`` reads from (when run by hand)."""
    if build:  # run by the pipeline: its inputs are up to date
        return
    from pipeline.core.context import check_period_has_data, open_period

    check_period_has_data(open_period(period, config_path))  # a year without data: said first
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.run.upstream", name, str(period), str(config_path)],
        cwd=ROOT, env={**os.environ, "CLU_PROJECT_ROOT": str(ROOT)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    print(done.stdout.strip())
    if done.returncode:
        raise PipelineError(
            f"Les étapes dont ce notebook a besoin n'ont pas pu être mises à jour : "
            f"{done.stderr.strip() or done.stdout.strip()[-500:]}"
        )


def main(argv: list[str]) -> int:
    from pipeline.core.context import open_period
    from pipeline.run.execute import run_pipeline, step_line
    from pipeline.run.guards import check_inputs
    from pipeline.run.steps import step

    name, period, config_path = argv
    try:
        ctx = open_period(period, config_path)  # (a wrong period: a French message)
        needs = step(name).needs
        if not needs:  # (the ingestion checks its own inputs)
            return 0
        for note in check_inputs(ctx):  # hostile inputs refused before anything reads them
            print(f"Note : {note}")
        print("Étapes préalables (relancées seulement si leurs données ont changé) :")
        run_pipeline(ctx, needs, on_done=lambda *done: print(step_line(*done), flush=True))
    except PipelineError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
