import pandas as pd
import pytest

from pipeline.config import load_config, load_questions
from pipeline.paths import DEFAULT_CONFIG
from pipeline.survey import satisfaction_by_criterion, wilson_interval


@pytest.fixture
def catalogue():
    return load_questions(load_config(DEFAULT_CONFIG))


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


def test_wilson_interval_by_hand():
    low, high = wilson_interval(pd.Series([8]), pd.Series([10]))
    assert low.iloc[0] == pytest.approx(0.4902, abs=1e-4)
    assert high.iloc[0] == pytest.approx(0.9433, abs=1e-4)
