"""Use cases of savings goals: add, list, show, edit, cancel, remove, resolve by name.

Each use case that changes a goal commits; `goals/steps.py` holds the changes that do not
(for callers that commit themselves). Money moving in and out of a goal is in
`goals/contributions.py`; what a goal's figures mean (status, plan, pace) is in
`goals/progress.py`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.goals import parse, progress, steps
from fopymes_server.goals.parse import (
    checked_deadline,
    checked_name,
    expense_category_id,
    target_minor,
)
from fopymes_server.goals.repository import GoalRow
from fopymes_server.goals.rules import milestones_reached
from fopymes_server.goals.schemas import (
    GoalCreate,
    GoalDetail,
    GoalOut,
    GoalUpdate,
    MilestoneOut,
)
from fopymes_server.goals.stored import find


def list_goals(uow: UnitOfWork, principal: Principal) -> list[GoalOut]:
    """Every goal of the workspace by name, with its saved sum; any member may read."""
    return [progress.goal_out(row) for row in uow.goals.list_goals(principal.workspace_id)]


def show(uow: UnitOfWork, principal: Principal, ref: str | int) -> GoalDetail:
    """A goal with its plan, pace, suggestion, milestones and contributions, all recomputed
    from the current state. Raises NotFoundError as `find` does."""
    row = find(uow, principal, ref)
    history = uow.goals.contributions(principal.workspace_id, row.id)
    plan, pace = progress.plan_and_pace(row, uow.clock.today())
    return GoalDetail(
        goal=progress.goal_out(row),
        plan=plan,
        pace=pace,
        suggestion=progress.suggestion(row, history),
        milestones=[
            MilestoneOut(milestone=m, reached_on=day)
            for m, day in uow.goals.milestones(principal.workspace_id, row.id)
        ],
        history=[progress.contribution_out(c, row.currency) for c in history],
    )


def add(uow: UnitOfWork, principal: Principal, *, data: GoalCreate) -> GoalOut:
    """Create an active goal owned by the principal and commit (`steps.add`)."""
    created = steps.add(uow, principal, data=data)
    uow.commit()
    return created


def record_milestones(uow: UnitOfWork, principal: Principal, row: GoalRow, on: date) -> list[int]:
    """Record, once each, the milestones the goal's saved sum has reached (caller commits).

    Each new milestone becomes a `goal_milestones` row (unique per goal and milestone) and a
    `goal.milestone` event with the milestone in its payload. Returns the new ones.
    """
    target = from_minor(row.target_minor, row.currency)
    saved = from_minor(row.saved_minor, row.currency)
    already = {m for m, _ in uow.goals.milestones(principal.workspace_id, row.id)}
    fresh = [m for m in milestones_reached(Decimal(0), saved, target) if m not in already]
    for milestone in fresh:
        uow.goals.add_milestone(principal.workspace_id, row.id, milestone, on, uow.clock.now())
        events.record(
            uow,
            principal,
            "goal.milestone",
            entity_id=row.id,
            payload={
                "milestone": milestone,
                "goal": row.name,
                "saved": str(saved),
                "target": str(target),
                "currency": row.currency,
            },
        )
    return fresh


def edit(uow: UnitOfWork, principal: Principal, ref: str | int, *, changes: GoalUpdate) -> GoalOut:
    """Change a goal's name, target, deadline, frequency, category or savings account.

    Lowering the target can reach milestones, which are then recorded. Raises what `add`
    raises for each field, NotFoundError for an unknown goal, and ValidationError when
    nothing is to change.
    """
    principal.require_write()
    row = find(uow, principal, ref)
    today = uow.clock.today()
    values: dict[str, Any] = {}
    if changes.name is not None:
        values["name"] = checked_name(uow, principal, changes.name, row.id)
    if changes.target is not None:
        values["target_minor"] = target_minor(changes.target, row.currency)
    if changes.clear_deadline:
        values["deadline"] = None
    elif changes.deadline is not None:
        values["deadline"] = checked_deadline(changes.deadline, today, row.start_date)
    if changes.frequency is not None:
        values["frequency"] = progress.parse_frequency(changes.frequency).value
    if changes.clear_category:
        values["category_id"] = None
    elif changes.category is not None:
        values["category_id"] = expense_category_id(uow, principal, changes.category)
    if changes.account is not None:
        values["account_id"] = parse.savings_account_id(
            uow, principal, changes.account, row.currency
        )
    if not values:
        raise ValidationError("changes", "nothing to change")
    uow.goals.update(principal.workspace_id, row.id, {**values, "updated_at": uow.clock.now()})
    events.record(uow, principal, "goal.updated", entity_id=row.id)
    updated = find(uow, principal, row.id)
    if updated.cancelled_at is None:
        record_milestones(uow, principal, updated, today)
    uow.commit()
    return progress.goal_out(updated)


def cancel(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, restore: bool = False
) -> GoalOut:
    """Cancel a goal or make it active again, and commit (`steps.cancel`)."""
    result = steps.cancel(uow, principal, ref, restore=restore)
    uow.commit()
    return result


def remove(uow: UnitOfWork, principal: Principal, ref: str | int) -> GoalOut:
    """Delete a goal with its contributions and milestones; returns what it was.

    The transfers its contributions recorded stay, and so does its savings account with
    its balance: that money really moved. Raises PermissionDeniedError for viewers and
    NotFoundError for an unknown goal.
    """
    principal.require_write()
    row = find(uow, principal, ref)
    uow.goals.lock(principal.workspace_id, row.id)
    uow.goals.delete(principal.workspace_id, row.id)
    events.record(uow, principal, "goal.deleted", entity_id=row.id)
    uow.commit()
    return progress.goal_out(row)
