from pathlib import Path

import pytest
import yaml

from pipeline.core.config import (
    indicator_catalogue,
    load_config,
    load_contract,
    load_indicator_catalogue,
)
from pipeline.core.exceptions import ConfigError
from pipeline.core.paths import DEFAULT_CONFIG


def test_shipped_configuration_files_validate():
    config = load_config(DEFAULT_CONFIG)
    assert set(config.sources) <= set(load_contract().sources)
    codes = [indicator.code for indicator in load_indicator_catalogue().indicators]
    assert len(codes) == len(set(codes))
    assert {indicator.source for indicator in load_indicator_catalogue().indicators} <= set(
        load_contract().sources
    )


def test_a_typo_in_the_configuration_is_reported_in_french(tmp_path):
    bad = tmp_path / "prefecture.yaml"
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    bad.write_text(text.replace("history_years: 3", "history_yaers: 3"), encoding="utf-8")
    with pytest.raises(ConfigError, match="history_yaers : clé inconnue"):
        load_config(bad)


def test_an_unknown_source_is_refused(tmp_path):
    bad = tmp_path / "prefecture.yaml"
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    bad.write_text(text.replace("  trainings:\n", "  formations:\n"), encoding="utf-8")
    with pytest.raises(ConfigError, match="sources.formations : source inconnue du contrat"):
        load_config(bad)


def test_a_value_outside_its_list_names_the_allowed_ones_in_french(tmp_path):
    bad = tmp_path / "prefecture.yaml"
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    bad.write_text(text.replace("scheme: Qual-e-pref", "scheme: Qualipref", 1), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(bad)
    message = str(raised.value)
    assert "valeur non autorisée (attendu : « Qual-e-pref » ou « Services Publics+ »)" in message
    assert "'" not in message.split("attendu :")[1].split(")")[0] and " or " not in message


def test_a_survey_catalogue_that_does_not_read_is_told_as_it_is(tmp_path):
    # a préfecture's own catalogue without its « scales »: that is the error, not « profil
    # n'est pas une colonne de cette source » for every question the catalogue would define
    (tmp_path / "questions.yaml").write_text(
        "questions:\n  - {column: q_accueil, label: L'accueil, theme: accueil, type: scale4}\n",
        encoding="utf-8",
    )
    bad = tmp_path / "prefecture.yaml"
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    bad.write_text(text.replace("questions: survey_questions.yaml", "questions: questions.yaml"),
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(ConfigError, match="scales : valeur obligatoire manquante") as raised:
        load_config(bad)
    assert "n'est pas une colonne" not in str(raised.value)


def _with(tmp_path, change) -> Path:
    """The sample's configuration with ``change(settings)`` applied, written to tmp_path."""
    settings = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    change(settings)
    path = tmp_path / "prefecture.yaml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return path


MEDIAN = {
    "label": "Délai médian de traitement des permis de conduire", "unit": "j", "module": 2,
    "target": "≤ 10 j", "source": "own_register",
    "formula": {"kind": "delay", "statistic": "median", "to": "produced_on",
                "calendar_days": True, "filters": {"title": ["permis de conduire"]}},
}  # fmt: skip
OWN_REGISTER = {
    "file": "{year}/permis_{year}.csv",
    "own_columns": {
        "produced_on": {"type": "date", "label": "Date de production"},
        "title": {"type": "category", "label": "Titre", "allowed": ["permis de conduire", "CIV"]},
    },
}


def _own(settings, indicator=MEDIAN, **sources):
    settings["indicators"]["custom"] = {"permis_median": indicator}
    settings["sources"]["own_register"] = OWN_REGISTER
    settings["sources"].update(sources)


def test_a_prefectures_own_indicator_joins_the_catalogue(tmp_path):
    config = load_config(_with(tmp_path, _own))
    definitions = indicator_catalogue(config)
    assert [i.code for i in definitions][-1] == "permis_median"
    median = definitions[-1]
    assert (median.target.comparator, median.target.value) == ("<=", 10.0)
    assert median.formula.statistic == "median" and median.formula.end == "produced_on"
    assert len(definitions) == len(load_indicator_catalogue().indicators) + 1


def test_a_target_written_with_its_comparator_is_accepted(tmp_path):
    def change(settings):
        settings["indicators"]["targets"] = {
            "web_site_updates": {"comparator": ">=", "value": 1.0},  # refused before
            "tel_svi_updates": "≥ 100 %",
            "complaints_on_time": 0.75,  # a number keeps the catalogue's « ≥ »
        }

    targets = {i.code: i.target for i in indicator_catalogue(load_config(_with(tmp_path, change)))}
    assert (targets["web_site_updates"].comparator, targets["web_site_updates"].value) == (">=", 1)
    assert (targets["tel_svi_updates"].comparator, targets["tel_svi_updates"].value) == (">=", 1)
    assert (targets["complaints_on_time"].comparator, targets["complaints_on_time"].value) == (
        ">=", 0.75)  # fmt: skip


def _broken(**changes):
    return {**MEDIAN, **changes}


@pytest.mark.parametrize(
    ("indicator", "message"),
    [
        (
            _broken(formula={**MEDIAN["formula"], "kind": "medianne"}),
            "indicators.custom.permis_median.formula.kind : « medianne » inconnu (attendu : "
            "« within_delay », « delay », « count », « ratio », « share » ou « value »)",
        ),
        (
            _broken(formula={**MEDIAN["formula"], "statistic": "mode"}),
            "indicators.custom.permis_median.formula.statistic : valeur non autorisée "
            "(attendu : « mean » ou « median »)",
        ),
        (
            _broken(formula={**MEDIAN["formula"], "statistc": "median"}),
            "indicators.custom.permis_median.formula.statistc : clé inconnue (faute de frappe ?) "
            "(vouliez-vous dire « statistic » ?)",
        ),
        (
            {k: v for k, v in MEDIAN.items() if k != "label"},
            "indicators.custom.permis_median.label : valeur obligatoire manquante",
        ),
        (
            _broken(formula={**MEDIAN["formula"], "filters": {"titre": ["permis de conduire"]}}),
            "indicators.custom.permis_median.formula.filters : « titre » n'est pas une colonne "
            "de own_register (vouliez-vous dire « title » ?)",
        ),
        (
            _broken(formula={**MEDIAN["formula"], "filters": {"title": ["permis"]}}),
            "indicators.custom.permis_median.formula : « permis » n'est pas une valeur de title",
        ),
        (
            _broken(formula={**MEDIAN["formula"], "to": "title"}),
            "indicators.custom.permis_median.formula.to : la colonne « title » n'est pas une date",
        ),
        (
            _broken(target="≤ 10 h"),
            "indicators.custom.permis_median.target : cible « ≤ 10 h » : l'unité « h » ne "
            "convient pas à un indicateur en j",
        ),
        (
            _broken(source="own_figures", formula={"kind": "count"}, unit="nombre", target=None),
            "indicators.custom.permis_median.formula.kind : « count » compte les lignes d'un "
            "registre",
        ),
        (
            {k: v for k, v in MEDIAN.items() if k != "module"},
            "indicators.custom.permis_median.module : valeur obligatoire sous Qual-e-pref",
        ),
        (
            _broken(label="Délai médian en {jours} jours"),
            "indicators.custom.permis_median.label : « {jours} » n'est pas un paramètre",
        ),
        (
            _broken(unit="%", target=None),
            "indicators.custom.permis_median.unit : un indicateur « delay » s'exprime en j",
        ),
    ],
)
def test_a_wrong_definition_is_refused_in_french_naming_its_key(tmp_path, indicator, message):
    with pytest.raises(ConfigError) as raised:
        load_config(_with(tmp_path, lambda settings: _own(settings, indicator)))
    assert message in str(raised.value), str(raised.value)
    assert "Traceback" not in str(raised.value)


def test_targets_and_params_name_known_indicators_and_own_columns_their_own_names(tmp_path):
    def change(settings):
        settings["indicators"]["targets"] = {"permis_medain": "≤ 10 j"}
        settings["sources"]["own_register"] = {
            "file": "x.csv", "own_columns": {"received_on": {"type": "date", "label": "Dépôt"}}
        }  # fmt: skip

    with pytest.raises(ConfigError) as raised:
        load_config(_with(tmp_path, change))
    message = str(raised.value)
    assert "indicators.targets.permis_medain : indicateur inconnu du catalogue" in message
    assert "sources.own_register.own_columns.received_on : colonne déjà prévue" in message


def test_an_engagement_outside_the_version_is_refused(tmp_path):
    from pipeline.core.schemes import load_scheme

    def change(settings):
        _own(settings, {**MEDIAN, "engagement": 12})
        settings["labels"] = {"scheme": "Services Publics+", "version": 2023}

    with pytest.raises(ConfigError, match=r"indicators.custom.permis_median.engagement : "
                                          r"engagement 12 inconnu"):  # fmt: skip
        load_scheme(load_config(_with(tmp_path, change)))


def test_a_catalogue_indicator_changed_by_the_prefecture_keeps_what_it_does_not_say(tmp_path):
    def change(settings):
        settings["indicators"]["custom"] = {
            "complaints_on_time": {
                "formula": {"days": {"courriel": 3, "formulaire du site": 3, "courrier": 10,
                                     "urne": 10}},
                "target": "≥ 90 %",
            }
        }  # fmt: skip

    changed = {i.code: i for i in indicator_catalogue(load_config(_with(tmp_path, change)))}
    rate = changed["complaints_on_time"]
    assert rate.formula.kind == "within_delay" and rate.formula.days["courriel"] == 3
    assert dict(rate.formula.filters) == {"nature": ("réclamation", "suggestion")}
    assert (rate.module, rate.reference, rate.target.value) == (1, "E 3.1", 0.9)


def test_a_second_survey_maps_its_own_catalogues_questions(tmp_path):
    """The second survey reads its columns from its own catalogue (the e-mail survey's by
    default): its questions map, the annual survey's do not, and a typo is named."""
    from pipeline.core.config import load_questions, questions_read_at_ingestion

    def second(columns):
        def change(settings):
            settings["sources"]["second_survey_responses"] = {
                "file": "{year}/enquete_courriel_{year}.xlsx", "columns": columns}  # fmt: skip

        return change

    config = load_config(_with(tmp_path, second({"N°": "response_id", "Délai": "e_delay"})))
    questions = load_questions(config, "second_survey_responses")
    assert "e_overall" in {q.column for q in questions.questions}
    assert "second_survey" in questions_read_at_ingestion(config)  # (kept: its columns count)
    with pytest.raises(ConfigError, match="« Délai » : e_dealy n'est pas une colonne"):
        load_config(_with(tmp_path, second({"Délai": "e_dealy"})))
    with pytest.raises(ConfigError, match="« Accueil » : q_courtesy n'est pas une colonne"):
        load_config(_with(tmp_path, second({"Accueil": "q_courtesy"})))


def test_a_yes_no_column_takes_the_prefectures_words_for_oui_and_non_only(tmp_path):
    def platform(words):
        def change(settings):
            settings["sources"]["feedback_platform"] = {
                "file": "export-experiences.csv", "values": {"replied": words}}  # fmt: skip

        return change

    load_config(_with(tmp_path, platform({"avec réponse": "oui", "sans réponse": "non"})))
    with pytest.raises(ConfigError, match="« en attente » renvoie vers « peut-être »"):
        load_config(_with(tmp_path, platform({"en attente": "peut-être"})))


def test_the_second_surveys_code_is_a_code_of_the_open_data_file(tmp_path):
    def change(settings):
        settings["second_survey"] = {"title": "Enquête au point numérique", "code": "Enquête PAN"}

    with pytest.raises(ConfigError, match="second_survey.code : format invalide"):
        load_config(_with(tmp_path, change))
