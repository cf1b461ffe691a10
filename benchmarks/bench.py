"""The project's benchmark: prints figures, asserts nothing (``make benchmark``).

In one run, side by side:

1. ``clu-deck --force`` on the bundled sample, as users run it (one Jupyter kernel per notebook),
   against the same notebooks run in one Python process (``CLU_ENGINE=inprocess``): wall and CPU
   time of the whole process tree, and their ratios; the median of paired runs.
2. Ingestion of the sample against a bare read of the same files (Arrow and calamine reading
   every raw file into columns, nothing checked: :func:`bare_read`).
3. The time of each step, as the run reports it.
4. A scale series: the sample generator's register and survey at 10 k, 100 k and 1 M rows each
   (``write_sample(rows=…)``), run through the whole chain: each step's time, the peak memory of
   the process tree (sampled every 50 ms), and the growth exponent from 100 k to 1 M; and, in a
   process of its own, the ingestion against the same bare read of the scaled files; and
   ``pipeline ingest`` alone, its time and peak memory, with the survey as a CSV export and as
   a workbook (.xlsx, what an online survey tool exports: ``write_sample(survey_workbook=True)``).
5. « Run All » on each notebook as an analyst runs it in JupyterLab (a kernel, the notebook's
   own parameters, its inputs up to date), beside the same cells in one Python process
   (:mod:`run_all`; alone: ``python benchmarks/run_all.py``).

``python benchmarks/bench.py [--tailles 10000,100000] [--repetitions 2]``. Generated samples are
kept in ``data/benchmark/`` (not committed) and reused.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.core.formatting import format_number  # noqa: E402

CACHE = ROOT / "data" / "benchmark"
STEP_LINE = re.compile(r"^\s+✓ (.+) \((\d+(?:,\d+)?) s\)$", re.M)
SIZES = (10_000, 100_000, 1_000_000)


def fr(value: float, decimals: int = 1) -> str:
    return format_number(value, decimals)


def count(rows: int) -> str:
    return f"{rows:,}".replace(",", "\u202f")


class Measured:
    """A command's wall time, the CPU time of its process tree and the tree's peak memory."""

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path):
        self.stdout = ""
        started, cpu = time.perf_counter(), _children_cpu()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)  # fmt: skip
        self.peak = 0
        watcher = threading.Thread(target=self._watch, args=(process.pid,), daemon=True)
        watcher.start()
        self.stdout, _ = process.communicate()
        self.wall = time.perf_counter() - started
        self.cpu = _children_cpu() - cpu
        self.returncode = process.returncode
        watcher.join(timeout=1)

    def _watch(self, pid: int) -> None:
        try:
            parent = psutil.Process(pid)
            while parent.is_running() and parent.status() != psutil.STATUS_ZOMBIE:
                tree = [parent, *parent.children(recursive=True)]
                rss = 0
                for process in tree:
                    with contextlib.suppress(psutil.Error):
                        rss += process.memory_info().rss
                self.peak = max(self.peak, rss)
                time.sleep(0.05)
        except psutil.Error:
            return

    def steps(self) -> dict[str, float]:
        return {t: float(s.replace(",", ".")) for t, s in STEP_LINE.findall(self.stdout)}


def _children_cpu() -> float:
    """CPU time (user + system) of the waited-for children of this process, and theirs."""
    usage = os.times()
    return usage.children_user + usage.children_system


def project(folder: Path, raw: Path | None = None, survey_csv: bool = False) -> Path:
    """A copy of the project's notebooks and configuration, with the sample's raw data (or
    ``raw``: a scaled sample, whose survey is a CSV export)."""
    for name in ("notebooks", "config"):
        shutil.copytree(ROOT / name, folder / name)
    (folder / "data").mkdir()
    if raw is None:
        shutil.copytree(ROOT / "data" / "raw", folder / "data" / "raw")
    else:
        (folder / "data" / "raw").symlink_to(raw, target_is_directory=True)
    if survey_csv:
        from pipeline.tooling.sample import SCALED_SURVEY

        config = folder / "config" / "prefecture.yaml"
        text = config.read_text(encoding="utf-8")
        text = text.replace('"{year}/enquete_satisfaction_{year}.xlsx"\n    sheet: Réponses',
                            f'"{SCALED_SURVEY}"', 1)  # fmt: skip
        config.write_text(text, encoding="utf-8")
    return folder


def run(root: Path, engine: str | None, *args: str) -> Measured:
    env = {**os.environ, "CLU_PROJECT_ROOT": str(root), "PYTHONPATH": str(ROOT)}
    env.pop("CLU_ENGINE", None)
    if engine:
        env["CLU_ENGINE"] = engine
    done = Measured([sys.executable, "-m", "pipeline", *args], env, root)
    if done.returncode:
        sys.exit(f"Échec de « pipeline {' '.join(args)} » :\n{done.stdout[-3000:]}")
    return done


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )  # fmt: skip
        for row in rows
    )


def engines(repetitions: int) -> dict[str, Measured]:
    """clu-deck --force with kernels and in one process, paired runs; the median of each."""
    print("1. clu-deck --force sur l'échantillon : noyaux Jupyter / un seul processus")
    runs: dict[str, list[Measured]] = {"kernel": [], "inprocess": []}
    with tempfile.TemporaryDirectory() as folder:
        root = project(Path(folder))
        run(root, None, "clu-deck", "--period", "2022")  # warm caches (fonts, imports)
        for _ in range(repetitions):
            for engine in runs:
                runs[engine].append(run(root, None if engine == "kernel" else engine,
                                        "clu-deck", "--period", "2022", "--force"))  # fmt: skip
    median = {e: sorted(r, key=lambda m: m.wall)[len(r) // 2] for e, r in runs.items()}
    wall = {e: statistics.median(m.wall for m in r) for e, r in runs.items()}
    cpu = {e: statistics.median(m.cpu for m in r) for e, r in runs.items()}
    print(table([
        ["", "mur (s)", "CPU (s)", "mémoire max (Mo)"],
        ["noyaux (make clu-deck)", fr(wall["kernel"]), fr(cpu["kernel"]),
         fr(median["kernel"].peak / 2**20, 0)],
        ["un seul processus", fr(wall["inprocess"]), fr(cpu["inprocess"]),
         fr(median["inprocess"].peak / 2**20, 0)],
        ["rapport", f"{fr(wall['kernel'] / wall['inprocess'], 2)}×",
         f"{fr(cpu['kernel'] / cpu['inprocess'], 2)}×", ""],
    ]))  # fmt: skip
    return median


def steps_of(measured: dict[str, Measured]) -> None:
    print("\n3. Durée de chaque étape (s)")
    kernel, inprocess = measured["kernel"].steps(), measured["inprocess"].steps()
    rows = [["étape", "noyaux", "un seul processus"]]
    rows += [[s, fr(kernel[s]), fr(inprocess.get(s, float("nan")))] for s in kernel]
    print(table(rows))


def ingest_against_read() -> None:
    """Ingestion of the sample against a bare read of the same files, in a process of its own
    (the project folder is fixed when the package is imported)."""
    print("\n2. Ingestion de l'échantillon / simple lecture des mêmes fichiers")
    with tempfile.TemporaryDirectory() as folder:
        root = project(Path(folder))
        env = {**os.environ, "CLU_PROJECT_ROOT": str(root), "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, __file__, "--ingestion"], env=env, check=True)


def bare_read(files: list[Path]) -> None:
    """Every file read into columns, nothing checked: the floor the ingestion is compared to.
    A CSV export by Arrow, every column as text, with its encoding (a BOM, else UTF-8, else
    cp1252) and its separator (the commonest of ``;``, ``,`` and tab on its first line); a
    workbook's every sheet by calamine."""
    import csv

    import pandas as pd
    import pyarrow as pa
    from pyarrow import csv as arrow_csv
    from python_calamine import CalamineWorkbook

    for path in files:
        if path.suffix != ".csv":
            book = CalamineWorkbook.from_path(str(path))
            for sheet in book.sheet_names:
                pd.DataFrame(book.get_sheet_by_name(sheet).to_python())
            continue
        head = path.open("rb").read(65536)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            encoding = "utf-16"
        else:
            try:
                head.decode("utf-8")
                encoding = "utf-8-sig"
            except UnicodeDecodeError:  # (a character cut at the end reads as cp1252: a floor)
                encoding = "cp1252"
        first = head.decode(encoding, errors="replace").splitlines()[0]
        separator = max(";,\t", key=first.count)
        names = next(csv.reader([first], delimiter=separator))
        arrow_csv.read_csv(
            path,
            read_options=arrow_csv.ReadOptions(encoding=encoding),
            parse_options=arrow_csv.ParseOptions(delimiter=separator,
                                                 invalid_row_handler=lambda row: "skip"),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string())),
        )  # fmt: skip


def _ingestion(once: bool) -> None:
    """In a process of its own: the ingestion of the project against a bare read of its files;
    a table, or (``once``: a scaled sample, each measured once) a line of JSON."""
    from pipeline.core.context import open_period, source_files
    from pipeline.ingest.sources import forget_ingested, ingest

    ctx = open_period(2022)
    found = [source_files(ctx.config, ctx.paths, name) for name in ctx.config.sources]
    files = sorted({path for pairs in found for _, path in pairs if path.is_file()})

    def from_scratch() -> None:
        forget_ingested()  # nothing remembered from the run before
        ingest(ctx.config, ctx.paths)

    if once:
        read = _seconds(lambda: bare_read(files))
        print(json.dumps({"read": read, "ingest": _seconds(from_scratch)}))
        return
    from_scratch()  # warm: imports, configuration
    read = statistics.median(_seconds(lambda: bare_read(files)) for _ in range(5))
    full = statistics.median(_seconds(from_scratch) for _ in range(3))
    again = statistics.median(_seconds(lambda: ingest(ctx.config, ctx.paths)) for _ in range(3))
    print(table([
        ["", "s"],
        [f"simple lecture ({len(files)} fichiers)", fr(read, 2)],
        ["ingestion (lecture, typage, contrôles, expurgation, écriture)", fr(full, 2)],
        ["rapport", f"{fr(full / read, 1)}×"],
        ["ingestion refaite dans le même processus, fichiers inchangés", fr(again, 2)],
    ]))  # fmt: skip


def ingestion_of(root: Path) -> dict[str, float]:
    """The ingestion of a scaled project against a bare read of its files (each once)."""
    env = {**os.environ, "CLU_PROJECT_ROOT": str(root), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, __file__, "--ingestion", "--une-fois"], env=env,
                          check=True, capture_output=True, text=True)  # fmt: skip
    return json.loads(done.stdout.splitlines()[-1])


def _seconds(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def scaled_sample(rows: int, workbook: bool = False) -> Path:
    """The sample generator's data with ``rows`` register rows and survey responses (cached);
    with ``workbook``, the survey is a workbook (.xlsx), as an online survey tool exports it."""
    from pipeline.tooling.sample import write_sample

    folder = CACHE / (f"{rows}-classeur" if workbook else f"{rows}")
    if not (folder / "anomalies_attendues.csv").exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        write_sample(folder, rows=rows, survey_workbook=workbook)
        seconds = fr(time.perf_counter() - started)
        kind = " (enquête en classeur)" if workbook else ""
        print(f"   (échantillon de {count(rows)} lignes{kind} généré en {seconds} s)")
    return folder


def ingestion_alone(raw: Path, survey_csv: bool) -> Measured:
    """``pipeline ingest --force`` on a scaled sample, in a process of its own: its wall time
    and the peak memory of its process tree."""
    with tempfile.TemporaryDirectory() as folder:
        root = project(Path(folder), raw, survey_csv=survey_csv)
        return run(root, "inprocess", "ingest", "--period", "2022", "--force")


def scale_series(sizes: tuple[int, ...]) -> None:
    print("\n4. Série d'échelle : registre et enquête à N lignes chacun, chaîne complète "
          "(un seul processus)")  # fmt: skip
    results, ingestions, alone = {}, {}, {}
    for rows in sizes:
        raw = scaled_sample(rows)
        with tempfile.TemporaryDirectory() as folder:
            root = project(Path(folder), raw, survey_csv=True)
            results[rows] = run(root, "inprocess", "clu-deck", "--period", "2022", "--force")
            ingestions[rows] = ingestion_of(root)
        workbook = scaled_sample(rows, workbook=True)
        alone[rows] = {"csv": ingestion_alone(raw, survey_csv=True),
                       "xlsx": ingestion_alone(workbook, survey_csv=False)}  # fmt: skip
    titles = list(results[sizes[0]].steps())
    header = ["étape (s)", *[count(n) for n in sizes]]
    rows = [header]
    rows += [[t, *[fr(results[n].steps().get(t, float("nan"))) for n in sizes]] for t in titles]
    core = [t for t in titles if re.search(r"lecture|indicateurs|enquête", t, re.I)]
    totals = {n: sum(results[n].steps().get(t, 0.0) for t in core) for n in sizes}
    rows.append(["ingestion + indicateurs + enquête", *[fr(totals[n]) for n in sizes]])
    rows.append(["chaîne entière (mur)", *[fr(results[n].wall) for n in sizes]])
    rows.append(["simple lecture des fichiers bruts", *[fr(ingestions[n]["read"]) for n in sizes]])
    rows.append(["ingestion seule, à part", *[fr(ingestions[n]["ingest"]) for n in sizes]])
    rows.append(
        [
            "ingestion / simple lecture",
            *[f"{fr(ingestions[n]['ingest'] / ingestions[n]['read'])}×" for n in sizes],
        ]
    )
    rows.append(["mémoire max de l'arbre (Mo)", *[fr(results[n].peak / 2**20, 0) for n in sizes]])
    for kind, label in (("csv", "enquête en CSV"), ("xlsx", "enquête en classeur .xlsx")):
        rows.append([f"pipeline ingest, {label} (mur)", *[fr(alone[n][kind].wall) for n in sizes]])
        rows.append([f"pipeline ingest, {label} : mémoire max (Mo)",
                     *[fr(alone[n][kind].peak / 2**20, 0) for n in sizes]])  # fmt: skip
    print(table(rows))
    if len(sizes) > 1:
        low, high = sizes[-2], sizes[-1]
        exponent = math.log(totals[high] / totals[low]) / math.log(high / low)
        print(f"exposant de croissance de {count(low)} à {count(high)} (ingestion + indicateurs "
              f"+ enquête) : {fr(exponent, 2)}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="Banc d'essai de la chaîne CLU.")
    sizes = ",".join(map(str, SIZES))
    parser.add_argument("--tailles", default=sizes, help="tailles de la série, séparées par « , »")
    parser.add_argument("--repetitions", type=int, default=2)
    parser.add_argument("--ingestion", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--une-fois", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingestion:
        return _ingestion(args.une_fois)
    print(f"Machine : {os.cpu_count()} cœurs, Python {sys.version.split()[0]}\n")
    measured = engines(args.repetitions)
    ingest_against_read()
    steps_of(measured)
    sizes = tuple(int(s) for s in args.tailles.split(",") if s)
    if sizes:
        scale_series(sizes)
    from run_all import RUN_ALL_TITLE, run_all_table  # (benchmarks/run_all.py)

    print(f"\n{RUN_ALL_TITLE}")
    print(table(run_all_table(args.repetitions)))


if __name__ == "__main__":
    main()
