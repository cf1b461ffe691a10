"""A sheet read by blocks of rows (pipeline.ingest.sheet_blocks) gives every cell as the sheet
read whole gives it: a differential test on generated workbooks (types, Excel errors, dates as
cells and as text, blank rows and columns, headers below titles, merged headers, total rows,
several sheets, texts a typed reader takes for empty cells), and on the sample's ingestion.

Blocks are made tiny here (a few rows) so that a small workbook is cut into many of them, most
read by fastexcel, some by python-calamine."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import xlsxwriter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from pipeline.core.config import load_config
from pipeline.core.paths import DEFAULT_CONFIG, ROOT, PeriodPaths
from pipeline.ingest import readers, sheet_blocks
from pipeline.ingest.sources import forget_ingested, ingest_source

WORDS = ["Très satisfait", "Satisfait", "Non concerné", "  espaces  ", "é à ç — ’", "0", "12,5",
         "21/11/2022", "2022-11-21 10:32:15", "14h30", "=1+1", "ligne\nsuivante", ""]  # fmt: skip
# texts fastexcel reads as empty cells in a column of numbers or dates
EMPTY_LOOKING = ["NA", "n/a", "nan", "None", "NULL", "null", "#N/A", "<NA>", "1.#IND"]
ERRORS = ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]


@pytest.fixture
def blocks(monkeypatch):
    """Blocks of a few rows; every block counted by the reader that read it."""
    monkeypatch.setattr(sheet_blocks, "BLOCK_BYTES", 1500)
    monkeypatch.setattr(sheet_blocks, "FIRST_ROWS", 4)
    read = {"fastexcel": 0, "calamine": 0}
    for name, reader in (("fastexcel", "_fastexcel_block"), ("calamine", "_calamine_block")):
        original = getattr(sheet_blocks, reader)

        def counted(*args, _original=original, _name=name):
            found = _original(*args)
            read[_name] += found is not None
            return found

        monkeypatch.setattr(sheet_blocks, reader, counted)
    return read


def _cell(kind: str, rng: np.random.Generator):
    """A cell of a column of ``kind``, sometimes empty."""
    if rng.random() < 0.1:
        return None
    day = dt.datetime(2022, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365)))
    if kind == "text":
        return str(rng.choice(WORDS))
    if kind == "empty-looking":
        return str(rng.choice(EMPTY_LOOKING + WORDS))
    if kind == "number":
        return float(rng.choice([0.1 + 0.2, -3.0, 8.0, 1e15 + 0.5, 44886.0, 0.5, 1 / 3]))
    if kind == "typed-with-texts":  # numbers, and the texts fastexcel takes for empty cells
        return str(rng.choice(EMPTY_LOOKING)) if rng.random() < 0.05 else 2.5
    if kind == "date":
        return day
    if kind == "datetime":
        return day + dt.timedelta(seconds=int(rng.integers(0, 86_400)), milliseconds=250)
    if kind == "time":
        return dt.time(int(rng.integers(0, 24)), int(rng.integers(0, 60)))
    if kind == "boolean":
        return bool(rng.random() < 0.5)
    if kind == "error":
        return str(rng.choice(ERRORS)) if rng.random() < 0.3 else 7.0
    if kind == "mixed":
        return str(rng.choice(WORDS)) if rng.random() < 0.5 else float(rng.integers(0, 10))
    if kind == "dates-as-text":
        return day.strftime(str(rng.choice(["%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d %B %Y"])))
    raise ValueError(kind)


KINDS = ("text", "number", "date", "datetime", "time", "boolean", "error", "dates-as-text")


def _write(path: Path, rng: np.random.Generator, rows: int = 120, kinds=KINDS, *,
           titles: int = 0, left: int = 1, blank_rows: bool = False, total: bool = False,
           duplicate: bool = False, merged: bool = False, second_sheet: bool = False,
           epoch_1904: bool = False, mixed_late: bool = False) -> None:  # fmt: skip
    """A workbook of ``rows`` rows of columns of ``kinds``, laid out as the options say."""
    book = openpyxl.Workbook()
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Données"
    row = 1
    for number in range(titles):  # titles above the headers
        sheet.cell(row, left, f"Export du {number + 1}er trimestre")
        row += 1
    if merged:  # a header over two rows, the top one merged across the columns
        sheet.cell(row, left, "Réponses")
        sheet.merge_cells(start_row=row, start_column=left, end_row=row, end_column=left + 2)
        row += 1
    headers = [f"Colonne {kind}" for kind in kinds]
    if duplicate:
        headers[-1] = headers[0]
    for offset, header in enumerate(headers):
        sheet.cell(row, left + offset, header)
    for number in range(rows):
        row += 1 + (blank_rows and number % 17 == 5)  # some rows left blank
        for offset, kind in enumerate(kinds):
            if mixed_late and kind == "number" and number == rows - 3:
                value = "pas de note"  # a text among numbers, in a late block
            else:
                value = _cell(kind, rng)
            cell = sheet.cell(row, left + offset, value)
            if isinstance(value, str) and value.startswith("#") and kind != "error":
                cell.data_type = "s"  # « #N/A » typed as a text, not an error
            if isinstance(value, dt.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
    if total:
        sheet.cell(row + 1, left, "Total")
        sheet.cell(row + 1, left + 1, 123.0)
    if second_sheet:
        book.create_sheet("Notes").append(["Note", 1.5, dt.datetime(2022, 3, 1)])
    book.save(path)


def _whole(path: Path, sheet: str) -> pd.DataFrame:
    """The grid as the sheet read whole gives it (the reading before blocks)."""
    workbook = readers.open_workbook(path)
    return readers._with_errors(readers.sheet_rows(workbook, sheet, path),
                                readers._error_cells(path, sheet))  # fmt: skip


def _by_blocks(path: Path, sheet: str) -> pd.DataFrame:
    grid, errors = sheet_blocks.block_grid(path, sheet)
    return readers._with_errors(grid, errors)


def _cells(grid: pd.DataFrame) -> list[list]:
    """Each cell as (type, value), an empty cell (missing or « ») as None."""

    def cell(value):
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return None
        return None if value == "" else (type(value).__name__, value)

    return [[cell(value) for value in grid[column].tolist()] for column in grid.columns]


def _same_grid(path: Path, sheet: str = "Données") -> None:
    whole, blocks = _whole(path, sheet), _by_blocks(path, sheet)
    assert blocks.shape == whole.shape
    assert _cells(blocks) == _cells(whole)


LAYOUTS = {
    "plain": {},
    "titles-above-headers": {"titles": 2},
    "blank-columns-and-rows": {"left": 3, "blank_rows": True},
    "total-row": {"total": True},
    "duplicate-headers": {"duplicate": True},
    "merged-headers": {"merged": True, "titles": 1},
    "two-sheets": {"second_sheet": True},
    "epoch-1904": {"epoch_1904": True},
    "text-among-numbers-late": {"mixed_late": True},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_cell_reads_as_the_whole_sheet_gives_it(tmp_path, blocks, layout):
    path = tmp_path / "export.xlsx"
    _write(path, np.random.default_rng(len(layout)), **LAYOUTS[layout])
    _same_grid(path)
    assert blocks["fastexcel"] > 5  # (the test reads through fastexcel, not only calamine)


def test_texts_a_typed_reader_takes_for_empty_cells_read_as_texts(tmp_path, blocks):
    """« NA », « #N/A », « nan » typed in a column of numbers: fastexcel would read them as
    empty cells; such blocks are read by python-calamine."""
    path = tmp_path / "export.xlsx"
    _write(path, np.random.default_rng(7), kinds=("empty-looking", "typed-with-texts", "date"))
    _same_grid(path)
    texts = [cell for cell in _cells(_by_blocks(path, "Données"))[1] if cell and cell[0] == "str"]
    assert len(texts) > 1 and blocks["calamine"] > 1


def test_mixed_columns_and_columns_of_one_type(tmp_path, blocks):
    path = tmp_path / "export.xlsx"
    _write(path, np.random.default_rng(3), rows=200, kinds=("mixed", "text", "number", "time"))
    _same_grid(path)
    grid = _by_blocks(path, "Données")
    assert isinstance(grid[1].dtype, pd.StringDtype)  # a column of texts: Arrow text
    assert grid[0].dtype == object and grid[2].dtype == object


def _rewrite_sheet(path: Path, change) -> None:
    """The workbook with its sheet's XML changed by ``change`` (bytes → bytes)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_rows_and_cells_without_their_numbers(tmp_path, blocks):
    """Rows and cells may leave out their reference (« r »): calamine counts them; each block
    goes on counting where the one before stopped."""
    path = tmp_path / "export.xlsx"
    _write(path, np.random.default_rng(11), kinds=("text", "number", "date"))
    _rewrite_sheet(path, lambda xml: re.sub(rb'(<(?:row|c)) r="[A-Z]*\d+"', rb"\1", xml))
    _same_grid(path)


def test_inline_texts_and_a_namespace_prefix(tmp_path, blocks):
    """A writer that keeps no shared strings (texts written in the cells), and one that
    prefixes every element (« x:row »)."""
    path = tmp_path / "export.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Données")
    rng = np.random.default_rng(5)
    for row in range(150):
        for column, kind in enumerate(("text", "number", "typed-with-texts", "date")):
            value = "En-tête" if row == 0 else _cell(kind, rng)
            if isinstance(value, dt.datetime):
                sheet.write_datetime(row, column, value, book.add_format({"num_format": "dd/mm"}))
            elif value is not None:
                sheet.write(row, column, value)
    book.close()
    _same_grid(path)
    prefixed = re.compile(rb"<(/?)(row|c|v|is|t|sheetData|worksheet)\b")
    _rewrite_sheet(path, lambda xml: prefixed.sub(rb"<\1x:\2", xml).replace(b"xmlns=", b"xmlns:x="))
    _same_grid(path)


def test_a_sheet_of_one_block_is_read_whole(tmp_path):
    path = tmp_path / "export.xlsx"
    _write(path, np.random.default_rng(1), rows=5)
    assert sheet_blocks.block_grid(path, "Données") is None


@pytest.mark.parametrize("header_row", [1, 3])
def test_raw_table_as_read_whole(tmp_path, monkeypatch, header_row):
    """read_xlsx by blocks: the same rows and row numbers, empty rows, duplicated headers
    and first rows (where a misplaced header row is looked for)."""
    path = tmp_path / "export.xlsx"
    _write(path, np.random.default_rng(2), titles=2, blank_rows=True, duplicate=True)
    whole = readers.read_xlsx(path, "Données", header_row)
    monkeypatch.setattr(sheet_blocks, "BLOCK_BYTES", 1500)
    monkeypatch.setattr(sheet_blocks, "FIRST_ROWS", 4)
    blocks = readers.read_xlsx(path, "Données", header_row)
    assert list(blocks.frame.columns) == list(whole.frame.columns)
    assert _cells(blocks.frame) == _cells(whole.frame)
    assert (blocks.empty_rows, blocks.duplicates) == (whole.empty_rows, whole.duplicates)
    pd.testing.assert_frame_equal(blocks.head, whole.head)
    assert readers.sheet_heads(path).keys() == {"Données"}


XLSX_SOURCES = ("survey_responses", "telephony_monthly", "web_monthly", "digital_point_monthly",
                "complaints", "mystery_calls", "action_plan")  # fmt: skip


def test_the_sample_ingests_alike_by_blocks(monkeypatch):
    """Every workbook of the sample read by blocks of a few rows: the same typed tables,
    quarantine and report as read whole."""
    config = load_config(DEFAULT_CONFIG)
    paths = PeriodPaths(2022, root=ROOT)
    sources = [name for name in XLSX_SOURCES if name in config.sources]
    assert len(sources) >= 5

    def ingested():
        forget_ingested()
        return {name: ingest_source(name, config, paths) for name in sources}

    whole = ingested()
    monkeypatch.setattr(sheet_blocks, "BLOCK_BYTES", 4000)
    monkeypatch.setattr(sheet_blocks, "FIRST_ROWS", 5)
    blocks = ingested()
    forget_ingested()
    for name in sources:
        assert blocks[name].report == whole[name].report, name
        for got, expected in zip(blocks[name].tables + blocks[name].issues,
                                 whole[name].tables + whole[name].issues, strict=True):  # fmt: skip
            pd.testing.assert_frame_equal(got, expected, check_dtype=False)
