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
