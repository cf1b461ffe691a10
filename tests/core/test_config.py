import pytest

from pipeline.core.config import load_config, load_contract, load_indicator_catalogue
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
