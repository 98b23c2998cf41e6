"""All SQL of transactions: inserts, keyset-paginated lists, lookups; scoped by workspace.

A split transaction's parts are read with its row (`_outs`, one query per page)
and written by `replace_splits`, always in the unit of work that writes the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, delete, exists, func, insert, select, tuple_, union_all, update
from sqlalchemy.orm import Session, aliased

from fopymes_server.accounts.models import Account
from fopymes_server.categories.models import Category
from fopymes_server.core.money import from_minor
from fopymes_server.payees.models import Payee
from fopymes_server.tags.models import TransactionTag
from fopymes_server.tags.repository import TagsRepository
from fopymes_server.transactions import lines, matching, movements
from fopymes_server.transactions.models import Transaction, TransactionSplit
from fopymes_server.transactions.schemas import Kind, Movement, SplitOut, TransactionOut


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
    tag_id: int | None = None
    payee_id: int | None = None
    uncategorised: bool = False


Outs = list[TransactionOut]
Parts = list[SplitOut]
"""(Aliases: inside the repository class `list` is its method.)"""

# The account a transfer reached (a second join of the accounts table).
COUNTER = aliased(Account)
_COLUMNS = (
    Transaction.id,
    Transaction.date,
    Transaction.kind,
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
    Payee.name.label("payee"),
    Transaction.payee_id,
    Transaction.split,
)


def _out(row: Row[Any], splits: list[SplitOut]) -> TransactionOut:
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
        **_payee_fields(row),
        splits=splits,
    )


def _payee_fields(row: Row[Any]) -> dict[str, Any]:
    return {"payee": row.payee, "payee_id": row.payee_id}


def _with_tags(session: Session, items: list[TransactionOut]) -> list[TransactionOut]:
    """`items` with their tags, read in one query for the whole page."""
    names = TagsRepository(session).names_of([item.id for item in items])
    return [
        item.model_copy(update={"tags": names[item.id]}) if item.id in names else item
        for item in items
    ]


def _payee_and_tag_filters(query: ListQuery) -> list[Any]:
    conditions: list[Any] = []
    if query.payee_id is not None:
        conditions.append(Transaction.payee_id == query.payee_id)
    if query.tag_id is not None:
        # Probed per row walking (date, id) newest first: a page stops after `limit` hits.
        conditions.append(
            exists().where(
                TransactionTag.transaction_id == Transaction.id,
                TransactionTag.tag_id == query.tag_id,
            )
        )
    return conditions


def _select(amount: Any = Transaction.amount_minor) -> Any:
    return (
        select(*_COLUMNS, amount.label("amount_minor"))
        .outerjoin(Category, Category.id == Transaction.category_id)
        .outerjoin(Account, Account.id == Transaction.payment_method_id)
        .outerjoin(COUNTER, COUNTER.id == Transaction.counter_account_id)
        .outerjoin(Payee, Payee.id == Transaction.payee_id)
    )


def _conditions(query: ListQuery) -> list[Any]:
    """The list filter's conditions on `Transaction`, but the category's."""
    conditions: list[Any] = matching.row_filter(
        query.workspace_id,
        date_from=query.date_from,
        date_to=query.date_to,
        account_id=query.payment_method_id,
        kind=query.kind.value if query.kind is not None else None,
        text=query.search,
        without_category=query.uncategorised,
        min_minor=query.min_minor,
        max_minor=query.max_minor,
    )
    conditions.extend(_payee_and_tag_filters(query))
    if query.after is not None:
        conditions.append(tuple_(Transaction.date, Transaction.id) < tuple_(*query.after))
    return conditions


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
        return self._outs([row])[0] if row else None

    def list(self, query: ListQuery) -> list[TransactionOut]:
        """Newest first by (date, id), seeking past `query.after` through the index.

        With a category filter, a split transaction is listed when one of its parts is in
        the categories, with the sum of those parts as its amount (what the categories were
        charged, as every report counts it) and all its parts in `splits`: a second branch
        through the parts' category index, merged with the rows' own by (date, id).
        """
        conditions = _conditions(query)
        order = (Transaction.date.desc(), Transaction.id.desc())
        if query.category_ids is None:
            statement = _select().where(*conditions).order_by(*order).limit(query.limit)
            return self._outs(self.session.execute(statement).all())
        ids = query.category_ids

        def in_family(column: Any) -> Any:
            return column == ids[0] if len(ids) == 1 else column.in_(ids)

        branches = [
            _select().where(*conditions, in_family(Transaction.category_id)),
            _select(lines.share(in_family)).where(*conditions, lines.split_in(in_family)),
        ]
        merged = union_all(
            *(select(b.order_by(*order).limit(query.limit).subquery()) for b in branches)
        ).subquery("listed")
        statement = (
            select(merged).order_by(merged.c.date.desc(), merged.c.id.desc()).limit(query.limit)
        )
        return self._outs(self.session.execute(statement).all())

    def _outs(self, rows: Sequence[Row[Any]]) -> Outs:
        """The rows as transactions, split ones with their parts (one query for the page)."""
        parts = self.splits_of([row.id for row in rows if row.split])
        return _with_tags(self.session, [_out(row, parts.get(row.id, [])) for row in rows])

    def splits_of(self, transaction_ids: Sequence[int]) -> dict[int, Parts]:
        """The parts of the given transactions by transaction id, in position order."""
        if not transaction_ids:
            return {}
        rows = self.session.execute(
            select(
                TransactionSplit.transaction_id,
                Category.name,
                TransactionSplit.category_id,
                TransactionSplit.amount_minor,
                Transaction.currency,
                TransactionSplit.note,
            )
            .join(Category, Category.id == TransactionSplit.category_id)
            .join(Transaction, Transaction.id == TransactionSplit.transaction_id)
            .where(TransactionSplit.transaction_id.in_(transaction_ids))
            .order_by(TransactionSplit.transaction_id, TransactionSplit.position)
        ).all()
        found: dict[int, Parts] = {}
        for transaction_id, name, category_id, minor, currency, note in rows:
            found.setdefault(transaction_id, []).append(
                SplitOut(
                    category=name,
                    category_id=category_id,
                    amount=from_minor(minor, currency),
                    note=note,
                )
            )
        return found

    def replace_splits(self, transaction_id: int, parts: Sequence[dict[str, Any]]) -> None:
        """Delete a transaction's parts and write `parts` (category_id, amount_minor, note)
        in their order; the caller has checked them and writes the row's `split` flag."""
        self.session.execute(
            delete(TransactionSplit).where(TransactionSplit.transaction_id == transaction_id)
        )
        if parts:
            self.session.execute(
                insert(TransactionSplit),
                [
                    {"transaction_id": transaction_id, "position": position, **part}
                    for position, part in enumerate(parts, start=1)
                ],
            )

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
            statement = statement.where(
                (Transaction.category_id == category_id)
                | lines.split_in(lambda column: column == category_id)
            )
        if payment_method_id is not None:
            statement = statement.where(Transaction.payment_method_id == payment_method_id)
        return self.session.scalar(statement) or 0
