"""The pure parts of the dashboard: amount sums and period navigation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_cli.tui.arithmetic import evaluate, is_plain_number
from fopymes_cli.tui.period import Period, Span, parse_period
from fopymes_server.core.errors import ValidationError

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.50+3", "15.50"),
        ("3*4.20", "12.600"),
        ("(100-15)/2", "42.5"),
        ("-5+10", "5"),
        ("1_000.5", "1000.5"),
        (".5 + .25", "0.75"),
        ("2*(3+4)", "14"),
        ("0.1+0.2", "0.3"),
    ],
)
def test_sums_are_exact(text: str, value: str) -> None:
    assert evaluate(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is required"),
        ("12+", "ends too early"),
        ("1/0", "division by zero"),
        ("(1+2", "ends too early"),
        ("2**3", "unexpected '*'"),
        ("__import__('os')", "'_' is not a number"),
        ("1e9", "'e' is not a number"),
        ("12 34", "unexpected '34'"),
        ("1" * 201, "longer than 200"),
    ],
)
def test_anything_else_is_refused_naming_the_field(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        evaluate(text, field="amount")
    assert caught.value.field == "amount"


@given(amounts, amounts, amounts)
def test_sums_of_money_match_decimal_arithmetic(a: Decimal, b: Decimal, c: Decimal) -> None:
    assert evaluate(f"{a}+{b}-{c}") == a + b - c
    assert evaluate(f"({a}+{b})*2") == (a + b) * 2


def test_plain_numbers_are_told_apart_from_sums() -> None:
    assert is_plain_number("12.50")
    assert is_plain_number("")
    assert not is_plain_number("12+3")


@pytest.mark.parametrize(
    ("span", "day", "label", "start", "end"),
    [
        (Span.MONTH, date(2024, 2, 10), "February 2024", date(2024, 2, 1), date(2024, 2, 29)),
        (Span.QUARTER, date(2026, 11, 18), "Q4 2026", date(2026, 10, 1), date(2026, 12, 31)),
        (Span.YEAR, date(2026, 11, 18), "2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_periods_cover_whole_calendar_units(
    span: Span, day: date, label: str, start: date, end: date
) -> None:
    period = Period.containing(day, span)
    assert (period.label, period.start, period.end) == (label, start, end)
    assert parse_period(period.text) == period


def test_stepping_crosses_year_ends_and_spans_cycle() -> None:
    january = Period.containing(date(2026, 1, 31))
    assert january.shift(-1) == Period(Span.MONTH, date(2025, 12, 1))
    assert january.shift(13).label == "February 2027"
    assert january.with_span(january.span.following()) == Period(Span.QUARTER, date(2026, 1, 1))
    assert Span.YEAR.following() is Span.MONTH
    assert january.last_month == date(2026, 1, 1)
    assert Period(Span.YEAR, date(2026, 1, 1)).last_month == date(2026, 12, 1)


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "26-11", "0000", "November", "2026-00"])
def test_bad_period_text_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a period"):
        parse_period(text)
    assert parse_period("  ") is None
