"""SQL of exports: every matching transaction, streamed in (date, id) order.

The rows come through a server-side cursor on PostgreSQL (`stream_results`) and SQLite's
own lazy cursor, `yield_per` rows at a time, so an export of ten million rows holds one
batch in memory, never the whole result. The caller must consume the iterator inside the
unit of work that owns the session.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from fopymes_server.categories.models import Category
from fopymes_server.core.money import from_minor
from fopymes_server.exports.schemas import AccountNames, ExportRow
from fopymes_server.goals.models import Goal, GoalContribution
from fopymes_server.payment_methods.models import PaymentMethod
from fopymes_server.transactions import movements
from fopymes_server.transactions.models import Transaction

STREAM_BATCH = 2_000


@dataclass(frozen=True, slots=True)
class ExportQuery:
    """A resolved filter: ids and minor units, like the list query of transactions."""

    workspace_id: int
    date_from: date | None = None
    date_to: date | None = None
    category_ids: tuple[int, ...] | None = None
    payment_method_id: int | None = None
    kind: str | None = None
    search: str | None = None
    min_minor: int | None = None
    max_minor: int | None = None


def _conditions(query: ExportQuery) -> list[Any]:
    # Transfers between accounts are neither income nor expense, and an export row has one
    # account and one category: they are left out (goal and debt transfers stay, marked).
    conditions: list[Any] = [
        Transaction.workspace_id == query.workspace_id,
        ~movements.between_accounts(),
    ]
    if query.date_from is not None:
        conditions.append(Transaction.date >= query.date_from)
    if query.date_to is not None:
        conditions.append(Transaction.date <= query.date_to)
    if query.category_ids is not None:
        conditions.append(Transaction.category_id.in_(query.category_ids))
    if query.payment_method_id is not None:
        conditions.append(Transaction.payment_method_id == query.payment_method_id)
    if query.kind is not None:
        conditions.append(Transaction.kind == query.kind)
    if query.search:
        needle = query.search.lower()
        conditions.append(
            func.lower(Transaction.description).contains(needle, autoescape=True)
            | func.lower(func.coalesce(Transaction.note, "")).contains(needle, autoescape=True)
        )
    if query.min_minor is not None:
        conditions.append(Transaction.amount_minor >= query.min_minor)
    if query.max_minor is not None:
        conditions.append(Transaction.amount_minor <= query.max_minor)
    return conditions


class ExportsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def stream(self, query: ExportQuery, *, batch: int = STREAM_BATCH) -> Iterator[ExportRow]:
        """Matching transactions oldest first, fetched `batch` rows at a time."""
        parent = aliased(Category)
        statement = (
            select(
                Transaction.id,
                Transaction.date,
                Transaction.kind,
                Transaction.amount_minor,
                Transaction.currency,
                Category.name,
                parent.name,
                PaymentMethod.name,
                PaymentMethod.type,
                Transaction.description,
                Transaction.note,
                Goal.name,
                movements.movement(),
            )
            .outerjoin(Category, Category.id == Transaction.category_id)
            .outerjoin(parent, parent.id == Category.parent_id)
            .outerjoin(PaymentMethod, PaymentMethod.id == Transaction.payment_method_id)
            .outerjoin(GoalContribution, GoalContribution.transaction_id == Transaction.id)
            .outerjoin(Goal, Goal.id == GoalContribution.goal_id)
            .where(*_conditions(query))
            .order_by(Transaction.date, Transaction.id)
        )
        result = self.session.execute(
            statement, execution_options={"yield_per": batch, "stream_results": True}
        )
        for row in result:
            yield ExportRow(
                id=row[0],
                date=row[1],
                kind=row[2],
                amount=from_minor(row[3], row[4]),
                currency=row[4],
                category=row[5],
                parent_category=row[6],
                payment_method=row[7],
                payment_method_type=row[8],
                description=row[9],
                note=row[10],
                goal=row[11],
                movement=row[12],
            )

    def account_names(self, query: ExportQuery) -> AccountNames:
        """The workspace's categories and methods, and the currencies the filter reaches."""
        parent = aliased(Category)
        categories = self.session.execute(
            select(Category.kind, parent.name, Category.name)
            .outerjoin(parent, parent.id == Category.parent_id)
            .where(Category.workspace_id == query.workspace_id)
            .order_by(Category.id)
        ).all()
        methods = self.session.execute(
            select(PaymentMethod.name, PaymentMethod.type)
            .where(PaymentMethod.workspace_id == query.workspace_id)
            .order_by(PaymentMethod.id)
        ).all()
        currencies = self.session.scalars(
            select(Transaction.currency).distinct().where(*_conditions(query))
        ).all()
        goals = self.session.scalars(
            select(Goal.name).where(Goal.workspace_id == query.workspace_id).order_by(Goal.id)
        ).all()
        return AccountNames(
            expense_categories=tuple((p, n) for k, p, n in categories if k == "expense"),
            income_categories=tuple((p, n) for k, p, n in categories if k == "income"),
            methods=tuple((name, type_) for name, type_ in methods),
            currencies=tuple(sorted(currencies)),
            goals=tuple(goals),
        )
