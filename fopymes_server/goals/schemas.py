"""Savings-goal data in and out: goals, contributions, plans, pace and suggestions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


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
    """An expense category given to the transactions contributions record."""


class GoalUpdate(BaseModel):
    """Fields to change; None leaves a field as it is."""

    name: str | None = None
    target: str | Decimal | None = None
    deadline: str | dt.date | None = None
    clear_deadline: bool = False
    frequency: str | None = None
    category: str | int | None = None
    clear_category: bool = False


class ContributionCreate(BaseModel):
    """Money into (or, for a withdrawal, out of) a goal.

    With `payment_method` the move is also recorded as a transaction from (or to) it, marked
    as a transfer to savings so that spending figures leave it out.
    """

    amount: str | Decimal
    date: str | dt.date = "today"
    note: str | None = None
    payment_method: str | int | None = None


class GoalOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    status: GoalStatus
    target: Decimal
    saved: Decimal
    remaining: Decimal
    percent_saved: Decimal
    currency: str
    deadline: dt.date | None
    frequency: str
    category_id: int | None
    category: str | None
    owner_id: int
    owner: str
    start_date: dt.date
    contributions: int
    created_at: dt.datetime


class ContributionOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    date: dt.date
    amount: Decimal
    note: str | None
    transaction_id: int | None
    created_by: int


class InstalmentOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    due: dt.date
    amount: Decimal


class PaceOut(BaseModel):
    """Against the straight line from the start date (nothing) to the deadline (target)."""

    model_config = ConfigDict(frozen=True)

    required_per_period: Decimal
    periods_left: int
    expected_saved: Decimal
    on_track: bool


class SuggestionOut(BaseModel):
    """The pace of past contributions (at least three) and where it leads."""

    model_config = ConfigDict(frozen=True)

    average_amount: Decimal
    average_interval_days: Decimal
    contributions_needed: int | None
    estimated_completion: dt.date | None


class MilestoneOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    milestone: int
    reached_on: dt.date


class GoalDetail(BaseModel):
    """Everything `goal show` prints, recomputed from the current state."""

    goal: GoalOut
    plan: list[InstalmentOut]
    pace: PaceOut | None
    suggestion: SuggestionOut | None
    milestones: list[MilestoneOut]
    history: list[ContributionOut]


class ContributionRecorded(BaseModel):
    contribution: ContributionOut
    goal: GoalOut
    milestones_reached: list[int]
    """Milestones this contribution reached for the first time (recorded as events)."""
