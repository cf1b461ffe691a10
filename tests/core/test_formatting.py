import math

import pandas as pd

from pipeline.core.formatting import format_points


def test_points_are_signed_with_a_true_minus_and_singular_under_two():
    assert format_points(0.032) == "+3,2\u00a0pts"
    assert format_points(-0.018) == "−1,8\u00a0pt"
    assert format_points(-0.0196) == "−2,0\u00a0pts"  # as it reads once rounded
    assert format_points(0.0) == "0,0\u00a0pt"
    assert [format_points(v) for v in (None, math.nan, pd.NA)] == ["–", "–", "–"]
