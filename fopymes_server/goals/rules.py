"""Savings-goal rules: contribution plans, progress, pace suggestions and milestones.

Pure functions called by `goals/service.py` (and the reminder job through it). Amounts are
split in integer minor units of the goal's currency, so a plan always adds up to the cent
(or yen, or fils) to what is left to save.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from fopymes_server.core.dates import add_months
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import exponent, from_minor, parse_amount, to_minor

MILESTONES = (25, 50, 75, 100)
MIN_CONTRIBUTIONS_FOR_SUGGESTION = 3


class Frequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"


@dataclass(frozen=True, slots=True)
class Instalment:
    due: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Contribution:
    day: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class GoalProgress:
    """How far a goal is and whether its pace is enough.

    `percent_saved` has one decimal and may exceed 100. `required_per_period` is the largest
    instalment of the plan from today (0 once reached) and `periods_left` its length.
    `expected_saved` is the straight line from creation (0) to deadline (target) on today.
    """

    percent_saved: Decimal
    remaining: Decimal
    required_per_period: Decimal
    periods_left: int
    expected_saved: Decimal
    on_track: bool


@dataclass(frozen=True, slots=True)
class ContributionSuggestion:
    """The pace of past contributions and where it leads.

    `contributions_needed` and `estimated_completion` are None when the average amount is
    not positive; the completion date is the last contribution plus that many average
    intervals (rounded to whole days).
    """

    average_amount: Decimal
    average_interval_days: Decimal
    contributions_needed: int | None
    estimated_completion: date | None


def _minor(amount: Decimal, currency: str, field: str, *, allow_zero: bool = True) -> int:
    """Integer minor units of a non-negative amount; ValidationError naming `field` if it
    is negative, too precise for the currency or too large."""
    return to_minor(parse_amount(amount, currency, field=field, allow_zero=allow_zero), currency)


def due_dates(today: date, deadline: date, frequency: Frequency) -> list[date]:
    """Due dates counted back from the deadline, strictly after today, ascending.

    The last due date is the deadline itself; the others are whole weeks, fortnights or
    months before it (monthly dates keep the deadline's day, clamped: a deadline on the 31st
    gives Feb 28/29). When the deadline is today or already passed there is one due date:
    today, since whatever is left is due now.
    """
    if deadline <= today:
        return [today]
    dates: list[date] = []
    step = 0
    while True:
        if frequency is Frequency.MONTHLY:
            due = add_months(deadline, -step)
        else:
            due = deadline - timedelta(
                weeks=step * (2 if frequency is Frequency.FORTNIGHTLY else 1)
            )
        if due <= today:
            return dates[::-1]
        dates.append(due)
        step += 1


def plan_instalments(
    target: Decimal,
    saved: Decimal,
    today: date,
    deadline: date,
    frequency: Frequency,
    currency: str,
) -> list[Instalment]:
    """The instalments that take `saved` to exactly `target` by the deadline.

    The remainder is split in minor units over `due_dates(...)`: every instalment gets the
    floor share and the leftover units go one each to the first instalments, so the amounts
    sum exactly to the remainder and never differ by more than one minor unit. Instalments
    that would be zero (a remainder smaller than the number of due dates) are left out. An
    already reached goal gives an empty plan; a passed deadline gives one instalment of the
    whole remainder today.

    Raises ValidationError for a target that is not positive, a negative saved amount, or
    amounts with more decimals than the currency has.
    """
    remainder = _minor(target, currency, "target", allow_zero=False) - _minor(
        saved, currency, "saved"
    )
    if remainder <= 0:
        return []
    dates = due_dates(today, deadline, frequency)
    share, extra = divmod(remainder, len(dates))
    plan = [
        Instalment(due, from_minor(share + (1 if index < extra else 0), currency))
        for index, due in enumerate(dates)
    ]
    return [instalment for instalment in plan if instalment.amount > 0]


def goal_progress(
    target: Decimal,
    saved: Decimal,
    created: date,
    today: date,
    deadline: date,
    frequency: Frequency,
    currency: str,
) -> GoalProgress:
    """Percent saved, what each remaining period needs, and the straight-line check.

    The goal is on track when `saved` is at least the straight line from 0 on `created` to
    `target` on `deadline`, evaluated on `today` and compared exactly (the shown
    `expected_saved` is rounded half-up to the minor unit). Raises ValidationError
    ("deadline") when the deadline is before the creation date, and the errors of
    `plan_instalments` for bad amounts.
    """
    if deadline < created:
        raise ValidationError("deadline", f"{deadline} is before the goal's creation {created}")
    plan = plan_instalments(target, saved, today, deadline, frequency, currency)
    total_days = (deadline - created).days
    elapsed = min(max((today - created).days, 0), total_days)
    expected = target if total_days == 0 else target * elapsed / total_days
    on_track = saved * total_days >= target * elapsed if total_days else saved >= target
    quantum = Decimal(1).scaleb(-exponent(currency))
    return GoalProgress(
        percent_saved=(saved * 100 / target).quantize(Decimal("0.1"), ROUND_HALF_UP),
        remaining=max(target - saved, Decimal(0)).quantize(quantum),
        required_per_period=plan[0].amount if plan else from_minor(0, currency),
        periods_left=len(plan),
        expected_saved=expected.quantize(quantum, ROUND_HALF_UP),
        on_track=on_track,
    )


def suggest_from_history(
    contributions: Sequence[Contribution], remaining: Decimal, currency: str
) -> ContributionSuggestion | None:
    """Average amount and cadence of past contributions, or None with fewer than three.

    The average amount is rounded half-up to the minor unit; the average interval is
    (last date - first date) / (count - 1) days with one decimal. Contributions may be given
    in any order.
    """
    if len(contributions) < MIN_CONTRIBUTIONS_FOR_SUGGESTION:
        return None
    ordered = sorted(contributions, key=lambda contribution: contribution.day)
    quantum = Decimal(1).scaleb(-exponent(currency))
    total = sum((contribution.amount for contribution in ordered), Decimal(0))
    average = (total / len(ordered)).quantize(quantum, ROUND_HALF_UP)
    span = (ordered[-1].day - ordered[0].day).days
    interval = (Decimal(span) / (len(ordered) - 1)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if average <= 0:
        return ContributionSuggestion(average, interval, None, None)
    left = _minor(max(remaining, Decimal(0)), currency, "remaining")
    needed = -(-left // to_minor(average, currency))  # ceiling division on integers
    days = (interval * needed).to_integral_value(ROUND_HALF_UP)
    completion = ordered[-1].day + timedelta(days=int(days))
    return ContributionSuggestion(average, interval, needed, completion)


def milestones_reached(previous_saved: Decimal, new_saved: Decimal, target: Decimal) -> list[int]:
    """Milestones (25, 50, 75, 100 percent) crossed going from `previous_saved` to `new_saved`.

    A milestone m is crossed when previous < m% of target <= new, compared exactly, so a jump
    past several returns all of them in order and a withdrawal returns none. Raises
    ValidationError("target") when the target is not positive.
    """
    if target <= 0:
        raise ValidationError("target", "must be greater than zero")
    return [m for m in MILESTONES if previous_saved * 100 < target * m <= new_saved * 100]
