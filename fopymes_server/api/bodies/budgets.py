"""Bodies of budgets: what POST and PATCH take, a budget, its status in one period.

Amounts go out as decimal strings and come in as `AmountText`; period kinds, rollover
modes and verdicts are the service's own enums, so the OpenAPI document lists the same
choices the CLI's help does.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import (
    AmountText,
    CurrencyCode,
    Day,
    DecimalString,
    Id,
    RequestModel,
    ResponseModel,
)
from fopymes_server.budgets.rules import PeriodKind, Rollover, Verdict
from fopymes_server.budgets.schemas import BudgetSet

Threshold = Annotated[int, Field(ge=1, le=1000)]
_WHEN = "2026-11-27T09:30:00Z"
_BUDGET_EXAMPLE: dict[str, Any] = {
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
_STATUS_EXAMPLE: dict[str, Any] = {
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
}


class BudgetLimitOut(ResponseModel):
    effective_from: dt.date
    amount: DecimalString


class BudgetOut(ResponseModel):
    """A budget; `limit` is the one in force today, `limits` every dated limit, oldest first."""

    model_config = ConfigDict(json_schema_extra={"examples": [_BUDGET_EXAMPLE]})

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
    rollover_cap: DecimalString | None
    thresholds: list[int]
    limit: DecimalString
    limits: list[BudgetLimitOut]
    created_at: dt.datetime
    updated_at: dt.datetime


class BudgetList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_BUDGET_EXAMPLE]}]})

    items: list[BudgetOut]


class BudgetStatusOut(ResponseModel):
    """One budget in one period: `limit` is `base_limit` plus what rolled over into it."""

    model_config = ConfigDict(json_schema_extra={"examples": [_STATUS_EXAMPLE]})

    budget_id: int
    category_id: int | None
    category: str
    currency: str
    period_start: dt.date
    period_end: dt.date
    base_limit: DecimalString
    carried: Annotated[DecimalString, Field(description="May be negative (overspent).")]
    limit: DecimalString
    spent: DecimalString
    remaining: Annotated[DecimalString, Field(description="Negative once over the limit.")]
    percent_used: DecimalString | None = Field(description="null when the limit is zero.")
    days_elapsed: int
    days_left: int
    projected_spend: DecimalString
    verdict: Verdict
    thresholds: list[int]
    alerts_crossed: list[int]
    prorated: bool = Field(
        default=False,
        description="With `period`: a budget period runs past the month, so its limit "
        "counts pro rata for the days inside.",
    )


class BudgetStatusList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_STATUS_EXAMPLE]}]})

    items: list[BudgetStatusOut]


class BudgetIn(RequestModel):
    """`fopymes budget set`: create the budget of a category, or change the existing one.

    A category has at most one budget, so posting for a category that has one changes it:
    a new `amount` becomes the limit from the period containing `effective_from` (earlier
    periods keep theirs). The period definition and currency of an existing budget cannot
    change (409). Defaults for a new budget: monthly from the 1st, no rollover, alerts at
    80 and 100 %, the workspace's currency.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "category_id": 12,
                    "amount": "400.00",
                    "period": "monthly",
                    "anchor_day": 25,
                    "rollover": "unspent",
                    "rollover_cap": "100.00",
                    "thresholds": [50, 80, 100],
                }
            ]
        }
    )

    category_id: Id | None = Field(
        default=None, description="An expense category; null or absent budgets every expense."
    )
    amount: AmountText = Field(description="The limit per period.")
    currency: CurrencyCode | None = Field(
        default=None, description="Of a new budget; default: the workspace's."
    )
    period: PeriodKind | None = Field(default=None, description="Default: monthly.")
    anchor_day: int | None = Field(
        default=None, ge=1, le=31, description="Day monthly/quarterly/yearly periods start on."
    )
    anchor_month: int | None = Field(
        default=None, ge=1, le=12, description="Month quarterly/yearly periods start in."
    )
    anchor_date: Day | None = Field(
        default=None, description="First day of one weekly/fortnightly period."
    )
    rollover: Rollover | None = Field(default=None, description="Default: none.")
    rollover_cap: AmountText | None = Field(default=None, description="Most that rolls over.")
    thresholds: list[Threshold] | None = Field(
        default=None, min_length=1, max_length=20, description="Alert percentages."
    )
    effective_from: Day | None = Field(
        default=None, description="The limit applies from the period containing it; today."
    )

    def to_set(self) -> BudgetSet:
        return BudgetSet(
            category=self.category_id,
            amount=self.amount,
            currency=self.currency,
            period=self.period.value if self.period else None,
            anchor_day=self.anchor_day,
            anchor_month=self.anchor_month,
            anchor_date=self.anchor_date,
            rollover=self.rollover.value if self.rollover else None,
            rollover_cap=self.rollover_cap,
            thresholds=_thresholds_text(self.thresholds),
            effective_from=self.effective_from or "today",
        )


class BudgetPatch(RequestModel):
    """Change a budget: fields left out stay; `rollover_cap: null` removes the cap.

    The category, period and currency are fixed (past periods would be redrawn): remove
    the budget and post a new one to change them.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"amount": "450.00", "effective_from": "2026-11-01", "thresholds": [90]}]
        }
    )

    amount: AmountText | None = Field(default=None, description="The new limit per period.")
    effective_from: Day | None = Field(
        default=None, description="A new amount applies from the period containing it; today."
    )
    rollover: Rollover | None = None
    rollover_cap: AmountText | None = None
    thresholds: list[Threshold] | None = Field(default=None, min_length=1, max_length=20)

    def to_set(self, category_id: int | None) -> BudgetSet:
        return BudgetSet(
            category=category_id,
            amount=self.amount,
            rollover=self.rollover.value if self.rollover else None,
            rollover_cap=self.rollover_cap,
            clear_rollover_cap="rollover_cap" in self.model_fields_set
            and self.rollover_cap is None,
            thresholds=_thresholds_text(self.thresholds),
            effective_from=self.effective_from or "today",
        )


def _thresholds_text(thresholds: list[int] | None) -> str | None:
    """The service parses thresholds as the CLI types them (`80,100`)."""
    return ",".join(str(t) for t in thresholds) if thresholds is not None else None
