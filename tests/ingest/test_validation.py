import pandas as pd

from pipeline.core.config import load_contract
from pipeline.ingest.validation import validate


def raw_register(rows):
    columns = list(load_contract().sources["mail_register"].columns)
    frame = pd.DataFrame(rows, dtype=object).reindex(columns=columns)
    return frame.assign(_row=range(2, 2 + len(frame)))


def test_bad_rows_are_set_aside_with_row_column_and_reason():
    spec = load_contract().sources["mail_register"]
    raw = raw_register(
        [
            {
                "request_id": "A1",
                "received_on": "14/04/2022",
                "channel": "Courriel",
                "answered_on": "15/04/2022",
            },
            {"request_id": "A2", "received_on": "31/02/2022", "channel": "courriel"},
            {"request_id": "A3", "received_on": "14/04/2022", "channel": "fax"},
            {
                "request_id": "A4",
                "received_on": "14/04/2022",
                "channel": "courrier",
                "answered_on": "01/04/2022",
            },
            {"request_id": "A1", "received_on": "14/04/2022", "channel": "courriel"},
            {"request_id": None, "received_on": "14/04/2022", "channel": "courriel"},
            {"request_id": "A7", "received_on": "Sans objet", "channel": "courriel"},
            {
                "request_id": "A8",
                "received_on": "20/04/2022",
                "channel": "mail",
                "subject": "voir M. Dupont",
            },
        ]
    )
    result = validate(raw, spec, spec.columns, {"channel": {"mail": "courriel"}})
    issues = result.issues.set_index("row")
    assert issues.loc[3, "column"] == "received_on" and "date" in issues.loc[3, "reason"]
    assert issues.loc[4, "column"] == "channel" and issues.loc[4, "value"] == "fax"
    assert issues.loc[5, "reason"] == "la date de réponse précède la date de réception"
    assert issues.loc[6, "column"] == "request_id" and "doublon" in issues.loc[6, "reason"]
    assert issues.loc[7, "reason"] == "valeur obligatoire manquante"
    assert issues.loc[8, "reason"] == "valeur obligatoire manquante"  # not applicable ≠ a date
    assert result.kept["source_row"].tolist() == [2, 9]
    assert result.rows_read == len(result.kept) + result.issues["row"].nunique()
    assert result.kept.loc[1, "channel"] == "courriel"
    assert str(result.kept["received_on"].dtype).startswith("datetime64")


def test_bounds_and_row_rules_on_monthly_figures():
    spec = load_contract().sources["telephony_monthly"]
    raw = pd.DataFrame(
        {
            "month": ["janvier 2022", "février 2022", "mars 2022"],
            "calls_received": ["5 000", "4000", "-3"],
            "calls_answered": ["4 500", "4100", "0"],
            "svi_updates": ["aucune demande", "2", "1"],
            "svi_updates_on_time": ["Sans objet", "2", "1"],
            "_row": [2, 3, 4],
        },
        dtype=object,
    )
    result = validate(raw, spec, spec.columns)
    reasons = dict(zip(result.issues["row"], result.issues["reason"], strict=True))
    assert reasons == {
        3: "plus d'appels aboutis que d'appels reçus",
        4: "valeur inférieure au minimum (0)",
    }
    kept = result.kept.iloc[0]
    assert kept["calls_received"] == 5000
    assert pd.isna(kept["svi_updates"])  # "aucune demande" is not zero
    # … and the words are kept beside the figures, as the export wrote them
    assert kept["svi_updates__mot"] == "aucune demande"
    assert kept["svi_updates_on_time__mot"] == "sans objet"
    assert "calls_received__mot" not in result.kept  # no word in that column: no column


def test_a_column_parsed_again_gives_the_same_values_and_the_cache_tells_specs_apart():
    from pipeline.core.config import ColumnSpec
    from pipeline.ingest.validation import parse_column

    cells = pd.Series(["12", "1 234", "12", "douze", None], dtype=object)
    number, text = ColumnSpec(type="integer", label="N"), ColumnSpec(type="text", label="N")
    first, again = parse_column(cells, number, {}), parse_column(cells, number, {})
    assert first.values.tolist() == again.values.tolist() == [12, 1234, 12, pd.NA, pd.NA]
    assert first.errors.notna().tolist() == [False, False, False, True, False]
    assert parse_column(cells, text, {}).values.tolist()[:2] == ["12", "1 234"]  # not the cache
    assert parse_column(pd.Series([12, "12"], dtype=object), number, {}).values.tolist() == [12, 12]


def test_columns_read_alike_are_parsed_together_as_each_alone():
    from pipeline.core.config import ColumnSpec, SourceSpec
    from pipeline.ingest import validation

    yes_no = {"type": "boolean", "label": "Q"}
    columns = {
        "a": ColumnSpec(**yes_no), "b": ColumnSpec(**yes_no),
        "c": ColumnSpec(type="category", label="C", allowed=("courriel", "courrier")),
        "d": ColumnSpec(type="category", label="D", allowed=("courriel", "courrier")),
    }  # fmt: skip
    aliases = {"d": {"mail": "courriel"}}  # « mail » is a word of d only
    raw = pd.DataFrame(
        {"a": ["oui", "non", "x", None], "b": ["peut-être", "oui", 1, "non"],
         "c": ["mail", "courriel", "Courrier", ""], "d": ["mail", "courrier", "fax", None],
         "_row": [2, 3, 4, 5]},
        dtype=object,
    )  # fmt: skip
    source = SourceSpec(title="T", grain="g", period_column="a", columns=columns)
    validation.forget_parsed()
    together = dict(validation._parsed_columns(raw, columns, aliases, None))
    for name, spec in columns.items():
        validation.forget_parsed()
        alone = validation.parse_column(raw[name], spec, aliases.get(name, {}))
        pd.testing.assert_series_equal(together[name].values, alone.values, check_names=False)
        pd.testing.assert_series_equal(together[name].errors, alone.errors, check_names=False)
    assert together["c"].errors.notna().tolist() == [True, False, False, False]
    assert together["d"].values.tolist()[:2] == ["courriel", "courrier"]
    assert together["b"].errors.notna().tolist() == [True, False, False, False]
    assert validate(raw, source, columns, aliases).kept["source_row"].tolist() == [3, 5]
