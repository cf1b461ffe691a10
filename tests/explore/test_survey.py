"""The survey explored in a line, on the sample's processed tables: the three questions of the
README answered and checked against the pipeline's own tables, in French, the raw values kept."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.compute.survey.respondents import answer_lists
from pipeline.core.config import load_config, load_questions, load_verbatim_themes
from pipeline.core.context import Context
from pipeline.core.exceptions import SelectionError
from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.explore.survey import Survey
from pipeline.outputs.tables import FrenchTable
from tests.conftest import PERIOD, digest

SATISFIED = ("Très satisfait", "Satisfait")
LEVELS = (*SATISFIED, "Peu satisfait", "Pas satisfait")


@pytest.fixture(scope="module")
def sample(sample_run):
    config = load_config(sample_run["root"] / "config" / "prefecture.yaml")
    return Survey.of(Context(PERIOD, config, sample_run["paths"]))


@pytest.fixture(scope="module")
def responses(sample_run):
    return pd.read_parquet(sample_run["paths"].table("survey_responses"))


def _rate(answers: pd.Series) -> float:
    counted = answers[answers.isin(LEVELS)]
    return counted.isin(SATISFIED).sum() / len(counted)


def test_satisfaction_by_site_of_those_who_came_for_a_titre_de_sejour(sample, responses):
    table = sample.filter("titre de séjour").satisfaction(by="site")
    assert isinstance(table, FrenchTable)
    came = answer_lists(responses["procedures"]).map(lambda ticked: "titre de séjour" in ticked)
    mine = responses[came & (responses["year"] == PERIOD)]
    row = table.raw.set_index("Critère").loc["Le délai d'attente"]
    for site, answers in mine.groupby("site")["q_waiting_time"]:
        assert row[site] == pytest.approx(_rate(answers))
        assert row[f"{site} — n"] == answers.isin(LEVELS).sum()
    shown = table.formatted()
    assert list(shown.columns) == ["Critère", *sorted(mine["site"].unique())]
    cell = shown.set_index("Critère").loc["Le délai d'attente"].iloc[0]
    assert cell.endswith(")") and "\u00a0%" in cell and "n\u00a0=" in cell  # « 87,8 % (n = 74) »
    assert "q_waiting_time" not in table._repr_html_()
    assert "Quelle(s) démarche(s) ? : titre de séjour" in table.note


def test_the_waiting_time_since_2020_with_its_significance(sample, sample_run):
    table = sample.trend("délai d'attente", since=2020)
    raw = table.raw.set_index("Année")
    assert list(raw.index) == [2020, 2021, 2022]
    rates = pd.read_parquet(sample_run["paths"].table("survey_rates"))
    rates = rates[rates["column"] == "q_waiting_time"].set_index("year")
    assert raw["Satisfaits"].tolist() == pytest.approx(rates.loc[[2020, 2021, 2022], "rate"])
    changes = pd.read_parquet(sample_run["paths"].table("survey_changes"))
    changes = changes[changes["column"] == "q_waiting_time"].set_index("year_before")
    assert raw.loc[2020, "Significatif"] == changes.loc[2020, "significant"]
    assert raw.loc[2020, "Écart de 2022"] == pytest.approx(changes.loc[2020, "change"])
    shown = table.formatted()
    assert shown["Année"].tolist() == ["2020", "2021", "2022"]  # (never « 2 020 »)
    assert shown["Écart de 2022"].iloc[0].endswith("pts") and shown["Significatif"].iloc[0] in (
        "oui", "non")  # fmt: skip
    assert sample.trend("q_waiting_time").raw.equals(sample.trend("Délai d'attente").raw)


def test_the_remarks_that_speak_of_the_phone(sample, responses):
    table = sample.remarks("téléphon*")
    texts = table.raw["Remarque"]
    assert len(texts) > 0
    unmasked = texts.str.replace("[téléphone masqué]", "", regex=False).str.lower()
    assert unmasked.str.contains("téléphon").all()  # a masked number is no subject
    current = responses.loc[responses["year"] == PERIOD, "comment"].dropna()
    speaking = current.str.replace("[téléphone masqué]", "", regex=False).str.lower()
    assert len(texts) == speaking.str.contains(r"\btéléphon").sum()
    by_theme = sample.remarks(theme="téléphone").raw
    assert by_theme["Thèmes"].map(lambda themes: "Téléphone" in themes).all()


def test_a_placeholder_is_never_matched():
    config = load_config(DEFAULT_CONFIG)
    responses = pd.DataFrame({
        "year": [2022, 2022, 2022], "q_phone": ["Satisfait", "Pas satisfait", "Satisfait"],
        "q_overall": ["8", "3", "9"],
        "comment": ["Rappelez-moi au [téléphone masqué].", "Le téléphone sonne dans le vide.",
                    "Écrivez-moi : [courriel masqué]"],
    })  # fmt: skip
    survey = Survey(responses, load_questions(config), load_verbatim_themes(config),
                    config.survey, 2022)  # fmt: skip
    found = survey.remarks(["téléphon*", "courriel", "masqué"]).raw["Remarque"].tolist()
    assert found == ["Le téléphone sonne dans le vide."]


def test_the_responses_read_with_the_questionnaires_words_and_lists(sample):
    table = sample.responses
    assert "Quelle(s) démarche(s) ?" in table and "procedures" not in table
    ticked = table.raw["Quelle(s) démarche(s) ?"]
    assert ticked.map(lambda value: isinstance(value, list)).all()
    options = set(load_questions(load_config(DEFAULT_CONFIG)).question("procedures").options)
    assert set(ticked.explode().dropna()) <= options
    shown = table.formatted()
    assert not shown["Année"].str.contains("\u202f").any()
    assert set(shown["Vous êtes-vous rendu au point numérique ?"]) <= {"oui", "non", "–"}


def test_cross_tabs_count_every_respondent_once_per_answer(sample, responses):
    current = responses[responses["year"] == PERIOD]
    table = sample.crosstab("visit_reason", "site").raw.set_index("Motif de la venue")
    assert table["Ensemble"].sum() == len(current)
    counts = current.groupby(["visit_reason", "site"]).size()
    for (reason, site), count in counts.items():
        assert table.loc[reason, site] == count
    shares = sample.crosstab("visit_reason", "site", share=True).raw
    assert shares.drop(columns="Motif de la venue").sum().round(9).eq(1).all()


def test_what_cannot_be_found_is_told_in_french_with_what_can(sample):
    with pytest.raises(SelectionError, match="Réponses possibles"):
        sample.filter(procedures="carte de séjour")
    with pytest.raises(SelectionError, match="(?s)n'est pas une question.*q_waiting_time"):
        sample.satisfaction(by="couleur")
    with pytest.raises(SelectionError, match="thèmes : « Rendez-vous »"):
        sample.remarks(theme="météo")


def test_exploring_writes_nothing(sample, sample_run):
    root = sample_run["root"]
    before = digest(root / "data") + digest(root / "output")
    for view in (sample.responses, sample.questions, sample.satisfaction(), sample.trend(),
                 sample.filter(used_pan=True).satisfaction(by="user_type")):  # fmt: skip
        view._repr_html_()
    sample.focus("q_phone")
    assert digest(root / "data") + digest(root / "output") == before
