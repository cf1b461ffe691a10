"""Tutoring and accompaniment sessions: sessions, agents and hours per kind, topic and year."""

import pandas as pd

from pipeline.compute.tutoring import tutoring_by_year


def test_sessions_agents_and_hours_add_up_per_topic_and_year_with_a_total():
    sessions = pd.DataFrame({
        "held_on": pd.to_datetime(["2022-01-03", "2022-02-03", "2021-05-05", "2022-03-01"]),
        "kind": pd.array(["accompagnement", "tutorat", "tutorat", "tutorat"], dtype="string"),
        "topic": pd.array(["Conflits", "Accueil", "Accueil", "Standard "], dtype="string"),
        "agents": pd.array([3, 2, 1, None], dtype="Int64"),
        "hours": pd.array([2.0, 3.5, None, None], dtype="Float64"),
        "year": [2022, 2022, 2021, 2022], "source_row": [2, 3, 2, 4],
    })  # fmt: skip
    table = tutoring_by_year(sessions)
    rows = table[~table["is_total"]]
    # tutoring first, then accompaniment; topics in the order they first appear
    assert rows["topic"].tolist() == ["Accueil", "Accueil", "Standard", "Conflits"]
    accueil = rows[(rows["topic"] == "Accueil") & (rows["year"] == 2022)].iloc[0]
    assert (accueil["sessions"], accueil["agents"], accueil["hours"]) == (1, 2, 3.5)
    standard = rows[rows["topic"] == "Standard"].iloc[0]
    assert pd.isna(standard["agents"]) and pd.isna(standard["hours"])  # never 0
    total = table[table["is_total"] & (table["year"] == 2022)].iloc[0]
    assert (total["sessions"], total["agents"], total["hours"]) == (3, 5, 5.5)


def test_no_session_gives_an_empty_table_with_its_columns():
    empty = pd.DataFrame({"held_on": pd.Series([], dtype="datetime64[us]"),
                          "kind": pd.Series([], dtype="string"),
                          "topic": pd.Series([], dtype="string"),
                          "agents": pd.Series([], dtype="Int64"),
                          "hours": pd.Series([], dtype="Float64"),
                          "year": pd.Series([], dtype="int64")})  # fmt: skip
    table = tutoring_by_year(empty)
    assert table.empty and "is_total" in table and table["sessions"].dtype == "int64"
