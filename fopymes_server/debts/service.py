"""Use cases of debts: add, list with what is owed each way, show, remove; each commits.

Recording a debt without a commit is `debts/steps.py`.

Payments and repayment schedules are in `debts/payments.py`; how a balance is replayed
from the payments is in `debts/stored.py` (over the pure rules of `debts/rules.py`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from fopymes_server.core.errors import NotFoundError, ValidationError
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.debts import steps
from fopymes_server.debts.repository import DebtRow
from fopymes_server.debts.rules import DebtStatus
from fopymes_server.debts.schemas import (
    DebtCreate,
    DebtDetail,
    DebtList,
    DebtOut,
    DebtTotals,
    Direction,
)
from fopymes_server.debts.stored import debt_out, payment_out
from fopymes_server.events import service as events


def find(uow: UnitOfWork, principal: Principal, debt_id: int) -> DebtRow:
    """The debt `debt_id` of the principal's workspace; any other id is NotFoundError."""
    rows = uow.debts.list_debts(principal.workspace_id, debt_id=debt_id)
    if not rows:
        raise NotFoundError(f"no debt {debt_id} in this workspace", hint="see 'fopymes debt list'")
    return rows[0]


def add(uow: UnitOfWork, principal: Principal, *, data: DebtCreate) -> DebtOut:
    """Record money owed by or to a contact and commit (`steps.add`)."""
    created = steps.add(uow, principal, data=data)
    uow.commit()
    return created


def list_debts(
    uow: UnitOfWork,
    principal: Principal,
    *,
    open_only: bool = False,
    direction: Direction | None = None,
) -> DebtList:
    """Debts by id with today's balance and status, and the balances owed each way per
    currency (of the debts listed). `open_only` leaves out paid debts. Any member may read.
    """
    rows = uow.debts.list_debts(
        principal.workspace_id, direction=direction.value if direction is not None else None
    )
    payments = defaultdict(list)
    for payment in uow.debts.payments(principal.workspace_id, [row.id for row in rows]):
        payments[payment.debt_id].append(payment)
    today = uow.clock.today()
    items = [debt_out(row, payments[row.id], today) for row in rows]
    if open_only:
        items = [item for item in items if item.status is not DebtStatus.PAID]
    sums: dict[str, dict[Direction, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for item in items:
        sums[item.currency][item.direction] += item.balance
    totals = [
        DebtTotals(
            currency=currency,
            i_owe=by_direction[Direction.I_OWE] + from_minor(0, currency),
            owed_to_me=by_direction[Direction.OWED_TO_ME] + from_minor(0, currency),
        )
        for currency, by_direction in sorted(sums.items())
    ]
    return DebtList(items=items, totals=totals)


def show(
    uow: UnitOfWork, principal: Principal, debt_id: int, *, on: date | None = None
) -> DebtDetail:
    """A debt with its payments, valued today (or on `on`: interest to that date and the
    payments made by then). Raises NotFoundError for an id outside the workspace, and
    ValidationError when `on` is before the debt started."""
    row = find(uow, principal, debt_id)
    payments = uow.debts.payments(principal.workspace_id, [row.id])
    if on is None:
        debt = debt_out(row, payments, uow.clock.today())
    else:
        if on < row.start_date:
            raise ValidationError("date", f"{on} is before the debt started ({row.start_date})")
        debt = debt_out(row, [p for p in payments if p.date <= on], on)
    return DebtDetail(debt=debt, payments=[payment_out(p, row.currency) for p in payments])


def remove(uow: UnitOfWork, principal: Principal, debt_id: int) -> DebtOut:
    """Delete a debt and its payments; the transfers and interest its payments recorded
    stay, and so does its loan account, since they were real money (archive the account
    once it is settled). Raises PermissionDeniedError for viewers, NotFoundError as `find`."""
    principal.require_write()
    row = find(uow, principal, debt_id)
    payments = uow.debts.payments(principal.workspace_id, [row.id])
    gone = debt_out(row, payments, uow.clock.today())
    uow.debts.delete(principal.workspace_id, row.id)
    events.record(uow, principal, "debt.deleted", entity_id=row.id)
    uow.commit()
    return gone
