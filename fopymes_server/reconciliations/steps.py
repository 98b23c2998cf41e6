"""Steps of reconciliation that never commit (the callers' use cases do).

`reconcile` compares a statement balance with the account's cleared balance on its date;
only when they are equal does it mark the cleared lines up to that date reconciled and
keep the reconciliation. `refuse_reconciled_change` is the check the transactions service
runs before it edits or deletes a row.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fopymes_server.accounts import service as accounts
from fopymes_server.core.dates import parse_date
from fopymes_server.core.errors import NotFoundError
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.reconciliations.repository import ReconciliationRow
from fopymes_server.reconciliations.rules import (
    ReconciledChangeError,
    StatementMismatchError,
    signed_minor,
)
from fopymes_server.reconciliations.schemas import Reconciliation, Status, UnclearedLine


def cleared_balance(
    uow: UnitOfWork, workspace_id: int, account_id: int, currency: str, day: date
) -> int:
    """One account's cleared balance in `currency` at the end of `day` (minor units)."""
    rows = uow.balances.on(workspace_id, day, account_id=account_id, cleared=True)
    return next((row.cleared_minor for row in rows if row.currency == currency), 0)


def uncleared(
    uow: UnitOfWork, workspace_id: int, account_id: int, *, since: date | None, until: date
) -> list[UnclearedLine]:
    """The account's pending lines dated after `since` and up to `until`."""
    return [
        UnclearedLine(
            id=line.id,
            date=line.date,
            description=line.description,
            amount=from_minor(line.amount_minor, line.currency),
            currency=line.currency,
        )
        for line in uow.reconciliations.lines(
            workspace_id, account_id, statuses=(Status.PENDING.value,), after=since, until=until
        )
    ]


def reconcile(
    uow: UnitOfWork,
    principal: Principal,
    ref: str | int,
    *,
    balance: str | Decimal,
    on: str | date,
) -> Reconciliation:
    """Agree the statement `balance` of account `ref` at the end of `on`.

    Raises PermissionDeniedError for a viewer, NotFoundError for an account outside the
    workspace, ValidationError for a bad balance or date, and StatementMismatchError
    (with the difference and the pending lines since the last reconciliation) when the
    balance is not the cleared balance; nothing is written then.
    """
    principal.require_write()
    account = accounts.resolve(uow, principal, ref)
    day = parse_date(on, uow.clock.today(), field="on")
    stated = signed_minor(balance, account.currency)
    cleared = cleared_balance(uow, principal.workspace_id, account.id, account.currency, day)
    if stated != cleared:
        since = uow.reconciliations.last_on(principal.workspace_id, account.id)
        raise StatementMismatchError(
            account=account.name,
            on=day,
            currency=account.currency,
            statement=from_minor(stated, account.currency),
            cleared=from_minor(cleared, account.currency),
            uncleared=uncleared(uow, principal.workspace_id, account.id, since=since, until=day),
            since=since,
        )
    now = uow.clock.now()
    marked = uow.reconciliations.mark_reconciled(
        principal.workspace_id, account.id, day, user_id=principal.user_id, now=now
    )
    new_id = uow.reconciliations.add(
        principal.workspace_id,
        account.id,
        on_date=day,
        currency=account.currency,
        balance_minor=stated,
        marked=marked,
        user_id=principal.user_id,
        now=now,
    )
    events.record(uow, principal, "account.reconciled", entity_id=new_id)
    stored = uow.reconciliations.get(principal.workspace_id, new_id)
    assert stored is not None
    return out(stored, account.name)


def out(row: ReconciliationRow, account: str) -> Reconciliation:
    return Reconciliation(
        id=row.id,
        account_id=row.account_id,
        account=account,
        on=row.on_date,
        currency=row.currency,
        statement_balance=from_minor(row.balance_minor, row.currency),
        marked=row.marked,
        created_by=row.created_by,
        created_at=row.created_at,
    )


def refuse_reconciled_change(
    uow: UnitOfWork, principal: Principal, transaction_id: int, *, force: bool, action: str
) -> None:
    """ReconciledChangeError when the transaction is reconciled and `force` is not given;
    NotFoundError for an id outside the workspace."""
    status = uow.reconciliations.status_of(principal.workspace_id, transaction_id)
    if status is None:
        raise NotFoundError(f"no transaction {transaction_id} in this workspace")
    if status == Status.RECONCILED.value and not force:
        raise ReconciledChangeError(transaction_id, action)
