import datetime as dt

import pandas as pd
import pytest
from openpyxl import Workbook

from pipeline.exceptions import InputFileError
from pipeline.readers import detect_encoding, detect_separator, read_raw

HEADER = "N°;Date réception;Canal"


@pytest.mark.parametrize(
    ("encoding", "expected"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252")]
)
def test_csv_encodings_are_detected(tmp_path, encoding, expected):
    path = tmp_path / "registre.csv"
    path.write_bytes(f"{HEADER}\r\n1;14/04/2022;Réponse écrite\r\n".encode(encoding))
    table = read_raw(path)
    assert table.encoding == expected
    assert list(table.frame.columns) == ["N°", "Date réception", "Canal", "_row"]
    assert table.frame.loc[0, "Canal"] == "Réponse écrite"


def test_separator_and_row_numbers_skip_blank_lines(tmp_path):
    path = tmp_path / "registre.csv"
    path.write_text("a,b\n1,2\n\n3,4\n", encoding="utf-8")
    table = read_raw(path)
    assert table.separator == ","
    assert table.frame["_row"].tolist() == [2, 4]  # the row numbers a spreadsheet shows
    assert table.empty_rows == 1


def test_detectors():
    assert detect_encoding(b"\xef\xbb\xbfabc") == "utf-8-sig"
    assert detect_encoding("é".encode("cp1252")) == "cp1252"
    assert detect_separator("a;b;c") == ";"
    assert detect_separator("a,b;c,d") == ","


def test_xlsx_with_title_rows_keeps_cell_types(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Registre"
    sheet.append(["Registre des réclamations 2022"])
    sheet.append([])
    sheet.append(["N°", "Reçu le", "Canal"])
    sheet.append(["R1", dt.datetime(2022, 4, 14), "urne"])
    sheet.append(["R2", 44652, "courriel"])
    path = tmp_path / "reclamations.xlsx"
    workbook.save(path)
    table = read_raw(path, sheet="Registre", header_row=3)
    assert table.frame["_row"].tolist() == [4, 5]
    assert pd.Timestamp(table.frame.loc[0, "Reçu le"]).date() == dt.date(2022, 4, 14)
    with pytest.raises(
        InputFileError, match="onglet « Autre » introuvable. Onglets présents : Registre"
    ):
        read_raw(path, sheet="Autre")


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(InputFileError, match="Fichier introuvable"):
        read_raw(tmp_path / "absent.csv")
    other = tmp_path / "notes.pdf"
    other.write_bytes(b"%PDF")
    with pytest.raises(InputFileError, match="non pris en charge"):
        read_raw(other)
