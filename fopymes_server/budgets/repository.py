"""All SQL of budgets: the budgets, their dated limits, and what was spent per period.

`spent` is the one aggregate: it sums the expense transactions of many (budget, period)
ranges in a single GROUP BY statement. The ranges travel as one JSON parameter (period
arithmetic is a pure rule, not SQL), and each range's categories are joined through the
(workspace_id, category_id, date) index, so a category budget reads only its own rows.
Transfers (between accounts, to savings goals, for debts) are not spending and are left
out, by the one definition in `transactions.movements`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    String,
    bindparam,
    column,
    delete,
    func,
    null,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from fopymes_server.budgets.models import Budget, BudgetLimit
from fopymes_server.categories.models import Category
from fopymes_server.transactions import lines, movements
from fopymes_server.transactions.models import Transaction


@dataclass(frozen=True, slots=True)
class BudgetRow:
    id: int
    category_id: int | None
    category: str | None
    currency: str
    period: str
    anchor_day: int
    anchor_month: int
    week_start: int
    anchor_date: date | None
    rollover: str
    rollover_cap_minor: int | None
    thresholds: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class LimitRow:
    budget_id: int
    effective_from: date
    amount_minor: int


@dataclass(frozen=True, slots=True)
class SpendRange:
    """One period of one budget, identified by `key` in the result of `spent`."""

    key: int
    budget_id: int
    start: date
    end: date
    currency: str


class BudgetsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, workspace_id: int, values: dict[str, Any]) -> int:
        budget = Budget(workspace_id=workspace_id, **values)
        self.session.add(budget)
        self.session.flush()
        return budget.id

    def update(self, workspace_id: int, budget_id: int, values: dict[str, Any]) -> None:
        self.session.execute(
            update(Budget)
            .where(Budget.workspace_id == workspace_id, Budget.id == budget_id)
            .values(**values)
        )

    def delete(self, workspace_id: int, budget_id: int) -> None:
        self.session.execute(
            delete(BudgetLimit).where(
                BudgetLimit.workspace_id == workspace_id, BudgetLimit.budget_id == budget_id
            )
        )
        self.session.execute(
            delete(Budget).where(Budget.workspace_id == workspace_id, Budget.id == budget_id)
        )

    def list_budgets(
        self, workspace_id: int, *, category_key: int | None = None
    ) -> list[BudgetRow]:
        """Budgets of the workspace, "all expenses" first, then by category name."""
        statement = (
            select(Budget, Category.name)
            .outerjoin(Category, Category.id == Budget.category_id)
            .where(Budget.workspace_id == workspace_id)
            .order_by(Budget.category_key != 0, Category.name_key)
        )
        if category_key is not None:
            statement = statement.where(Budget.category_key == category_key)
        return [
            BudgetRow(
                id=budget.id,
                category_id=budget.category_id,
                category=name,
                currency=budget.currency,
                period=budget.period,
                anchor_day=budget.anchor_day,
                anchor_month=budget.anchor_month,
                week_start=budget.week_start,
                anchor_date=budget.anchor_date,
                rollover=budget.rollover,
                rollover_cap_minor=budget.rollover_cap_minor,
                thresholds=budget.thresholds,
                created_at=budget.created_at,
                updated_at=budget.updated_at,
            )
            for budget, name in self.session.execute(statement).all()
        ]

    def limits(self, workspace_id: int) -> list[LimitRow]:
        """Every dated limit of the workspace's budgets, oldest first per budget."""
        rows = self.session.execute(
            select(BudgetLimit.budget_id, BudgetLimit.effective_from, BudgetLimit.amount_minor)
            .where(BudgetLimit.workspace_id == workspace_id)
            .order_by(BudgetLimit.budget_id, BudgetLimit.effective_from)
        ).all()
        return [LimitRow(budget_id, start, amount) for budget_id, start, amount in rows]

    def set_limit(
        self,
        workspace_id: int,
        budget_id: int,
        *,
        effective_from: date,
        amount_minor: int,
        user_id: int,
        now: datetime,
    ) -> None:
        """The limit from `effective_from` on; a limit already starting that day is replaced."""
        existing = self.session.scalar(
            select(BudgetLimit.id).where(
                BudgetLimit.workspace_id == workspace_id,
                BudgetLimit.budget_id == budget_id,
                BudgetLimit.effective_from == effective_from,
            )
        )
        if existing is not None:
            self.session.execute(
                update(BudgetLimit)
                .where(BudgetLimit.id == existing)
                .values(amount_minor=amount_minor, created_by=user_id, created_at=now)
            )
            return
        self.session.add(
            BudgetLimit(
                workspace_id=workspace_id,
                budget_id=budget_id,
                effective_from=effective_from,
                amount_minor=amount_minor,
                created_by=user_id,
                created_at=now,
            )
        )
        self.session.flush()

    def spent(
        self,
        workspace_id: int,
        ranges: Sequence[SpendRange],
        scopes: Mapping[int, tuple[int, ...] | None],
    ) -> dict[int, int]:
        """Minor units of expenses per range key, summed by the database in one statement.

        `scopes` maps each budget id to its category ids (the category and its
        sub-categories), or None for a budget of every expense. Only transactions in the
        range's currency count; ranges with nothing spent are absent from the result.
        """
        dialect = self.session.get_bind().dialect.name
        scoped = [r for r in ranges if scopes.get(r.budget_id) is not None]
        unscoped = [r for r in ranges if scopes.get(r.budget_id) is None]
        parts, params = [], {}
        if scoped:
            parts.append(_scoped_sums(dialect, workspace_id))
            params["category_periods"] = _periods_json(
                (r, category) for r in scoped for category in scopes.get(r.budget_id) or ()
            )
        if unscoped:
            parts.append(_unscoped_sums(dialect, workspace_id))
            params["all_periods"] = _periods_json((r, None) for r in unscoped)
        if not parts:
            return {}
        statement = parts[0] if len(parts) == 1 else parts[0].union_all(*parts[1:])
        if dialect == "postgresql":
            # The planner assumes 100 rows from a JSON function, so at a million
            # transactions its cost estimate passes jit_above_cost and JIT compilation
            # takes ~0.6 s for a query whose index seeks take ~30 ms. This transaction only.
            self.session.execute(text("SET LOCAL jit = off"))
        rows = self.session.execute(statement, params).all()
        # (range, its rows' sum, its split parts' sum): NULL and NULL is nothing spent.
        return {
            int(key): int(plain or 0) + int(parts or 0)
            for key, plain, parts in rows
            if plain is not None or parts is not None
        }


_PERIOD_COLUMNS = (
    ("range_key", Integer(), "integer"),
    ("category_id", Integer(), "integer"),
    ("period_start", Date(), "date"),
    ("period_end", Date(), "date"),
    ("currency", String(3), "text"),
)


def _periods_json(rows: Iterable[tuple[SpendRange, int | None]]) -> str:
    return json.dumps(
        [
            {
                "range_key": r.key,
                "category_id": category,
                "period_start": r.start.isoformat(),
                "period_end": r.end.isoformat(),
                "currency": r.currency,
            }
            for r, category in rows
        ]
    )


def _json_rows(dialect: str, name: str, columns: Sequence[tuple[str, Any, str]]) -> Any:
    """A CTE of the rows in the JSON array bound as parameter `name`.

    One parameter instead of a VALUES list of one parameter per value: the statement's text
    never changes, so SQLAlchemy compiles it once and caches it (hundreds of bound values
    cost ~100 ms of compiling on every call). PostgreSQL reads the array with
    jsonb_to_recordset, SQLite with json_each (dates stay ISO text there, as stored).
    """
    if dialect == "postgresql":
        spec = ", ".join(f"{key} {pg_type}" for key, _, pg_type in columns)
        sql = f"SELECT * FROM jsonb_to_recordset(CAST(:{name} AS jsonb)) AS rows({spec})"
    else:
        picks = ", ".join(f"json_extract(value, '$.{key}') AS {key}" for key, _, _ in columns)
        sql = f"SELECT {picks} FROM json_each(:{name})"
    typed = text(sql).bindparams(bindparam(name, type_=String()))
    return typed.columns(*(column(key, type_) for key, type_, _ in columns)).cte(name)


def _counted(workspace_id: int, period: Any) -> tuple[Any, ...]:
    """Expenses of the workspace in the period's currency and dates (the correlated
    conditions of one range's sum); transfers are not expenses."""
    return (
        Transaction.workspace_id == workspace_id,
        Transaction.date >= period.c.period_start,
        Transaction.date <= period.c.period_end,
        Transaction.currency == period.c.currency,
        movements.is_expense(),
    )


# Each sum is a correlated subquery rather than a join: both planners then walk the JSON
# rows and, for each, seek its dates (and category) through an index. Joined, PostgreSQL
# cannot estimate the rows a JSON function returns and may hash-join a full table scan.


def _scoped_sums(dialect: str, workspace_id: int) -> Any:
    """Per range of a category budget: one row per (range, category), each summed through
    the (workspace_id, category_id, date) index, plus the parts of split expenses in the
    category (`transactions.lines.part_sum`, through the parts' category index), then added
    up per range."""
    period = _json_rows(dialect, "category_periods", _PERIOD_COLUMNS)

    def in_category(column: Any) -> Any:
        return column == period.c.category_id

    rows = (
        select(func.sum(Transaction.amount_minor))
        .where(in_category(Transaction.category_id), *_counted(workspace_id, period))
        .scalar_subquery()
    )
    parts = lines.part_sum(*_counted(workspace_id, period), category=in_category)
    per_category = select(period.c.range_key, rows.label("rows"), parts.label("parts")).subquery()
    # Two sums, added in Python: one expression of both would make PostgreSQL evaluate
    # each correlated sum twice.
    return select(
        per_category.c.range_key, func.sum(per_category.c.rows), func.sum(per_category.c.parts)
    ).group_by(per_category.c.range_key)


def _unscoped_sums(dialect: str, workspace_id: int) -> Any:
    """Per range of an all-expenses budget: every row of its dates, through the
    (workspace_id, date, id) index."""
    period = _json_rows(dialect, "all_periods", _PERIOD_COLUMNS)
    spent = select(func.sum(Transaction.amount_minor)).where(*_counted(workspace_id, period))
    return select(period.c.range_key, spent.scalar_subquery(), null()).select_from(period)
