"""Pure notification rules: milestones as sets, debt tiers, overdue weeks, type lists."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.core.errors import ValidationError
from fopymes_server.notifications.rules import (
    NotificationType,
    debt_due_tier,
    dedupe_key,
    overdue_week,
    parse_types,
    reached_milestones,
)


def test_goal_milestones_are_quarters() -> None:
    assert reached_milestones(Decimal("500"), Decimal("1000")) == [25, 50]
    assert reached_milestones(Decimal("1000"), Decimal("1000")) == [25, 50, 75, 100]
    assert reached_milestones(Decimal("5"), Decimal("0")) == []


def test_debt_reminders_use_the_tightest_tier_only() -> None:
    due = date(2026, 6, 10)
    assert [debt_due_tier(due, due - timedelta(days=d)) for d in (9, 8, 7, 4, 3, 2, 1, 0, -1)] == [
        None,
        None,
        7,
        7,
        3,
        3,
        1,
        None,
        None,
    ]


@given(st.integers(min_value=-30, max_value=400))
def test_overdue_weeks_repeat_exactly_every_seven_days(days_late: int) -> None:
    due = date(2026, 1, 1)
    week = overdue_week(due, due + timedelta(days=days_late))
    if days_late < 1:
        assert week is None
    else:
        assert week == (days_late - 1) // 7
        assert overdue_week(due, due + timedelta(days=days_late + 7)) == week + 1


def test_dedupe_keys_name_subject_period_and_threshold() -> None:
    key = dedupe_key(NotificationType.BUDGET_THRESHOLD, 7, "2026-05", "80")
    assert key == "budget.threshold:7:2026-05:80"
    assert dedupe_key(NotificationType.SCHEDULE_POSTED, 3) == "schedule.posted:3"


def test_type_lists_accept_all_none_and_known_names_only() -> None:
    assert parse_types("all") == frozenset(NotificationType)
    assert parse_types("none") == frozenset()
    assert parse_types(" budget.exceeded , debt.overdue") == {
        NotificationType.BUDGET_EXCEEDED,
        NotificationType.DEBT_OVERDUE,
    }
    with pytest.raises(ValidationError, match=r"budget\.exeeded"):
        parse_types("budget.exeeded")
