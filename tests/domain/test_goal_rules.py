from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor, to_minor
from fopymes_server.goals.rules import (
    Contribution,
    Frequency,
    Instalment,
    due_dates,
    goal_progress,
    milestones_reached,
    plan_instalments,
    suggest_from_history,
)

D = Decimal
JAN_10 = date(2025, 1, 10)


def test_a_monthly_plan_splits_the_remainder_evenly_up_to_the_deadline() -> None:
    plan = plan_instalments(
        D("1000.00"), D("600.00"), JAN_10, date(2025, 4, 30), Frequency.MONTHLY, "EUR"
    )
    assert plan == [
        Instalment(date(2025, 1, 30), D("100.00")),
        Instalment(date(2025, 2, 28), D("100.00")),
        Instalment(date(2025, 3, 30), D("100.00")),
        Instalment(date(2025, 4, 30), D("100.00")),
    ]


def test_leftover_cents_go_to_the_first_instalments() -> None:
    plan = plan_instalments(D("100.00"), D(0), JAN_10, date(2025, 3, 10), Frequency.MONTHLY, "EUR")
    assert [i.amount for i in plan] == [D("50.00"), D("50.00")]
    plan = plan_instalments(D("100.00"), D(0), JAN_10, date(2025, 4, 10), Frequency.MONTHLY, "EUR")
    assert [i.amount for i in plan] == [D("33.34"), D("33.33"), D("33.33")]


def test_instalments_are_never_rounded_up_to_whole_units() -> None:
    plan = plan_instalments(D("10"), D(0), JAN_10, date(2025, 1, 31), Frequency.WEEKLY, "EUR")
    assert [i.due for i in plan] == [date(2025, 1, 17), date(2025, 1, 24), date(2025, 1, 31)]
    assert [i.amount for i in plan] == [D("3.34"), D("3.33"), D("3.33")]


def test_a_remainder_smaller_than_the_due_dates_leaves_out_zero_instalments() -> None:
    plan = plan_instalments(D("0.02"), D(0), JAN_10, date(2025, 12, 31), Frequency.MONTHLY, "EUR")
    assert plan == [
        Instalment(date(2025, 1, 31), D("0.01")),
        Instalment(date(2025, 2, 28), D("0.01")),
    ]


def test_fortnightly_due_dates_count_back_from_the_deadline() -> None:
    dates = due_dates(JAN_10, date(2025, 2, 14), Frequency.FORTNIGHTLY)
    assert dates == [date(2025, 1, 17), date(2025, 1, 31), date(2025, 2, 14)]


def test_a_due_date_falling_today_is_not_in_the_plan() -> None:
    assert due_dates(JAN_10, date(2025, 1, 17), Frequency.WEEKLY) == [date(2025, 1, 17)]


def test_a_reached_goal_has_an_empty_plan() -> None:
    plan = plan_instalments(D(500), D(600), JAN_10, date(2025, 6, 1), Frequency.WEEKLY, "JPY")
    assert plan == []


def test_a_passed_deadline_asks_for_the_whole_remainder_today() -> None:
    plan = plan_instalments(D(500), D(120), JAN_10, date(2024, 12, 1), Frequency.MONTHLY, "JPY")
    assert plan == [Instalment(JAN_10, D(380))]
    assert plan_instalments(D(500), D(120), JAN_10, JAN_10, Frequency.MONTHLY, "JPY") == plan


@pytest.mark.parametrize(
    ("target", "saved", "field"),
    [(D(0), D(0), "target"), (D(10), D(-1), "saved"), (D("10.001"), D(0), "target")],
)
def test_bad_plan_amounts_name_the_field(target: Decimal, saved: Decimal, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        plan_instalments(target, saved, JAN_10, date(2025, 6, 1), Frequency.MONTHLY, "EUR")
    assert error.value.field == field


@settings(max_examples=200)
@given(
    st.sampled_from(["JPY", "EUR", "KWD"]),
    st.integers(1, 10**12),
    st.integers(0, 10**12),
    st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(-60, 3000),
    st.sampled_from(Frequency),
)
def test_plan_instalments_sum_exactly_to_the_remainder_in_minor_units(
    currency: str, target: int, saved: int, today: date, days: int, frequency: Frequency
) -> None:
    deadline = today + timedelta(days=days)
    plan = plan_instalments(
        from_minor(target, currency),
        from_minor(saved, currency),
        today,
        deadline,
        frequency,
        currency,
    )
    amounts = [to_minor(instalment.amount, currency) for instalment in plan]
    assert sum(amounts) == max(target - saved, 0)
    assert all(amount > 0 for amount in amounts)
    assert amounts == sorted(amounts, reverse=True)
    assert not amounts or amounts[0] - amounts[-1] <= 1
    dates = [instalment.due for instalment in plan]
    assert dates == sorted(set(dates))
    if plan and deadline > today:
        assert all(today < due <= deadline for due in dates)
        if len(plan) == len(due_dates(today, deadline, frequency)):
            assert dates[-1] == deadline


def test_progress_reports_percent_the_next_instalment_and_the_straight_line() -> None:
    progress = goal_progress(
        D(1200),
        D(300),
        date(2025, 1, 1),
        date(2025, 4, 1),
        date(2025, 12, 31),
        Frequency.MONTHLY,
        "EUR",
    )
    assert progress.percent_saved == D("25.0")
    assert progress.remaining == D("900.00")
    assert (progress.required_per_period, progress.periods_left) == (D("100.00"), 9)
    assert progress.expected_saved == D("296.70")  # 1200 * 90 / 364
    assert progress.on_track


def test_saving_below_the_straight_line_is_off_track() -> None:
    progress = goal_progress(
        D(1200),
        D("296.69"),
        date(2025, 1, 1),
        date(2025, 4, 1),
        date(2025, 12, 31),
        Frequency.MONTHLY,
        "EUR",
    )
    assert not progress.on_track


def test_a_reached_goal_needs_nothing_more_and_may_pass_one_hundred_percent() -> None:
    progress = goal_progress(
        D(100),
        D(150),
        date(2025, 1, 1),
        date(2025, 2, 1),
        date(2025, 3, 1),
        Frequency.WEEKLY,
        "EUR",
    )
    assert progress.percent_saved == D("150.0")
    assert (progress.remaining, progress.required_per_period, progress.periods_left) == (
        D("0.00"),
        D("0.00"),
        0,
    )
    assert progress.on_track


def test_after_the_deadline_only_the_full_target_is_on_track() -> None:
    progress = goal_progress(
        D(100), D(99), date(2025, 1, 1), date(2025, 6, 1), date(2025, 3, 1), Frequency.WEEKLY, "JPY"
    )
    assert progress.expected_saved == D(100)
    assert not progress.on_track
    assert progress.periods_left == 1


def test_a_deadline_before_the_creation_date_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        goal_progress(D(1), D(0), JAN_10, JAN_10, date(2025, 1, 9), Frequency.WEEKLY, "EUR")
    assert error.value.field == "deadline"


def test_history_suggests_the_average_amount_and_cadence() -> None:
    history = [
        Contribution(date(2025, 2, 1), D(60)),
        Contribution(date(2025, 1, 1), D(100)),
        Contribution(date(2025, 1, 15), D(50)),
    ]
    suggestion = suggest_from_history(history, D(500), "EUR")
    assert suggestion is not None
    assert suggestion.average_amount == D("70.00")
    assert suggestion.average_interval_days == D("15.5")
    assert suggestion.contributions_needed == 8  # ceil(500 / 70)
    assert suggestion.estimated_completion == date(2025, 2, 1) + timedelta(days=124)


def test_fewer_than_three_contributions_give_no_suggestion() -> None:
    history = [Contribution(JAN_10, D(10)), Contribution(date(2025, 2, 10), D(10))]
    assert suggest_from_history(history, D(100), "EUR") is None


def test_a_suggestion_for_a_reached_goal_needs_no_more_contributions() -> None:
    history = [Contribution(JAN_10, D(10))] * 3
    suggestion = suggest_from_history(history, D(0), "EUR")
    assert suggestion is not None
    assert (suggestion.average_interval_days, suggestion.contributions_needed) == (D("0.0"), 0)
    assert suggestion.estimated_completion == JAN_10


def test_withdrawals_that_cancel_contributions_give_no_completion_date() -> None:
    history = [
        Contribution(JAN_10, D(10)),
        Contribution(JAN_10, D(-10)),
        Contribution(JAN_10, D(0)),
    ]
    suggestion = suggest_from_history(history, D(100), "EUR")
    assert suggestion is not None
    assert (suggestion.contributions_needed, suggestion.estimated_completion) == (None, None)


@pytest.mark.parametrize(
    ("previous", "new", "reached"),
    [
        (D(0), D(24), []),
        (D(0), D(25), [25]),
        (D(20), D(60), [25, 50]),
        (D(0), D(100), [25, 50, 75, 100]),
        (D(25), D(30), []),
        (D(99), D(500), [100]),
        (D(80), D(10), []),
    ],
)
def test_milestones_reports_each_newly_crossed_quarter(
    previous: Decimal, new: Decimal, reached: list[int]
) -> None:
    assert milestones_reached(previous, new, D(100)) == reached


def test_milestones_need_a_positive_target() -> None:
    with pytest.raises(ValidationError) as error:
        milestones_reached(D(0), D(1), D(0))
    assert error.value.field == "target"


@settings(max_examples=100)
@given(st.integers(1, 10**6), st.lists(st.integers(0, 2 * 10**6), min_size=1, max_size=10))
def test_milestones_along_any_path_of_increases_are_each_reported_once(
    target: int, savings: list[int]
) -> None:
    path = [0, *sorted(savings)]
    seen = [
        milestone
        for before, after in pairwise(path)
        for milestone in milestones_reached(D(before), D(after), D(target))
    ]
    assert seen == [m for m in (25, 50, 75, 100) if path[-1] * 100 >= target * m]
