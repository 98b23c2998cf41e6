"""Pure rules of notifications: their types, dedupe keys, goal milestones and debt tiers.

A dedupe key names (rule, subject, period, threshold); the notifications table keeps it
unique per person, so a rule that runs every minute still says each thing once. Which of a
budget's thresholds were crossed is the budget's own rule (`budgets/rules.py`), read from
its status; milestones are evaluated as sets too: a jump from 10 % to 80 % of a goal
reaches 25, 50 and 75 % at once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Final

from fopymes_server.core.errors import ValidationError


class NotificationType(StrEnum):
    """Every kind of notification; the values are stored and used in preferences."""

    BUDGET_THRESHOLD = "budget.threshold"
    BUDGET_EXCEEDED = "budget.exceeded"
    GOAL_MILESTONE = "goal.milestone"
    GOAL_BEHIND = "goal.behind"
    GOAL_DEADLINE = "goal.deadline"
    DEBT_DUE = "debt.due"
    DEBT_OVERDUE = "debt.overdue"
    SCHEDULE_POSTED = "schedule.posted"
    SCHEDULE_REMINDER = "schedule.reminder"
    SCHEDULE_PAUSED = "schedule.paused"
    MONTHLY_SUMMARY = "summary.monthly"


GOAL_MILESTONES: Final = (25, 50, 75, 100)
DEBT_DUE_DAYS: Final = (7, 3, 1)


def dedupe_key(
    type: NotificationType, subject: int | str, period: str = "", threshold: str = ""
) -> str:
    """The stable key of one notification: `type:subject[:period][:threshold]`."""
    parts = [type.value, str(subject)]
    if period:
        parts.append(period)
    if threshold:
        parts.append(threshold)
    return ":".join(parts)


def parse_types(text: str) -> frozenset[NotificationType]:
    """Parse a comma-separated list of types ("all" and "none" included).

    Raises ValidationError naming `email` with the valid choices for an unknown type.
    """
    words = {w.strip().lower() for w in text.split(",") if w.strip()}
    if words == {"all"}:
        return frozenset(NotificationType)
    if words <= {"none"}:
        return frozenset()
    valid = {t.value: t for t in NotificationType}
    unknown = sorted(words - set(valid))
    if unknown:
        raise ValidationError(
            "email",
            f"unknown notification type {', '.join(unknown)}",
            hint="choose from: " + ", ".join(valid) + " (or all, none)",
        )
    return frozenset(valid[w] for w in words)


def reached_milestones(saved: Decimal, target: Decimal) -> list[int]:
    """The goal milestones (25/50/75/100 %) that `saved` has reached, lowest first; none
    for a goal without a positive target."""
    if target <= 0:
        return []
    return [m for m in sorted(GOAL_MILESTONES) if saved * 100 >= target * m]


def debt_due_tier(due: date, today: date) -> int | None:
    """The reminder tier (7, 3 or 1 days before) a debt due on `due` is in, if any.

    Only the tightest tier applies, so a scheduler that was down for a week sends "due in
    1 day" rather than three reminders at once. None when the due date is further away
    than 7 days, today, or past (overdue has its own rule).
    """
    days = (due - today).days
    if days < 1:
        return None
    tiers = [t for t in DEBT_DUE_DAYS if days <= t]
    return min(tiers) if tiers else None


def overdue_week(due: date, today: date) -> int | None:
    """Which week of being overdue `today` is in (0 from the day after `due`), else None.

    The overdue notification is keyed by this number, so it repeats once a week and never
    more often, however often the rule runs.
    """
    days = (today - due).days
    return None if days < 1 else (days - 1) // 7
