"""Report periods: every form people type, and the previous period of the same length."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.core.errors import ValidationError
from fopymes_server.reports.periods import PeriodKind, parse_period, previous, resolve

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026-10", date(2026, 10, 1), date(2026, 10, 31), "2026-10"),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "2026-02"),
        ("2026Q3", date(2026, 7, 1), date(2026, 9, 30), "2026Q3"),
        ("2026-q1", date(2026, 1, 1), date(2026, 3, 31), "2026Q1"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("this-month", date(2026, 11, 1), date(2026, 11, 30), "2026-11"),
        ("last-month", date(2026, 10, 1), date(2026, 10, 31), "2026-10"),
        ("this-quarter", date(2026, 10, 1), date(2026, 12, 31), "2026Q4"),
        ("last-quarter", date(2026, 7, 1), date(2026, 9, 30), "2026Q3"),
        ("last-year", date(2025, 1, 1), date(2025, 12, 31), "2025"),
        ("ytd", date(2026, 1, 1), TODAY, "2026-ytd"),
        ("last-12-months", date(2025, 11, 1), date(2026, 10, 31), "2025-11..2026-10"),
        ("2026-01-05..2026-01-20", date(2026, 1, 5), date(2026, 1, 20), "2026-01-05..2026-01-20"),
    ],
)
def test_every_period_form_reads_as_an_inclusive_range(
    text: str, start: date, end: date, label: str
) -> None:
    period = parse_period(text, TODAY)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_last_month_and_last_quarter_cross_the_year_in_january() -> None:
    january = date(2027, 1, 10)
    assert parse_period("last-month", january).label == "2026-12"
    assert parse_period("last-quarter", january).label == "2026Q4"


@pytest.mark.parametrize("text", ["2026-13", "2026Q5", "soon", "26", "2026-01-31..2026-01-01"])
def test_bad_periods_are_refused_naming_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_period(text, TODAY)
    assert info.value.field in ("period", "from")


def test_previous_periods_have_the_same_length() -> None:
    assert previous(parse_period("2026-03", TODAY)).label == "2026-02"
    assert previous(parse_period("2026Q1", TODAY)).label == "2025Q4"
    assert previous(parse_period("2026", TODAY)).label == "2025"
    ytd = previous(parse_period("ytd", TODAY))
    assert (ytd.start, ytd.end) == (date(2025, 1, 1), date(2025, 11, 25))
    months = previous(parse_period("last-12-months", TODAY))
    assert (months.start, months.end) == (date(2024, 11, 1), date(2025, 10, 31))
    ranged = previous(parse_period("2026-01-11..2026-01-20", TODAY))
    assert (ranged.start, ranged.end) == (date(2026, 1, 1), date(2026, 1, 10))


def test_year_to_date_on_the_29th_of_february_compares_with_the_28th() -> None:
    before = previous(parse_period("ytd", date(2028, 2, 29)))
    assert before.end == date(2027, 2, 28)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(["this-month", "this-quarter", "this-year", "last-12-months"]),
)
def test_a_calendar_period_and_its_previous_one_touch_without_overlap(
    today: date, word: str
) -> None:
    period = parse_period(word, today)
    before = previous(period)
    assert before.end + timedelta(days=1) == period.start
    assert before.kind is period.kind


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 400))
def test_a_range_is_compared_with_the_same_number_of_days_just_before(
    start: date, length: int
) -> None:
    period = parse_period(f"{start}..{start + timedelta(days=length)}", start)
    before = previous(period)
    assert before.days == period.days
    assert before.end + timedelta(days=1) == period.start
    assert period.kind is PeriodKind.RANGE


def test_options_pick_one_period_and_refuse_mixtures() -> None:
    assert resolve(TODAY).label == "2026-11"
    assert resolve(TODAY, month_text="2026-10").label == "2026-10"
    assert resolve(TODAY, quarter_text="2026Q3").label == "2026Q3"
    assert resolve(TODAY, year_text="2025").label == "2025"
    assert resolve(TODAY, date_from="2026-11-01").end == TODAY
    with pytest.raises(ValidationError, match="--month or --from/--to"):
        resolve(TODAY, month_text="2026-10", date_from="2026-01-01")
    with pytest.raises(ValidationError, match="needs --from"):
        resolve(TODAY, date_to="2026-01-01")
    with pytest.raises(ValidationError, match="not a month"):
        resolve(TODAY, month_text="2026")


def test_a_budget_limit_counts_pro_rata_for_the_days_a_report_shares_with_it() -> None:
    from decimal import Decimal

    from fopymes_server.budgets.rules import Period, prorate

    payday = Period(date(2026, 11, 25), date(2026, 12, 24))
    november = Period(date(2026, 11, 1), date(2026, 11, 30))
    assert prorate(Decimal("3000.00"), payday, november, "EUR") == Decimal("600.00")
    assert prorate(Decimal("1000"), payday, november, "JPY") == Decimal("200")
    assert prorate(Decimal("3000.00"), november, november, "EUR") == Decimal("3000.00")
    after = Period(date(2026, 12, 1), date(2026, 12, 31))
    assert prorate(Decimal("3000.00"), november, after, "EUR") == Decimal("0.00")
