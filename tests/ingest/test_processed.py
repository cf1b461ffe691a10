"""A source without any file reads as an empty, typed table, and every section still computes."""

import datetime as dt

import pytest

from pipeline.compute import action_plan, complaints, mystery, trainings
from pipeline.core.config import load_config, load_contract
from pipeline.core.paths import DEFAULT_CONFIG, PeriodPaths
from pipeline.ingest.processed import empty_source, read_source

SOURCES = ["mystery_calls", "mystery_emails", "complaints", "action_plan", "trainings"]


@pytest.mark.parametrize("name", SOURCES)
def test_an_absent_source_reads_empty_with_its_contract_columns(tmp_path, name):
    table = read_source(PeriodPaths(2022, root=tmp_path), name)
    assert table.empty
    assert set(load_contract().sources[name].columns) <= set(table.columns)
    assert {"year", "source_file", "source_row"} <= set(table.columns)
    assert str(table["year"].dtype) == "int64"


def test_every_section_computes_empty_tables_from_absent_sources():
    config = load_config(DEFAULT_CONFIG)
    grid = mystery.load_grid(config)
    calls = empty_source("mystery_calls")
    slots = mystery.calls_by_half_day(calls, "12:00")
    register = empty_source("complaints")
    actions = action_plan.actions_with_deadlines(empty_source("action_plan"), dt.date(2023, 1, 24))
    tables = [
        mystery.call_compliance(calls, grid, 0.85),
        slots,
        mystery.call_summary(calls, slots, 10, 20),
        mystery.call_rings(calls, 10),
        mystery.call_points(calls, grid, 0.85, 10),
        mystery.email_results(empty_source("mystery_emails"), grid, 5, 0.85),
        complaints.counts_by(register, "nature"),
        complaints.counts_by(register, "nature", "theme"),
        complaints.replies_by_channel(register, complaints.reply_rule(config)),
        complaints.follow_ups(register),
        actions,
        action_plan.plan_progress(actions),
        trainings.agents_trained_by_year(empty_source("trainings")),
    ]
    for table in tables:
        assert table.empty
        assert {"year", "plan_year"} & set(table.columns)


def test_quarantined_periods_name_months_quarters_years_and_undated_files(tmp_path):
    import pandas as pd

    from pipeline.ingest.processed import QUARANTINE_COLUMNS, quarantined_periods

    paths = PeriodPaths(2022, root=tmp_path)
    paths.processed.mkdir(parents=True)
    quarantine = pd.DataFrame(
        {"source": ["telephony_monthly", "mail_register"], "month": ["2022-11", None]}
    ).rename(columns=QUARANTINE_COLUMNS)
    quarantine.to_csv(paths.quarantine, sep=";", index=False, encoding="utf-8-sig")
    report = pd.DataFrame({"source": ["mail_register", "mail_register", "trainings"],
                           "year": [2021, 2022, None], "rows_quarantined": [0, 3, 2]})  # fmt: skip
    report.to_csv(paths.ingest_report, sep=";", index=False, encoding="utf-8-sig")
    assert quarantined_periods(paths) == {
        "telephony_monthly": frozenset({"2022-11", "2022-T4", "2022"}),
        "mail_register": frozenset({"2022"}),  # a row without a readable date: its file's year
    }


def test_quarantine_rows_are_whole_numbers_even_beside_issues_without_a_row():
    import pandas as pd

    from pipeline.core.inert import inert_csv
    from pipeline.ingest.processed import quarantine_table

    issues = [
        pd.DataFrame({"file": ["a.csv"], "row": [204], "reason": ["date impossible"]}),
        pd.DataFrame({"file": [], "row": pd.Series([], dtype=float), "reason": []}),
        pd.DataFrame({"file": ["b.xlsx", "b.xlsx"], "row": [7.0, None], "reason": ["x", "y"]}),
    ]
    assert str(pd.concat(issues)["row"].dtype) == "float64"  # what wrote « 204.0 »
    written = inert_csv(quarantine_table(issues)).to_csv(sep=";", index=False)
    lines = written.splitlines()
    assert lines[0].split(";")[2] == "Ligne"
    assert [line.split(";")[2] for line in lines[1:]] == ["204", "7", ""]
