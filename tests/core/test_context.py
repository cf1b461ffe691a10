"""A period without any raw file is refused before any step runs, with the folder looked in."""

from __future__ import annotations

import contextlib
import io

import pytest
import yaml

from pipeline.core.context import check_period_has_data, open_period, years_with_data
from pipeline.core.exceptions import InputFileError, PipelineError


def _prefecture(tmp_path, sources: dict) -> str:
    """A préfecture's configuration whose raw folder is ``tmp_path/raw``."""
    config = tmp_path / "prefecture.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "prefecture": {
                    "name": "Préfecture du Test",
                    "short_name": "le Test",
                    "department_code": "99",
                },
                "raw_folder": "raw",
                "meeting_file": "{year}/reunion_{year}.yaml",
                "sources": sources,
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    return str(config)


SOURCES = {
    "trainings": {"file": "{year}/formations_{year}.csv"},
    "action_plan": {"file": "plans/plan_{year}.xlsx"},
}


def test_a_period_without_any_file_names_the_folders_looked_in_and_the_years_that_have_data(
    tmp_path,
):
    config = _prefecture(tmp_path, SOURCES)
    (tmp_path / "raw/2021").mkdir(parents=True)
    (tmp_path / "raw/2021/formations_2021.csv").write_text("x", encoding="utf-8")
    (tmp_path / "raw/plans").mkdir()
    (tmp_path / "raw/plans/plan_2020.xlsx").write_bytes(b"x")
    ctx = open_period(2030, config)
    assert years_with_data(ctx.config, ctx.paths) == [2020, 2021]
    with pytest.raises(InputFileError) as error:
        check_period_has_data(ctx)
    message = str(error.value)
    assert message.startswith("Aucune donnée pour 2030 : ")
    assert f"{tmp_path / 'raw/2030'} (dossier absent)" in message
    assert str(tmp_path / "raw/plans") in message and "(dossier absent)" in message
    assert "formations_2030.csv" in message and "(2020, 2021)" in message
    assert "raw_folder" in message  # what to do when the files are elsewhere
    check_period_has_data(open_period(2021, config))  # one file of the year is enough


def test_an_export_of_several_years_may_hold_the_period(tmp_path):
    config = _prefecture(tmp_path, {**SOURCES, "mail_register": {"file": "courriers.csv"}})
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw/courriers.csv").write_text("x", encoding="utf-8")
    check_period_has_data(open_period(2030, config))  # read, the rows of 2030 may be there


def test_the_command_and_a_notebook_run_by_hand_say_so_in_french():
    from pipeline.cli import main
    from pipeline.run.upstream import bring_inputs_up_to_date

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["ingest", "--period", "2030"])
    assert code == 2
    assert err.getvalue().startswith("Erreur : Aucune donnée pour 2030 : ")
    assert "data/raw/2030 (dossier absent)" in err.getvalue() and "Traceback" not in err.getvalue()
    with pytest.raises(PipelineError, match="Aucune donnée pour 2023 .* data/raw/2023"):
        bring_inputs_up_to_date("survey", 2023, "config/prefecture.yaml")  # JupyterLab
