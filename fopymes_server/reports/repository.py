"""Report-only SQL: payment methods, sub-categories, largest expenses, daily flow,
transfers, the movements appendix and schedules.

The shared sums (totals, top-level categories, months) come from
`transactions.summary_repository`; this module adds what only the report needs. Every
query is a GROUP BY or a LIMIT over the (workspace_id, date, id) index range of one
currency, so its cost follows the period, not the table, and returns a few hundred rows
at most.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, delete, func, literal, select, update
from sqlalchemy.orm import Session, aliased

from fopymes_server.accounts.models import Account
from fopymes_server.categories.models import Category
from fopymes_server.contacts.models import Contact
from fopymes_server.debts.models import Debt, DebtPayment
from fopymes_server.goals.models import Goal, GoalContribution
from fopymes_server.payees.models import Payee
from fopymes_server.reports.models import ReportSchedule
from fopymes_server.tags.models import Tag, TransactionTag
from fopymes_server.transactions import movements
from fopymes_server.transactions.lines import category_lines, split_label
from fopymes_server.transactions.models import Transaction
from fopymes_server.transactions.summary_repository import in_range


def _label_sums() -> tuple[Any, ...]:
    return (
        Transaction.currency,
        movements.sum_of(movements.is_income()),
        movements.sum_of(movements.is_expense()),
        func.count(),
    )


STREAM_ROWS = 2000
"""Rows fetched at a time while the appendix streams into a PDF or workbook."""


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
class TransferSums:
    """Minor units moved from one pocket to another in one currency."""

    source: str | None
    target: str | None
    currency: str
    amount_minor: int
    count: int


@dataclass(frozen=True, slots=True)
class MovementRow:
    """One row of the movements appendix; `signed_minor` as it changed `account`'s balance
    (income in, everything else out, as `accounts.balances` signs it)."""

    id: int
    date: date
    description: str
    category: str | None
    parent_category: str | None
    account: str | None
    movement: str
    counter_account: str | None
    signed_minor: int
    currency: str


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


def _dated(workspace_id: int, start: date, end: date) -> tuple[Any, ...]:
    """Every row of the workspace dated start..end, transfers included."""
    return (
        Transaction.workspace_id == workspace_id,
        Transaction.date >= start,
        Transaction.date <= end,
    )


@dataclass(frozen=True, slots=True)
class LabelSums:
    """Income and expense minor units of one payee or tag in one currency."""

    id: int | None
    name: str | None
    currency: str
    income_minor: int
    expense_minor: int
    count: int


class ReportsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_payee(self, workspace_id: int, start: date, end: date) -> list[LabelSums]:
        """Each payee's (and no payee's) income and expense per currency, in SQL."""
        statement = (
            select(Payee.id, Payee.name, *_label_sums())
            .select_from(Transaction)
            .outerjoin(Payee, Payee.id == Transaction.payee_id)
            .where(*in_range(workspace_id, start, end))
            .group_by(Payee.id, Payee.name, Transaction.currency)
        )
        return [LabelSums(*row) for row in self.session.execute(statement).all()]

    def by_tag(self, workspace_id: int, start: date, end: date) -> list[LabelSums]:
        """Each tag's (and the untagged rows') income and expense per currency, in SQL;
        a row with two tags counts under both."""
        statement = (
            select(Tag.id, Tag.name, *_label_sums())
            .select_from(Transaction)
            .outerjoin(TransactionTag, TransactionTag.transaction_id == Transaction.id)
            .outerjoin(Tag, Tag.id == TransactionTag.tag_id)
            .where(*in_range(workspace_id, start, end))
            .group_by(Tag.id, Tag.name, Transaction.currency)
        )
        return [LabelSums(*row) for row in self.session.execute(statement).all()]

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
        """Sums of the category lines (`transactions.lines`: split parts each in its own)
        filed directly under a sub-category (parent_id set)."""
        line = category_lines(*_range(workspace_id, start, end, currency))
        statement = (
            select(
                Category.id,
                Category.name,
                Category.parent_id,
                line.c.kind,
                func.sum(line.c.amount_minor),
                func.count(),
            )
            .select_from(line)
            .join(Category, Category.id == line.c.category_id)
            .where(Category.parent_id.is_not(None))
            .group_by(Category.id, Category.name, Category.parent_id, line.c.kind)
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
                split_label(Category.name),
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

    def transfers(self, workspace_id: int, start: date, end: date) -> list[TransferSums]:
        """Transfers of the period (`movements.is_transfer`) summed per from, to, currency.

        A row of kind 'transfer' goes from its account to its counter-account; a goal
        contribution or debt payment recorded as an expense goes from its account to the
        goal or debt, and one recorded as an income comes back from it.
        """
        mine = Account.name
        other = _other_end()
        incoming = Transaction.kind == "income"
        rows = (
            select(
                case((incoming, other), else_=mine).label("source"),
                case((incoming, mine), else_=other).label("target"),
                Transaction.currency.label("currency"),
                Transaction.amount_minor.label("amount"),
            )
            .select_from(Transaction)
            .outerjoin(Account, Account.id == Transaction.payment_method_id)
            .where(*_dated(workspace_id, start, end), movements.is_transfer())
            .subquery("moved")
        )
        statement = (
            select(
                rows.c.source, rows.c.target, rows.c.currency, func.sum(rows.c.amount), func.count()
            )
            .group_by(rows.c.source, rows.c.target, rows.c.currency)
            .order_by(rows.c.currency, func.sum(rows.c.amount).desc())
        )
        return [
            TransferSums(source, target, currency, int(amount), int(count))
            for source, target, currency, amount, count in self.session.execute(statement).all()
        ]

    def movements(self, workspace_id: int, start: date, end: date) -> Iterator[MovementRow]:
        """Every transaction of the period, transfers included, oldest first, streamed; a
        split transaction is a row per part (`transactions.lines`), each in its category."""
        line = category_lines(
            *_dated(workspace_id, start, end),
            columns=(
                Transaction.description.label("description"),
                movements.movement().label("movement"),
                _other_end().label("other_end"),
            ),
        )
        parent = aliased(Category)
        signed = case(
            (line.c.kind == "income", line.c.amount_minor),
            else_=-line.c.amount_minor,
        )
        statement = (
            select(
                line.c.id,
                line.c.date,
                line.c.description,
                Category.name,
                parent.name,
                Account.name,
                line.c.movement,
                line.c.other_end,
                signed,
                line.c.currency,
            )
            .select_from(line)
            .outerjoin(Category, Category.id == line.c.category_id)
            .outerjoin(parent, parent.id == Category.parent_id)
            .outerjoin(Account, Account.id == line.c.payment_method_id)
            .order_by(line.c.date, line.c.id, line.c.part)
            .execution_options(yield_per=STREAM_ROWS)
        )
        for row in self.session.execute(statement):
            yield MovementRow(
                id=row[0],
                date=row[1],
                description=row[2],
                category=row[3],
                parent_category=row[4],
                account=row[5],
                movement=row[6],
                counter_account=row[7],
                signed_minor=int(row[8]),
                currency=row[9],
            )

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


def _other_end() -> Any:
    """The other end of a row's movement: its counter-account, else the savings goal or
    the debt's contact it is linked to (correlated probes on unique columns), else NULL."""
    counter = (
        select(Account.name)
        .where(Account.id == Transaction.counter_account_id)
        .correlate(Transaction)
        .scalar_subquery()
    )
    goal = (
        select(literal("Goal: ").concat(Goal.name))
        .select_from(GoalContribution)
        .join(Goal, Goal.id == GoalContribution.goal_id)
        .where(GoalContribution.transaction_id == Transaction.id)
        .correlate(Transaction)
        .scalar_subquery()
    )
    debt = (
        select(literal("Debt: ").concat(Contact.name))
        .select_from(DebtPayment)
        .join(Debt, Debt.id == DebtPayment.debt_id)
        .join(Contact, Contact.id == Debt.contact_id)
        .where(DebtPayment.transaction_id == Transaction.id)
        .correlate(Transaction)
        .scalar_subquery()
    )
    return func.coalesce(counter, goal, debt)


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
