"""Bodies of schedules (recurring transactions), their reminders and the forecast.

Requests name categories and payment methods by id, like transactions; the recurrence is
written the way the CLI takes it (`every: "2 weeks"`, `on: "mon,thu"`, `day: "last"`), so
`fopymes_server.scheduled.wording` parses every front end's words the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import ConfigDict, Field, model_validator

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
from fopymes_server.scheduled.rules import MAX_BACKFILL, MAX_CATCH_UP
from fopymes_server.scheduled.schemas import (
    OCCURRENCE_EXAMPLE,
    SCHEDULE_EXAMPLE,
    OccurrenceOut,
    ScheduleCreate,
    ScheduleMode,
    ScheduleOut,
    ScheduleUpdate,
)
from fopymes_server.transactions.schemas import Kind

Name = Annotated[Text, Field(min_length=1, max_length=100)]
Description = Annotated[Text, Field(min_length=1, max_length=500)]
Every = Annotated[
    Text,
    Field(
        min_length=1,
        max_length=40,
        description="day, week, 2 weeks, month, 3 months, year (or daily, monthly, ...).",
        examples=["month"],
    ),
]
Weekdays = Annotated[
    Text,
    Field(
        min_length=1,
        max_length=60,
        description='Weekdays of a weekly rule: "mon,thu", "weekdays"; default: the start\'s.',
        examples=["mon,thu"],
    ),
]
MonthDay = Annotated[
    Text,
    Field(
        min_length=1,
        max_length=10,
        description='Day of the month, 1-31 (clamped to short months) or "last".',
        examples=["last"],
    ),
]
Count = Annotated[int, Field(ge=1, le=100_000, description="Number of occurrences.")]


class ScheduleList(ResponseModel):
    """Every schedule of the workspace by name, ended and paused ones included."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [SCHEDULE_EXAMPLE]}]})

    items: list[ScheduleOut]


class ScheduleIn(RequestModel):
    """Plan a recurring income, expense or transfer; a start in the past is caught up on the
    next run. A transfer (`kind` transfer) moves `amount` from `payment_method_id` to
    `to_account_id`, both in its currency, and has no category."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Rent",
                    "amount": "850.00",
                    "kind": "expense",
                    "every": "month",
                    "day": "1",
                    "start": "2026-12-01",
                    "description": "Rent",
                }
            ]
        }
    )

    name: Name
    amount: AmountText
    kind: Kind = Kind.EXPENSE
    currency: CurrencyCode | None = Field(default=None, description="Default: the workspace's.")
    category_id: Id | None = None
    payment_method_id: Id | None = None
    to_account_id: Id | None = Field(default=None, description="A transfer's other account.")
    description: Description | None = Field(
        default=None, description="Of the transactions it creates; default: the name."
    )
    every: Every = "month"
    on: Weekdays | None = None
    day: MonthDay | None = None
    start: Day | None = Field(default=None, description="Default: today.")
    until: Day | None = Field(default=None, description="Last possible date, inclusive.")
    count: Count | None = None
    mode: ScheduleMode = Field(
        default=ScheduleMode.POST,
        description="post: record on each date; remind: notify, then confirm or skip.",
    )
    backfill: Flag = Field(
        default=False,
        description=f"Allow up to {MAX_BACKFILL} dates before today (else {MAX_CATCH_UP}); "
        "they are all recorded on the next runs.",
    )

    def to_create(self) -> ScheduleCreate:
        return ScheduleCreate(
            name=self.name,
            amount=self.amount,
            kind=self.kind,
            currency=self.currency,
            category=self.category_id,
            payment_method=self.payment_method_id,
            to_account=self.to_account_id,
            description=self.description,
            every=self.every,
            on=self.on,
            day=self.day,
            start=self.start or "today",
            until=self.until,
            count=self.count,
            mode=self.mode,
            backfill=self.backfill,
        )


class SchedulePatch(RequestModel):
    """Changes from today on; dates already due keep the old terms. Fields left out stay.

    A new `every`/`on`/`day` restarts the rule today and `count` then means "this many
    more". A schedule's category or payment method can be changed but not removed, so
    null is refused for every field; `forever: true` drops the end date or count.
    """

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"amount": "875.00", "description": "Rent (new lease)"}]}
    )

    amount: AmountText | None = None
    category_id: Id | None = None
    payment_method_id: Id | None = None
    description: Description | None = None
    every: Every | None = None
    on: Weekdays | None = None
    day: MonthDay | None = None
    until: Day | None = None
    count: Count | None = None
    forever: Flag = False
    mode: ScheduleMode | None = None

    @model_validator(mode="after")
    def _no_nulls(self) -> SchedulePatch:
        """null would read as "remove" in a merge patch; the service can only keep or set."""
        for name in self.model_fields_set:
            if getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null; leave it out to keep it")
        return self

    def to_update(self) -> ScheduleUpdate:
        return ScheduleUpdate(
            amount=self.amount,
            category=self.category_id,
            payment_method=self.payment_method_id,
            description=self.description,
            every=self.every,
            on=self.on,
            day=self.day,
            until=self.until,
            count=self.count,
            forever=self.forever,
            mode=self.mode,
        )


class SkippedOut(ResponseModel):
    """The date that will never be created, and the schedule as it is now."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "skipped": "2026-12-01",
                    "schedule": {**SCHEDULE_EXAMPLE, "next_due": "2027-01-01"},
                }
            ]
        }
    )

    skipped: dt.date
    schedule: ScheduleOut


class OccurrenceList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [OCCURRENCE_EXAMPLE]}]})

    items: list[OccurrenceOut]


class ConfirmIn(RequestModel):
    """Both optional: send `{}` to record the planned amount on the occurrence's date."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"amount": "64.10", "date": "2026-12-06"}]}
    )

    amount: AmountText | None = Field(default=None, description="The real amount, if it differed.")
    date: Day | None = Field(default=None, description="Record on this date instead.")
