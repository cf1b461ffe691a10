import re
import subprocess

import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline.compute.indicators import indicators_table
from pipeline.core.config import load_config
from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.outputs import pdf
from pipeline.outputs.dashboard.printing import page_breaks
from pipeline.outputs.dashboard.workbook import write_dashboard
from tests.excel_text import displayed

NBSP = "\u00a0"


def telephony_indicators():
    """Two years of telephony: 95 % of calls answered in 2021, 85 % in 2022."""
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
    return indicators_table({"telephony_monthly": telephony}, config, 2022, [2021, 2022])


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """The dashboard of two years of telephony, written once for the tests that read it."""
    tmp_path = tmp_path_factory.mktemp("dashboard")
    indicators = telephony_indicators()
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
    assert displayed(calls[4].value, calls[4].number_format) == f"85,0{NBSP}%"  # as « ≥ 90 % »
    assert calls[5].value == "≥\u00a090\u00a0%"
    assert calls[6].value == "non atteint" and calls[6].fill.fgColor.rgb.endswith("FFE9E9")
    assert calls[7].value == pytest.approx(-10.0)
    assert displayed(calls[7].value, calls[7].number_format) == f"−10,0{NBSP}pts"
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


def test_a_value_never_reads_as_reaching_the_target_it_misses(tmp_path):
    """89,95 % of calls answered against « ≥ 90 % »: « 89,95 % », never « 90,0 % »; a change
    that rounds to zero reads « 0,0 pt », without a sign."""
    indicators = telephony_indicators()
    year = (indicators["code"] == "tel_calls_answered") & (indicators["period"] == "2022")
    indicators.loc[year, ["value", "status", "change"]] = [0.8995, "non atteint", -0.0004]
    path = write_dashboard(indicators, tmp_path / "tb.xlsx", 2022, "Préfecture", [2021, 2022])
    sheet = load_workbook(path)["Tableau de bord 2022"]
    calls = row_of(sheet, "Taux d'appels aboutis")
    assert displayed(calls[4].value, calls[4].number_format) == f"89,95{NBSP}%"
    assert calls[6].value == "non atteint"
    assert displayed(calls[7].value, calls[7].number_format) == f"0,0{NBSP}pt"
    assert displayed(-0.0004, calls[7].number_format) == f"0,0{NBSP}pt"  # (even unrounded)


def test_counts_are_integers_and_the_pages_print_in_french(workbook):
    sheet = workbook["Numérateurs et dénominateurs"]
    counts = [row[5].value for row in sheet.iter_rows(min_row=2)] + [
        row[6].value for row in sheet.iter_rows(min_row=2)
    ]
    assert counts and all(isinstance(v, int) for v in counts if v is not None)
    assert displayed(58918, sheet["F2"].number_format) == "58\u202f918"
    for each in workbook.worksheets:
        assert each.oddFooter.center.text == "Page &P sur &N"
        assert each.oddHeader.left.text.startswith("Tableau de bord qualité 2022")
        assert each.print_title_rows in ("$5:$5", "$1:$1")


def test_a_group_starts_a_page_rather_than_end_one():
    """Rows of 20 pt, a page of 200 pt, the header row (row 5) repeated: page 1 holds the 5 top
    rows and group A (rows 6–8); group B (band 9 and 4 rows) would cross the page: it starts
    page 2, whole; group C (band 14 and 16 rows) is longer than a page: it follows B, its band
    and first row fitting, and breaks as it must."""
    heights = {row: 20.0 for row in range(1, 40)}
    starts = page_breaks(heights, 5, 30, [6, 9, 14], 200.0)
    assert starts == [9, 18, 27]
    late = page_breaks(heights, 5, 30, [6, 9, 17], 200.0)  # C's band would end page 2
    assert late == [9, 17, 26]
    assert page_breaks(heights, 5, 8, [6], 200.0) == []  # everything on one page


@pytest.fixture(scope="module")
def printed(sample_run, tmp_path_factory):
    """The sample's dashboard printed by LibreOffice (Calc), in French, as text by page."""
    if pdf.soffice() is None or pdf.shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice ou pdftotext absent : impression du tableau de bord non vérifiée")
    folder = tmp_path_factory.mktemp("dashboard_pdf")
    source = sample_run["paths"].dashboard
    subprocess.run([pdf.soffice(), pdf.french_profile(folder / "profile"), "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   capture_output=True, timeout=300, check=False)  # fmt: skip
    printed = folder / source.with_suffix(".pdf").name
    if not printed.is_file():
        pytest.skip("LibreOffice Calc absent : impression du tableau de bord non vérifiée")
    text = subprocess.run(["pdftotext", "-layout", str(printed), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    return [page for page in text.split("\f") if page.strip()], load_workbook(source)


@pytest.mark.complete
def test_the_printed_dashboard_never_leaves_a_module_alone_at_a_page_foot(printed):
    pages, book = printed
    bands = {
        str(row[0].value) for sheet in book.worksheets for row in sheet.iter_rows(min_col=1,
                                                                                 max_col=1)
        if row[0].fill is not None and row[0].fill.fgColor.rgb.endswith("E3E3FD")
    }  # fmt: skip
    assert any(band.startswith("Module 3") for band in bands)
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert f"Page {number} sur {len(pages)}" in lines[-1]  # the French footer
        body = [line for line in lines[:-1] if not line.startswith("Données arrêtées")]
        assert not any(body[-1].startswith(band) for band in bands), (number, body[-1])
    summary = pages[0]
    assert re.search(r"\d,\d[\u00a0 ]%", summary) and not re.search(r"\d,\d%", summary)
    assert "−0,0" not in "".join(pages) and "-0,0" not in "".join(pages)
