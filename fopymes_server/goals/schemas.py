"""Savings-goal data in and out: goals, contributions, plans, pace and suggestions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fopymes_server.core.contract import Contract, Money, examples
from fopymes_server.goals.rules import Frequency


class GoalStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"  # derived: saved >= target
    CANCELLED = "cancelled"


class GoalCreate(BaseModel):
    name: str
    target: str | Decimal
    currency: str | None = None
    """ISO 4217; the workspace's currency when omitted."""
    deadline: str | dt.date | None = None
    frequency: str = "monthly"
    category: str | int | None = None
    """An expense category the goal is filed under (its money moves by transfers, which have
    no category)."""
    account: str | int | None = None
    """The savings account (an asset in the goal's currency) money from other accounts is
    moved to; without one, "<name> savings" is opened by the first such contribution."""
    open_account: bool = False
    """Open the goal's "<name> savings" account now."""


class GoalUpdate(BaseModel):
    """Fields to change; None leaves a field as it is."""

    name: str | None = None
    target: str | Decimal | None = None
    deadline: str | dt.date | None = None
    clear_deadline: bool = False
    frequency: str | None = None
    category: str | int | None = None
    clear_category: bool = False
    account: str | int | None = None
    """Another savings account for contributions from now on (earlier ones stay where
    they went)."""


class ContributionCreate(BaseModel):
    """Money into (or, for a withdrawal, out of) a goal.

    With `payment_method` (the account the money comes from, or goes back to) the move is
    also recorded as a transfer between it and the goal's savings account: never income or
    expense.
    """

    amount: str | Decimal
    date: str | dt.date = "today"
    note: str | None = None
    payment_method: str | int | None = None


_WHEN = "2026-11-27T09:30:00Z"
GOAL_EXAMPLE: dict[str, Any] = {
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
    "account_id": 9,
    "account": "Bike savings",
    "owner_id": 1,
    "owner": "Ana",
    "start_date": "2026-10-01",
    "contributions": 2,
    "created_at": _WHEN,
}
CONTRIBUTION_EXAMPLE: dict[str, Any] = {
    "id": 31,
    "date": "2026-11-27",
    "amount": "50.00",
    "note": "November",
    "transaction_id": 1042,
    "created_by": 1,
}


class GoalOut(Contract):
    """A goal with what is saved of it; `status` is derived (achieved once saved >= target)."""

    model_config = ConfigDict(json_schema_extra=examples(GOAL_EXAMPLE))

    id: int
    name: str
    status: GoalStatus
    target: Money
    saved: Money
    remaining: Money
    percent_saved: Money
    currency: str
    deadline: dt.date | None
    frequency: Frequency
    category_id: int | None
    category: str | None
    account_id: int | None = Field(description="The savings account it moves money to.")
    account: str | None
    owner_id: int
    owner: str
    start_date: dt.date
    contributions: int = Field(description="How many contributions and withdrawals it has.")
    created_at: dt.datetime


class ContributionOut(Contract):
    """Money into a goal (a positive amount) or out of it (a negative one)."""

    model_config = ConfigDict(json_schema_extra=examples(CONTRIBUTION_EXAMPLE))

    id: int
    date: dt.date
    amount: Money = Field(description="Negative for a withdrawal.")
    note: str | None
    transaction_id: int | None = Field(description="The transfer it recorded, if any.")
    created_by: int


class InstalmentOut(Contract):
    """One instalment of the plan to the deadline."""

    due: dt.date
    amount: Money


class PaceOut(Contract):
    """Against the straight line from nothing on the start date to the target by the deadline."""

    required_per_period: Money
    periods_left: int
    expected_saved: Money
    on_track: bool


class SuggestionOut(Contract):
    """The pace of past contributions (from three on) and where it leads."""

    average_amount: Money
    average_interval_days: Money
    contributions_needed: int | None
    estimated_completion: dt.date | None


class MilestoneOut(Contract):
    """A milestone (percent of the target) and the day it was first reached."""

    milestone: int
    reached_on: dt.date


class GoalDetail(Contract):
    """Everything `fopymes goal show` prints, recomputed from the current state.

    `plan` is empty and `pace` null without a deadline or once the goal is cancelled;
    `history` is every contribution and withdrawal, oldest first.
    """

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "goal": GOAL_EXAMPLE,
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
                "history": [CONTRIBUTION_EXAMPLE],
            }
        )
    )

    goal: GoalOut
    plan: list[InstalmentOut]
    pace: PaceOut | None
    suggestion: SuggestionOut | None
    milestones: list[MilestoneOut]
    history: list[ContributionOut]


class ContributionRecorded(Contract):
    """A contribution or withdrawal just recorded, with the goal as it now stands."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "contribution": CONTRIBUTION_EXAMPLE,
                "goal": GOAL_EXAMPLE,
                "milestones_reached": [25],
            }
        )
    )

    contribution: ContributionOut
    goal: GoalOut
    milestones_reached: list[int] = Field(
        description="Milestones (25/50/75/100 %) this contribution reached for the first time "
        "(recorded as events)."
    )
