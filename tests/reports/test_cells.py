"""The one spreadsheet-injection rule, shared by CLI CSV output, exports and reports."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.exports.cells import FORMULA_START, neutralise


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\r=x", "＝1", "＋1", "－1", "＠x", "﹦1"],
)
def test_text_that_would_start_a_formula_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["-12.50", "+3", "-0", "shop", "a=b", 12, Decimal("-1"), None])
def test_numbers_and_harmless_text_are_left_alone(value: object) -> None:
    assert neutralise(value) == value


@given(st.sampled_from(FORMULA_START), st.text(max_size=30))
def test_nothing_a_spreadsheet_would_run_survives(start: str, rest: str) -> None:
    result = neutralise(start + rest)
    assert isinstance(result, str)
    if result == start + rest:  # kept only when it is a plain number
        assert Decimal(result).is_finite()
    else:
        assert result == "'" + start + rest
