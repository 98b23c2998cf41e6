"""Money into and out of a savings goal, in one unit of work with everything it implies.

A contribution (or withdrawal) may also record the transfer that moved the money from (or
back to) an account: into the goal's savings account, opened on the first one if the goal
has none. A transfer is never income or expense, so budgets and spending totals leave it
out by its kind. The row, the transfer, the milestones reached and their events commit
together or not at all.
"""

from __future__ import annotations

from fopymes_server.accounts import service as accounts
from fopymes_server.core.dates import parse_date
from fopymes_server.core.errors import RuleViolationError
from fopymes_server.core.money import format_money, from_minor, parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.goals import progress, steps
from fopymes_server.goals.repository import GoalRow
from fopymes_server.goals.schemas import ContributionCreate, ContributionRecorded
from fopymes_server.goals.service import record_milestones
from fopymes_server.goals.stored import find
from fopymes_server.transactions import steps as transactions


def contribute(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, data: ContributionCreate
) -> ContributionRecorded:
    """Add money to a goal; with an account, also record the transfer from it to the goal's
    savings account.

    Milestones (25/50/75/100 %) reached for the first time are recorded as events.
    Raises PermissionDeniedError for viewers; NotFoundError for an unknown goal or payment
    method; ValidationError for a bad amount (not positive, too many decimals for the goal's
    currency), a bad date or an archived method; RuleViolationError for a cancelled goal.
    """
    return _move(uow, principal, ref, data, sign=1)


def withdraw(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, data: ContributionCreate
) -> ContributionRecorded:
    """Take money out of a goal (a negative contribution); with an account, also record the
    transfer from the goal's savings account back to it. Raises what `contribute` raises,
    and RuleViolationError when the amount is more than the goal holds."""
    return _move(uow, principal, ref, data, sign=-1)


def _transaction_id(
    uow: UnitOfWork, principal: Principal, row: GoalRow, data: ContributionCreate, sign: int
) -> int | None:
    """Record the transfer between the account and the goal's savings account without
    committing (None without an account): into savings for a contribution, back out of it
    for a withdrawal."""
    if data.payment_method is None:
        return None
    account = accounts.resolve(uow, principal, data.payment_method, field="payment_method")
    accounts.require_currency(account, row.currency, field="payment method", owner="goal")
    day = parse_date(data.date, uow.clock.today())
    savings = steps.savings_account(uow, principal, row, on=day)
    source, target = (account, savings) if sign > 0 else (savings, account)
    amount_minor = to_minor(parse_amount(data.amount, row.currency), row.currency)
    return transactions.add_transfer(
        uow,
        principal,
        source=source,
        target=target,
        amount_minor=amount_minor,
        counter_minor=amount_minor,
        day=day,
        description=f"{'Savings' if sign > 0 else 'From savings'}: {row.name}",
        note=data.note,
    ).id


def _move(
    uow: UnitOfWork, principal: Principal, ref: str | int, data: ContributionCreate, sign: int
) -> ContributionRecorded:
    principal.require_write()
    row = find(uow, principal, ref)
    uow.goals.lock(principal.workspace_id, row.id)
    row = find(uow, principal, row.id)  # re-read the saved sum under the lock
    amount_minor = to_minor(parse_amount(data.amount, row.currency), row.currency)
    day = parse_date(data.date, uow.clock.today())
    if row.cancelled_at is not None:
        raise RuleViolationError(
            f"the goal '{row.name}' is cancelled",
            hint=f"restore it first: fopymes goal cancel '{row.name}' --restore",
        )
    if sign < 0 and amount_minor > row.saved_minor:
        saved = format_money(from_minor(row.saved_minor, row.currency), row.currency)
        raise RuleViolationError(f"the goal '{row.name}' holds only {saved}")
    contribution_id = uow.goals.add_contribution(
        principal.workspace_id,
        {
            "goal_id": row.id,
            "amount_minor": sign * amount_minor,
            "date": day,
            "note": data.note.strip() or None if data.note else None,
            "transaction_id": _transaction_id(uow, principal, row, data, sign),
            "created_by": principal.user_id,
            "created_at": uow.clock.now(),
        },
    )
    events.record(
        uow,
        principal,
        "goal.contributed" if sign > 0 else "goal.withdrawn",
        entity_id=row.id,
        payload={
            "contribution_id": contribution_id,
            "amount": str(from_minor(sign * amount_minor, row.currency)),
        },
    )
    updated = find(uow, principal, row.id)
    reached = record_milestones(uow, principal, updated, day) if sign > 0 else []
    contribution = next(
        c
        for c in uow.goals.contributions(principal.workspace_id, row.id)
        if c.id == contribution_id
    )
    result = ContributionRecorded(
        contribution=progress.contribution_out(contribution, row.currency),
        goal=progress.goal_out(updated),
        milestones_reached=reached,
    )
    uow.commit()
    return result
