"""The indicators explored in a line, on the sample's processed tables: by period, module,
engagement and service, in French, the raw values kept."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.core.context import Context
from pipeline.core.exceptions import SelectionError
from pipeline.explore.indicators import Indicators
from tests.conftest import PERIOD


@pytest.fixture(scope="module")
def sample(sample_run):
    from pipeline.core.config import load_config

    config = load_config(sample_run["root"] / "config" / "prefecture.yaml")
    return Indicators.of(Context(PERIOD, config, sample_run["paths"]))


def test_by_quarter_the_values_of_the_table_in_their_unit(sample):
    table = sample.by("trimestre")
    raw = sample.table
    calls = raw[(raw["code"] == "tel_calls_answered") & (raw["period"] == f"{PERIOD}-T1")]
    row = table.raw.set_index("Indicateur").loc["Taux d'appels aboutis"]
    assert row[f"T1 {PERIOD}"] == pytest.approx(float(calls["value"].iloc[0]))
    shown = table.formatted().set_index("Indicateur").loc["Taux d'appels aboutis"]
    assert shown[f"T1 {PERIOD}"].endswith("\u00a0%") and shown["Cible"].startswith("≥")
    assert [c for c in table.formatted().columns if c.startswith("T")] == [
        f"T{q} {PERIOD}" for q in range(1, 5)]  # fmt: skip


def test_a_missing_value_reads_its_reason_never_zero(sample):
    shown = sample.by("mois").formatted()
    reasons = set(sample.table["na_reason"].dropna())
    cells = set(shown.drop(columns=["Module ou engagement", "Indicateur", "Cible"]).stack())
    assert reasons & cells  # « aucune demande », « non suivi »… as such
    assert "nan" not in cells and "<NA>" not in cells


def test_by_module_engagement_and_service(sample):
    assert sample.filter(module=4).results().raw["Module ou engagement"].str.startswith(
        "Module 4").all()  # fmt: skip
    references = sample.by("engagement").raw["Référence"].replace("", pd.NA).dropna()
    firsts = references.str.extract(r"(\d+)")[0].astype(int)
    assert firsts.is_monotonic_increasing
    services = sample.by("service")
    assert {"Service", "Demandes", "Assez de demandes"} <= set(services.formatted().columns)
    few = services.raw[~services.raw["Assez de demandes"].astype(bool)]
    assert few["Valeur"].isna().all()  # too few requests: no rate, never « 100 % »
    with pytest.raises(SelectionError, match="Aucun indicateur"):
        sample.filter(module=99)
    with pytest.raises(SelectionError, match="« trimestre »"):
        sample.by("semaine")


def test_results_of_the_year_with_change_in_points_for_a_rate(sample):
    results = sample.results()
    shown = results.formatted().set_index("Indicateur")
    assert shown.loc["Taux d'appels aboutis", "Évolution sur un an"].endswith("pts")
    assert "tel_calls_answered" in set(results.raw["Code"])  # (kept raw, not shown)
    assert "tel_calls_answered" not in results._repr_html_()
