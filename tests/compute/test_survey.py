"""Survey statistics reproduced by hand on tiny frames."""

import pandas as pd
import pytest

from pipeline.compute.survey.satisfaction import (
    answer_distribution,
    fisher_exact_p_value,
    ranked_criteria,
    rate_changes,
    satisfaction_by_criterion,
    satisfaction_by_group,
    wilson_interval,
)
from pipeline.core.config import ConfigError, QuestionCatalogue, load_config, load_questions
from pipeline.core.paths import DEFAULT_CONFIG

LEVELS = ["Très satisfait", "Satisfait", "Peu satisfait", "Pas satisfait"]


@pytest.fixture
def catalogue():
    return load_questions(load_config(DEFAULT_CONFIG))


def tiny_catalogue(**mark_scale) -> QuestionCatalogue:
    """Two 4-level questions (one asked only to PAN users), a 1–10 mark, a yes/no, a site."""
    marks = {"min": 1, "max": 10, "satisfied_from": 6, "very_satisfied_from": 9, **mark_scale}
    return QuestionCatalogue.model_validate(
        {
            "scales": {
                "scale4": {"levels": LEVELS, "satisfied": LEVELS[:2], "very_satisfied": LEVELS[:1]},
                "mark10": marks,
            },
            "questions": [
                {"column": "used_pan", "label": "PAN ?", "theme": "profil", "type": "yes_no"},
                {"column": "q_a", "label": "Critère A", "theme": "accueil", "type": "scale4"},
                {
                    "column": "q_pan",
                    "label": "PAN",
                    "theme": "pan",
                    "type": "scale4",
                    "subgroup": "used_pan",
                    "target": 0.9,
                },
                {
                    "column": "q_mark",
                    "label": "Note",
                    "theme": "général",
                    "type": "mark10",
                    "overall": True,
                },
            ],  # fmt: skip
            "breakdowns": [{"column": "site", "label": "Par site"}],
        }
    )


def test_each_criterion_has_its_own_denominator(catalogue):
    responses = pd.DataFrame(
        {
            "year": [2022] * 5,
            "used_pan": pd.array([True, True, False, False, None], dtype="boolean"),
            "q_courtesy": ["Très satisfait", "Satisfait", "Peu satisfait", "Non concerné", None],
            "q_pan": ["Satisfait", "Pas satisfait", "Très satisfait", None, None],
            "q_overall": ["9", "6", "5", "Non concerné", "10"],
        }
    )
    columns = {q.column for q in catalogue.questions}
    responses = responses.reindex(columns=[*responses.columns, *(columns - set(responses))])
    rates = satisfaction_by_criterion(responses, catalogue, 0.85).set_index("column")

    courtesy = rates.loc["q_courtesy"]
    assert (courtesy["n"], courtesy["not_concerned"], courtesy["blank"]) == (3, 1, 1)
    assert courtesy["rate"] == pytest.approx(2 / 3)
    assert courtesy["very_rate"] == pytest.approx(1 / 3)

    pan = rates.loc["q_pan"]  # only respondents who used the point numérique
    assert (pan["respondents"], pan["n"], pan["rate"]) == (2, 2, 0.5)

    overall = rates.loc["q_overall"]  # marks: satisfied from 6, very satisfied from 9
    assert overall["n"] == 4
    assert overall["rate"] == pytest.approx(3 / 4)
    assert overall["very_rate"] == pytest.approx(2 / 4)
    assert bool(courtesy["small_sample"]) is True
    assert set(rates) >= {"year", "label", "n", "rate", "very_rate", "target", "below_target",
                          "overall", "respondents", "order"}  # what the deck reads  # fmt: skip


def test_denominators_differ_by_question_and_targets_are_per_question():
    responses = pd.DataFrame(
        {
            "year": [2022] * 6,
            "site": ["A", "A", "A", "B", "B", None],
            "used_pan": pd.array([True, False, True, False, None, True], dtype="boolean"),
            "q_a": ["Satisfait", "Non concerné", "Pas satisfait", None, "Très satisfait",
                    "Non concerné"],
            "q_pan": ["Très satisfait", "Satisfait", "Peu satisfait", None, None, "Satisfait"],
            "q_mark": ["8", "10", "3", "Non concerné", "6", "7"],
        }
    )  # fmt: skip
    rates = satisfaction_by_criterion(responses, tiny_catalogue(), 0.85).set_index("column")
    # q_a: 3 answers (2 not concerned, 1 blank); q_pan: the 3 PAN users answered; marks: 5
    assert rates.loc["q_a", ["n", "not_concerned", "blank"]].tolist() == [3, 2, 1]
    assert rates.loc["q_a", "rate"] == pytest.approx(2 / 3)
    assert rates.loc["q_pan", ["respondents", "n"]].tolist() == [3, 3]
    assert rates.loc["q_pan", "rate"] == pytest.approx(2 / 3)
    assert rates.loc["q_pan", "target"] == 0.9 and rates.loc["q_a", "target"] == 0.85
    assert rates.loc["q_mark", ["n", "not_concerned"]].tolist() == [5, 1]
    assert "used_pan" not in rates.index  # a yes/no question is counted, not rated


def test_mark_thresholds_net_satisfaction_and_marks_of_8_or_more():
    marks = ["1", "4", "5", "6", "7", "8", "9", "10", "Non concerné", None]
    responses = pd.DataFrame({"year": [2022] * 10, "q_mark": marks, "used_pan": [False] * 10})
    responses = responses.assign(q_a=None, q_pan=None, site="A")
    # satisfied from 7, very satisfied from 9, dissatisfied below 5 (5 and 6 are neutral)
    catalogue = tiny_catalogue(satisfied_from=7, very_satisfied_from=9, dissatisfied_below=5,
                               high_from=8)  # fmt: skip
    mark = satisfaction_by_criterion(responses, catalogue, 0.85).set_index("column").loc["q_mark"]
    assert mark["n"] == 8
    assert mark["rate"] == pytest.approx(4 / 8)  # 7, 8, 9, 10
    assert mark["very_rate"] == pytest.approx(2 / 8)  # 9, 10
    assert mark["dissatisfied_rate"] == pytest.approx(2 / 8)  # 1, 4
    assert mark["net_satisfaction"] == pytest.approx(4 / 8 - 2 / 8)
    assert mark["high_mark_rate"] == pytest.approx(3 / 8)  # 8, 9, 10
    distribution = answer_distribution(responses, catalogue)
    dist = distribution[distribution["column"] == "q_mark"].set_index("answer")
    assert len(dist) == 10 and dist.loc["2", "count"] == 0 and dist.loc["7", "share"] == 1 / 8
    assert dist.loc[["5", "6"], "category"].tolist() == ["neutral", "neutral"]


def test_net_satisfaction_on_four_levels():
    answers = ["Très satisfait", "Satisfait", "Satisfait", "Peu satisfait", "Pas satisfait"]
    responses = pd.DataFrame(
        {"year": [2022] * 5, "q_a": answers, "q_pan": None, "q_mark": None, "used_pan": False}
    )
    criterion = satisfaction_by_criterion(responses, tiny_catalogue(), 0.85).iloc[0]
    assert criterion["column"] == "q_a"
    assert (criterion["rate"], criterion["dissatisfied_rate"]) == (pytest.approx(0.6), 0.4)
    assert criterion["net_satisfaction"] == pytest.approx(0.2)
    assert pd.isna(criterion["high_mark_rate"])  # only for marks
    assert bool(criterion["below_target"]) is True


def test_subgroup_rates_by_site():
    responses = pd.DataFrame(
        {
            "year": [2022] * 5,
            "site": ["A", "A", "B", "B", None],
            "q_a": ["Satisfait", "Pas satisfait", "Satisfait", "Très satisfait", "Satisfait"],
            "q_pan": None, "q_mark": None, "used_pan": False,
        }
    )  # fmt: skip
    groups = satisfaction_by_group(responses, tiny_catalogue(), "site", 0.85, min_reliable_n=2)
    q_a = groups[groups["column"] == "q_a"].set_index("group")
    assert q_a["n"].to_dict() == {"A": 2, "B": 2, "non renseigné": 1}
    assert q_a["rate"].to_dict() == {"A": 0.5, "B": 1.0, "non renseigné": 1.0}
    assert q_a["small_sample"].to_dict() == {"A": False, "B": False, "non renseigné": True}


def test_subgroup_of_a_multiple_choice_counts_a_respondent_in_each_group(catalogue):
    responses = pd.DataFrame(
        {"year": [2022] * 3, "procedures": ["titre de séjour; autre", "autre", None],
         "q_courtesy": ["Satisfait", "Pas satisfait", "Satisfait"]}
    )  # fmt: skip
    columns = {q.column for q in catalogue.questions}
    responses = responses.reindex(columns=[*responses.columns, *(columns - set(responses))])
    groups = satisfaction_by_group(responses, catalogue, "procedures", 0.85)
    courtesy = groups[groups["column"] == "q_courtesy"].set_index("group")
    assert courtesy["n"].to_dict() == {"autre": 2, "non renseigné": 1, "titre de séjour": 1}
    assert courtesy.loc["autre", "rate"] == 0.5


def test_fisher_p_values_match_scipy_one_table_at_a_time():
    from scipy.stats import fisher_exact

    tables = [
        (9, 10, 1, 10),
        (55, 60, 30, 60),
        (52, 60, 50, 60),
        (181, 181, 170, 180),
        (0, 5, 0, 7),
    ]
    p = fisher_exact_p_value(*zip(*tables, strict=True))
    for (a, na, b, nb), value in zip(tables, p, strict=True):
        expected = fisher_exact([[a, na - a], [b, nb - b]]).pvalue
        assert value == pytest.approx(expected, rel=1e-9)
    # 9/10 against 1/10, by hand: tables with 9, 10, 1 or 0 successes among the first ten
    # (hypergeometric, 20 answers, 10 satisfied): 2 × (10 × 10 + 1) / C(20, 10)
    assert p[0] == pytest.approx(2 * 101 / 184756)


def test_a_change_is_flagged_only_when_significant():
    rates = pd.DataFrame(
        {
            "order": [0, 0, 1, 1], "label": ["A", "A", "B", "B"], "overall": False,
            "column": ["q_a", "q_a", "q_b", "q_b"], "year": [2021, 2022, 2021, 2022],
            "n": [60, 60, 60, 60], "satisfied": [30, 55, 50, 52],
        }
    )  # fmt: skip
    rates["rate"] = rates["satisfied"] / rates["n"]
    changes = rate_changes(rates, 2022, significance_level=0.05).set_index("column")
    assert changes.loc["q_a", "change"] == pytest.approx(25 / 60)
    assert bool(changes.loc["q_a", "significant"]) is True  # 50 % → 92 %
    assert bool(changes.loc["q_b", "significant"]) is False  # 83 % → 87 %
    assert changes.loc["q_b", "p_value"] > 0.05


def test_strengths_and_weak_points_leave_small_samples_and_overall_apart():
    rates = pd.DataFrame(
        {
            "year": 2022, "label": list("ABCDEFG"), "overall": [False] * 6 + [True],
            "n": [100, 100, 100, 100, 10, 100, 100],
            "rate": [0.9, 0.7, 0.95, 0.8, 1.0, 0.6, 0.99], "target": 0.85,
        }
    )  # fmt: skip
    ranking = ranked_criteria(rates, 2022, count=3, min_reliable_n=30, strength_margin=0.05)
    strengths = ranking[ranking["position"] == "strength"]["label"].tolist()
    weaknesses = ranking[ranking["position"] == "weakness"]["label"].tolist()
    # A: exactly target + 5 points, a strength; E: 10 answers, neither; G: overall, apart
    assert strengths == ["C", "A"]
    assert weaknesses == ["F", "B", "D"]  # every criterion under target, the lowest first
    assert ranking["rank"].tolist() == [1, 2, 1, 2, 3]


def test_a_strength_is_never_just_under_its_target():
    rates = pd.DataFrame(
        {
            "year": 2022, "label": ["à la cible − 0,1 pt", "à la cible + 2 pts", "loin au-dessus"],
            "overall": False, "n": 1000, "rate": [0.849, 0.87, 0.97], "target": 0.85,
        }
    )  # fmt: skip
    ranking = ranked_criteria(rates, 2022, count=3, min_reliable_n=30, strength_margin=0.05)
    by_label = ranking.set_index("label")["position"]
    assert by_label.to_dict() == {"loin au-dessus": "strength", "à la cible − 0,1 pt": "weakness"}
    no_margin = ranked_criteria(rates, 2022, count=3, min_reliable_n=30, strength_margin=0.0)
    assert "à la cible − 0,1 pt" not in set(no_margin.loc[no_margin["position"] == "strength",
                                                           "label"])  # fmt: skip


def test_wilson_interval_by_hand():
    low, high = wilson_interval(pd.Series([8]), pd.Series([10]))
    assert low.iloc[0] == pytest.approx(0.4902, abs=1e-4)
    assert high.iloc[0] == pytest.approx(0.9433, abs=1e-4)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": "scale5"}, "type\\(s\\) inconnu\\(s\\)"),
        ({"subgroup": "q_a"}, "doit être une question oui/non"),
    ],
)
def test_a_bad_catalogue_is_refused_in_french(tmp_path, change, message):
    import yaml

    from pipeline.core.config import validate_yaml

    data = tiny_catalogue().model_dump()
    data["questions"] = [dict(q) for q in data["questions"]]
    data["questions"][2].update(change)
    path = tmp_path / "questions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        validate_yaml(path, QuestionCatalogue)


def test_a_multiple_choice_needs_its_options_and_marks_their_thresholds():
    data = tiny_catalogue().model_dump()
    data["questions"] = [
        *data["questions"],
        {
            "column": "procedures",
            "label": "Démarches",
            "theme": "profil",
            "type": "multiple_choice",
        },
    ]
    with pytest.raises(ValueError, match="doit lister ses options"):
        QuestionCatalogue.model_validate(data)
    with pytest.raises(ValueError, match="seuils incohérents"):
        tiny_catalogue(satisfied_from=9, very_satisfied_from=6)


def test_catalogue_types_become_contract_columns(catalogue):
    specs = catalogue.column_specs()
    assert specs["used_pan"].type == "boolean"
    assert specs["procedures"].type == "multi" and "autre" in specs["procedures"].allowed
    assert specs["area"].type == "text"  # a single choice without options: any sector
    assert specs["user_type"].type == "category"
    assert specs["comment"].type == "free_text"
    overall = specs["q_overall"]
    assert (overall.type, overall.min, overall.max) == ("mark", 1, 10)
