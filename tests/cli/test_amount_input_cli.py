"""Amounts on the command line: plain decimals only, and a negative one says what is wrong."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Terminal


@pytest.mark.parametrize("text", ["1e5", "1E-2", "1_000", "\u0661\u0662", "\uff11\uff12", "NaN"])
def test_tx_add_refuses_what_is_not_a_plain_decimal_and_records_nothing(
    me: Terminal, text: str
) -> None:
    result = me("tx", "add", text, "-c", "Groceries", "-D", "Bread")
    assert result.exit_code == 2
    assert f"amount: '{text}' is not a number: write digits" in result.stderr
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []


def test_a_decimal_comma_gets_the_hint_to_use_a_dot(me: Terminal) -> None:
    result = me("tx", "add", "12,99", "-c", "Groceries", "-D", "Bread")
    assert result.exit_code == 2
    assert "Hint: use a dot: 12.99" in result.stderr


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("goal", "add", "Bike", "-100"), "target"),
        (("tx", "add", "-5", "-c", "Groceries"), "amount"),
        (("tx", "add", "-c", "Groceries", "-D", "Bread", "-12.50"), "amount"),
        (("budget", "set", "Groceries", "-400", "--period", "weekly"), "amount"),
    ],
)
def test_a_negative_amount_argument_must_be_positive_not_an_unknown_option(
    me: Terminal, args: tuple[str, ...], field: str
) -> None:
    result = me(*args)
    assert result.exit_code == 2
    assert f"{field}: must be positive" in result.stderr
    assert "No such option" not in result.stderr


def test_an_unknown_option_is_still_an_unknown_option(me: Terminal) -> None:
    result = me("tx", "add", "5", "--colour", "red")
    assert result.exit_code == 2
    assert "No such option: --colour" in result.stderr
