import pandas as pd
import pytest

from pipeline.core.config import load_config
from pipeline.core.exceptions import InputFileError
from pipeline.core.paths import DEFAULT_CONFIG, PeriodPaths
from pipeline.ingest.sources import ingest_source, map_headers, source_columns


@pytest.fixture
def config():
    return load_config(DEFAULT_CONFIG)


def write_register(root, text, year=2022):
    folder = root / "data" / "raw" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"registre_courriers_courriels_{year}.csv").write_bytes(text.encode("cp1252"))


def test_headers_map_by_configuration_label_or_canonical_name(config):
    columns = source_columns("mail_register", config)
    frame = pd.DataFrame(
        {"N° enregistrement": ["1"], "date de RECEPTION": ["14/04/2022"], "channel": ["courriel"],
         "Nom du demandeur": ["Jean Dupont"], "_row": [2]}
    )  # fmt: skip
    mapped, dropped, missing = map_headers(frame, config.sources["mail_register"], columns, "x.csv")
    assert mapped.loc[0, "request_id"] == "1" and mapped.loc[0, "received_on"] == "14/04/2022"
    assert dropped == ["Nom du demandeur"]
    assert "answered_on" in missing and "Nom du demandeur" not in mapped


def test_a_platforms_own_headers_are_read_without_a_mapping(config):
    """The feedback platform's export, dropped in as it is: its usual headers (contract
    ``headers``) are recognised, the first one present taken (« Écrit le » before « Date de
    publication »), and a header the export does not need (the user's pseudonym) is dropped."""
    columns = source_columns("feedback_platform", config)
    mapping = config.sources["mail_register"].model_copy(update={"columns": {}})
    frame = pd.DataFrame(
        {"ID expérience": ["E1"], "Date de publication": ["2022-06-15T10:00:00Z"],
         "Écrit le": ["14/06/2022"], "Pseudonyme usager": ["Jeanne"],
         "Ressenti usager": ["Positif"], "Description": ["Merci"],
         "Canaux Typologie 1": ["Accueil"], "_row": [2]}
    )  # fmt: skip
    mapped, dropped, _ = map_headers(frame, mapping, columns, "export-experiences.csv")
    assert mapped.loc[0, "written_on"] == "14/06/2022" and mapped.loc[0, "feeling"] == "Positif"
    assert mapped.loc[0, "experience_id"] == "E1" and mapped.loc[0, "channel"] == "Accueil"
    assert mapped.loc[0, "text"] == "Merci"
    assert dropped == ["Date de publication", "Pseudonyme usager"]


def test_a_mapping_wins_over_a_usual_header(config):
    columns = source_columns("feedback_platform", config)
    mapping = config.sources["mail_register"].model_copy(
        update={"columns": {"Date de publication": "written_on"}})  # fmt: skip
    frame = pd.DataFrame({"Écrit le": ["14/06/2022"], "Date de publication": ["2022-06-15"],
                          "_row": [2]})  # fmt: skip
    mapped, dropped, _ = map_headers(frame, mapping, columns, "export.csv")
    assert mapped.loc[0, "written_on"] == "2022-06-15" and dropped == ["Écrit le"]


def test_a_missing_required_column_names_the_file_and_the_headers(config):
    columns = source_columns("mail_register", config)
    frame = pd.DataFrame({"N° enregistrement": ["1"], "Canal": ["courriel"], "_row": [2]})
    with pytest.raises(
        InputFileError, match="« Date de réception » \\(received_on\\).*En-têtes trouvés"
    ):
        map_headers(frame, config.sources["mail_register"], columns, "registre.csv")


def test_rows_read_equal_kept_plus_quarantined_and_free_text_is_redacted(tmp_path, config):
    write_register(
        tmp_path,
        "N° enregistrement;Date réception;Canal;Date réponse;Objet\r\n"
        "1;14/04/2022;Courriel;15/04/2022;Rappeler M. Martin au 06 12 34 56 78\r\n"
        "2;31/02/2022;courriel;;\r\n"
        "3;14/04/2022;fax;;\r\n",
    )
    result = ingest_source("mail_register", config, PeriodPaths(2022, root=tmp_path))
    read = [row for row in result.report if row["status"] == "lu"]
    assert (
        read[0]["rows_read"] == 3 and read[0]["rows_kept"] == 1 and read[0]["rows_quarantined"] == 2
    )
    assert [row["status"] for row in result.report].count("absent") == 2  # 2020 and 2021
    kept = result.tables[0]
    assert kept.loc[0, "subject"] == "Rappeler M. [nom masqué] au [téléphone masqué]"
    assert kept.loc[0, "source_file"] == "2022/registre_courriers_courriels_2022.csv"
    issues = result.issues[0]
    assert issues["row"].tolist() == [3, 4]
    assert issues["file"].unique().tolist() == ["2022/registre_courriers_courriels_2022.csv"]


def test_a_row_dated_in_another_year_than_its_file_is_quarantined(tmp_path, config):
    write_register(
        tmp_path,
        "N° enregistrement;Date réception;Canal;Date réponse\r\n"
        "1;14/04/2022;Courriel;15/04/2022\r\n"
        "2;30/12/2021;Courriel;03/01/2022\r\n",
    )
    result = ingest_source("mail_register", config, PeriodPaths(2022, root=tmp_path))
    read = next(row for row in result.report if row["status"] == "lu")
    assert (read["rows_read"], read["rows_kept"], read["rows_quarantined"]) == (2, 1, 1)
    issue = result.issues[0].iloc[0]
    assert (issue["row"], issue["column"]) == (3, "received_on")
    assert issue["reason"] == "daté de 2021 dans le fichier de 2022"
    assert issue["value"] == "30/12/2021"
    assert result.tables[0]["year"].tolist() == [2022]


def test_a_multi_year_export_counts_each_row_in_its_year_and_sets_aside_the_others(tmp_path):
    from pipeline.core.config import PrefectureConfig

    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "export.csv").write_text(
        "Numéro;Arrivée;Canal\n1;05/01/2019;courriel\n2;05/01/2020;courriel\n"
        "3;05/01/2021;courrier\n4;05/01/2022;courriel\n5;06/01/2022;courriel\n",
        encoding="utf-8",
    )
    config = PrefectureConfig.model_validate(
        {
            "prefecture": {"name": "P", "short_name": "P", "department_code": "01"},
            "meeting_file": "reunion.yaml",
            "sources": {"mail_register": {"file": "export.csv", "columns": {
                "Numéro": "request_id", "Arrivée": "received_on"}}},
        }
    )  # fmt: skip
    result = ingest_source("mail_register", config, PeriodPaths(2022, root=tmp_path))
    [read] = result.report
    assert read["year"] is None and read["years"] == "2020 2021 2022"
    assert (read["rows_read"], read["rows_kept"], read["rows_quarantined"]) == (5, 4, 0)
    assert read["rows_set_aside"] == 1 and "hors des années lues" in read["set_aside_reason"]
    assert result.tables[0]["year"].tolist() == [2020, 2021, 2022, 2022]


def test_a_survey_questionnaire_counts_in_its_campaign_and_may_be_undated(tmp_path, config):
    from pipeline.ingest.sources import _year_checks
    from pipeline.ingest.validation import Validated

    kept = pd.DataFrame(
        {"answered_on": pd.to_datetime(["2022-12-20", "2023-01-05", None]),
         "source_row": [2, 3, 4]}
    )  # fmt: skip
    checked = Validated(kept, pd.DataFrame(), 3)
    spec = config_contract_source("survey_responses")
    dated, issues, set_aside = _year_checks(checked, kept, spec, 2022, [2020, 2021, 2022])
    assert dated["year"].tolist() == [2022, 2022, 2022] and issues.empty and set_aside == 0


def config_contract_source(name):
    from pipeline.core.config import load_contract

    return load_contract().sources[name]


def test_total_lines_are_set_aside_and_never_counted(tmp_path, config):
    write_register(
        tmp_path,
        "N° enregistrement;Date réception;Canal;Date réponse\r\n"
        "1;14/04/2022;Courriel;15/04/2022\r\n"
        "2;15/04/2022;Courrier;19/04/2022\r\n"
        "Total;;;\r\n",
    )
    result = ingest_source("mail_register", config, PeriodPaths(2022, root=tmp_path))
    read = next(row for row in result.report if row["status"] == "lu")
    assert (read["rows_read"], read["rows_kept"], read["rows_quarantined"]) == (3, 2, 0)
    assert read["rows_set_aside"] == 1 and "ligne de total" in read["set_aside_reason"]


def test_a_file_missing_beside_a_similar_name_is_named(tmp_path, config):
    folder = tmp_path / "data" / "raw" / "2022"
    folder.mkdir(parents=True)
    (folder / "registre_courriers_courriel_2022.csv").write_text("x", encoding="utf-8")
    with pytest.raises(InputFileError, match="registre_courriers_courriel_2022.csv est dans"):
        ingest_source("mail_register", config, PeriodPaths(2022, root=tmp_path))


def test_short_texts_are_redacted_and_quarantined_formulas_stay_text(tmp_path, config):
    from pipeline.ingest.sources import ingest

    write_register(
        tmp_path,
        "N° enregistrement;Date réception;Canal;Service;Objet\r\n"
        "1;14/04/2022;Courriel;Vu avec M.Dupont au 0612345678;RAS\r\n"
        '2;14/04/2022;=HYPERLINK("http://x");Accueil;RAS\r\n',
    )
    meeting = config.model_copy(update={"meeting_file": "absent.yaml"})
    ingest(meeting, PeriodPaths(2022, root=tmp_path))
    table = pd.read_parquet(tmp_path / "data" / "processed" / "2022" / "mail_register.parquet")
    assert table.loc[0, "service"] == "Vu avec M.[nom masqué] au [téléphone masqué]"
    quarantine = pd.read_csv(
        tmp_path / "data" / "processed" / "2022" / "quarantine.csv", sep=";", dtype=str
    )
    assert quarantine["Valeur saisie"].tolist() == ['\'=HYPERLINK("http://x")']  # not a formula
    assert quarantine["Colonne de l'export"].tolist() == ["Canal"]
