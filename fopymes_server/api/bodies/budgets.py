"""Bodies of budgets: what POST and PATCH take, and the lists of budgets and statuses.

A budget and its status are the service's own schemas (`budgets.schemas`). Amounts come
in as `AmountText`; period kinds and rollover modes are the service's own enums, so the
OpenAPI document lists the same choices the CLI's help does.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import (
    AmountText,
    CurrencyCode,
    Day,
    Id,
    RequestModel,
    ResponseModel,
)
from fopymes_server.budgets.rules import PeriodKind, Rollover
from fopymes_server.budgets.schemas import (
    BUDGET_EXAMPLE,
    STATUS_EXAMPLE,
    BudgetOut,
    BudgetSet,
    BudgetStatusOut,
)

Threshold = Annotated[int, Field(ge=1, le=1000)]


class BudgetList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [BUDGET_EXAMPLE]}]})

    items: list[BudgetOut]


class BudgetStatusList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [STATUS_EXAMPLE]}]})

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
