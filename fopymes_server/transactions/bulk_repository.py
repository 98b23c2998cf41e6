"""SQL that reads and changes many recorded transactions at once (`rule apply`).

Reading streams the incomes and expenses of a range (never transfers) in (date, id) order,
`batch` rows at a time; writing is one executemany UPDATE per batch, each row checked
against the version it was read at, so 100,000 changes cost a few statements, not 100,000
round trips, and a row edited meanwhile is noticed instead of overwritten.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from fopymes_server.payees.models import Payee
from fopymes_server.tags.repository import TagsRepository
from fopymes_server.transactions import movements
from fopymes_server.transactions.models import Transaction

READ_BATCH = 5_000
# The table, not the mapped class: an UPDATE of the class with a list of parameters would be
# the ORM's bulk update by primary key, which cannot add the version check and bump.
_TRANSACTIONS = cast(Table, Transaction.__table__)


@dataclass(frozen=True, slots=True)
class StoredRow:
    """What rules read of a recorded income or expense (ids, minor units)."""

    id: int
    date: date
    kind: str
    amount_minor: int
    currency: str
    category_id: int | None
    payment_method_id: int | None
    description: str
    note: str | None
    status: str
    version: int
    split: bool = False
    """A split transaction: its categories are its parts', which rules leave alone."""
    payee: str | None = None
    tags: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class RowChange:
    """New values for one row read at `version`; None leaves a column as it is."""

    id: int
    version: int
    category_id: int | None = None
    payment_method_id: int | None = None
    description: str | None = None
    payee_id: int | None = None


_CHANGEABLE = ("category_id", "payment_method_id", "description", "payee_id")


class BulkTransactionsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def incomes_and_expenses(
        self,
        workspace_id: int,
        date_from: date | None,
        date_to: date | None,
        *,
        batch: int = READ_BATCH,
    ) -> Iterator[StoredRow]:
        """The workspace's incomes and expenses dated in the range, oldest first."""
        statement = select(
            Transaction.id,
            Transaction.date,
            Transaction.kind,
            Transaction.amount_minor,
            Transaction.currency,
            Transaction.category_id,
            Transaction.payment_method_id,
            Transaction.description,
            Transaction.note,
            Transaction.status,
            Transaction.version,
            Transaction.split,
            Payee.name,
        ).outerjoin(Payee, Payee.id == Transaction.payee_id)
        statement = statement.where(Transaction.workspace_id == workspace_id, movements.counted())
        if date_from is not None:
            statement = statement.where(Transaction.date >= date_from)
        if date_to is not None:
            statement = statement.where(Transaction.date <= date_to)
        statement = statement.order_by(Transaction.date, Transaction.id)
        # Core rows through the session's connection: the ORM's row loading would cost
        # more than the rules themselves for columns that are plain values anyway.
        result = self.session.connection().execute(
            statement, execution_options={"yield_per": batch, "stream_results": True}
        )
        tags = TagsRepository(self.session)
        for partition in result.partitions():
            carried = tags.names_of([row[0] for row in partition])
            for row in partition:
                yield StoredRow(*row, tags=tuple(carried.get(row[0], ())))

    def change(
        self, workspace_id: int, changes: Sequence[RowChange], *, user_id: int, now: datetime
    ) -> int:
        """Write `changes`, one executemany per set of columns changed; how many rows were
        still at the version they were read at.

        Only the columns that change are in an UPDATE's SET list: the month sums' trigger
        watches `payment_method_id`, and naming it with its old value would still run the
        trigger for every row.
        """
        shapes: dict[tuple[str, ...], list[RowChange]] = {}
        for change in changes:
            columns = tuple(c for c in _CHANGEABLE if getattr(change, c) is not None)
            shapes.setdefault(columns, []).append(change)
        return sum(
            self._change_columns(workspace_id, columns, rows, user_id=user_id, now=now)
            for columns, rows in shapes.items()
        )

    def _change_columns(
        self,
        workspace_id: int,
        columns: tuple[str, ...],
        changes: list[RowChange],
        *,
        user_id: int,
        now: datetime,
    ) -> int:
        table = _TRANSACTIONS
        stamp = {"updated_by": user_id, "updated_at": now, "version": table.c.version + 1}
        mine = table.c.workspace_id == workspace_id
        statement = (
            update(table)
            .where(
                mine,
                table.c.id == bindparam("row_id"),
                table.c.version == bindparam("row_version"),
            )
            .values({**{name: bindparam(f"new_{name}") for name in columns}, **stamp})
        )
        result = self.session.execute(
            statement,
            [
                {
                    "row_id": change.id,
                    "row_version": change.version,
                    **{f"new_{name}": getattr(change, name) for name in columns},
                }
                for change in changes
            ],
        )
        return int(getattr(result, "rowcount", 0))
