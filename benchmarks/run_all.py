"""« Run All » on each notebook, as an analyst does it in JupyterLab, beside the same cells run
in one Python process (section 5 of ``make benchmark``).

For each notebook of ``notebooks/`` (the steps' and the exploration template), in a copy of the
project whose products are up to date (``clu-deck`` run first: fresh inputs), with the
notebook's own parameters (a hand run, ``build`` empty):

- **noyau** : a Jupyter kernel started as JupyterLab starts it when the notebook opens
  (nbclient, the project's kernel), then every cell executed in it, as « Run All » does; the
  kernel's start and the cells' run are timed apart;
- **un seul processus** : the same cells run by IPython in a fresh Python process (imports
  included), without a kernel.

Each is the median of ``repetitions`` runs, each in a process of its own (nothing imported
before). ``python benchmarks/run_all.py [--repetitions 3]`` prints the table alone.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]  # (as JupyterLab starts it, log aside)
RUN_ALL_TITLE = (
    "5. « Run All » de chaque notebook, entrées à jour (s, médiane) : noyau Jupyter (démarré à "
    "l'ouverture, puis toutes les cellules) / mêmes cellules dans un seul processus"
)


def notebooks(root: Path) -> list[Path]:
    return sorted((root / "notebooks").glob("*.ipynb"))


def _cells(path: Path) -> list[str]:
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def run_in_kernel(path: Path) -> dict[str, float]:
    """Start a kernel in the notebook's folder, then run every cell (nbclient): seconds of the
    start and of the run. Stops at the first error, with its French message."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            extra_arguments=KERNEL_ARGUMENTS)  # fmt: skip
    started = time.perf_counter()
    with client.setup_kernel():
        ready = time.perf_counter()
        kernel = psutil.Process(client.km.provisioner.pid)
        before = _cpu(kernel)
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        done = time.perf_counter()
        cpu = _cpu(kernel) - before
    return {"start": ready - started, "run": done - ready, "cpu": cpu}


def _cpu(process) -> float:
    """CPU seconds of a process and of its children it waited for."""
    times = process.cpu_times()
    return times.user + times.system + times.children_user + times.children_system


def run_in_process(path: Path) -> dict[str, float]:
    """The notebook's cells run by IPython in this process (imports included)."""
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    os.chdir(path.parent)
    shell = InteractiveShell.instance(colors="nocolor")
    started, cpu = time.perf_counter(), _cpu(psutil.Process())
    for source in _cells(path):
        with capture_output():
            result = shell.run_cell(source, store_history=False)
        if not result.success:
            error = result.error_before_exec or result.error_in_exec
            sys.exit(f"{path.name} : {type(error).__name__} : {error}")
    return {"run": time.perf_counter() - started, "cpu": _cpu(psutil.Process()) - cpu}


def measured(root: Path, path: Path, engine: str) -> dict[str, float]:
    """One run of a notebook in a process of its own."""
    env = {**os.environ, "CLU_PROJECT_ROOT": str(root), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, __file__, "--un", str(path), engine],
        env=env, cwd=root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode:
        sys.exit(f"Échec de {path.name} ({engine}) :\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepared_project(folder: Path) -> Path:
    """A copy of the project with its products made (the inputs of every notebook fresh)."""
    from bench import project, run  # (benchmarks/bench.py: the same copy as sections 1 to 4)

    root = project(folder)
    run(root, "inprocess", "clu-deck", "--period", "2022")
    return root


def run_all_table(repetitions: int = 3) -> list[list[str]]:
    from pipeline.core.formatting import format_number

    def fr(value: float) -> str:
        return format_number(value, 1)

    rows = [["notebook", "noyau : démarrage", "Run All (mur)", "un seul processus (mur)",
             "rapport", "Run All (CPU)", "un seul processus (CPU)"]]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        root = prepared_project(Path(folder))
        for path in notebooks(root):
            kernel, alone = [], []
            for _ in range(repetitions):  # paired, alternated: the machine's load is shared
                kernel.append(measured(root, path, "kernel"))
                alone.append(measured(root, path, "inprocess"))
            start = statistics.median(k["start"] for k in kernel)
            run = statistics.median(k["run"] for k in kernel)
            one = statistics.median(a["run"] for a in alone)
            cpu = statistics.median(k["cpu"] for k in kernel)
            one_cpu = statistics.median(a["cpu"] for a in alone)
            rows.append([path.name, fr(start), fr(run), fr(one), f"{format_number(run / one, 2)}×",
                         fr(cpu), fr(one_cpu)])  # fmt: skip
    return rows


def main() -> None:
    if sys.argv[1:2] == ["--un"]:
        path, engine = Path(sys.argv[2]), sys.argv[3]
        times = run_in_kernel(path) if engine == "kernel" else run_in_process(path)
        print(json.dumps(times))
        return
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(Path(__file__).parent))
    from bench import table

    given = sys.argv.index("--repetitions") + 1 if "--repetitions" in sys.argv else 0
    repetitions = int(sys.argv[given]) if given else 3
    print(RUN_ALL_TITLE)
    print(table(run_all_table(repetitions)))


if __name__ == "__main__":
    main()
