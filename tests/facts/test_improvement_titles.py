"""The titles of « Points d'amélioration » (shared by the deck and the minutes) and the results
grouped by kind: singular and plural right, and right when every result has an action, or
none has."""

from __future__ import annotations

from pipeline.facts.improvements import Improvement, PlannedAction, by_kind
from pipeline.facts.measures import CALLS, EMAILS, INDICATOR, SURVEY, Measure
from pipeline.facts.titles import improvements_answered_title, improvements_unanswered_title

ACTION = PlannedAction("Refonte des messages du SVI", "", "Standard", "mars 2023", "en cours")


def result(kind: str = SURVEY, short: str = "délai d'attente", action: bool = False):
    measure = Measure(kind, short, short, short, 0.8, "%", ">=", 0.85, "non atteint")
    return Improvement(measure, (ACTION,) if action else (), "point visé" if action else "")


def results(answered: int, without: int) -> list[Improvement]:
    return [result(action=True)] * answered + [result()] * without


def test_some_with_an_action_some_without():
    items = results(5, 9)
    assert improvements_answered_title(items) == (
        "Points d'amélioration : 5 des 14 résultats sous la cible ont une action prévue"
    )
    assert improvements_unanswered_title(items) == (
        "Sans action prévue à ce jour : 9 résultats sous la cible, à décider"
    )
    one_each = results(1, 1)
    assert improvements_answered_title(one_each) == (
        "Points d'amélioration : 1 des 2 résultats sous la cible a une action prévue"
    )
    assert improvements_unanswered_title(one_each) == (
        "Sans action prévue à ce jour : 1 résultat sous la cible, à décider"
    )


def test_every_result_has_an_action():
    assert improvements_answered_title(results(14, 0)) == (
        "Points d'amélioration : les 14 résultats sous la cible ont une action prévue"
    )
    assert improvements_answered_title(results(1, 0)) == (
        "Points d'amélioration : le seul résultat sous la cible a une action prévue"
    )


def test_no_result_has_an_action_the_one_title_names_the_part():
    assert improvements_unanswered_title(results(0, 14)) == (
        "Points d'amélioration : les 14 résultats sous la cible sont sans action prévue à ce "
        "jour, à décider"
    )
    assert improvements_unanswered_title(results(0, 1)) == (
        "Points d'amélioration : le seul résultat sous la cible est sans action prévue à ce "
        "jour, à décider"
    )


def test_results_are_grouped_by_kind_in_their_order_with_the_kind_s_word():
    items = [result(INDICATOR, "appels aboutis"), result(INDICATOR, "courriels"),
             result(SURVEY, "accueil"), result(CALLS, "SVI"), result(CALLS, "prise de congé"),
             result(EMAILS, "signature")]  # fmt: skip
    groups = by_kind(items)
    assert [(word, [i.measure.short for i in group]) for word, group in groups] == [
        ("Indicateurs", ["appels aboutis", "courriels"]),
        ("Enquête", ["accueil"]),
        ("Appels mystère", ["SVI", "prise de congé"]),
        ("Courriels mystère", ["signature"]),
    ]
    assert by_kind([result(INDICATOR, "appels aboutis")])[0][0] == "Indicateur"
    assert by_kind([]) == []
