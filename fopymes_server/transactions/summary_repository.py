"""Aggregate SQL over transactions: sums per currency, per top-level category, per month.

Everything is summed by the database with GROUP BY over the (workspace_id, date, id) index
range, so a year of a million rows costs one indexed scan and returns a few dozen rows;
no transaction row is ever loaded into Python to be added up. Results are integer minor
units, exact on both databases (SQLite sums integers, PostgreSQL sums BIGINT into NUMERIC).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Integer, cast, extract, func, select
from sqlalchemy.orm import Session, aliased

from fopymes_server.categories.models import Category
from fopymes_server.transactions import movements
from fopymes_server.transactions.lines import category_lines
from fopymes_server.transactions.models import Transaction


@dataclass(frozen=True, slots=True)
class Sums:
    """Income and expense minor units of one currency (and, for months, one month)."""

    currency: str
    income_minor: int
    expense_minor: int
    count: int
    year: int = 0
    month: int = 0


@dataclass(frozen=True, slots=True)
class CategorySums:
    """Minor units of one kind and currency under one top-level category (None: none)."""

    category_id: int | None
    category: str | None
    kind: str
    currency: str
    amount_minor: int
    count: int


def _income() -> Any:
    return movements.sum_of(movements.is_income())


def _expense() -> Any:
    return movements.sum_of(movements.is_expense())


def in_range(workspace_id: int, start: date, end: date) -> tuple[Any, ...]:
    """The workspace's incomes and expenses dated start..end, inclusive.

    Transfers (between accounts, into or out of a savings goal, for a debt) are left out:
    `movements.counted()` is the one definition of what is income or expense.
    """
    return (
        Transaction.workspace_id == workspace_id,
        Transaction.date >= start,
        Transaction.date <= end,
        movements.counted(),
    )


class SummaryRepository:
    """Read-only aggregates, sharing the unit of work's session (and so its snapshot)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def totals(self, workspace_id: int, start: date, end: date) -> list[Sums]:
        """Sums per currency of transactions dated from `start` to `end`, both inclusive."""
        statement = (
            select(Transaction.currency, _income(), _expense(), func.count())
            .where(*in_range(workspace_id, start, end))
            .group_by(Transaction.currency)
            .order_by(Transaction.currency)
        )
        return [
            Sums(currency, int(income), int(expense), int(count))
            for currency, income, expense, count in self.session.execute(statement).all()
        ]

    def by_category(
        self, workspace_id: int, start: date, end: date, kind: str | None
    ) -> list[CategorySums]:
        """Sums per top-level category: a sub-category's lines count toward its parent, and
        a split transaction's parts each toward its own (`transactions.lines`); `count` is
        the lines'."""
        conditions = in_range(workspace_id, start, end)
        if kind is not None:
            conditions = (*conditions, Transaction.kind == kind)
        line = category_lines(*conditions)
        child = aliased(Category)
        top = aliased(Category)
        top_id = func.coalesce(child.parent_id, child.id)
        statement = (
            select(
                top.id,
                top.name,
                line.c.kind,
                line.c.currency,
                func.sum(line.c.amount_minor),
                func.count(),
            )
            .select_from(line)
            .outerjoin(child, child.id == line.c.category_id)
            .outerjoin(top, top.id == top_id)
            .group_by(top.id, top.name, line.c.kind, line.c.currency)
        )
        return [
            CategorySums(category_id, name, row_kind, currency, int(amount), int(count))
            for category_id, name, row_kind, currency, amount, count in self.session.execute(
                statement
            ).all()
        ]

    def by_month(self, workspace_id: int, start: date, end: date) -> list[Sums]:
        """Sums per calendar month and currency; months without rows are simply absent."""
        year = cast(extract("year", Transaction.date), Integer)
        month = cast(extract("month", Transaction.date), Integer)
        statement = (
            select(year, month, Transaction.currency, _income(), _expense(), func.count())
            .where(*in_range(workspace_id, start, end))
            .group_by(year, month, Transaction.currency)
        )
        return [
            Sums(currency, int(income), int(expense), int(count), int(y), int(m))
            for y, m, currency, income, expense, count in self.session.execute(statement).all()
        ]
