"""Steps of savings goals that change them and never commit: the caller's unit of work does.

`service.add`/`service.cancel` wrap them with a commit; an idempotent POST runs them inside
the request's unit of work, which commits the change with the stored response once.
"""

from __future__ import annotations

from datetime import date

from fopymes_server.accounts import naming
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountOut, AccountType
from fopymes_server.core.money import normalise_currency
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.goals import parse, progress
from fopymes_server.goals.repository import GoalRow
from fopymes_server.goals.schemas import GoalCreate, GoalOut
from fopymes_server.goals.stored import find
from fopymes_server.identity import service as identity


def add(uow: UnitOfWork, principal: Principal, *, data: GoalCreate) -> GoalOut:
    """Create an active goal owned by the principal, starting today.

    Raises PermissionDeniedError for viewers; ValidationError for an empty or numeric
    name, a bad target (not positive, too many decimals), an unknown currency, a deadline
    in the past, a frequency other than week/fortnight/month, a category that is not an
    active expense category, or an account that is not an open asset in the goal's
    currency; NotFoundError for an unknown category or account; ConflictError for a name
    already used in the workspace (any case).
    """
    principal.require_write()
    workspace = identity.current_workspace(uow, principal)
    currency = normalise_currency(data.currency or workspace.currency)
    today = uow.clock.today()
    now = uow.clock.now()
    goal_id = uow.goals.add(
        principal.workspace_id,
        {
            "name": parse.checked_name(uow, principal, data.name, None),
            "target_minor": parse.target_minor(data.target, currency),
            "currency": currency,
            "deadline": parse.checked_deadline(data.deadline, today, today)
            if data.deadline
            else None,
            "frequency": progress.parse_frequency(data.frequency).value,
            "category_id": parse.expense_category_id(uow, principal, data.category)
            if data.category is not None
            else None,
            "account_id": parse.savings_account_id(uow, principal, data.account, currency)
            if data.account is not None
            else None,
            "owner_id": principal.user_id,
            "start_date": today,
            "created_at": now,
            "updated_at": now,
        },
    )
    events.record(uow, principal, "goal.created", entity_id=goal_id)
    row = find(uow, principal, goal_id)
    if data.open_account and data.account is None:
        savings_account(uow, principal, row)
        row = find(uow, principal, goal_id)
    return progress.goal_out(row)


def savings_account(
    uow: UnitOfWork, principal: Principal, row: GoalRow, *, on: date | None = None
) -> AccountOut:
    """The goal's savings account, opened as "<goal> savings" (at 0 on `on`, today by
    default) if it has none."""
    if row.account_id is not None:
        return accounts.resolve(uow, principal, row.account_id)
    opened = accounts.open_named(
        uow,
        principal,
        naming.goal_account(row.name),
        row.id,
        type=AccountType.SAVINGS,
        currency=row.currency,
        opening_minor=0,
        opening_date=on or uow.clock.today(),
    )
    uow.goals.update(
        principal.workspace_id, row.id, {"account_id": opened.id, "updated_at": uow.clock.now()}
    )
    return opened


def cancel(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, restore: bool = False
) -> GoalOut:
    """Cancel a goal (its contributions and history stay), or make it active again.

    Raises PermissionDeniedError for viewers and NotFoundError for an unknown goal.
    """
    principal.require_write()
    row = find(uow, principal, ref)
    now = uow.clock.now()
    uow.goals.update(
        principal.workspace_id,
        row.id,
        {"cancelled_at": None if restore else now, "updated_at": now},
    )
    events.record(
        uow, principal, "goal.restored" if restore else "goal.cancelled", entity_id=row.id
    )
    return progress.goal_out(find(uow, principal, row.id))
