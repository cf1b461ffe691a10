"""Notebooks are committed clean, parameterised, and in sync with their paired .py (jupytext)."""

import ast
import re
import subprocess
import sys

import jupytext
import nbformat
import pytest

from pipeline.core.paths import ROOT
from pipeline.run.steps import STEPS

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_every_step_has_its_notebook_and_the_exploration_template_is_none():
    numbered = {path.name for path in NOTEBOOKS if path.name[0].isdigit()}
    assert {step.notebook for step in STEPS} == numbered
    templates = [path for path in NOTEBOOKS if path.name.startswith("exploration")]
    assert templates, "the analyst's exploration template is committed"
    assert set(NOTEBOOKS) == {*templates, *(path for path in NOTEBOOKS if path.name in numbered)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs_and_has_parameters(path):
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    parameters = [cell for cell in code if "parameters" in cell.metadata.get("tags", [])]
    assert len(parameters) == 1
    assert "period = " in parameters[0].source and "config_path = " in parameters[0].source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_and_its_py_pair_agree(path):
    paired = jupytext.read(path.with_suffix(".py"))
    notebook = nbformat.read(path, as_version=4)
    assert [c.source for c in paired.cells] == [c.source for c in notebook.cells], (
        "run `make sync-notebooks`"
    )


SCREEN = 40  # lines of a code cell an analyst reads without scrolling


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin_no_function_and_no_cell_longer_than_a_screen(path):
    """The logic lives in ``pipeline/``: a notebook holds parameters, narrative and calls."""
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        defined = [node for node in ast.walk(ast.parse(cell.source))
                   if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                        ast.Lambda))]  # fmt: skip
        assert not defined, f"cellule {number} : fonction définie dans le notebook"
        assert len(cell.source.splitlines()) <= SCREEN, f"cellule {number} : plus d'un écran"


FRENCH = re.compile(r"[éèàçù]|\b(?:la|le|les|de|du|des|au)\b")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_parameter_is_typed_and_explained_in_french(path):
    import papermill

    parameters = papermill.inspect_notebook(str(path))
    assert parameters
    for name, parameter in parameters.items():
        assert parameter["inferred_type_name"] not in ("None", "Unknown type"), name
        assert FRENCH.search(parameter["help"]), f"{name} : aide « {parameter['help']} »"


def test_papermill_shows_the_survey_notebooks_subgroup_and_criterion():
    shown = subprocess.run(
        [sys.executable, "-m", "papermill", "--help-notebook",
         str(ROOT / "notebooks" / "03_survey.ipynb")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Unknown type" not in shown
    for line in ("period: int (default 2022)", "respondents: Optional[str] (default None)",
                 "criterion: Optional[str] (default None)", "update_inputs: bool"):  # fmt: skip
        assert line in shown
    assert "titre de séjour" in shown and "délai d'attente" in shown
