"""The committed sample is exactly what the deterministic generator writes, and its free texts
agree with their authors' answers (a remark with its criterion, an observation with the call's
marks)."""

import pandas as pd
import pytest

from pipeline.core.paths import ROOT
from pipeline.tooling.sample import OBSERVATIONS, QUESTIONS, REMARKS, write_sample


def test_sample_regenerates_identically(tmp_path):
    anomalies = write_sample(tmp_path)
    committed = ROOT / "data" / "raw"
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert generated == sorted(
        p.relative_to(committed) for p in committed.rglob("*") if p.is_file()
    )
    for relative in generated:
        assert (tmp_path / relative).read_bytes() == (committed / relative).read_bytes(), relative
    assert len(anomalies) >= 10


def _judged(answer) -> int:
    """+1 satisfied, -1 dissatisfied, 0 no answer (the catalogue's reading of the sample)."""
    text = "" if pd.isna(answer) else str(answer).strip().lower()
    if text in ("très satisfait", "satisfait") or text.isdigit() and int(text) >= 6:
        return 1
    return -1 if text in ("peu satisfait", "pas satisfait") or text.isdigit() else 0


@pytest.mark.parametrize("year", [2020, 2021, 2022])
def test_each_remark_agrees_with_its_authors_answer(year):
    headers = {column: header for column, (header, _, _) in QUESTIONS.items()}
    headers["q_overall"] = "Note globale (1 à 10)"
    survey = pd.read_excel(
        ROOT / f"data/raw/{year}/enquete_satisfaction_{year}.xlsx", dtype=str, engine="calamine"
    )
    remarks = survey["Remarques / suggestions"].fillna("")
    written = 0
    for column, (praises, criticisms) in REMARKS.items():
        answers = survey[headers[column]].map(_judged)
        for texts, sign in ((praises, 1), (criticisms, -1)):
            for text in texts:
                authors = remarks.str.startswith(text)
                written += int(authors.sum())
                assert (answers[authors] == sign).all(), (column, text)
    assert written >= 0.9 * remarks.ne("").sum()  # (the rest: « Rien à signaler. »)


@pytest.mark.parametrize("year", [2020, 2021, 2022])
def test_each_observation_agrees_with_the_calls_marks(year):
    calls = pd.read_excel(
        ROOT / f"data/raw/{year}/appels_mystere_{year}.xlsx", dtype=str, engine="calamine"
    )
    observations = calls["Observations"].fillna("")
    for header, (praise, criticism) in OBSERVATIONS.items():
        marks = calls[header].fillna("").str.strip().str.lower()
        assert (marks[observations.str.contains(praise, regex=False)] == "oui").all(), praise
        assert (marks[observations.str.contains(criticism, regex=False)] == "non").all(), criticism
    svi = observations.str.contains("serveur vocal long", regex=False)
    assert svi.any() and (calls.loc[svi, "SVI"].str.lower() == "non").all()
