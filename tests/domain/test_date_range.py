"""The one date range (core.dates): input outside it is refused, arithmetic stops at it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.core.dates import (
    FIRST_DAY,
    LAST_DAY,
    add_days,
    add_months,
    far_from_today,
    month_end,
    parse_date,
    parse_month,
)
from fopymes_server.core.errors import ValidationError
from fopymes_server.reports import periods

TODAY = date(2026, 11, 2)


@pytest.mark.parametrize("text", ["0001-01-01", "0226-11-01", "1899-12-31", "3000-01-01"])
def test_a_date_outside_the_range_is_refused_naming_the_field_and_the_range(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_date(text, TODAY, field="start")
    assert refused.value.message == f"start: {text} is outside 1900-01-01 to 2999-12-31"


@pytest.mark.parametrize("text", ["\u0662\u0660\u0662\u0666-11-02", "20261102", "+2026-11-02"])
def test_only_an_ascii_yyyy_mm_dd_is_a_date(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a date"):
        parse_date(text, TODAY)


def test_a_month_outside_the_range_is_refused() -> None:
    with pytest.raises(ValidationError, match="outside"):
        parse_month("9999-12")
    assert parse_month("2999-12") == (date(2999, 12, 1), LAST_DAY)


@given(
    day=st.dates(min_value=FIRST_DAY, max_value=LAST_DAY),
    months=st.integers(-20_000, 20_000),
    days=st.integers(-2_000_000, 2_000_000),
)
def test_month_and_day_steps_never_leave_the_range(day: date, months: int, days: int) -> None:
    assert FIRST_DAY <= add_months(day, months) <= LAST_DAY
    assert FIRST_DAY <= add_days(day, days) <= LAST_DAY


def test_steps_past_the_edges_stop_on_them() -> None:
    assert add_months(date(2999, 12, 31), 1) == LAST_DAY
    assert add_months(date(1900, 1, 31), -1) == FIRST_DAY
    assert month_end(3000, 1) == LAST_DAY
    assert add_days(LAST_DAY, 1) == LAST_DAY


def test_report_periods_at_the_first_day_compare_with_what_the_range_holds() -> None:
    free = periods.resolve(TODAY, date_from="1900-01-01", date_to="1900-03-01")
    assert periods.previous(free).start == FIRST_DAY
    first_month = periods.resolve(TODAY, month_text="1900-01")
    assert periods.previous(first_month).start == FIRST_DAY


def test_a_date_more_than_a_year_away_gets_a_note() -> None:
    assert far_from_today(date(2028, 1, 5), TODAY) == (
        "note: 2028-01-05 is more than a year from today"
    )
    assert far_from_today(date(2025, 11, 2), TODAY) is None
