"""A notebook run by hand reads the pipeline's tables, writes nothing of the pipeline's, and
never makes the pipeline run a step again; its top says so in French."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from pipeline.core.context import open_period
from pipeline.core.exceptions import PipelineError
from pipeline.core.paths import ROOT, PeriodPaths
from pipeline.core.writing import write_text
from pipeline.run.by_hand import open_step, period_without_data, scratch_copy
from tests.conftest import PERIOD, digest, run_cli


def test_the_scratch_copy_reads_the_tables_and_writes_beside_them(tmp_path):
    paths = PeriodPaths(PERIOD, root=tmp_path / "projet")
    write_text(paths.table("survey_rates"), "les taux")
    write_text(paths.provenance / "survey.json", "{}")
    write_text(paths.processed / ".execution-en-cours", "")
    scratch = scratch_copy(paths)
    assert scratch.root != paths.root and not scratch.root.is_relative_to(paths.root)
    assert scratch.table("survey_rates").read_text(encoding="utf-8") == "les taux"
    assert (scratch.provenance / "survey.json").is_file()
    assert not (scratch.processed / ".execution-en-cours").exists()  # (the run's lock)
    write_text(scratch.table("survey_rates"), "refaits à la main")
    write_text(scratch.dashboard, "classeur")
    assert paths.table("survey_rates").read_text(encoding="utf-8") == "les taux"
    assert not paths.dashboard.exists() and not paths.output.exists()


def test_a_year_without_data_is_said_and_a_hand_run_without_tables_stops_in_french():
    ctx = open_period(2031)
    assert "Aucune donnée pour 2031" in period_without_data(ctx)
    assert period_without_data(open_period(PERIOD)) == ""  # (the sample has 2022)
    with pytest.raises(PipelineError, match="(?s)^Aucune donnée pour 2031.*une année qui en a"):
        open_step("survey", 2031, "config/prefecture.yaml")  # (the pipeline's own message)
    assert not ctx.paths.processed.exists()  # nothing made to say it
    opened = open_step("indicators", 2031, "config/prefecture.yaml", build="abc")  # the runner's
    assert not opened.by_hand and opened.ctx.paths == ctx.paths
    assert opened.notes and "Aucune donnée pour 2031" in opened._repr_markdown_()
    assert not open_step("survey", 2031, "config/prefecture.yaml", build="abc").notes  # (report)


def test_a_hand_run_without_its_tables_says_how_to_make_them(monkeypatch):
    from pipeline.run import by_hand
    from pipeline.run.steps import step

    monkeypatch.setattr(by_hand, "stale_steps", lambda ctx, names: ([step("indicators")], []))
    with pytest.raises(PipelineError, match=f"(?s)n'ont pas encore été faites.*PERIOD={PERIOD}"):
        open_step("survey", PERIOD, "config/prefecture.yaml")  # (a year with data)


def test_in_a_kernel_a_hand_run_without_tables_shows_its_french_error():
    """« Run All » stops on the French message, shown in the cell without Python's trace (a
    year without data said at the top)."""
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        'from pipeline.run.by_hand import open_step\n'
        'open_step("survey", 2031, "config/prefecture.yaml")'
    )])  # fmt: skip
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()  # fmt: skip
    errors = [o for o in notebook.cells[0].outputs if o.output_type == "error"]
    assert len(errors) == 1, notebook.cells[0].outputs
    shown = "\n".join(errors[0].traceback)
    assert shown.startswith("Erreur : Aucune donnée pour 2031") and "data/raw/2031" in shown
    assert "Traceback" not in shown and "open_step" not in shown


def _run_by_hand(path, root, monkeypatch) -> nbformat.NotebookNode:
    """Every cell of a notebook run in a kernel, as « Run All » in JupyterLab (nbclient, the
    notebook's own parameters: ``build`` empty)."""
    from nbclient import NotebookClient

    monkeypatch.setenv("CLU_PROJECT_ROOT", str(root))
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()  # fmt: skip
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors
    return notebook


def test_notebooks_run_by_hand_and_saved_write_nothing_and_rerun_nothing(
    sample_run, tmp_path, monkeypatch
):  # fmt: skip
    root = tmp_path / "projet"
    shutil.copytree(sample_run["root"], root, ignore=shutil.ignore_patterns(".venv"))
    before = digest(root / "data") + digest(root / "output")
    for name in ("03_survey.ipynb", "05_deck.ipynb"):
        executed = _run_by_hand(root / "notebooks" / name, root, monkeypatch)
        said = "".join(str(o.get("data", {}).get("text/markdown", ""))
                       for cell in executed.cells for o in cell.get("outputs", []))  # fmt: skip
        assert "Exécution à la main" in said and "data/processed/2022" in said
        # saved as JupyterLab saves it: outputs, counts, the kernel's metadata
        executed.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
        nbformat.write(executed, root / "notebooks" / name)
    assert digest(root / "data") + digest(root / "output") == before
    again = run_cli(root, "clu-deck", "--period", str(PERIOD))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "✓" not in again.stdout and again.stdout.count("à jour, rien à refaire") == 7


def test_the_notebooks_of_the_project_ask_for_no_run_of_the_pipeline():
    """By hand, a notebook brings nothing up to date unless asked (``update_inputs``)."""
    for path in sorted((ROOT / "notebooks").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "bring_inputs_up_to_date(" not in text, path.name
