import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline.compute.indicators import indicators_table
from pipeline.core.config import load_config
from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.outputs.dashboard.workbook import write_dashboard


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """The dashboard of two years of telephony, written once for the tests that read it."""
    tmp_path = tmp_path_factory.mktemp("dashboard")
    config = load_config(DEFAULT_CONFIG)
    months = pd.date_range("2021-01-01", "2022-12-01", freq="MS")
    telephony = pd.DataFrame(
        {
            "month": months,
            "calls_received": 100,
            "calls_answered": [95] * 12 + [85] * 12,
            "svi_updates": [0] * 24,
            "svi_updates_on_time": [0] * 24,
        }
    ).astype({"svi_updates": "Int64"})
    indicators = indicators_table({"telephony_monthly": telephony}, config, 2022, [2021, 2022])
    path = write_dashboard(
        indicators, tmp_path / "tb.xlsx", 2022, "Préfecture de la Sylve", [2021, 2022]
    )
    return load_workbook(path)


def row_of(sheet, label):
    return next(row for row in sheet.iter_rows() if row[1].value == label or row[0].value == label)


def test_summary_sheet_layout_and_values(workbook):
    sheet = workbook["Tableau de bord 2022"]
    assert sheet["A1"].value == "TABLEAU DE BORD QUALITÉ 2022"
    assert [c.value for c in sheet[5]][:7] == [
        "Thème", "Indicateur", "Engagement", "Résultats 2021", "Résultats 2022", "Cible 2022",
        "Statut 2022",
    ]  # fmt: skip
    assert sheet["A6"].value.startswith("Module 1")
    calls = row_of(sheet, "Taux d'appels aboutis")
    assert calls[3].value == pytest.approx(0.95) and calls[4].value == pytest.approx(0.85)
    assert calls[4].number_format == "0.0%"
    assert calls[5].value == "≥\u00a090\u00a0%"
    assert calls[6].value == "non atteint" and calls[6].fill.fgColor.rgb.endswith("FFE9E9")
    assert calls[7].value == pytest.approx(-10.0) and "pt" in calls[7].number_format
    svi = row_of(sheet, "Taux de mise à jour du SVI local dans le délai de 3 jours ouvrés")
    assert svi[4].value == "aucune demande" and svi[6].value == "sans objet"


def test_print_setup_and_frozen_header(workbook):
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert workbook["Tableau de bord 2022"].freeze_panes == "D6"


def test_detail_sheet_has_months_quarters_and_year(workbook):
    sheet = workbook["Détail 2022"]
    header = [c.value for c in sheet[5]]
    assert (
        header[2] == "janv."
        and header[13] == "déc."
        and header[14:19] == ["T1", "T2", "T3", "T4", "2022"]
    )
    calls = row_of(sheet, "Taux d'appels aboutis")
    assert calls[2].value == pytest.approx(0.85) and calls[18].value == pytest.approx(0.85)


def test_data_sheet_carries_numerators_and_denominators(workbook):
    sheet = workbook["Numérateurs et dénominateurs"]
    header = [c.value for c in sheet[1]]
    rows = [
        dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)
    ]
    year = next(
        r for r in rows
        if r["Indicateur"] == "Taux d'appels aboutis" and r["Mois, trimestre ou année"] == "2022"
    )  # fmt: skip
    assert year["Cible"] == "≥\u00a090\u00a0%" and year["Statut"] in ("atteint", "non atteint")
    months = {r["Mois, trimestre ou année"] for r in rows if r["Période"] == "mois"}
    assert "janvier 2022" in months and not any("-" in month for month in months)
    codes = {"tel_calls_answered", ">=", "<=", ">", "<"}
    assert not codes & {str(cell) for row in rows for cell in row.values()}  # people's words
    assert (year["Numérateur"], year["Dénominateur"]) == (1020, 1200)
