"""Alert rules over budgets, goals and debts: read their services, notify once per key.

The figures are the features' own (budget status with its crossed thresholds, goal pace
and recorded milestones, debt balance and status); nothing is recomputed here. Each rule
acts for the workspace's longest-standing owner and tells the people who can act on it
(owners and editors; a goal's own saver). Dedupe keys make every run after the first a
no-op until something new happens: another threshold, another period, another week late.
"""

from __future__ import annotations

from datetime import date

from fopymes_server.budgets import status as budgets
from fopymes_server.core.money import format_money
from fopymes_server.core.principal import Principal, Role
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.debts import service as debts
from fopymes_server.debts.rules import DebtStatus
from fopymes_server.debts.schemas import DebtOut, Direction
from fopymes_server.events import service as events
from fopymes_server.goals import service as goals
from fopymes_server.goals.schemas import GoalStatus
from fopymes_server.identity.acting import member_ids, workspace_owner
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.rules import (
    NotificationType,
    debt_due_tier,
    dedupe_key,
    overdue_week,
)
from fopymes_server.notifications.schemas import NotificationDraft

DEADLINE_WARNING_DAYS = 7
_ACTORS = (Role.OWNER, Role.EDITOR)


def _raise(
    uow: UnitOfWork,
    actor: Principal,
    recipients: list[int],
    draft: NotificationDraft,
    *,
    event: bool = True,
) -> int:
    created = notifications.notify(uow, actor, recipients=recipients, draft=draft)
    if created and event:
        events.record(
            uow, actor, draft.type, entity_id=draft.entity_id, payload={"key": draft.dedupe_key}
        )
    return created


def evaluate(uow: UnitOfWork, workspace_id: int, today: date) -> int:
    """Run every alert rule for one workspace on `today`; commits; returns new notifications.

    A workspace without an owner (cannot happen through the services) is skipped.
    """
    actor = workspace_owner(uow, workspace_id)
    if actor is None:
        return 0
    people = member_ids(uow, workspace_id, roles=_ACTORS)
    created = _budgets(uow, actor, people, today) + _goals(uow, actor, today)
    created += _debts(uow, actor, people, today)
    uow.commit()
    return created


def _budgets(uow: UnitOfWork, actor: Principal, people: list[int], today: date) -> int:
    created = 0
    for status in budgets.status(uow, actor, on=today):
        period = status.period_start.isoformat()
        spent = format_money(status.spent, status.currency)
        limit = format_money(status.limit, status.currency)
        for threshold in status.alerts_crossed:
            draft = NotificationDraft(
                type=NotificationType.BUDGET_THRESHOLD.value,
                title=f"Budget {status.category}: {threshold} % used",
                body=f"{spent} of {limit} spent in the period from {period} "
                f"to {status.period_end.isoformat()}.",
                dedupe_key=dedupe_key(
                    NotificationType.BUDGET_THRESHOLD, status.budget_id, period, str(threshold)
                ),
                entity_type="budget",
                entity_id=status.budget_id,
            )
            created += _raise(uow, actor, people, draft)
        if status.spent > status.limit:
            over = format_money(status.spent - status.limit, status.currency)
            draft = NotificationDraft(
                type=NotificationType.BUDGET_EXCEEDED.value,
                title=f"Budget {status.category} exceeded",
                body=f"{spent} spent against a limit of {limit}: {over} over, "
                f"with {status.days_left} days of the period left.",
                dedupe_key=dedupe_key(NotificationType.BUDGET_EXCEEDED, status.budget_id, period),
                entity_type="budget",
                entity_id=status.budget_id,
            )
            created += _raise(uow, actor, people, draft)
    return created


def _goals(uow: UnitOfWork, actor: Principal, today: date) -> int:
    created = 0
    for goal in goals.list_goals(uow, actor):
        if goal.status is GoalStatus.CANCELLED:
            continue
        saver = [goal.owner_id] if uow.identity.role_of(actor.workspace_id, goal.owner_id) else []
        recipients = saver or [actor.user_id]
        detail = goals.show(uow, actor, goal.id)
        saved = format_money(goal.saved, goal.currency)
        target = format_money(goal.target, goal.currency)
        for milestone in detail.milestones:
            draft = NotificationDraft(
                type=NotificationType.GOAL_MILESTONE.value,
                title=f"Goal {goal.name}: {milestone.milestone} % saved",
                body=f"{saved} of {target} saved (reached on {milestone.reached_on}).",
                dedupe_key=dedupe_key(
                    NotificationType.GOAL_MILESTONE, goal.id, threshold=str(milestone.milestone)
                ),
                entity_type="goal",
                entity_id=goal.id,
            )
            created += _raise(uow, actor, recipients, draft, event=False)
        if goal.status is not GoalStatus.ACTIVE:
            continue
        if detail.pace is not None and not detail.pace.on_track:
            expected = format_money(detail.pace.expected_saved, goal.currency)
            per = format_money(detail.pace.required_per_period, goal.currency)
            draft = NotificationDraft(
                type=NotificationType.GOAL_BEHIND.value,
                title=f"Goal {goal.name} is behind its plan",
                body=f"{saved} saved where the plan expects {expected} by now; "
                f"{per} per {goal.frequency} reaches {target} in time.",
                dedupe_key=dedupe_key(
                    NotificationType.GOAL_BEHIND, goal.id, today.strftime("%Y-%m")
                ),
                entity_type="goal",
                entity_id=goal.id,
            )
            created += _raise(uow, actor, recipients, draft)
        if goal.deadline and 0 <= (goal.deadline - today).days <= DEADLINE_WARNING_DAYS:
            days = (goal.deadline - today).days
            draft = NotificationDraft(
                type=NotificationType.GOAL_DEADLINE.value,
                title=f"Goal {goal.name}: deadline in {days} days",
                body=f"{saved} of {target} saved; {format_money(goal.remaining, goal.currency)} "
                f"still to go by {goal.deadline}.",
                dedupe_key=dedupe_key(
                    NotificationType.GOAL_DEADLINE, goal.id, goal.deadline.isoformat()
                ),
                entity_type="goal",
                entity_id=goal.id,
            )
            created += _raise(uow, actor, recipients, draft)
    return created


def _who(debt: DebtOut) -> str:
    """`Marta owes you 120.00 EUR (sofa)`; without a description, no empty brackets."""
    balance = format_money(debt.balance, debt.currency)
    what = f" ({debt.description.strip()})" if debt.description.strip() else ""
    if debt.direction is Direction.I_OWE:
        return f"You owe {debt.contact} {balance}{what}"
    return f"{debt.contact} owes you {balance}{what}"


def _debts(uow: UnitOfWork, actor: Principal, people: list[int], today: date) -> int:
    created = 0
    for debt in debts.list_debts(uow, actor, open_only=True).items:
        if debt.due_date is None or debt.balance <= 0:
            continue
        tier = debt_due_tier(debt.due_date, today)
        if tier is not None:
            draft = NotificationDraft(
                type=NotificationType.DEBT_DUE.value,
                title=f"Debt with {debt.contact} due in {tier} day{'s' if tier > 1 else ''}",
                body=f"{_who(debt)}, due on {debt.due_date}.",
                dedupe_key=dedupe_key(
                    NotificationType.DEBT_DUE, debt.id, debt.due_date.isoformat(), str(tier)
                ),
                entity_type="debt",
                entity_id=debt.id,
            )
            created += _raise(uow, actor, people, draft)
        week = overdue_week(debt.due_date, today)
        if week is not None and debt.status is DebtStatus.OVERDUE:
            late = (today - debt.due_date).days
            draft = NotificationDraft(
                type=NotificationType.DEBT_OVERDUE.value,
                title=f"Debt with {debt.contact} is overdue",
                body=f"{_who(debt)}, due on {debt.due_date}: {late} days late.",
                dedupe_key=dedupe_key(
                    NotificationType.DEBT_OVERDUE, debt.id, debt.due_date.isoformat(), f"w{week}"
                ),
                entity_type="debt",
                entity_id=debt.id,
            )
            created += _raise(uow, actor, people, draft)
    return created
