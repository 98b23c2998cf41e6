"""Bodies of savings goals: goals, contributions and withdrawals, the plan to the deadline."""

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
    Text,
)
from fopymes_server.goals.rules import Frequency
from fopymes_server.goals.schemas import ContributionCreate, GoalCreate, GoalStatus, GoalUpdate

Name = Annotated[Text, Field(min_length=1, max_length=100)]
Note = Annotated[Text, Field(max_length=1000)]
_WHEN = "2026-11-27T09:30:00Z"
_GOAL_EXAMPLE: dict[str, Any] = {
    "id": 5,
    "name": "Bike",
    "status": "active",
    "target": "1000.00",
    "saved": "250.00",
    "remaining": "750.00",
    "percent_saved": "25.0",
    "currency": "EUR",
    "deadline": "2027-06-30",
    "frequency": "monthly",
    "category_id": 12,
    "category": "Savings",
    "owner_id": 1,
    "owner": "Ana",
    "start_date": "2026-10-01",
    "contributions": 2,
    "created_at": _WHEN,
}
_CONTRIBUTION_EXAMPLE: dict[str, Any] = {
    "id": 31,
    "date": "2026-11-27",
    "amount": "50.00",
    "note": "November",
    "transaction_id": 1042,
    "created_by": 1,
}


class GoalOut(ResponseModel):
    """A goal with what is saved of it; `status` is derived (achieved once saved >= target)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_GOAL_EXAMPLE]})

    id: int
    name: str
    status: GoalStatus
    target: DecimalString
    saved: DecimalString
    remaining: DecimalString
    percent_saved: DecimalString
    currency: str
    deadline: dt.date | None
    frequency: Frequency
    category_id: int | None
    category: str | None
    owner_id: int
    owner: str
    start_date: dt.date
    contributions: int = Field(description="How many contributions and withdrawals it has.")
    created_at: dt.datetime


class GoalList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_GOAL_EXAMPLE]}]})

    items: list[GoalOut]


class ContributionOut(ResponseModel):
    """Money into a goal (a positive amount) or out of it (a negative one)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CONTRIBUTION_EXAMPLE]})

    id: int
    date: dt.date
    amount: Annotated[DecimalString, Field(description="Negative for a withdrawal.")]
    note: str | None
    transaction_id: int | None = Field(description="The transfer it recorded, if any.")
    created_by: int


class ContributionList(ResponseModel):
    """Oldest first."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_CONTRIBUTION_EXAMPLE]}]})

    items: list[ContributionOut]


class ContributionRecordedOut(ResponseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "contribution": _CONTRIBUTION_EXAMPLE,
                    "goal": _GOAL_EXAMPLE,
                    "milestones_reached": [25],
                }
            ]
        }
    )

    contribution: ContributionOut
    goal: GoalOut
    milestones_reached: list[int] = Field(
        description="Milestones (25/50/75/100 %) this contribution reached for the first time."
    )


class InstalmentOut(ResponseModel):
    due: dt.date
    amount: DecimalString


class PaceOut(ResponseModel):
    """Against the straight line from nothing on the start date to the target by the deadline."""

    required_per_period: DecimalString
    periods_left: int
    expected_saved: DecimalString
    on_track: bool


class SuggestionOut(ResponseModel):
    """The pace of past contributions (from three on) and where it leads."""

    average_amount: DecimalString
    average_interval_days: DecimalString
    contributions_needed: int | None
    estimated_completion: dt.date | None


class MilestoneOut(ResponseModel):
    milestone: int
    reached_on: dt.date


class GoalPlanOut(ResponseModel):
    """What `fopymes goal show` computes: instalments to the deadline, pace, suggestion.

    `plan` is empty and `pace` null without a deadline or once the goal is cancelled.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "goal": _GOAL_EXAMPLE,
                    "plan": [
                        {"due": "2026-12-27", "amount": "107.15"},
                        {"due": "2027-01-27", "amount": "107.15"},
                    ],
                    "pace": {
                        "required_per_period": "107.15",
                        "periods_left": 7,
                        "expected_saved": "180.00",
                        "on_track": True,
                    },
                    "suggestion": None,
                    "milestones": [{"milestone": 25, "reached_on": "2026-11-27"}],
                }
            ]
        }
    )

    goal: GoalOut
    plan: list[InstalmentOut]
    pace: PaceOut | None
    suggestion: SuggestionOut | None
    milestones: list[MilestoneOut]


class GoalIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Bike",
                    "target": "1000.00",
                    "deadline": "2027-06-30",
                    "frequency": "monthly",
                }
            ]
        }
    )

    name: Name = Field(description="Unique in the workspace in any case; not a number.")
    target: AmountText
    currency: CurrencyCode | None = Field(default=None, description="Default: the workspace's.")
    deadline: Day | None = Field(default=None, description="Not in the past.")
    frequency: Frequency = Field(
        default=Frequency.MONTHLY, description="How often the plan's instalments fall due."
    )
    category_id: Id | None = Field(
        default=None, description="An expense category for the transfers contributions record."
    )

    def to_create(self) -> GoalCreate:
        return GoalCreate(
            name=self.name,
            target=self.target,
            currency=self.currency,
            deadline=self.deadline,
            frequency=self.frequency.value,
            category=self.category_id,
        )


class GoalPatch(RequestModel):
    """JSON merge patch: fields left out stay; `deadline` or `category_id` null clears them."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"target": "1200.00", "deadline": None}]}
    )

    name: Name | None = None
    target: AmountText | None = None
    deadline: Day | None = None
    frequency: Frequency | None = None
    category_id: Id | None = None

    def to_update(self) -> GoalUpdate:
        given = self.model_fields_set
        return GoalUpdate(
            name=self.name,
            target=self.target,
            deadline=self.deadline,
            clear_deadline="deadline" in given and self.deadline is None,
            frequency=self.frequency.value if self.frequency else None,
            category=self.category_id,
            clear_category="category_id" in given and self.category_id is None,
        )


class ContributionIn(RequestModel):
    """Money into (or out of) a goal; with `payment_method_id` it is also recorded as a
    transaction from (or to) that method, marked as a transfer to savings so budgets and
    spending totals leave it out."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "amount": "50.00",
                    "date": "2026-11-27",
                    "payment_method_id": 2,
                    "note": "November",
                }
            ]
        }
    )

    amount: AmountText
    date: Day | None = Field(default=None, description="Default: today.")
    note: Note | None = None
    payment_method_id: Id | None = None

    def to_create(self) -> ContributionCreate:
        return ContributionCreate(
            amount=self.amount,
            date=self.date or "today",
            note=self.note,
            payment_method=self.payment_method_id,
        )
