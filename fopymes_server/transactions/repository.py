"""All SQL of transactions: inserts, keyset-paginated lists, lookups; scoped by workspace."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, delete, func, insert, select, tuple_, update
from sqlalchemy.orm import Session, aliased

from fopymes_server.accounts.models import Account
from fopymes_server.categories.models import Category
from fopymes_server.core.money import from_minor
from fopymes_server.transactions import matching, movements
from fopymes_server.transactions.models import Transaction
from fopymes_server.transactions.schemas import Kind, Movement, TransactionOut


@dataclass(frozen=True, slots=True)
class ListQuery:
    """A resolved filter: ids instead of names, minor units instead of text."""

    workspace_id: int
    limit: int
    date_from: date | None = None
    date_to: date | None = None
    category_ids: tuple[int, ...] | None = None
    payment_method_id: int | None = None
    kind: Kind | None = None
    search: str | None = None
    min_minor: int | None = None
    max_minor: int | None = None
    after: tuple[date, int] | None = None
    uncategorised: bool = False


# The account a transfer reached (a second join of the accounts table).
COUNTER = aliased(Account)
_COLUMNS = (
    Transaction.id,
    Transaction.date,
    Transaction.kind,
    Transaction.amount_minor,
    Transaction.currency,
    Category.name.label("category"),
    Transaction.category_id,
    Account.name.label("payment_method"),
    Transaction.payment_method_id,
    Transaction.description,
    Transaction.note,
    Transaction.created_by,
    Transaction.created_at,
    Transaction.updated_by,
    Transaction.updated_at,
    Transaction.version,
    movements.movement().label("movement"),
    Transaction.counter_account_id,
    Transaction.counter_amount_minor,
    COUNTER.name.label("counter_account"),
    COUNTER.currency.label("counter_currency"),
    Transaction.status,
)


def _out(row: Row[Any]) -> TransactionOut:
    return TransactionOut(
        id=row.id,
        date=row.date,
        kind=Kind(row.kind),
        amount=from_minor(row.amount_minor, row.currency),
        currency=row.currency,
        category=row.category,
        category_id=row.category_id,
        payment_method=row.payment_method,
        payment_method_id=row.payment_method_id,
        description=row.description,
        note=row.note,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
        version=row.version,
        movement=Movement(row.movement),
        counter_account=row.counter_account,
        counter_account_id=row.counter_account_id,
        counter_amount=from_minor(row.counter_amount_minor, row.counter_currency)
        if row.counter_amount_minor is not None
        else None,
        counter_currency=row.counter_currency,
        status=row.status,
    )


def _select() -> Any:
    return (
        select(*_COLUMNS)
        .outerjoin(Category, Category.id == Transaction.category_id)
        .outerjoin(Account, Account.id == Transaction.payment_method_id)
        .outerjoin(COUNTER, COUNTER.id == Transaction.counter_account_id)
    )


class TransactionsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, workspace_id: int, values: dict[str, Any]) -> int:
        row = Transaction(workspace_id=workspace_id, version=1, **values)
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_many(self, workspace_id: int, rows: Sequence[dict[str, Any]]) -> None:
        """Bulk insert in one statement per batch (demo data, imports)."""
        if rows:
            self.session.execute(
                insert(Transaction),
                [{"workspace_id": workspace_id, "version": 1, **row} for row in rows],
            )

    def insert_returning_ids(self, rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert rows of any workspaces (each names its own); their ids in row order.

        One multi-row INSERT ... RETURNING per batch instead of a round trip per row: the
        scheduler catching up 10,000 dates must not cost 10,000 round trips.
        """
        if not rows:
            return []
        result = self.session.execute(
            insert(Transaction).returning(Transaction.id, sort_by_parameter_order=True),
            [{"version": 1, **row} for row in rows],
        )
        return [int(row[0]) for row in result]

    def get(self, workspace_id: int, transaction_id: int) -> TransactionOut | None:
        row = self.session.execute(
            _select().where(
                Transaction.workspace_id == workspace_id, Transaction.id == transaction_id
            )
        ).first()
        return _out(row) if row else None

    def list(self, query: ListQuery) -> list[TransactionOut]:
        """Newest first by (date, id), seeking past `query.after` through the index."""
        statement = _select().where(Transaction.workspace_id == query.workspace_id)
        if query.date_from is not None:
            statement = statement.where(Transaction.date >= query.date_from)
        if query.date_to is not None:
            statement = statement.where(Transaction.date <= query.date_to)
        if query.category_ids is not None:
            if len(query.category_ids) == 1:
                statement = statement.where(Transaction.category_id == query.category_ids[0])
            else:
                statement = statement.where(Transaction.category_id.in_(query.category_ids))
        if query.payment_method_id is not None:
            # An account's rows include the transfers that reached it.
            statement = statement.where(
                (Transaction.payment_method_id == query.payment_method_id)
                | (Transaction.counter_account_id == query.payment_method_id)
            )
        if query.kind is not None:
            statement = statement.where(Transaction.kind == query.kind.value)
        if query.search:
            statement = statement.where(matching.search(query.search))
        if query.uncategorised:
            statement = statement.where(matching.uncategorised())
        if query.min_minor is not None:
            statement = statement.where(Transaction.amount_minor >= query.min_minor)
        if query.max_minor is not None:
            statement = statement.where(Transaction.amount_minor <= query.max_minor)
        if query.after is not None:
            statement = statement.where(
                tuple_(Transaction.date, Transaction.id) < tuple_(*query.after)
            )
        statement = statement.order_by(Transaction.date.desc(), Transaction.id.desc()).limit(
            query.limit
        )
        return [_out(row) for row in self.session.execute(statement).all()]

    def update(
        self,
        workspace_id: int,
        transaction_id: int,
        values: dict[str, Any],
        *,
        user_id: int,
        now: datetime,
    ) -> None:
        self.session.execute(
            update(Transaction)
            .where(Transaction.workspace_id == workspace_id, Transaction.id == transaction_id)
            .values(**values, updated_by=user_id, updated_at=now, version=Transaction.version + 1)
        )

    def delete(self, workspace_id: int, transaction_id: int) -> None:
        self.session.execute(
            delete(Transaction).where(
                Transaction.workspace_id == workspace_id, Transaction.id == transaction_id
            )
        )

    def count_using(
        self,
        workspace_id: int,
        *,
        category_id: int | None = None,
        payment_method_id: int | None = None,
    ) -> int:
        """How many transactions refer to a category or payment method."""
        statement = (
            select(func.count())
            .select_from(Transaction)
            .where(Transaction.workspace_id == workspace_id)
        )
        if category_id is not None:
            statement = statement.where(Transaction.category_id == category_id)
        if payment_method_id is not None:
            statement = statement.where(Transaction.payment_method_id == payment_method_id)
        return self.session.scalar(statement) or 0
