from pipeline.core.config import TransparenceSettings, load_config
from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.facts.structure import is_siret, structure_id, structure_id_warning


def _with(structure_id_text: str):
    config = load_config(DEFAULT_CONFIG)
    settings = TransparenceSettings(structure_id=structure_id_text)
    return config.model_copy(update={"transparence": settings})


def test_a_siret_has_fourteen_digits_and_its_luhn_key():
    assert is_siret("12345678900015") and is_siret("35600000000048")  # La Poste's head office
    assert is_siret("35600000000015")  # one of its establishments: its own key
    assert not is_siret("12345678900011")  # a wrong key: a typo
    assert not is_siret("99") and not is_siret("1234567890001A")


def test_without_a_siret_the_file_keeps_the_department_code_and_the_run_log_says_so():
    config = _with("")
    assert structure_id(config) == config.prefecture.department_code == "99"
    warning = structure_id_warning(config, 2022)
    assert warning.startswith("Données ouvertes resultats_2022.csv : aucun SIRET n'est renseigné")
    assert "transparence.structure_id de config/prefecture.yaml" in warning
    assert "data.gouv.fr attend le SIRET" in warning
    wrong = structure_id_warning(_with("12345678900011"), 2022)
    assert "« 12345678900011 »" in wrong and "n'est pas un SIRET valide" in wrong
    spaced = _with("123 456 789 00015")  # as it is often written
    assert structure_id(spaced) == "12345678900015" and structure_id_warning(spaced, 2022) == ""
