import datetime as dt

import pandas as pd
import pytest
from openpyxl import Workbook

from pipeline.core.exceptions import InputFileError
from pipeline.ingest.readers import detect_encoding, detect_separator, read_raw

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


def test_a_line_with_one_field_too_many_is_set_aside_with_its_line_number(tmp_path):
    path = tmp_path / "registre.csv"
    path.write_text("a;b\n1;2\n3;4;5\n6;7\n", encoding="utf-8")
    table = read_raw(path)
    assert table.frame["a"].tolist() == ["1", "6"] and table.frame["_row"].tolist() == [2, 4]
    [(line, reason)] = table.bad_lines
    assert line == 3 and "3 champs au lieu de 2" in reason


def test_two_columns_with_the_same_header_are_both_kept_and_named(tmp_path):
    path = tmp_path / "registre.csv"
    path.write_text("Date;Canal;Date\n1;2;3\n", encoding="utf-8")
    table = read_raw(path)
    assert table.duplicates == {"Date": ("A", "C")}
    assert table.frame.loc[0, "Date (colonne C)"] == "3"  # nothing merged, nothing lost


def test_utf16_is_read_and_mixed_encodings_are_an_encoding_problem(tmp_path):
    path = tmp_path / "registre.csv"
    path.write_bytes(f"{HEADER}\r\n1;14/04/2022;Réponse\r\n".encode("utf-16"))
    assert read_raw(path).frame.loc[0, "Canal"] == "Réponse"
    path.write_bytes("N°;Canal\n1;é\n".encode() + "2;è\n".encode("cp1252"))
    with pytest.raises(InputFileError, match="UTF-8 à la ligne 1, Windows-1252 à la ligne 3"):
        read_raw(path)
    path.write_bytes(f"{HEADER}\r\n1;x;y\r\n".encode("utf-16-le"))  # no BOM
    with pytest.raises(InputFileError, match="problème d'encodage"):
        read_raw(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "97-2003 \\(.xls\\).*ré-enregistrez"),
     (b"N;Date\n1;2\n", "ressemble à du texte"), (b"", "vide"),
     (b"PK\x03\x04truncated", "abîmé ou tronqué")],
)  # fmt: skip
def test_a_file_that_is_not_a_workbook_says_what_it_is(tmp_path, content, message):
    path = tmp_path / "export.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=message):
        read_raw(path)


def test_a_quoted_line_break_where_arrow_cuts_the_file_into_blocks(tmp_path):
    """A value holding a line break at the end of Arrow's first block of a megabyte: still one
    value, never its rest read as a row of its own."""
    path = tmp_path / "export.csv"
    rows = "".join(f"{i:07d},texte\n" for i in range(74_896))
    path.write_text(f'id,commentaire\n{rows}1,"Bonjourxxxxxxx\nmerci, bien"\n2,fin\n', "utf-8")
    frame = read_raw(path).frame
    assert len(frame) == 74_898
    assert frame.iloc[-2, 1] == "Bonjourxxxxxxx\nmerci, bien"
