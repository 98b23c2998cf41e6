"""Money parsing and minor units: exact, refusing what would round (pure, hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import Money, format_money, from_minor, parse_amount, to_minor


@given(
    minor=st.integers(min_value=1, max_value=10**17 - 1),
    currency=st.sampled_from(["EUR", "JPY", "KWD", "CLF"]),
)
def test_minor_units_round_trip_exactly(minor: int, currency: str) -> None:
    amount = from_minor(minor, currency)
    assert to_minor(amount, currency) == minor
    assert parse_amount(str(amount), currency) == amount


def test_ten_times_ten_cents_is_one_euro() -> None:
    total = sum(
        (Money(parse_amount("0.10", "EUR"), "EUR") for _ in range(10)), Money(Decimal(0), "EUR")
    )
    assert total == Money(Decimal("1.00"), "EUR")
    assert str(total) == "1.00 EUR"


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("1.005", "EUR", "more decimals than EUR"),
        ("1.5", "JPY", "more decimals than JPY"),
        ("1e400", "EUR", "is not a number: write digits"),
        ("NaN", "EUR", "is not a number: write digits"),
        ("1,5", "EUR", "is not a number: write digits"),
        ("", "EUR", "is not a number: write digits"),
        ("-1", "EUR", "positive"),
    ],
)
def test_amounts_that_would_round_or_are_not_numbers_are_refused(
    text: str, currency: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_amount(text, currency)


def test_trailing_zeros_beyond_the_exponent_are_exact_and_accepted() -> None:
    assert parse_amount("1.500", "EUR") == Decimal("1.50")


def test_mixing_currencies_raises() -> None:
    with pytest.raises(ValueError, match="cannot combine"):
        Money(Decimal(1), "EUR") + Money(Decimal(1), "USD")


def test_formatting_uses_the_currency_exponent() -> None:
    assert format_money(Decimal("1234.5"), "EUR") == "1,234.50 EUR"
    assert format_money(Decimal("1234"), "JPY") == "1,234 JPY"


@pytest.mark.parametrize(
    "text",
    [
        "1e5",
        "1E-2",
        "1_000",
        "1,000.00",
        "\u0661\u0662",  # Arabic-Indic 12
        "\uff11\uff12",  # full-width 12
        "NaN",
        "-NaN",
        "sNaN",
        "Infinity",
        "-inf",
        "+5",
        ".5",
        "5.",
        "0x10",
    ],
)
def test_only_plain_ascii_decimals_are_amounts(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a number: write digits"):
        parse_amount(text, "EUR")


def test_a_decimal_comma_is_refused_with_a_hint_to_use_a_dot() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_amount("12,99", "EUR")
    assert refused.value.hint == "use a dot: 12.99"


def test_plain_decimals_with_spaces_around_them_are_amounts() -> None:
    assert parse_amount(" 12.99 ", "EUR") == Decimal("12.99")
    assert parse_amount("007", "JPY") == Decimal(7)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_decimals_that_are_not_finite_are_refused(value: Decimal) -> None:
    with pytest.raises(ValidationError, match="finite"):
        parse_amount(value, "EUR")
