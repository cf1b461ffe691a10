import datetime as dt

import numpy as np
import pandas as pd
import pytest

from pipeline.ingest import parsing


def series(*values):
    return pd.Series(list(values), dtype=object)


def test_dates_from_text_cells_and_excel_serials():
    parsed = parsing.parse_date(
        series("14/04/2022", 44652, dt.datetime(2022, 4, 1, 10, 30), "2022-04-03", "03/04/22")
    )
    assert parsed.values.dt.strftime("%Y-%m-%d").tolist() == [
        "2022-04-14", "2022-04-01", "2022-04-01", "2022-04-03", "2022-04-03",
    ]  # fmt: skip
    assert parsed.errors.isna().all()


def test_impossible_date_is_an_error_and_not_applicable_is_not():
    parsed = parsing.parse_date(series("31/02/2022", "Sans objet", None, "demain"))
    assert parsed.values.isna().all()
    assert parsed.errors.notna().tolist() == [True, False, False, True]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,95 j", 1.95),
        ("1 234", 1234.0),
        ("1\u202f234,5", 1234.5),
        (12, 12.0),
        ("4,66", 4.66),
        ("2 jours", 2.0),
    ],
)
def test_french_numbers(raw, expected):
    assert parsing.parse_number(series(raw), "j").values.iloc[0] == pytest.approx(expected)


@pytest.mark.parametrize(("raw", "unit"), [("12 %", "j"), ("3 j", ""), ("5 ‰", "j"), ("12%", "")])
def test_a_number_written_in_another_unit_is_an_error_not_a_figure(raw, unit):
    parsed = parsing.parse_number(series(raw), unit)
    assert parsed.values.isna().all()
    assert parsed.errors.iloc[0].startswith("unité « ")


@pytest.mark.parametrize("word", ["Sans objet", "néant", "non suivi", "aucune demande", "-", ""])
def test_not_applicable_words_are_missing_never_zero(word):
    parsed = parsing.parse_integer(series(word))
    assert pd.isna(parsed.values.iloc[0])
    assert pd.isna(parsed.errors.iloc[0])


def test_percent_is_a_fraction():
    parsed = parsing.parse_percent(series("93,48 %", 0.5, 85, "150 %"))
    assert parsed.values.iloc[:3].tolist() == pytest.approx([0.9348, 0.5, 0.85])
    assert parsed.errors.iloc[3] == "taux hors de 0–100 %"


def test_integer_refuses_fractions():
    parsed = parsing.parse_integer(series("2,5"))
    assert parsed.errors.iloc[0] == "nombre entier attendu"


def test_months_in_french_words_numbers_and_dates():
    parsed = parsing.parse_month(
        series("janvier 2022", "Févr. 2022", "2022-03", "04/2022", dt.datetime(2022, 5, 17), "Mai")
    )
    assert parsed.values.iloc[:5].dt.month.tolist() == [1, 2, 3, 4, 5]
    assert (parsed.values.iloc[:5].dt.day == 1).all()
    assert parsed.errors.iloc[5] == "mois illisible"


def test_a_deadline_written_as_a_period_is_its_last_month():
    written = ("mai 2023", "2023-2024", "S2 2023", "2e semestre 2023", "1er semestre 2023",
               "T3 2023", "3e trimestre 2023", "fin 2023", "2023", "mai-juin 2023",
               "fin mars 2023", "Mai", "sans objet", "bientôt", "2024-2023")  # fmt: skip
    parsed = parsing.parse_deadline(series(*written), 2022)
    months = parsed.values.dt.strftime("%Y-%m").tolist()
    assert months[:12] == [
        "2023-05", "2024-12", "2023-12", "2023-12", "2023-06", "2023-09",
        "2023-09", "2023-12", "2023-12", "2023-06", "2023-03", "2022-05",
    ]  # fmt: skip
    assert pd.isna(parsed.values.iloc[12]) and pd.isna(parsed.errors.iloc[12])  # not applicable
    assert parsed.errors.iloc[13].startswith("échéance illisible")
    assert parsed.errors.iloc[14].startswith("échéance illisible")  # a span backwards
    # a month column is no deadline: a span there is still unreadable
    assert parsing.parse_month(series("2023-2024")).errors.iloc[0] == "mois illisible"


def test_the_not_applicable_word_of_each_cell():
    words = parsing.not_applicable_words(series("Non suivi", "SO", "néant", "Aucune demande", 3,
                                                "n/a", None))  # fmt: skip
    assert words.tolist()[:4] == ["non suivi", "sans objet", "néant", "aucune demande"]
    assert words.iloc[4:].isna().all()  # a figure, another word, an empty cell


def test_quarters():
    parsed = parsing.parse_quarter(series("2022-T1", "T2 2022", "3T2022", "2022 Q4", "T5 2022"))
    assert parsed.values.iloc[:4].tolist() == ["2022-T1", "2022-T2", "2022-T3", "2022-T4"]
    assert parsed.errors.notna().tolist() == [False] * 4 + [True]


def test_an_iso_time_stamp_reads_as_its_day():
    """A platform's export writes « 2022-06-14T10:32:00+02:00 »: its day, never an error."""
    parsed = parsing.parse_date(series("2022-06-14T10:32:00+02:00", "2022-06-15T08:00:00.000Z",
                                       "2022-06-16T", "2022-02-30T10:00:00"))  # fmt: skip
    assert parsed.values.dt.strftime("%Y-%m-%d").tolist()[:2] == ["2022-06-14", "2022-06-15"]
    assert parsed.errors.notna().tolist() == [False, False, True, True]


def test_booleans_read_a_prefectures_own_words():
    """« avec réponse » / « sans réponse » mapped to oui / non (``values`` of a source)."""
    parsed = parsing.parse_boolean(
        series("Avec réponse", "sans reponse", "oui", "en attente"),
        {"avec réponse": "oui", "sans réponse": "non"},
    )
    assert parsed.values.iloc[:3].tolist() == [True, False, True]
    assert parsed.errors.notna().tolist() == [False, False, False, True]


def test_booleans():
    parsed = parsing.parse_boolean(series("Oui", "NON", "X", "", "sans objet", "peut-être"))
    assert parsed.values.iloc[:3].tolist() == [True, False, True]
    assert parsed.values.iloc[3:].isna().all()
    assert parsed.errors.notna().tolist() == [False] * 5 + [True]


def test_times():
    parsed = parsing.parse_time(series("14:30", "9h05", "14 h", dt.time(10, 15), 0.5, "midi"))
    assert parsed.values.iloc[:5].tolist() == ["14:30", "09:05", "14:00", "10:15", "12:00"]
    assert parsed.errors.notna().tolist() == [False] * 5 + [True]


def test_categories_ignore_case_accents_spaces_and_use_aliases():
    parsed = parsing.parse_category(
        series("Courriel", " COURRIER ", "mail", "fax", "Sans objet"),
        ("courriel", "courrier"),
        {"mail": "courriel"},
    )
    assert parsed.values.iloc[:3].tolist() == ["courriel", "courrier", "courriel"]
    assert parsed.errors.notna().tolist() == [False, False, False, True, False]


def test_multiple_choice():
    allowed = ("titre de séjour", "CNI / passeport", "permis de conduire")
    parsed = parsing.parse_multi(
        series("Titre de séjour; permis de conduire", "CNI / passeport", "vélo", None), allowed, {}
    )
    assert parsed.values.iloc[0] == "titre de séjour; permis de conduire"
    assert parsed.values.iloc[1] == "CNI / passeport"
    assert parsed.errors.notna().tolist() == [False, False, True, False]


def test_marks_keep_not_concerned_apart_from_blank():
    parsed = parsing.parse_mark(
        series("8", 10, "Non concerné", None, 12, "7,5"), 1, 10, {"Non concerné": "Non concerné"}
    )
    assert parsed.values.iloc[:3].tolist() == ["8", "10", "Non concerné"]
    assert pd.isna(parsed.values.iloc[3])
    assert parsed.errors.notna().tolist() == [False, False, False, False, True, True]


def test_booleans_typed_as_numbers_in_excel():
    parsed = parsing.parse_boolean(series(1.0, 0.0, 1, 2))
    assert parsed.values.iloc[:3].tolist() == [True, False, True]
    assert parsed.errors.notna().tolist() == [False, False, False, True]


def test_cells_a_workbook_typed_read_as_the_same_texts_would():
    """Numbers and dates typed by a workbook take a short path: the same values as their
    written form, a missing number stays missing without an error, a date keeps its day."""
    typed = parsing.parse_number(pd.Series([1.5, 3, np.nan], dtype=object), "j")
    written = parsing.parse_number(pd.Series(["1,5", "3 j", ""], dtype=object), "j")
    pd.testing.assert_series_equal(typed.values, written.values)
    assert typed.errors.isna().all() and written.errors.isna().all()
    assert typed.values.isna().tolist() == [False, False, True]
    dates = pd.Series([dt.datetime(2022, 4, 14, 16, 30), dt.date(2022, 1, 3)], dtype=object)
    as_text = parsing.parse_date(pd.Series(["14/04/2022", "03/01/2022"], dtype=object))
    pd.testing.assert_series_equal(parsing.parse_date(dates).values, as_text.values)


def test_a_month_of_date_cells_reads_as_the_same_month_written_in_words():
    parse_month = parsing.parse_month
    cells = pd.Series([dt.datetime(2022, 1, 1), dt.date(2022, 2, 15), pd.Timestamp(2022, 3, 31, 9)],
                      dtype=object)  # fmt: skip
    words = pd.Series(["janvier 2022", "févr. 2022", "mars"], dtype=object)
    typed, written = parse_month(cells, 2022), parse_month(words, 2022)
    pd.testing.assert_series_equal(typed.values, written.values, check_names=False)
    assert typed.errors.isna().all() and str(typed.values.dtype) == "datetime64[us]"
    mixed = parse_month(pd.Series([dt.date(2022, 4, 1), "mai 2022", "n'importe"]), 2022)
    assert mixed.values.dt.month.tolist()[:2] == [4, 5] and mixed.errors.notna().tolist()[2]


def test_dates_written_with_the_months_french_name():
    cells = pd.Series(["3 janv. 2022", "1er juin 2022", "15 Févr. 2022", "14 avril 2022 à 10 h",
                       "31 février 2022", "avril 2022"], dtype=object)  # fmt: skip
    parsed = parsing.parse_date(cells)
    assert parsed.values.dt.strftime("%Y-%m-%d").tolist()[:4] == [
        "2022-01-03", "2022-06-01", "2022-02-15", "2022-04-14"
    ]  # fmt: skip
    assert parsed.errors.notna().tolist() == [False, False, False, False, True, True]


@pytest.mark.parametrize(
    "parse",
    [parsing.parse_text, parsing.parse_date, parsing.parse_integer, parsing.parse_boolean,
     lambda raw: parsing.parse_category(raw, ("courriel",), {})],
)  # fmt: skip
def test_an_excel_error_value_is_an_error_in_a_column_of_any_type(parse):
    parsed = parse(series(" #DIV/0! ", None, "#hashtag"))
    assert parsed.errors.iloc[0].startswith("erreur Excel « #DIV/0! »")
    assert pd.isna(parsed.values.iloc[0]) and pd.isna(parsed.errors.iloc[1])
    assert not str(parsed.errors.iloc[2]).startswith("erreur Excel")


def test_missing_typed_cells_are_missing_not_errors():
    cells = series(np.datetime64("NaT"), pd.NaT, np.nan, pd.NA, dt.datetime(2022, 5, 17, 9))
    for parsed in (parsing.parse_date(cells), parsing.parse_month(cells, 2022)):
        assert parsed.values.isna().tolist() == [True] * 4 + [False]
        assert parsed.errors.isna().all()


def test_a_time_stamp_reads_as_its_day_alone():
    """A column of time stamps (a million distinct cells) is read from its days: each cell
    reads the same, as a date and as a month, with or without its time."""
    cells = ["21/11/2022 10:32:15", "2022-11-21 10:32", "21.11.2022 08h00", "3/1/22 9:05",
             "31/02/2022 10:00", "2022-13-01 10:00", "44599 10:00", "3 janv. 2022 à 10 h",
             "21/11/2022", "sans objet", "", " 21/11/2022 10:32", "2022-11 10:32",
             "2022-11-21T10:32:15+01:00", "2022-11-21T09:00:00.000Z", None]  # fmt: skip
    raw = pd.Series(pd.array(cells, dtype="string"))
    days = parsing.without_time(raw)
    assert days.iloc[0] == "21/11/2022" and days.iloc[6] == "44599 10:00"
    for parse in (parsing.parse_date, lambda s: parsing.parse_month(s, 2022)):
        pd.testing.assert_series_equal(parse(days).values, parse(raw).values)
        pd.testing.assert_series_equal(parse(days).errors, parse(raw).errors)


def test_odd_cells_are_errors_never_a_crash_nor_a_wrong_figure():
    """Cells seen by a review: a control character after a number, a non-breaking space around
    a day number, other scripts' digits, an integer too large for its column, year 0."""
    cells = lambda *values: pd.Series(pd.array(list(values), dtype="string"))  # noqa: E731
    assert parsing.parse_date(cells("44562\x1f", "44562\u00a0", "0000-09-28")).values.isna().all()
    assert parsing.parse_time(cells("0.5\x1c", "\u202f0.5")).errors.notna().all()
    assert parsing.parse_month(cells("12\x1e", "03/0000"), 2022).errors.notna().all()
    numbers = parsing.parse_number(cells("١٢", "１２", " 12 ", "Infinity"))
    assert numbers.errors.notna().tolist() == [True, True, False, False]
    assert parsing.parse_integer(cells("9223372036854775808")).errors.iloc[0] == "nombre trop grand"
    assert parsing.parse_text(pd.Series(["#N/A", "#N/A"], index=[0, 0])).errors.notna().all()
