"""The pure rules of split transactions: parts add up exactly to the total, in minor units."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.core.errors import ValidationError
from fopymes_server.transactions import rules
from fopymes_server.transactions.schemas import SplitCreate

PARTS = st.lists(st.integers(min_value=1, max_value=10**12), min_size=2, max_size=12)


@given(PARTS)
def test_parts_that_add_up_are_kept_as_given(amounts: list[int]) -> None:
    assert rules.complete(sum(amounts), amounts, "EUR") == amounts


@given(PARTS, st.integers(min_value=-(10**6), max_value=10**6).filter(bool))
def test_parts_that_do_not_add_up_are_refused_with_the_difference(
    amounts: list[int], off: int
) -> None:
    total = sum(amounts) + off
    with pytest.raises(ValidationError) as info:
        rules.complete(total, amounts, "EUR")
    side = "less" if off > 0 else "more"
    assert f"{abs(off) / 100:.2f} {side} than the total" in info.value.rule


@given(PARTS, st.data())
def test_a_part_without_an_amount_takes_exactly_the_remainder(
    amounts: list[int], data: st.DataObject
) -> None:
    blank = data.draw(st.integers(min_value=0, max_value=len(amounts) - 1))
    given_amounts: list[int | None] = [None if i == blank else a for i, a in enumerate(amounts)]
    filled = rules.complete(sum(amounts), given_amounts, "EUR")
    assert filled == amounts
    assert sum(filled) == sum(amounts)


@given(PARTS, st.data())
def test_moving_money_between_parts_keeps_the_total(
    amounts: list[int], data: st.DataObject
) -> None:
    source = data.draw(st.sampled_from([i for i, a in enumerate(amounts) if a > 1] or [0]))
    if amounts[source] < 2:
        return
    target = data.draw(st.sampled_from([i for i in range(len(amounts)) if i != source]))
    minor = data.draw(st.integers(min_value=1, max_value=amounts[source] - 1))
    moved = rules.move(amounts, source, target, minor)
    assert sum(moved) == sum(amounts)
    assert rules.complete(sum(amounts), moved, "EUR") == moved


def test_the_difference_is_named_in_the_currency() -> None:
    with pytest.raises(ValidationError) as info:
        rules.complete(8540, [6000, 2000], "EUR")
    assert str(info.value) == "splits: the parts add up to 80.00, 5.40 less than the total 85.40"
    with pytest.raises(ValidationError, match="1500 more than the total 1000"):
        rules.complete(1000, [1500, 1000], "JPY")


@pytest.mark.parametrize(
    ("amounts", "message"),
    [
        ([8540], "at least 2 parts"),
        ([None, None, 100], "only one part may leave its amount out"),
        ([8540, None], "leaving nothing for the part without an amount"),
        ([9000, -460], "part 2 must be greater than zero"),
    ],
)
def test_malformed_splits_are_refused(amounts: list[int | None], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        rules.complete(8540, amounts, "EUR")


def test_moving_everything_out_of_a_part_is_refused() -> None:
    with pytest.raises(ValidationError, match="part 1 must keep more than zero"):
        rules.move([100, 200], 0, 1, 100)


def test_remainder_is_what_is_left_to_assign() -> None:
    assert rules.remainder(8540, [6000, None]) == 2540
    assert rules.remainder(8540, [9000]) == -460


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Groceries=60", SplitCreate(category="Groceries", amount="60")),
        (
            "Household=25.40:bin bags",
            SplitCreate(category="Household", amount="25.40", note="bin bags"),
        ),
        ("Household=", SplitCreate(category="Household")),
        ("Household", SplitCreate(category="Household")),
        (
            "Food & drink = 3 : a=b: c",
            SplitCreate(category="Food & drink", amount="3", note="a=b: c"),
        ),
    ],
)
def test_the_cli_spelling_of_a_part(text: str, part: SplitCreate) -> None:
    assert rules.parse_part(text) == part


def test_a_part_without_a_category_is_refused() -> None:
    with pytest.raises(ValidationError, match="has no category"):
        rules.parse_part("=60")
