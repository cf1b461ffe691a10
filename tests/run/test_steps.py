"""What a step's record depends on: the parts of the catalogues and code it reads."""

from __future__ import annotations

from types import SimpleNamespace

from pipeline.core.config import load_config
from pipeline.core.paths import DEFAULT_CONFIG, RESOURCES
from pipeline.run.steps import pipeline_imports, step


def _with_questions(tmp_path, edit):
    text = edit((RESOURCES / "survey_questions.yaml").read_text(encoding="utf-8"))
    own = tmp_path / "questions.yaml"
    own.write_text(text, encoding="utf-8")
    config = load_config(DEFAULT_CONFIG)
    survey = config.survey.model_copy(update={"questions": str(own)})
    return SimpleNamespace(config=config.model_copy(update={"survey": survey}))


def test_ingestion_depends_on_the_catalogue_columns_not_on_its_wordings(tmp_path):
    ingest, survey = step("ingest"), step("survey")
    for name in "abc":
        (tmp_path / name).mkdir()
    same = _with_questions(tmp_path / "a", lambda t: t)
    wording = _with_questions(
        tmp_path / "b", lambda t: t.replace("short_label: âge", "short_label: tranche d'âge")
    )
    header = _with_questions(
        tmp_path / "c", lambda t: t.replace('label: "Vous êtes"', 'label: "Vous êtes :"')
    )
    assert ingest.configuration(wording) == ingest.configuration(same)
    assert ingest.configuration(header) != ingest.configuration(same)
    assert "questions" in survey.catalogues  # the survey reads the whole catalogue file


def test_imports_are_found_in_any_form_and_only_those():
    source = """
import pipeline.core.paths
from pipeline.ingest import readers
from pipeline.compute.survey.analysis import (
    analyse_survey,
    analysis_tables,
)
def later():
    from pipeline.outputs.deck.storyline import build_deck
text = "a string"
"""
    found = pipeline_imports(source)
    for module in ("core.paths", "ingest.readers", "compute.survey.analysis",
                   "outputs.deck.storyline", "compute.survey", "compute", ""):  # fmt: skip
        assert module in found
    assert "outputs.dashboard" not in found


def test_a_notebook_run_by_the_pipeline_does_not_bring_its_inputs_again(capsys):
    from pipeline.run.upstream import bring_inputs_up_to_date, main

    bring_inputs_up_to_date("deck", 2022, "config/prefecture.yaml", build="abc")  # the runner's
    assert capsys.readouterr().out == ""
    assert main(["ingest", "2022", "config/prefecture.yaml"]) == 0  # nothing before ingestion
    assert main(["deck", "20x", "config/prefecture.yaml"]) == 2
    assert "Erreur" in capsys.readouterr().err


def test_a_run_with_one_last_step_to_do_runs_it_in_this_process():
    from pipeline.run.execute import _one_last_step
    from pipeline.run.steps import steps_for

    wanted = steps_for(("deck", "minutes"))
    current = dict.fromkeys(wanted, True)
    assert _one_last_step(wanted, {**current, "deck": False})  # a deck-only change
    assert not _one_last_step(wanted, {**current, "survey": False})  # the deck reads it
    assert not _one_last_step(wanted, {**current, "deck": False, "minutes": False})
    assert not _one_last_step(wanted, current)  # nothing to do


def _notebook(tmp_path, parameters: str, code: str = "print(period)", name: str = "etape"):
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Titre"),
        nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(code),
    ]
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path, notebook


def test_a_notebook_is_the_same_input_once_run_and_saved_or_its_parameters_set(tmp_path):
    import nbformat

    from pipeline.run.steps import declared_parameters, notebook_digest

    base = 'period = 2022  # type: int Année\nbuild = ""  # type: str Empreinte\nrespondents = None'
    path, notebook = _notebook(tmp_path, base)
    first = notebook_digest(path)
    assert declared_parameters(path) == ("period", "build", "respondents")
    notebook.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="2022")]
    notebook.cells[2].execution_count = 3
    notebook.cells[2].id = "autre-id"
    notebook.metadata["language_info"] = {"name": "python"}  # (what JupyterLab adds on save)
    notebook.cells[1].source = base.replace("2022", "2021").replace("None", '"titre de séjour"')
    saved = tmp_path / "enregistre.ipynb"  # (a new file each time: no cached version)
    nbformat.write(notebook, saved)
    assert notebook_digest(saved) == first  # run, saved, parameters given by the runner changed
    notebook.cells[2].source = "print(period + 1)"
    nbformat.write(notebook, tmp_path / "modifie.ipynb")
    assert notebook_digest(tmp_path / "modifie.ipynb") != first  # its code changed
    with_threshold = notebook_digest(_notebook(tmp_path, base + "\nseuil = 0.5", name="a")[0])
    other_threshold = notebook_digest(_notebook(tmp_path, base + "\nseuil = 0.6", name="b")[0])
    assert with_threshold != other_threshold  # a value the runner never gives counts


def test_the_runner_gives_every_parameter_an_analyst_may_set():
    from pipeline.core.context import open_period

    ctx = open_period(2022)
    survey = step("survey").parameters(ctx, "abc")
    assert survey["build"] == "abc" and survey["period"] == 2022
    assert survey["respondents"] is None and survey["criterion"] is None
    assert survey["update_inputs"] is False
    assert step("deck").parameters(ctx, "abc")["template_path"] is None
    assert "respondents" not in step("deck").parameters(ctx, "abc")  # (not its parameter)
