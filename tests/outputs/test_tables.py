"""The analyst's tables: French names and formats, never raw codes nor Python values, no index,
no text cut; the raw values a call away."""

import pandas as pd

from pipeline.outputs.tables import SHOWN_ROWS, FrenchTable, french, french_table


def _shown():
    frame = pd.DataFrame(
        {"label": ["Envoyés", "Réponses", "Délai"], "unit": ["nombre", "%", "j"],
         "value": [18.0, 0.944, 1.73], "late": [True, False, None]}
    )  # fmt: skip
    return french_table(frame, {"label": ("Critère", "text"), "value": ("Résultat", "value"),
                                "late": ("En retard", "yes_no")})  # fmt: skip


def test_values_in_their_own_unit_and_yes_no_in_words():
    shown = _shown()
    texts = shown.formatted()
    assert list(texts.columns) == ["Critère", "Résultat", "En retard"]  # (the unit: hidden)
    assert texts["Résultat"].tolist() == ["18", "94,4\u00a0%", "1,7\u00a0j"]
    assert texts["En retard"].tolist() == ["oui", "non", "–"]


def test_the_raw_values_stay_and_survive_sorting_and_filtering():
    shown = _shown()
    assert shown.raw["Résultat"].tolist() == [18.0, 0.944, 1.73]
    assert type(shown.raw) is pd.DataFrame
    kept = shown[shown["Résultat"] < 10].sort_values("Résultat")
    assert isinstance(kept, FrenchTable)
    assert kept.formatted()["Résultat"].tolist() == ["94,4\u00a0%", "1,7\u00a0j"]


def test_html_has_no_index_and_long_texts_whole():
    long = "Un texte de remarque bien plus long que cinquante caractères, écrit en entier. " * 3
    table = french(pd.DataFrame({"Remarque": [long], "Part": [0.5]}, index=[7]),
                   {"Part": "percent"})  # fmt: skip
    html = table._repr_html_()
    assert long.strip().replace("'", "&#x27;") in html and "…" not in html
    assert "<th" in html and ">7<" not in html  # no index
    assert "50,0\u00a0%" in html and "0.5" not in html
    assert "…" not in repr(table) and long.strip() in repr(table)


def test_a_long_table_says_how_many_rows_are_not_shown():
    table = french(pd.DataFrame({"n": range(SHOWN_ROWS + 5)}), {"n": "count"})
    assert "5 lignes de plus" in table._repr_html_()
    assert table._repr_html_().count("<tr>") == SHOWN_ROWS + 1  # (and the header's row)


def test_rates_with_their_n_and_changes_in_points_or_units():
    frame = pd.DataFrame({"Site A": [0.5, None], "n": [12, 0], "Écart": [0.032, -1.5],
                          "u": ["%", "j"]})  # fmt: skip
    table = french(frame, {"Site A": ("rate_n", "n"), "n": "hidden", "Écart": ("change", "u"),
                           "u": "hidden"})  # fmt: skip
    texts = table.formatted()
    assert texts["Site A"].tolist() == ["50,0\u00a0% (n\u00a0=\u00a012)", "–"]
    assert texts["Écart"].tolist() == ["+3,2\u00a0pts", "−1,5\u00a0j"]
    assert list(texts.columns) == ["Site A", "Écart"]


def test_an_empty_table_says_so_once_and_an_absent_source_says_what_is_missing():
    from pipeline.core.config import load_config
    from pipeline.core.paths import DEFAULT_CONFIG
    from pipeline.outputs.tables import absent_source

    empty = _shown().iloc[:0]
    assert "Aucune ligne." in empty._repr_html_() and repr(empty) == "Aucune ligne."
    counted = french(
        pd.DataFrame({"Remarque": []}), note="0 remarque contenant téléphone", empty=""
    )
    assert "Aucune ligne." not in counted._repr_html_()
    assert "0 remarque contenant téléphone" in counted._repr_html_()
    config = load_config(DEFAULT_CONFIG)
    assert absent_source(config, "complaints") is None  # (configured in the sample)
    said = absent_source(config, "tutoring_sessions")  # (not in the sample)
    assert said.startswith("Pas de source « ") and "tutoring_sessions" not in said
    shown = french_table(pd.DataFrame({"year": []}), {"year": ("Année", "text")}, empty=said)
    assert said in shown._repr_html_() and "Aucune ligne." not in shown._repr_html_()
