"""SQL of reconciliation: an account's lines by status, marking them reconciled, the stored
reconciliations.

Cleared balances are `accounts.balances` (`BalancesRepository.on(cleared=True)`); the lines
of an account come from its legs there, signed the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from fopymes_server.accounts.balances import account_legs
from fopymes_server.reconciliations.models import Reconciliation
from fopymes_server.transactions.models import Transaction


@dataclass(frozen=True, slots=True)
class LineRow:
    """One line of an account: a transaction seen from that account's side."""

    id: int
    date: date
    description: str
    status: str
    amount_minor: int
    """Signed: positive into the account, negative out of it."""
    currency: str


@dataclass(frozen=True, slots=True)
class ReconciliationRow:
    id: int
    account_id: int
    on_date: date
    currency: str
    balance_minor: int
    marked: int
    created_by: int
    created_at: datetime


def _row(row: Reconciliation) -> ReconciliationRow:
    return ReconciliationRow(
        id=row.id,
        account_id=row.account_id,
        on_date=row.on_date,
        currency=row.currency,
        balance_minor=row.balance_minor,
        marked=row.marked,
        created_by=row.created_by,
        created_at=row.created_at,
    )


class ReconciliationsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def lines(
        self,
        workspace_id: int,
        account_id: int,
        *,
        statuses: tuple[str, ...],
        after: date | None = None,
        until: date | None = None,
    ) -> list[LineRow]:
        """The account's lines of those statuses dated after `after` and up to `until`,
        oldest first."""
        legs = account_legs(
            workspace_id,
            account_id,
            Transaction.status.label("status"),
            Transaction.description.label("description"),
        )
        statement = select(
            legs.c.id,
            legs.c.date,
            legs.c.description,
            legs.c.status,
            legs.c.signed,
            legs.c.currency,
        ).where(legs.c.status.in_(statuses))
        if after is not None:
            statement = statement.where(legs.c.date > after)
        if until is not None:
            statement = statement.where(legs.c.date <= until)
        statement = statement.order_by(legs.c.date, legs.c.id)
        return [
            LineRow(int(r[0]), r[1], r[2], r[3], int(r[4]), r[5])
            for r in self.session.execute(statement).all()
        ]

    def mark_reconciled(
        self, workspace_id: int, account_id: int, day: date, *, user_id: int, now: datetime
    ) -> int:
        """Mark the account's cleared lines dated up to `day` reconciled; how many."""
        result = self.session.execute(
            update(Transaction)
            .where(
                Transaction.workspace_id == workspace_id,
                or_(
                    Transaction.payment_method_id == account_id,
                    Transaction.counter_account_id == account_id,
                ),
                Transaction.status == "cleared",
                Transaction.date <= day,
            )
            .values(
                status="reconciled",
                updated_by=user_id,
                updated_at=now,
                version=Transaction.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def status_of(self, workspace_id: int, transaction_id: int) -> str | None:
        return self.session.scalar(
            select(Transaction.status).where(
                Transaction.workspace_id == workspace_id, Transaction.id == transaction_id
            )
        )

    def add(
        self,
        workspace_id: int,
        account_id: int,
        *,
        on_date: date,
        currency: str,
        balance_minor: int,
        marked: int,
        user_id: int,
        now: datetime,
    ) -> int:
        new_id = self.session.execute(
            insert(Reconciliation)
            .values(
                workspace_id=workspace_id,
                account_id=account_id,
                on_date=on_date,
                currency=currency,
                balance_minor=balance_minor,
                marked=marked,
                created_by=user_id,
                created_at=now,
            )
            .returning(Reconciliation.id)
        ).scalar_one()
        return int(new_id)

    def get(self, workspace_id: int, reconciliation_id: int) -> ReconciliationRow | None:
        row = self.session.scalar(
            select(Reconciliation).where(
                Reconciliation.workspace_id == workspace_id,
                Reconciliation.id == reconciliation_id,
            )
        )
        return _row(row) if row is not None else None

    def list(self, workspace_id: int, account_id: int) -> list[ReconciliationRow]:
        """The account's reconciliations, latest date first."""
        rows = self.session.scalars(
            select(Reconciliation)
            .where(
                Reconciliation.workspace_id == workspace_id,
                Reconciliation.account_id == account_id,
            )
            .order_by(Reconciliation.on_date.desc(), Reconciliation.id.desc())
        ).all()
        return [_row(row) for row in rows]

    def last_on(self, workspace_id: int, account_id: int) -> date | None:
        """The date of the account's latest reconciliation, if any."""
        return self.session.scalar(
            select(func.max(Reconciliation.on_date)).where(
                Reconciliation.workspace_id == workspace_id,
                Reconciliation.account_id == account_id,
            )
        )
