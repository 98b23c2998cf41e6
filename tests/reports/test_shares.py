"""Category shares add up: largest-remainder rounding, sub-categories as shares of parent."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.reports.data import shares


def test_three_equal_parts_make_exactly_one_hundred_percent() -> None:
    parts = shares([Decimal("10.00")] * 3, Decimal("30.00"))
    assert parts == [Decimal("0.3334"), Decimal("0.3333"), Decimal("0.3333")]
    assert sum(parts) == 1


def test_parts_that_leave_some_of_the_whole_keep_it_aside() -> None:
    assert shares([Decimal("25"), Decimal("25")], Decimal("100")) == [
        Decimal("0.2500"),
        Decimal("0.2500"),
    ]
    assert shares([Decimal("5")], Decimal("0")) == [Decimal("0.0000")]


@given(st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=30))
def test_shares_of_parts_that_make_the_whole_always_total_one(minor: list[int]) -> None:
    amounts = [Decimal(m).scaleb(-2) for m in minor]
    parts = shares(amounts, sum(amounts, Decimal(0)))
    assert sum(parts) == 1
    assert all(p >= 0 for p in parts)
