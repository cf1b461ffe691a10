import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from pipeline.core.formatting import (
    excel_number_format,
    figure_for_status,
    format_change,
    format_days,
    format_number,
    format_percent,
    format_points,
    format_signed,
    format_value,
    format_value_for_status,
    rounded,
)

NBSP = "\u00a0"


def test_points_are_signed_with_a_true_minus_and_singular_under_two():
    assert format_points(0.032) == "+3,2\u00a0pts"
    assert format_points(-0.018) == "−1,8\u00a0pt"
    assert format_points(-0.0196) == "−2,0\u00a0pts"  # as it reads once rounded
    assert format_points(0.01996) == "+2,0\u00a0pts" and format_points(0.0194) == "+1,9\u00a0pt"
    assert format_points(0.0) == "0,0\u00a0pt"
    assert [format_points(v) for v in (None, math.nan, pd.NA)] == ["–", "–", "–"]


def test_half_up_on_the_decimal_value_as_written():
    # babel alone rounds half to even on the binary value: 12,2 j, 81,2 %, 14 %.
    assert format_days(12.25) == f"12,3{NBSP}j" and format_value(12.25, "j") == f"12,3{NBSP}j"
    assert format_percent(0.8125) == f"81,3{NBSP}%" and format_value(0.8125, "%") == f"81,3{NBSP}%"
    assert format_percent(0.145) == f"14,5{NBSP}%"
    assert format_percent(0.145, 0) == f"15{NBSP}%"  # 0.145 × 100 is 14.499999… in binary
    assert format_days(1.995) == f"2,0{NBSP}j" and format_number(2.745, 2) == "2,75"
    # a mean's binary noise is not a value: (4,47 + 4,50) / 2 is 4.4849999999999994 in binary
    assert format_value((4.47 + 4.50) / 2, "‰") == f"4,49{NBSP}‰"
    assert format_number(0.5) == "1" and format_number(2.5) == "3" and format_number(-2.5) == "−3"
    assert (
        format_value(2.745, "‰") == f"2,75{NBSP}‰" and format_value(48.5, "min") == f"49{NBSP}min"
    )
    # numpy's numbers, integers and Decimals round alike
    assert format_number(np.float64(0.8125) * 100, 1) == "81,3"
    assert (
        format_number(np.int64(58918)) == "58\u202f918"
        and format_number(Decimal("4.25"), 1) == "4,3"
    )
    assert rounded(0.8125, 1, 100) == Decimal("81.3")
    # the remembered roundings mix Decimals and numpy's numbers (a Decimal cannot be compared
    # to numpy's int64: the gallery's Services Publics+ préfecture met it)
    assert format_number(Decimal("7")) == format_number(np.int64(7)) == format_number(7.0) == "7"
    assert format_number(np.int64(3), np.int64(1)) == "3,0"


def test_no_negative_zero_and_a_change_that_rounds_to_zero_has_no_sign():
    assert format_number(-0.0004, 1) == "0,0" and format_number(-0.04) == "0"
    assert format_percent(-0.0004) == f"0,0{NBSP}%"
    assert format_points(-0.0004) == f"0,0{NBSP}pt"
    assert format_signed(-0.04, 1) == "0,0" and format_signed(0.04, 1) == "0,0"
    assert (
        format_change(-0.04, "j") == f"0,0{NBSP}j" and format_change(-0.0004, "%") == f"0,0{NBSP}pt"
    )
    assert (
        format_change(-1366, "nombre") == "−1\u202f366"
        and format_change(0.028, "%") == "+2,8\u00a0pts"
    )
    assert format_number(-1.5, 1) == "−1,5"  # the true minus, as the changes
    assert str(rounded(-0.0004, 1)) == "0.0"


def test_a_value_beside_its_target_never_reads_as_its_opposite():
    # 89,95 % against « ≥ 90 % », missed: « 90,0 % » would read as reached.
    assert format_value(0.8995, "%") == f"90,0{NBSP}%"
    assert format_value_for_status(0.8995, "%", ">=", 0.9, "non atteint") == f"89,95{NBSP}%"
    assert format_value_for_status(0.8995, "%", ">=", 0.9, False) == f"89,95{NBSP}%"
    # met or unjudged: the usual text
    assert format_value_for_status(0.912, "%", ">=", 0.9, "atteint") == f"91,2{NBSP}%"
    assert format_value_for_status(0.8995, "%", None, None, "") == f"90,0{NBSP}%"
    assert format_value_for_status(0.8995, "%", ">=", 0.9, "sans objet") == f"90,0{NBSP}%"
    # a delay over « ≤ 5 j », a rate just over « > 75 % », a delay just under « < 2 j »
    assert format_value_for_status(5.04, "j", "<=", 5, "non atteint") == f"5,04{NBSP}j"
    assert format_value_for_status(0.75001, "%", ">", 0.75, "atteint") == f"75,001{NBSP}%"
    assert format_value_for_status(1.995, "j", "<", 2, "atteint") == f"1,995{NBSP}j"
    # beyond two more decimals: rounded toward the status
    assert format_value_for_status(0.8999996, "%", ">=", 0.9, "non atteint") == f"89,999{NBSP}%"
    assert format_value_for_status(5.00001, "j", "<=", 5, "non atteint") == f"5,001{NBSP}j"
    # a poster's whole percent
    assert format_value_for_status(0.887, "%", ">=", 0.9, False, decimals=0) == f"89{NBSP}%"
    assert format_value_for_status(0.896, "%", ">=", 0.9, False, decimals=0) == f"89,6{NBSP}%"
    assert format_value_for_status(None, "%", ">=", 0.9, False) == "sans objet"


@pytest.mark.parametrize("comparator", [">=", ">", "<=", "<"])
def test_the_figure_shown_is_judged_as_the_value_is(comparator):
    """Every value near a target, read back from its text, meets the target exactly when the
    value does; and the text is the value rounded at the precision it shows (toward its status
    at the finest: within one unit of its last decimal)."""
    compare = {">=": float.__ge__, ">": float.__gt__, "<=": float.__le__, "<": float.__lt__}
    for target in (0.75, 0.9, 0.85):
        for step in range(-300, 301):
            value = round(target + step * 0.00001, 8)
            met = compare[comparator](value, target)
            number, places = figure_for_status(value, "%", comparator, target, met)
            assert compare[comparator](float(number), target * 100) == met, (value, number)
            unit = Decimal(1).scaleb(-places)
            error = abs(number - Decimal(repr(value)) * 100)
            assert error <= (unit / 2 if places < 3 else unit), (value, number)
            assert places == 1 or rounded(value, 1, 100) == rounded(target, 1, 100), value


def test_excel_number_formats_write_as_the_documents():
    assert excel_number_format("%", 1) == '#,##0.0"\u00a0"%;"−"#,##0.0"\u00a0"%;#,##0.0"\u00a0"%'
    assert excel_number_format("j", 1, Decimal("2.1")).startswith('#,##0.0"\u00a0j";"−"')
    assert excel_number_format("points", 1, Decimal("2.8"), signed=True).startswith(
        '"+"#,##0.0"\u00a0pts";"−"#,##0.0"\u00a0pts"'
    )
    assert '"\u00a0pt"' in excel_number_format("points", 1, Decimal("-1.8"), signed=True)
    # shown as zero: no sign in any section (the cell may hold −0,0004)
    assert excel_number_format("points", 1, Decimal("0.0"), signed=True) == (
        '#,##0.0"\u00a0pt";#,##0.0"\u00a0pt"'
    )
    assert excel_number_format("nombre", 0, Decimal(58918)).startswith("#,##0;")
