"""How a goal reads at a moment: status, percent, plan, pace and suggestion.

Recomputed from the current saved sum every time a goal is shown (nothing here is stored),
with the pure rules of `goals/rules.py`. Called by `goals/service.py` and
`goals/contributions.py`.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor
from fopymes_server.goals.repository import ContributionRow, GoalRow
from fopymes_server.goals.rules import (
    Contribution,
    Frequency,
    goal_progress,
    plan_instalments,
    suggest_from_history,
)
from fopymes_server.goals.schemas import (
    ContributionOut,
    GoalOut,
    GoalStatus,
    InstalmentOut,
    PaceOut,
    SuggestionOut,
)

_FREQUENCY_WORDS = {
    "week": Frequency.WEEKLY,
    "weekly": Frequency.WEEKLY,
    "fortnight": Frequency.FORTNIGHTLY,
    "fortnightly": Frequency.FORTNIGHTLY,
    "month": Frequency.MONTHLY,
    "monthly": Frequency.MONTHLY,
}


def parse_frequency(text: str) -> Frequency:
    """`week`, `fortnight`, `month` (or weekly, fortnightly, monthly), any case.

    Raises ValidationError("frequency") for anything else.
    """
    try:
        return _FREQUENCY_WORDS[text.strip().lower()]
    except KeyError:
        raise ValidationError(
            "frequency", f"'{text}' is not a frequency (use week, fortnight or month)"
        ) from None


def status_of(row: GoalRow) -> GoalStatus:
    """Cancelled when cancelled; achieved once the contributions reach the target."""
    if row.cancelled_at is not None:
        return GoalStatus.CANCELLED
    return GoalStatus.ACHIEVED if row.saved_minor >= row.target_minor else GoalStatus.ACTIVE


def goal_out(row: GoalRow) -> GoalOut:
    target = from_minor(row.target_minor, row.currency)
    saved = from_minor(row.saved_minor, row.currency)
    return GoalOut(
        id=row.id,
        name=row.name,
        status=status_of(row),
        target=target,
        saved=saved,
        remaining=max(target - saved, from_minor(0, row.currency)),
        percent_saved=(saved * 100 / target).quantize(Decimal("0.1"), ROUND_HALF_UP),
        currency=row.currency,
        deadline=row.deadline,
        frequency=row.frequency,
        category_id=row.category_id,
        category=row.category,
        account_id=row.account_id,
        account=row.account,
        owner_id=row.owner_id,
        owner=row.owner,
        start_date=row.start_date,
        contributions=row.contributions,
        created_at=row.created_at,
    )


def contribution_out(row: ContributionRow, currency: str) -> ContributionOut:
    return ContributionOut(
        id=row.id,
        date=row.date,
        amount=from_minor(row.amount_minor, currency),
        note=row.note,
        transaction_id=row.transaction_id,
        created_by=row.created_by,
    )


def plan_and_pace(row: GoalRow, today: date) -> tuple[list[InstalmentOut], PaceOut | None]:
    """The instalments from today to the deadline and the pace check; none without a
    deadline or once the goal is cancelled."""
    if row.deadline is None or row.cancelled_at is not None:
        return [], None
    target = from_minor(row.target_minor, row.currency)
    saved = from_minor(max(row.saved_minor, 0), row.currency)
    frequency = Frequency(row.frequency)
    plan = plan_instalments(target, saved, today, row.deadline, frequency, row.currency)
    progress = goal_progress(
        target, saved, row.start_date, today, row.deadline, frequency, row.currency
    )
    pace = PaceOut(
        required_per_period=progress.required_per_period,
        periods_left=progress.periods_left,
        expected_saved=progress.expected_saved,
        on_track=progress.on_track,
    )
    return [InstalmentOut(due=i.due, amount=i.amount) for i in plan], pace


def suggestion(row: GoalRow, history: list[ContributionRow]) -> SuggestionOut | None:
    """Average amount and cadence of the contributions (withdrawals left out), from three."""
    paid_in = [
        Contribution(c.date, from_minor(c.amount_minor, row.currency))
        for c in history
        if c.amount_minor > 0
    ]
    remaining = from_minor(max(row.target_minor - row.saved_minor, 0), row.currency)
    found = suggest_from_history(paid_in, remaining, row.currency)
    if found is None:
        return None
    return SuggestionOut(
        average_amount=found.average_amount,
        average_interval_days=found.average_interval_days,
        contributions_needed=found.contributions_needed,
        estimated_completion=found.estimated_completion,
    )
