import pandas as pd
import pytest

from pipeline.core.targets import judged, parse_target, target_goal, target_text

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("written", "unit", "comparator", "value", "shown"),
    [
        ("≥ 100 %", "%", ">=", 1.0, f"≥{NBSP}100{NBSP}%"),
        (">= 90%", "%", ">=", 0.9, f"≥{NBSP}90{NBSP}%"),
        ("au moins 85 %", "%", ">=", 0.85, f"≥{NBSP}85{NBSP}%"),
        ("< 1 h", "min", "<", 60.0, f"<{NBSP}1{NBSP}h"),
        ("moins de 45 min", "min", "<", 45.0, f"<{NBSP}45{NBSP}min"),
        ("≤ 5 j", "j", "<=", 5.0, f"≤{NBSP}5{NBSP}j"),
        ("≤ 2,5 jours ouvrés", "j", "<=", 2.5, f"≤{NBSP}2,5{NBSP}j"),
        ("> 0,5 ‰", "‰", ">", 0.5, f">{NBSP}0,5{NBSP}‰"),
        ("≥ 4/an", "nombre", ">=", 4.0, f"≥{NBSP}4"),
        ({"comparator": ">=", "value": 1.0}, "%", ">=", 1.0, f"≥{NBSP}100{NBSP}%"),
        ({"comparator": "≤", "value": "5 j"}, "j", "<=", 5.0, f"≤{NBSP}5{NBSP}j"),
    ],
)
def test_a_target_is_read_and_shown_as_written(written, unit, comparator, value, shown):
    target = parse_target(written, unit)
    assert (target.comparator, target.value) == (comparator, value)
    assert target_text(target.comparator, target.value, unit) == shown


def test_a_bare_number_keeps_the_catalogues_comparator_and_needs_one():
    assert parse_target(0.75, "%", ">").comparator == ">"
    assert parse_target("90 %", "%", ">=").value == 0.9
    with pytest.raises(ValueError, match="sans comparateur"):
        parse_target(0.75, "%")


@pytest.mark.parametrize(
    ("written", "unit", "message"),
    [
        ("≥ 100", "%", "l'unité « aucune » ne convient pas à un indicateur en %"),
        ("≥ 120 %", "%", "un taux ne dépasse pas 100 %"),
        ("≤ 5 h", "j", "l'unité « h » ne convient pas"),
        ("bientôt", "j", "illisible"),
        ({"comparator": "=", "value": 1}, "%", "comparateur « = » inconnu"),
        ("≤ 0 j", "j", "un délai est positif"),
        (1.5, "%", "un taux ne dépasse pas 100 %"),
    ],
)
def test_an_impossible_or_unreadable_target_is_refused_in_french(written, unit, message):
    with pytest.raises(ValueError, match=message):
        parse_target(written, unit, ">=")


def test_the_poster_says_a_target_in_words():
    assert target_goal(">=", 1.0, "%") == f"au moins 100{NBSP}%"
    assert target_goal("<=", 5.0, "j") == "au plus 5 jours"
    assert target_goal("<", 60.0, "min") == f"moins de 1{NBSP}h"
    assert target_goal(None, None, "%") == "" and target_text(None, 0.9, "%") == "–"


def test_a_target_is_judged_as_written():
    values = pd.Series([1.0, 0.75, 0.75, 44 / 10000 * 1000, 44 / 10000 * 1000, pd.NA, 0.5])
    comparators = pd.Series([">=", ">", ">=", "<=", "<", ">=", None])
    targets = pd.Series([1.0, 0.75, 0.75, 4.4, 4.4, 0.5, 0.3])
    assert judged(values, comparators, targets).tolist() == [
        "atteint",  # « ≥ 100 % » met by 100 %
        "non atteint",  # « > 75 % » not met by 75 %
        "atteint",
        "atteint",  # 4,4 ‰ (44 / 10 000 × 1 000 as a float) is « ≤ 4,4 ‰ »
        "non atteint",  # … and not « < 4,4 ‰ »
        "sans objet",  # no value
        "",  # no target
    ]
