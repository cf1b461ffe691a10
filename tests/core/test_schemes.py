"""The label's words come from its catalogue; the configuration is the one source of truth."""

from __future__ import annotations

import pytest

from pipeline.core.config import load_config
from pipeline.core.exceptions import ConfigError
from pipeline.core.meeting import Meeting, check_labelling
from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.core.schemes import OTHER_GROUP, load_scheme


def configured(**labels):
    config = load_config(DEFAULT_CONFIG)
    return config.model_copy(update={"labels": config.labels.model_copy(update=labels)})


def test_qual_e_pref_lists_its_modules_with_the_mandatory_one():
    scheme = load_scheme(configured(scheme="Qual-e-pref", modules=(1, 4)))
    assert scheme.approach_items() == [
        "Module 1 — Relation générale avec les usagers (obligatoire)",
        "Module 4 — Relations avec les collectivités territoriales",
    ]
    assert scheme.group("tel_calls_answered", 1) == (1, "Relation générale avec les usagers")
    assert not scheme.results_engagement


def test_services_publics_plus_speaks_of_its_engagements_and_names_its_version():
    latest = load_scheme(configured(scheme="Services Publics+", modules=(1, 4)))
    assert latest.version == 2023 and len(latest.engagements) == 8
    assert latest.approach_items()[5] == "Vous avez accès à nos résultats de qualité de service"
    assert "8 engagements" in latest.text("approach_title")
    assert "2023" in latest.text("approach_title")
    number, title = latest.group("tel_calls_answered", 1)
    assert number == 2 and title.startswith("Vous pouvez facilement entrer en contact")
    assert latest.group("residence_fraud_rate", 3)[0] == OTHER_GROUP
    assert latest.results_engagement.startswith("engagement 6 « Vous avez accès à nos résultats")
    older = load_scheme(configured(scheme="Services Publics+", version=2021))
    assert len(older.engagements) == 9 and older.group("mail_emails_5d", 1)[0] == 5


def test_an_unknown_version_is_a_clear_error():
    with pytest.raises(ConfigError, match="version 2019 inconnue.*2021, 2023"):
        load_scheme(configured(scheme="Services Publics+", version=2019))


def _meeting(**labelling):
    return Meeting.model_validate(
        {"prefecture": "P", "date": "2023-01-24", "chair": {"name": "M. X"},
         "agenda": [{"title": "Questions", "section": "questions"}], "labelling": labelling}
    )  # fmt: skip


def test_a_meeting_file_may_repeat_the_label_never_contradict_it(tmp_path):
    config = configured(scheme="Qual-e-pref", modules=(1, 3, 4, 7))
    check_labelling(_meeting(scheme="Qual-e-pref", modules=[7, 4, 3, 1]), config, tmp_path)
    check_labelling(_meeting(), config, tmp_path)
    with pytest.raises(ConfigError, match="« Services Publics\\+ ».*rubrique labels"):
        check_labelling(_meeting(scheme="Services Publics+"), config, tmp_path)
    with pytest.raises(ConfigError, match="modules y sont \\[1, 4\\]"):
        check_labelling(_meeting(modules=[1, 4]), config, tmp_path)
