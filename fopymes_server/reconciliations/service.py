"""Use cases of reconciliation: agree a statement balance, list the agreed ones."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fopymes_server.accounts import service as accounts
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.reconciliations import steps
from fopymes_server.reconciliations.schemas import Reconciliation


def reconcile(
    uow: UnitOfWork,
    principal: Principal,
    ref: str | int,
    *,
    balance: str | Decimal,
    on: str | date,
) -> Reconciliation:
    """`steps.reconcile`, committed: on a match the lines and the reconciliation are kept."""
    done = steps.reconcile(uow, principal, ref, balance=balance, on=on)
    uow.commit()
    return done


def list_reconciliations(
    uow: UnitOfWork, principal: Principal, ref: str | int
) -> list[Reconciliation]:
    """The account's reconciliations, latest date first (NotFoundError outside the
    workspace)."""
    account = accounts.resolve(uow, principal, ref)
    return [
        steps.out(row, account.name)
        for row in uow.reconciliations.list(principal.workspace_id, account.id)
    ]


def workspace_reconciliations(uow: UnitOfWork, principal: Principal) -> list[Reconciliation]:
    """Every account's reconciliations in the workspace, archived accounts too, oldest
    date first (what a journal export asserts)."""
    found = [
        steps.out(row, account.name)
        for account in accounts.list_methods(uow, principal, include_archived=True)
        for row in uow.reconciliations.list(principal.workspace_id, account.id)
    ]
    return sorted(found, key=lambda done: (done.on, done.id))
