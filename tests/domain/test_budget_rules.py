from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fopymes_server.budgets.rules import (
    Period,
    PeriodKind,
    PeriodSpec,
    Rollover,
    Verdict,
    budget_status,
    crossed_thresholds,
    effective_limits,
    next_period,
    parse_period_kind,
    parse_rollover,
    parse_thresholds,
    period_containing,
    periods_between,
    previous_period,
)
from fopymes_server.core.errors import ValidationError

D = Decimal
DATES = st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def specs(draw: st.DrawFn) -> PeriodSpec:
    kind = draw(st.sampled_from(PeriodKind))
    if kind in (PeriodKind.WEEKLY, PeriodKind.FORTNIGHTLY):
        anchor = draw(DATES) if kind is PeriodKind.FORTNIGHTLY else draw(st.none() | DATES)
        return PeriodSpec(kind, week_start=draw(st.integers(0, 6)), anchor_date=anchor)
    return PeriodSpec(
        kind, anchor_day=draw(st.integers(1, 31)), anchor_month=draw(st.integers(1, 12))
    )


def test_a_payday_month_runs_from_the_25th_to_the_24th_of_the_next_month() -> None:
    spec = PeriodSpec(PeriodKind.MONTHLY, anchor_day=25)
    assert period_containing(spec, date(2025, 3, 10)) == Period(
        date(2025, 2, 25), date(2025, 3, 24)
    )
    assert period_containing(spec, date(2025, 3, 25)) == Period(
        date(2025, 3, 25), date(2025, 4, 24)
    )


def test_an_anchor_on_the_31st_clamps_to_the_last_day_of_short_months() -> None:
    spec = PeriodSpec(PeriodKind.MONTHLY, anchor_day=31)
    assert period_containing(spec, date(2024, 3, 15)) == Period(
        date(2024, 2, 29), date(2024, 3, 30)
    )
    assert period_containing(spec, date(2023, 2, 27)) == Period(
        date(2023, 1, 31), date(2023, 2, 27)
    )
    assert period_containing(spec, date(2023, 2, 28)).start == date(2023, 2, 28)


def test_a_plain_month_is_the_calendar_month() -> None:
    spec = PeriodSpec(PeriodKind.MONTHLY)
    assert period_containing(spec, date(2025, 2, 14)) == Period(date(2025, 2, 1), date(2025, 2, 28))


def test_weeks_start_on_monday_unless_told_otherwise() -> None:
    wednesday = date(2025, 1, 1)
    monday_week = period_containing(PeriodSpec(PeriodKind.WEEKLY), wednesday)
    sunday_week = period_containing(PeriodSpec(PeriodKind.WEEKLY, week_start=6), wednesday)
    assert monday_week == Period(date(2024, 12, 30), date(2025, 1, 5))
    assert sunday_week == Period(date(2024, 12, 29), date(2025, 1, 4))


def test_an_anchor_date_sets_the_weekday_a_week_starts_on() -> None:
    spec = PeriodSpec(PeriodKind.WEEKLY, anchor_date=date(2025, 1, 3))  # a Friday
    assert period_containing(spec, date(2025, 1, 1)) == Period(date(2024, 12, 27), date(2025, 1, 2))


def test_fortnights_count_from_their_anchor_date_in_both_directions() -> None:
    spec = PeriodSpec(PeriodKind.FORTNIGHTLY, anchor_date=date(2025, 1, 3))
    assert period_containing(spec, date(2025, 1, 16)) == Period(date(2025, 1, 3), date(2025, 1, 16))
    assert period_containing(spec, date(2025, 1, 17)).start == date(2025, 1, 17)
    assert period_containing(spec, date(2024, 12, 31)) == Period(
        date(2024, 12, 20), date(2025, 1, 2)
    )


def test_quarters_follow_the_calendar_or_start_in_the_anchor_month() -> None:
    calendar_quarter = PeriodSpec(PeriodKind.QUARTERLY)
    shifted = PeriodSpec(PeriodKind.QUARTERLY, anchor_month=2)
    assert period_containing(calendar_quarter, date(2025, 5, 17)) == Period(
        date(2025, 4, 1), date(2025, 6, 30)
    )
    assert period_containing(shifted, date(2025, 1, 10)) == Period(
        date(2024, 11, 1), date(2025, 1, 31)
    )


def test_a_uk_tax_year_runs_from_april_6th_to_april_5th() -> None:
    spec = PeriodSpec(PeriodKind.YEARLY, anchor_day=6, anchor_month=4)
    assert period_containing(spec, date(2025, 4, 5)) == Period(date(2024, 4, 6), date(2025, 4, 5))


def test_periods_between_cover_the_range_with_the_periods_that_touch_it() -> None:
    spec = PeriodSpec(PeriodKind.MONTHLY, anchor_day=25)
    periods = periods_between(spec, date(2025, 1, 1), date(2025, 3, 31))
    assert [p.start for p in periods] == [
        date(2024, 12, 25),
        date(2025, 1, 25),
        date(2025, 2, 25),
        date(2025, 3, 25),
    ]
    assert (
        len(periods_between(PeriodSpec(PeriodKind.MONTHLY), date(2025, 1, 1), date(2025, 12, 31)))
        == 12
    )


def test_periods_between_refuses_an_end_before_the_start() -> None:
    with pytest.raises(ValidationError) as error:
        periods_between(PeriodSpec(PeriodKind.WEEKLY), date(2025, 2, 1), date(2025, 1, 1))
    assert error.value.field == "until"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"kind": PeriodKind.MONTHLY, "anchor_day": 0}, "anchor_day"),
        ({"kind": PeriodKind.MONTHLY, "anchor_day": 32}, "anchor_day"),
        ({"kind": PeriodKind.YEARLY, "anchor_month": 13}, "anchor_month"),
        ({"kind": PeriodKind.WEEKLY, "week_start": 7}, "week_start"),
        ({"kind": PeriodKind.FORTNIGHTLY}, "anchor_date"),
        ({"kind": PeriodKind.MONTHLY, "anchor_date": date(2025, 1, 1)}, "anchor_date"),
    ],
)
def test_a_spec_with_an_impossible_anchor_names_the_field(
    arguments: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        PeriodSpec(**arguments)  # type: ignore[arg-type]
    assert error.value.field == field


@settings(max_examples=200)
@given(specs(), DATES)
def test_every_date_belongs_to_the_period_that_contains_it(spec: PeriodSpec, day: date) -> None:
    period = period_containing(spec, day)
    assert day in period
    assert period_containing(spec, period.start) == period
    assert period_containing(spec, period.end) == period


@settings(max_examples=200)
@given(specs(), DATES)
def test_consecutive_periods_tile_time_without_gap_or_overlap(spec: PeriodSpec, day: date) -> None:
    period = period_containing(spec, day)
    following = next_period(spec, period)
    preceding = previous_period(spec, period)
    assert following.start == period.end + timedelta(days=1)
    assert preceding.end == period.start - timedelta(days=1)
    assert previous_period(spec, following) == period
    assert next_period(spec, preceding) == period


@settings(max_examples=200)
@given(specs(), DATES)
def test_period_lengths_stay_within_their_kind(spec: PeriodSpec, day: date) -> None:
    lengths = {
        PeriodKind.WEEKLY: (7, 7),
        PeriodKind.FORTNIGHTLY: (14, 14),
        PeriodKind.MONTHLY: (28, 31),
        PeriodKind.QUARTERLY: (89, 92),
        PeriodKind.YEARLY: (365, 366),
    }
    low, high = lengths[spec.kind]
    assert low <= period_containing(spec, day).days <= high


@settings(max_examples=100)
@given(specs(), DATES, st.integers(0, 400))
def test_periods_between_chain_from_the_first_day_to_the_last(
    spec: PeriodSpec, start: date, span: int
) -> None:
    end = start + timedelta(days=span)
    periods = periods_between(spec, start, end)
    assert start in periods[0]
    assert end in periods[-1]
    for earlier, later in pairwise(periods):
        assert later.start == earlier.end + timedelta(days=1)


def test_without_rollover_each_period_keeps_its_own_limit() -> None:
    limits = effective_limits([D(100), D(150), D(100)], [D(0), D(400), D(20)])
    assert limits == [D(100), D(150), D(100)]


def test_unspent_money_carries_into_the_next_period() -> None:
    limits = effective_limits([D(100)] * 3, [D(60), D(100)], Rollover.UNSPENT)
    assert limits == [D(100), D(140), D(140)]


def test_overspending_lowers_the_next_limit_and_can_make_it_negative() -> None:
    limits = effective_limits([D(100)] * 3, [D(350), D(0)], Rollover.OVERSPENT)
    assert limits == [D(100), D(-150), D(-50)]


def test_unspent_only_rollover_ignores_overspending() -> None:
    assert effective_limits([D(100)] * 2, [D(130)], Rollover.UNSPENT) == [D(100), D(100)]


def test_a_cap_bounds_what_carries_in_both_directions() -> None:
    assert effective_limits([D(100)] * 2, [D(0)], Rollover.BOTH, cap=D(30)) == [D(100), D(130)]
    assert effective_limits([D(100)] * 2, [D(200)], Rollover.BOTH, cap=D(30)) == [D(100), D(70)]


def test_a_limit_edited_midway_is_taken_per_period() -> None:
    limits = effective_limits([D(100), D(200), D(50)], [D(50), D(100), D(0)], Rollover.BOTH)
    assert limits == [D(100), D(250), D(200)]


def test_rollover_refuses_negative_limits_a_negative_cap_and_missing_spending() -> None:
    with pytest.raises(ValidationError, match="limit"):
        effective_limits([D(-1)], [])
    with pytest.raises(ValidationError, match="rollover_cap"):
        effective_limits([D(1)], [], Rollover.BOTH, cap=D(-1))
    with pytest.raises(ValueError, match="spent"):
        effective_limits([D(1), D(1), D(1)], [D(1)])


AMOUNTS = st.integers(0, 10**7).map(lambda minor: Decimal(minor).scaleb(-2))


@settings(max_examples=100)
@given(st.lists(st.tuples(AMOUNTS, AMOUNTS), min_size=1, max_size=24))
def test_carrying_both_ways_without_cap_equals_all_limits_minus_all_earlier_spending(
    pairs: list[tuple[Decimal, Decimal]],
) -> None:
    bases = [base for base, _ in pairs]
    spent = [amount for _, amount in pairs]
    limits = effective_limits(bases, spent, Rollover.BOTH)
    for n, limit in enumerate(limits):
        assert limit == sum(bases[: n + 1], D(0)) - sum(spent[:n], D(0))


@settings(max_examples=100)
@given(st.lists(st.tuples(AMOUNTS, st.integers(0, 100)), min_size=1, max_size=24))
def test_carrying_unspent_when_never_overspent_accumulates_what_was_left(
    pairs: list[tuple[Decimal, int]],
) -> None:
    bases = [base for base, _ in pairs]
    # spend a share of each period's own base: the leftover is never negative
    spent = [base * share / 100 for base, share in pairs]
    limits = effective_limits(bases, spent, Rollover.UNSPENT)
    assert limits == effective_limits(bases, spent, Rollover.BOTH)
    for n, limit in enumerate(limits):
        assert limit == sum(bases[: n + 1], D(0)) - sum(spent[:n], D(0))


@settings(max_examples=100)
@given(AMOUNTS, AMOUNTS, st.integers(1, 36))
def test_saving_everything_under_a_cap_stops_at_the_base_plus_the_cap(
    base: Decimal, cap: Decimal, periods: int
) -> None:
    limits = effective_limits([base] * periods, [D(0)] * periods, Rollover.UNSPENT, cap=cap)
    assert limits == [base + min(n * base, cap) for n in range(periods)]


@settings(max_examples=100)
@given(
    st.lists(st.tuples(AMOUNTS, AMOUNTS), min_size=1, max_size=24),
    AMOUNTS,
    st.sampled_from(Rollover),
)
def test_what_carries_never_exceeds_the_cap(
    pairs: list[tuple[Decimal, Decimal]], cap: Decimal, rollover: Rollover
) -> None:
    bases = [base for base, _ in pairs]
    limits = effective_limits(bases, [amount for _, amount in pairs], rollover, cap=cap)
    assert all(abs(limit - base) <= cap for limit, base in zip(limits, bases, strict=True))


APRIL = Period(date(2025, 4, 1), date(2025, 4, 30))


def test_status_projects_spending_linearly_to_the_period_end() -> None:
    status = budget_status(APRIL, D("300.00"), D("100.00"), date(2025, 4, 10), "EUR")
    assert (status.days_elapsed, status.days_left) == (10, 20)
    assert status.projected_spend == D("300.00")
    assert status.remaining == D("200.00")
    assert status.percent_used == D("33.3")
    assert status.verdict is Verdict.ON_TRACK


def test_a_projection_over_the_limit_puts_the_budget_at_risk() -> None:
    status = budget_status(APRIL, D("300.00"), D("120.00"), date(2025, 4, 10), "EUR")
    assert status.projected_spend == D("360.00")
    assert status.verdict is Verdict.AT_RISK


def test_spending_past_the_limit_is_over_whatever_the_projection() -> None:
    status = budget_status(APRIL, D("300.00"), D("300.01"), date(2025, 4, 30), "EUR")
    assert status.verdict is Verdict.OVER
    assert status.remaining == D("-0.01")
    assert (status.days_elapsed, status.days_left) == (30, 0)


def test_status_before_and_after_the_period_clamps_the_days() -> None:
    before = budget_status(APRIL, D(300), D(0), date(2025, 3, 1), "JPY")
    after = budget_status(APRIL, D(300), D(50), date(2025, 6, 1), "JPY")
    assert (before.days_elapsed, before.days_left, before.projected_spend) == (0, 30, D(0))
    assert (after.days_elapsed, after.days_left, after.projected_spend) == (30, 0, D(50))


def test_a_projection_is_rounded_to_the_currency_minor_unit() -> None:
    status = budget_status(APRIL, D(1000), D(100), date(2025, 4, 7), "JPY")
    assert status.projected_spend == D(429)  # 100 / 7 * 30 = 428.57...


def test_a_zero_limit_has_no_percentage() -> None:
    status = budget_status(APRIL, D(0), D(5), date(2025, 4, 7), "EUR")
    assert status.percent_used is None
    assert status.verdict is Verdict.OVER


@pytest.mark.parametrize(
    ("spent", "limit", "crossed"),
    [
        (D("79.99"), D(100), []),
        (D(80), D(100), [80]),
        (D(85), D(100), [80]),
        (D(100), D(100), [80, 100]),
        (D(250), D(100), [80, 100]),
        (D(0), D(0), []),
        (D(1), D(0), [80, 100]),
        (D(1), D(-20), [80, 100]),
    ],
)
def test_thresholds_are_crossed_at_their_exact_percentage(
    spent: Decimal, limit: Decimal, crossed: list[int]
) -> None:
    assert crossed_thresholds(spent, limit) == crossed


def test_custom_thresholds_come_back_sorted_without_repeats() -> None:
    assert crossed_thresholds(D(95), D(100), [90, 50, 90, 120]) == [50, 90]


def test_period_kinds_and_rollover_modes_parse_in_any_case() -> None:
    assert parse_period_kind(" Fortnightly ") is PeriodKind.FORTNIGHTLY
    assert parse_rollover("BOTH") is Rollover.BOTH


def test_an_unknown_period_kind_or_rollover_names_the_field() -> None:
    with pytest.raises(ValidationError) as error:
        parse_period_kind("daily")
    assert error.value.field == "period"
    assert "weekly" in error.value.rule
    with pytest.raises(ValidationError) as error:
        parse_rollover("sometimes")
    assert error.value.field == "rollover"


def test_thresholds_parse_as_sorted_whole_percentages() -> None:
    assert parse_thresholds("80,100") == (80, 100)
    assert parse_thresholds(" 100%, 50 ,100") == (50, 100)


@pytest.mark.parametrize("text", ["", " , ", "80,abc", "0", "1001", "80.5", "-10", "80,,100"])
def test_bad_thresholds_are_refused_naming_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_thresholds(text)
    assert error.value.field == "thresholds"
