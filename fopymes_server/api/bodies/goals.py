"""Bodies of savings goals: what POST and PATCH take, the lists of goals and contributions.

A goal, its contributions and its plan are the service's own schemas (`goals.schemas`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import (
    AmountText,
    CurrencyCode,
    Day,
    Flag,
    Id,
    RequestModel,
    ResponseModel,
    Text,
)
from fopymes_server.goals.rules import Frequency
from fopymes_server.goals.schemas import (
    CONTRIBUTION_EXAMPLE,
    GOAL_EXAMPLE,
    ContributionCreate,
    ContributionOut,
    GoalCreate,
    GoalOut,
    GoalUpdate,
)

Name = Annotated[Text, Field(min_length=1, max_length=100)]
Note = Annotated[Text, Field(max_length=1000)]


class GoalList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [GOAL_EXAMPLE]}]})

    items: list[GoalOut]


class ContributionList(ResponseModel):
    """Oldest first."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [CONTRIBUTION_EXAMPLE]}]})

    items: list[ContributionOut]


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
        default=None, description="An expense category the goal is filed under."
    )
    account_id: Id | None = Field(
        default=None,
        description="The savings account (an open asset in the goal's currency) contributions "
        "from other accounts are transferred to. Without one, '<name> savings' is opened by "
        "the first such contribution.",
    )
    open_account: Flag = Field(default=False, description="Open '<name> savings' now.")

    def to_create(self) -> GoalCreate:
        return GoalCreate(
            name=self.name,
            target=self.target,
            currency=self.currency,
            deadline=self.deadline,
            frequency=self.frequency.value,
            category=self.category_id,
            account=self.account_id,
            open_account=self.open_account,
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
    account_id: Id | None = Field(
        default=None, description="Another savings account for contributions from now on."
    )

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
            account=self.account_id,
        )


class ContributionIn(RequestModel):
    """Money into (or out of) a goal; with `payment_method_id` (an account in the goal's
    currency) it is also recorded as a transfer from that account to the goal's savings
    account (or back), which budgets and spending totals leave out."""

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
