"""One figure, one text, everywhere (issue 25, deliverable 7): on the sample's run, the same
value reads the same in the dashboard (as its number format shows it), the open-data file, the
minutes, the poster and the deck; no « −0,0 » anywhere; « pt » / « pts » agree with the number.

The deck is being rewritten: its check is loose (the figure's text is on some slide, in a
table, a text box or the speaker's notes).
"""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from pipeline.core.formatting import (
    figure_for_status,
    format_value,
    format_value_for_status,
    rounded,
    shown_number,
    value_decimals,
)
from pipeline.facts.results import period_bounds
from tests.conftest import PERIOD, slide_texts
from tests.excel_text import displayed

SPACES = re.compile(r"[\u00a0\u202f ]")


def _number_of(text: str) -> Decimal:
    """« 81,3 % » → 81.3; « 34 271 » → 34271."""
    return Decimal(SPACES.sub("", text).replace(",", ".").rstrip("%‰jmin").replace("−", "-"))


@pytest.fixture(scope="module")
def documents(sample_run):
    paths = sample_run["paths"]
    deck = Presentation(paths.deck)
    slides = [
        "\n".join(slide_texts(slide))
        + ("\n" + slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
        for slide in deck.slides
    ]  # fmt: skip
    return {
        "indicators": pd.read_parquet(paths.table("indicators")),
        "rates": pd.read_parquet(paths.table("survey_rates")),
        "dashboard": load_workbook(paths.dashboard),
        "open_data": pd.read_csv(paths.open_data, dtype=str, keep_default_na=False),
        "minutes": paths.minutes_markdown.read_text(encoding="utf-8"),
        "poster": html.unescape(paths.poster().read_text(encoding="utf-8")),
        "report": html.unescape(paths.survey_report.read_text(encoding="utf-8")),
        "slides": slides,
    }


def test_every_dashboard_value_reads_as_the_formatter_and_the_open_data_file_says(documents):
    """All of the data sheet's values (each indicator × period: a few hundred, the half-way
    ones of the sample among them: 12,25 j, 81,25 %, 4,25 j, 2,745 ‰, 48,5 min)."""
    table, book = documents["indicators"], documents["dashboard"]
    sheet = book["Numérateurs et dénominateurs"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Valeur")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert len(cells) == len(table)  # one row per indicator and period, in the table's order
    shown = {}
    for cell, row in zip(cells, table.itertuples(index=False), strict=True):
        if pd.isna(row.value):
            continue
        text = displayed(cell.value, cell.number_format)
        expected = format_value_for_status(
            row.value, row.unit, row.target_comparator, row.target_value, row.status
        )
        assert text == expected, (row.code, row.period, row.value)
        shown[(row.code, row.period)] = text
    ties = {("titles_driving_licence", "2020"): "12,3\u00a0j",
            ("mail_letters_10d", "2022-05"): "81,3\u00a0%",
            ("complaints_delay", "2022-06"): "4,3\u00a0j"}  # fmt: skip
    for key, text in ties.items():
        assert shown[key] == text, key
    # The open-data file: the same number, at the documents' precision.
    published = documents["open_data"]
    published = published[published["service"] == ""].set_index(
        ["code_indicateur", "date_debut", "date_fin"]
    )
    compared = 0
    for row in table[table["year"] == PERIOD].dropna(subset=["value"]).itertuples(index=False):
        start, end = period_bounds(str(row.period))
        value = published.loc[(row.code, start.isoformat(), end.isoformat()), "valeur"]
        number = _number_of(shown[(row.code, row.period)])
        assert Decimal(value) == rounded(number, value_decimals(row.value, row.unit)), row.code
        assert not value.endswith(".0") or row.unit in ("%", "j"), (row.code, value)
        compared += 1
    assert compared > 300


def test_the_years_figures_read_the_same_in_the_minutes_and_the_deck(documents):
    table, slides = documents["indicators"], "\n".join(documents["slides"])
    yearly = table[(table["granularity"] == "année") & table["value"].notna()]
    missing_minutes, missing_deck = [], []
    for row in yearly.itertuples(index=False):
        text = format_value_for_status(
            row.value, row.unit, row.target_comparator, row.target_value, row.status
        )
        if row.period == str(PERIOD) and text not in documents["minutes"]:
            missing_minutes.append((row.code, text))
        if text not in slides:
            missing_deck.append((row.code, row.period, text))
    assert not missing_minutes
    assert not missing_deck  # loosely: somewhere on a slide, in a table or in the notes
    # 12,25 days read « 12,2 j » on a slide and « 12,3 j » in the dashboard
    assert "12,3\u00a0j" in slides and "12,2\u00a0j" not in slides


def test_the_survey_and_the_poster_round_as_the_dashboard(documents):
    rates = documents["rates"]
    overall = rates[(rates["year"] == PERIOD) & rates["overall"].astype(bool)].iloc[0]
    text = format_value(overall["rate"], "%")
    assert text in documents["report"] and text in "\n".join(documents["slides"])
    published = documents["open_data"]
    row = published[published["code_indicateur"] == "satisfaction_overall"].iloc[0]
    assert Decimal(row["valeur"]) == shown_number(overall["rate"], "%")
    # The poster's whole figures: the same rule, at a whole number (never « 10 sur 10 »)
    poster, table = documents["poster"], documents["indicators"]
    days = re.findall(r"en (\d+) jours en moyenne", poster)
    assert days
    delays = table[(table["period"] == str(PERIOD)) & (table["unit"] == "j")]
    wholes = set()
    for row in delays.dropna(subset=["value"]).itertuples(index=False):
        number, places = figure_for_status(
            row.value, "j", row.target_comparator, row.target_value, row.status, decimals=0
        )
        wholes.add(str(number) if places == 0 else None)
    assert set(days) <= wholes


def _texts(documents) -> dict[str, str]:
    book = documents["dashboard"]
    cells = "\n".join(
        displayed(cell.value, cell.number_format)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )  # fmt: skip
    return {"tableau de bord": cells, "compte rendu": documents["minutes"],
            "affiche": documents["poster"], "rapport d'enquête": documents["report"],
            "diaporama": "\n".join(documents["slides"])}  # fmt: skip


def test_no_negative_zero_and_points_agree_with_their_number(documents):
    for name, text in _texts(documents).items():
        assert not re.search(r"[-−]0(,0+)?(?!\d|,\d*[1-9])", text), name
        for number, unit in re.findall(r"([+−-]?\d+(?:,\d+)?)\u00a0(pts?)\b", text):
            value = abs(Decimal(number.replace(",", ".").replace("−", "-")))
            assert unit == ("pts" if value >= 2 else "pt"), (name, number, unit)
    cells = _texts(documents)["tableau de bord"]
    assert not re.search(r"\d%", cells)  # « 84,7 % », never « 84,7% »
