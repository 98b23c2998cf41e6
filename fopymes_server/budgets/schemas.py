"""Budget data in and out: what `budget set` takes, a budget, its status in one period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fopymes_server.budgets.rules import PeriodKind, Rollover, Verdict
from fopymes_server.core.contract import Contract, Money, examples

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


_WHEN = "2026-11-27T09:30:00Z"
BUDGET_EXAMPLE: dict[str, Any] = {
    "id": 7,
    "category_id": 12,
    "category": "Groceries",
    "currency": "EUR",
    "period": "monthly",
    "anchor_day": 1,
    "anchor_month": 1,
    "week_start": 0,
    "anchor_date": None,
    "rollover": "unspent",
    "rollover_cap": "100.00",
    "thresholds": [80, 100],
    "limit": "450.00",
    "limits": [
        {"effective_from": "2026-10-01", "amount": "400.00"},
        {"effective_from": "2026-11-01", "amount": "450.00"},
    ],
    "created_at": _WHEN,
    "updated_at": _WHEN,
}
STATUS_EXAMPLE: dict[str, Any] = {
    "budget_id": 7,
    "category_id": 12,
    "category": "Groceries",
    "currency": "EUR",
    "period_start": "2026-11-01",
    "period_end": "2026-11-30",
    "base_limit": "450.00",
    "carried": "35.00",
    "limit": "485.00",
    "spent": "312.40",
    "remaining": "172.60",
    "percent_used": "64.4",
    "days_elapsed": 27,
    "days_left": 3,
    "projected_spend": "347.11",
    "verdict": "on_track",
    "thresholds": [80, 100],
    "alerts_crossed": [],
    "prorated": False,
}


class BudgetLimitOut(Contract):
    """One dated limit: the amount per period from the period containing `effective_from`."""

    effective_from: dt.date
    amount: Money


class BudgetOut(Contract):
    """A budget; `limit` is the one in force today, `limits` every dated limit, oldest first."""

    model_config = ConfigDict(json_schema_extra=examples(BUDGET_EXAMPLE))

    id: int
    category_id: int | None = Field(description="null: the budget of every expense.")
    category: str
    currency: str
    period: PeriodKind
    anchor_day: int
    anchor_month: int
    week_start: int = Field(description="0 Monday .. 6 Sunday (weekly periods).")
    anchor_date: dt.date | None
    rollover: Rollover
    rollover_cap: Money | None
    thresholds: tuple[int, ...] = Field(description="Alert percentages, ascending.")
    limit: Money = Field(
        description="The limit of the period containing today (the latest one when it "
        "starts later)."
    )
    limits: tuple[BudgetLimitOut, ...] = Field(
        description="Every limit with the date it took effect, oldest first: the history."
    )
    created_at: dt.datetime
    updated_at: dt.datetime


class BudgetStatusOut(Contract):
    """One budget in one period: `limit` is `base_limit` plus what rolled over into it."""

    model_config = ConfigDict(json_schema_extra=examples(STATUS_EXAMPLE))

    budget_id: int
    category_id: int | None
    category: str
    currency: str
    period_start: dt.date
    period_end: dt.date
    base_limit: Money
    carried: Money = Field(description="May be negative (overspent).")
    limit: Money
    spent: Money
    remaining: Money = Field(description="Negative once over the limit.")
    percent_used: Money | None = Field(description="null when the limit is zero.")
    days_elapsed: int
    days_left: int
    projected_spend: Money
    verdict: Verdict
    thresholds: tuple[int, ...]
    alerts_crossed: tuple[int, ...]
    prorated: bool = Field(
        default=False,
        description="With `period`: a budget period runs past the month, so its limit "
        "counts pro rata for the days inside (limit and carry alike).",
    )
