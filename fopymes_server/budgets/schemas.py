"""Budget data in and out: what `budget set` takes, a budget, its status in one period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from fopymes_server.budgets.rules import PeriodKind, Rollover, Verdict

ALL_EXPENSES = "All expenses"
"""How a budget without a category (every expense) is named in output."""


class BudgetSet(BaseModel):
    """Create a budget or change one; None leaves a setting as it is (or its default).

    Text is parsed by the service so every front end refuses the same input. The limit
    takes effect from the start of the period containing `effective_from`.
    """

    category: str | int | None
    """Expense category name or id; None budgets every expense."""
    amount: str | Decimal | None = None
    currency: str | None = None
    period: str | None = None
    anchor_day: int | None = None
    anchor_month: int | None = None
    anchor_date: str | dt.date | None = None
    rollover: str | None = None
    rollover_cap: str | Decimal | None = None
    clear_rollover_cap: bool = False
    thresholds: str | None = None
    effective_from: str | dt.date = "today"


class BudgetLimitOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    effective_from: dt.date
    amount: Decimal


class BudgetOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    category_id: int | None
    category: str
    currency: str
    period: PeriodKind
    anchor_day: int
    anchor_month: int
    week_start: int
    anchor_date: dt.date | None
    rollover: Rollover
    rollover_cap: Decimal | None
    thresholds: tuple[int, ...]
    limit: Decimal
    """The limit of the period containing today (the latest one when it starts later)."""
    limits: tuple[BudgetLimitOut, ...]
    """Every limit with the date it took effect, oldest first: the budget's history."""
    created_at: dt.datetime
    updated_at: dt.datetime


class BudgetStatusOut(BaseModel):
    """One budget in one period; `limit` is `base_limit` plus what rolled over into it."""

    model_config = ConfigDict(frozen=True)

    budget_id: int
    category_id: int | None
    category: str
    currency: str
    period_start: dt.date
    period_end: dt.date
    base_limit: Decimal
    carried: Decimal
    limit: Decimal
    spent: Decimal
    remaining: Decimal
    percent_used: Decimal | None
    days_elapsed: int
    days_left: int
    projected_spend: Decimal
    verdict: Verdict
    thresholds: tuple[int, ...]
    alerts_crossed: tuple[int, ...]
    prorated: bool = False
    """True when the dates are not one budget period and a period straddling their edge
    counts only the days inside them (`status.in_range`): limit and carry are pro rata."""
