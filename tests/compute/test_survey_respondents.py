"""Respondents chosen by their answers, questions found by the words an analyst types."""

import pandas as pd
import pytest

from pipeline.compute.survey.respondents import (
    answer_lists,
    answered_with,
    asked_questions,
    question_named,
    selection_of,
)
from pipeline.core.config import load_config, load_questions
from pipeline.core.exceptions import SelectionError
from pipeline.core.paths import DEFAULT_CONFIG


@pytest.fixture(scope="module")
def responses():
    return pd.DataFrame(
        {
            "year": [2022, 2022, 2022, 2021],
            "site": ["Préfecture", "Sous-préfecture", "Préfecture", "Préfecture"],
            "procedures": ["titre de séjour; permis de conduire", "CNI / passeport", None,
                           "autre"],
            "user_type": ["particulier", "autre", "professionnel", None],
            "used_pan": pd.array([True, False, None, True], dtype="boolean"),
            "q_waiting_time": ["Satisfait", "Pas satisfait", None, "Satisfait"],
        }
    )  # fmt: skip


@pytest.fixture(scope="module")
def asked(responses):
    return asked_questions(load_questions(load_config(DEFAULT_CONFIG)), responses)


def test_a_multiple_choice_is_a_list_of_answers():
    lists = answer_lists(pd.Series(["titre de séjour; permis de conduire", None, " autre "]))
    assert lists.tolist() == [["titre de séjour", "permis de conduire"], [], ["autre"]]


def test_a_question_is_found_by_its_code_its_label_or_a_part_of_it(asked):
    for name in ("procedures", "Quelle(s) démarche(s) ?", "démarches effectuées", "DÉMARCHE"):
        assert question_named(name, asked).column == "procedures"
    assert question_named("site", asked).label == "Site"  # a column of the export
    with pytest.raises(SelectionError, match="(?s)n'est pas une question.*procedures"):
        question_named("couleur préférée", asked)
    with pytest.raises(SelectionError, match="désigne plusieurs questions"):
        question_named("vous", asked)  # « Vous êtes », « Vous venez de »…


def test_a_ticked_answer_among_others_counts_accents_and_case_ignored(responses, asked):
    procedures = question_named("procedures", asked)
    assert answered_with(procedures, "Titre de sejour", responses).tolist() == [
        True, False, False, False]  # fmt: skip
    both = answered_with(procedures, ["autre", "CNI / passeport"], responses)
    assert both.tolist() == [False, True, False, True]
    pan = question_named("used_pan", asked)
    assert answered_with(pan, "oui", responses).tolist() == [True, False, False, True]
    assert answered_with(pan, False, responses).tolist() == [False, True, False, False]


def test_an_unknown_answer_lists_the_possible_ones(responses, asked):
    with pytest.raises(SelectionError, match="Réponses possibles : « titre de séjour »"):
        answered_with(question_named("procedures", asked), "carte grise", responses)
    with pytest.raises(SelectionError, match="oui.*non"):
        answered_with(question_named("used_pan", asked), "peut-être", responses)


def test_an_answer_alone_names_its_question_unless_several_have_it(responses, asked):
    question, answer = selection_of("titre de séjour", asked, responses)
    assert (question.column, answer) == ("procedures", "titre de séjour")
    question, answer = selection_of("site: Sous-préfecture", asked, responses)
    assert (question.column, answer) == ("site", "Sous-préfecture")
    with pytest.raises(SelectionError, match="plusieurs questions.*procedures: autre"):
        selection_of("autre", asked, responses)  # a démarche and a type of user
    with pytest.raises(SelectionError, match="n'est la réponse d'aucune question de profil"):
        selection_of("Satisfait", asked, responses)  # a criterion's answer, not a profile
