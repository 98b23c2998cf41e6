"""All SQL of scheduled transactions: schedules, occurrences, the due-claim, balances."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, case, delete, func, insert, select, true, update
from sqlalchemy.orm import Session, aliased

from fopymes_server.accounts.models import Account
from fopymes_server.categories.models import Category
from fopymes_server.core.lookup import name_key
from fopymes_server.scheduled.models import ScheduledTransaction
from fopymes_server.transactions.models import Transaction


@dataclass(frozen=True, slots=True)
class ScheduleRecord:
    """A schedule row as stored, plus the names of its category and payment method."""

    id: int
    workspace_id: int
    name: str
    kind: str
    amount_minor: int
    currency: str
    category_id: int | None
    payment_method_id: int | None
    counter_account_id: int | None
    description: str
    mode: str
    frequency: str
    interval: int
    weekdays: str | None
    day: str | None
    month: int | None
    start_date: date
    until_date: date | None
    count: int | None
    next_due: date | None
    paused_at: datetime | None
    pause_reason: str | None
    owner_id: int
    created_by: int
    created_at: datetime
    updated_at: datetime
    version: int
    category: str | None = None
    payment_method: str | None = None
    counter_account: str | None = None


# The schedules table for Core executemany updates: SQLAlchemy sends a parameter list as
# one batched statement, where ORM objects would be updated one by one.
_SCHEDULES = cast(Table, ScheduledTransaction.__table__)

_FIELDS = [c.key for c in ScheduledTransaction.__table__.columns if c.key != "name_key"]


def _record(
    row: Any,
    category: str | None = None,
    method: str | None = None,
    counter: str | None = None,
) -> ScheduleRecord:
    return ScheduleRecord(
        **{f: getattr(row, f) for f in _FIELDS},
        category=category,
        payment_method=method,
        counter_account=counter,
    )


@dataclass(frozen=True, slots=True)
class MethodBalance:
    payment_method_id: int | None
    payment_method: str | None
    currency: str
    balance_minor: int


class ScheduledRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- schedules -------------------------------------------------------------------
    def add(self, workspace_id: int, values: dict[str, Any]) -> int:
        row = ScheduledTransaction(
            workspace_id=workspace_id, name_key=name_key(values["name"]), version=1, **values
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_many(self, workspace_id: int, rows: Sequence[dict[str, Any]]) -> None:
        """Bulk insert (one statement per batch) for large set-ups: tests and benchmarks."""
        if rows:
            self.session.execute(
                insert(ScheduledTransaction),
                [
                    {"workspace_id": workspace_id, "name_key": name_key(r["name"]), "version": 1}
                    | r
                    for r in rows
                ],
            )

    def _select(self) -> Any:
        counter = aliased(Account)
        return (
            select(ScheduledTransaction, Category.name, Account.name, counter.name)
            .outerjoin(Category, Category.id == ScheduledTransaction.category_id)
            .outerjoin(Account, Account.id == ScheduledTransaction.payment_method_id)
            .outerjoin(counter, counter.id == ScheduledTransaction.counter_account_id)
        )

    def get(self, workspace_id: int, schedule_id: int) -> ScheduleRecord | None:
        found = self.session.execute(
            self._select().where(
                ScheduledTransaction.workspace_id == workspace_id,
                ScheduledTransaction.id == schedule_id,
            )
        ).first()
        return _record(*found) if found else None

    def of_workspace(self, workspace_id: int) -> list[ScheduleRecord]:
        rows = self.session.execute(
            self._select()
            .where(ScheduledTransaction.workspace_id == workspace_id)
            .order_by(ScheduledTransaction.name_key)
        ).all()
        return [_record(*row) for row in rows]

    def name_taken(self, workspace_id: int, name: str, *, except_id: int | None = None) -> bool:
        query = select(ScheduledTransaction.id).where(
            ScheduledTransaction.workspace_id == workspace_id,
            ScheduledTransaction.name_key == name_key(name),
        )
        if except_id is not None:
            query = query.where(ScheduledTransaction.id != except_id)
        return self.session.scalar(query) is not None

    def update(self, workspace_id: int, schedule_id: int, values: dict[str, Any]) -> None:
        if "name" in values:
            values["name_key"] = name_key(values["name"])
        self.session.execute(
            update(ScheduledTransaction)
            .where(
                ScheduledTransaction.workspace_id == workspace_id,
                ScheduledTransaction.id == schedule_id,
            )
            .values(**values, version=ScheduledTransaction.version + 1)
        )

    def claim_version(self, workspace_id: int, schedule_id: int, expected_version: int) -> bool:
        """Lock the row if it is still at `expected_version`; False when it is not.

        A conditional `UPDATE ... WHERE version = :expected` rather than a read and a
        compare: on PostgreSQL a second writer with the same expectation waits for the row
        lock, re-reads the committed row, no longer matches and gets False (a read could
        come from the session's identity map and miss the other change). SQLite's BEGIN
        IMMEDIATE serialises writers the same way. The change and its version bump follow.
        """
        result = self.session.execute(
            update(ScheduledTransaction)
            .where(
                ScheduledTransaction.workspace_id == workspace_id,
                ScheduledTransaction.id == schedule_id,
                ScheduledTransaction.version == expected_version,
            )
            .values(version=ScheduledTransaction.version)
        )
        return bool(getattr(result, "rowcount", 0))

    def delete(self, workspace_id: int, schedule_id: int) -> None:
        self.session.execute(
            delete(ScheduledTransaction).where(
                ScheduledTransaction.workspace_id == workspace_id,
                ScheduledTransaction.id == schedule_id,
            )
        )

    def lock(self, workspace_id: int, schedule_id: int) -> ScheduleRecord:
        """Lock one schedule against the scheduler while a person changes it (waits)."""
        row = self.session.scalars(
            select(ScheduledTransaction)
            .where(
                ScheduledTransaction.workspace_id == workspace_id,
                ScheduledTransaction.id == schedule_id,
            )
            .with_for_update()
        ).one()
        return _record(row)

    def set_next_due_many(self, cursors: Sequence[tuple[int, date | None]]) -> None:
        """Advance many cursors in one executemany, each a new version of its schedule.

        The version is what a client's ETag holds; a schedule whose next date moved (the
        scheduler posted, or someone skipped a date) reads differently, so it must not
        answer 304 to the old ETag, and an edit based on the old one must be told (412).
        """
        if cursors:
            table = _SCHEDULES
            self.session.execute(
                update(table)
                .where(table.c.id == bindparam("schedule_id"))
                .values(next_due=bindparam("next_due"), version=table.c.version + 1),
                [{"schedule_id": schedule_id, "next_due": day} for schedule_id, day in cursors],
            )

    def pause_by_system(self, schedule_id: int, now: datetime, reason: str) -> None:
        self.session.execute(
            update(ScheduledTransaction)
            .where(ScheduledTransaction.id == schedule_id)
            .values(paused_at=now, pause_reason=reason, version=ScheduledTransaction.version + 1)
        )

    def claim_due(
        self, today: date, limit: int, *, skip: Collection[int] = ()
    ) -> list[ScheduleRecord]:
        """Lock up to `limit` schedules due on or before `today`, across all workspaces,
        leaving out the ids in `skip` (those a pass already materialised its share of).

        FOR UPDATE SKIP LOCKED: a second scheduler on PostgreSQL skips the rows this
        transaction holds and takes others, so both work in parallel and never on the same
        schedule. SQLite ignores the clause; its writers are serialised by BEGIN IMMEDIATE.
        """
        rows = self.session.scalars(
            select(ScheduledTransaction)
            .where(
                ScheduledTransaction.next_due.is_not(None),
                ScheduledTransaction.next_due <= today,
                ScheduledTransaction.paused_at.is_(None),
                ScheduledTransaction.id.not_in(skip) if skip else true(),
            )
            .order_by(ScheduledTransaction.next_due, ScheduledTransaction.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        return [_record(row) for row in rows]

    # --- balances for the forecast -------------------------------------------------
    def balances(self, workspace_id: int, through: date) -> list[MethodBalance]:
        """Each account's balance per currency at the end of `through` (opening balance,
        incomes, expenses and transfers, summed by `BalancesRepository`), plus income minus
        expense of the rows with no account, in SQL."""
        from fopymes_server.accounts.balances import BalancesRepository

        names = dict(
            self.session.execute(
                select(Account.id, Account.name).where(Account.workspace_id == workspace_id)
            ).all()
        )
        found = [
            MethodBalance(row.account_id, names[row.account_id], row.currency, row.balance_minor)
            for row in BalancesRepository(self.session).on(workspace_id, through)
        ]
        signed = case(
            (Transaction.kind == "income", Transaction.amount_minor),
            else_=-Transaction.amount_minor,
        )
        loose = self.session.execute(
            select(Transaction.currency, func.sum(signed))
            .where(
                Transaction.workspace_id == workspace_id,
                Transaction.date <= through,
                Transaction.payment_method_id.is_(None),
            )
            .group_by(Transaction.currency)
        ).all()
        return found + [MethodBalance(None, None, cur, int(total or 0)) for cur, total in loose]
