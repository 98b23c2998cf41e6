"""Report-only SQL: payment methods, sub-categories, largest expenses, daily flow, schedules.

The shared sums (totals, top-level categories, months) come from
`transactions.summary_repository`; this module adds what only the report needs. Every
query is a GROUP BY or a LIMIT over the (workspace_id, date, id) index range of one
currency, so its cost follows the period, not the table, and returns a few hundred rows
at most.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.orm import Session

from fopymes_server.accounts.models import Account
from fopymes_server.categories.models import Category
from fopymes_server.reports.models import ReportSchedule
from fopymes_server.transactions.models import Transaction
from fopymes_server.transactions.summary_repository import in_range


@dataclass(frozen=True, slots=True)
class GroupSums:
    """Minor units of one kind under one group (a method, or a sub-category)."""

    id: int | None
    name: str | None
    parent_id: int | None
    kind: str
    amount_minor: int
    count: int


@dataclass(frozen=True, slots=True)
class LargeExpense:
    id: int
    date: date
    amount_minor: int
    description: str
    category: str | None
    method: str | None


@dataclass(frozen=True, slots=True)
class DaySums:
    day: date
    income_minor: int
    expense_minor: int


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    id: int
    workspace_id: int
    created_by: int
    frequency: str
    period: str
    format: str
    recipients: str
    next_run_on: date
    last_run_at: datetime | None


def _range(workspace_id: int, start: date, end: date, currency: str) -> tuple[Any, ...]:
    return (*in_range(workspace_id, start, end), Transaction.currency == currency)


class ReportsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_method(
        self, workspace_id: int, start: date, end: date, currency: str
    ) -> list[GroupSums]:
        statement = (
            select(
                Account.id,
                Account.name,
                Transaction.kind,
                func.sum(Transaction.amount_minor),
                func.count(),
            )
            .select_from(Transaction)
            .outerjoin(Account, Account.id == Transaction.payment_method_id)
            .where(*_range(workspace_id, start, end, currency))
            .group_by(Account.id, Account.name, Transaction.kind)
        )
        return [
            GroupSums(method_id, name, None, kind, int(amount), int(count))
            for method_id, name, kind, amount, count in self.session.execute(statement).all()
        ]

    def by_sub_category(
        self, workspace_id: int, start: date, end: date, currency: str
    ) -> list[GroupSums]:
        """Sums of transactions filed directly under a sub-category (parent_id set)."""
        statement = (
            select(
                Category.id,
                Category.name,
                Category.parent_id,
                Transaction.kind,
                func.sum(Transaction.amount_minor),
                func.count(),
            )
            .select_from(Transaction)
            .join(Category, Category.id == Transaction.category_id)
            .where(*_range(workspace_id, start, end, currency), Category.parent_id.is_not(None))
            .group_by(Category.id, Category.name, Category.parent_id, Transaction.kind)
        )
        return [
            GroupSums(category_id, name, parent_id, kind, int(amount), int(count))
            for category_id, name, parent_id, kind, amount, count in self.session.execute(
                statement
            ).all()
        ]

    def largest_expenses(
        self, workspace_id: int, start: date, end: date, currency: str, limit: int
    ) -> list[LargeExpense]:
        statement = (
            select(
                Transaction.id,
                Transaction.date,
                Transaction.amount_minor,
                Transaction.description,
                Category.name,
                Account.name,
            )
            .outerjoin(Category, Category.id == Transaction.category_id)
            .outerjoin(Account, Account.id == Transaction.payment_method_id)
            .where(*_range(workspace_id, start, end, currency), Transaction.kind == "expense")
            .order_by(Transaction.amount_minor.desc(), Transaction.date, Transaction.id)
            .limit(limit)
        )
        return [LargeExpense(*row) for row in self.session.execute(statement).all()]

    def daily(self, workspace_id: int, start: date, end: date, currency: str) -> list[DaySums]:
        income = func.sum(case((Transaction.kind == "income", Transaction.amount_minor), else_=0))
        expense = func.sum(case((Transaction.kind == "expense", Transaction.amount_minor), else_=0))
        statement = (
            select(Transaction.date, income, expense)
            .where(*_range(workspace_id, start, end, currency))
            .group_by(Transaction.date)
            .order_by(Transaction.date)
        )
        return [
            DaySums(day, int(i or 0), int(e or 0))
            for day, i, e in self.session.execute(statement).all()
        ]

    # --- schedules -----------------------------------------------------------------------
    def add_schedule(self, values: dict[str, Any]) -> int:
        row = ReportSchedule(**values)
        self.session.add(row)
        self.session.flush()
        return row.id

    def schedules(self, workspace_id: int) -> list[ScheduleRow]:
        rows = self.session.scalars(
            select(ReportSchedule)
            .where(ReportSchedule.workspace_id == workspace_id)
            .order_by(ReportSchedule.id)
        ).all()
        return [_schedule(row) for row in rows]

    def delete_schedule(self, workspace_id: int, schedule_id: int) -> bool:
        result = self.session.execute(
            delete(ReportSchedule).where(
                ReportSchedule.workspace_id == workspace_id, ReportSchedule.id == schedule_id
            )
        )
        return bool(getattr(result, "rowcount", 0))

    def due_schedules(self, today: date, limit: int = 100) -> list[ScheduleRow]:
        """Schedules due on or before `today`, locked so one runner sends each.

        PostgreSQL: FOR UPDATE SKIP LOCKED lets several runners share the work without
        waiting on each other; SQLite's write transaction is already exclusive.
        """
        statement = (
            select(ReportSchedule)
            .where(ReportSchedule.next_run_on <= today)
            .order_by(ReportSchedule.next_run_on, ReportSchedule.id)
            .limit(limit)
        )
        if self.session.get_bind().dialect.name == "postgresql":
            statement = statement.with_for_update(skip_locked=True)
        return [_schedule(row) for row in self.session.scalars(statement).all()]

    def advance_schedule(
        self, schedule_id: int, *, was: date, next_run_on: date, now: datetime
    ) -> bool:
        """Move a schedule to its next date if nobody else did; False when someone had."""
        result = self.session.execute(
            update(ReportSchedule)
            .where(ReportSchedule.id == schedule_id, ReportSchedule.next_run_on == was)
            .values(next_run_on=next_run_on, last_run_at=now)
        )
        return bool(getattr(result, "rowcount", 0))


def _schedule(row: ReportSchedule) -> ScheduleRow:
    return ScheduleRow(
        id=row.id,
        workspace_id=row.workspace_id,
        created_by=row.created_by,
        frequency=row.frequency,
        period=row.period,
        format=row.format,
        recipients=row.recipients,
        next_run_on=row.next_run_on,
        last_run_at=row.last_run_at,
    )
