"""Bodies of schedules (recurring transactions), their reminders and the forecast.

Requests name categories and payment methods by id, like transactions; the recurrence is
written the way the CLI takes it (`every: "2 weeks"`, `on: "mon,thu"`, `day: "last"`), so
`fopymes_server.scheduled.wording` parses every front end's words the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import ConfigDict, Field, model_validator

from fopymes_server.api.bodies.common import (
    AmountText,
    CurrencyCode,
    Day,
    DecimalString,
    Flag,
    Id,
    RequestModel,
    ResponseModel,
    Text,
)
from fopymes_server.scheduled.rules import MAX_BACKFILL, MAX_CATCH_UP
from fopymes_server.scheduled.schemas import (
    OccurrenceStatus,
    ScheduleCreate,
    ScheduleMode,
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

_WHEN = "2026-11-27T09:30:00Z"
_SCHEDULE: dict[str, Any] = {
    "id": 7,
    "name": "Rent",
    "kind": "expense",
    "amount": "850.00",
    "currency": "EUR",
    "category": "Housing",
    "category_id": 14,
    "payment_method": "Cash",
    "payment_method_id": 2,
    "description": "Rent",
    "mode": "post",
    "rule": "every month on day 1, from 2026-12-01",
    "frequency": "monthly",
    "interval": 1,
    "weekdays": [],
    "day": "1",
    "month": None,
    "start": "2026-12-01",
    "until": None,
    "count": None,
    "next_due": "2026-12-01",
    "paused": False,
    "pause_reason": None,
    "owner_id": 1,
    "created_by": 1,
    "created_at": _WHEN,
    "updated_at": _WHEN,
    "version": 1,
}


class ScheduleOut(ResponseModel):
    """A schedule; `version` grows with every change a person makes and is the ETag."""

    model_config = ConfigDict(json_schema_extra={"examples": [_SCHEDULE]})

    id: int
    name: str
    kind: Kind
    amount: DecimalString
    currency: str
    category: str | None
    category_id: int | None
    payment_method: str | None
    payment_method_id: int | None
    counter_account: Annotated[
        str | None, Field(description="Where a scheduled transfer's money goes.")
    ] = None
    counter_account_id: int | None = None
    description: str
    mode: ScheduleMode
    rule: Annotated[str, Field(description="The recurrence in words.")]
    frequency: str
    interval: int
    weekdays: Annotated[list[int], Field(description="0 = Monday ... 6 = Sunday.")]
    day: str | None
    month: int | None
    start: dt.date
    until: dt.date | None
    count: int | None
    next_due: Annotated[
        dt.date | None,
        Field(description="The next date not created yet; null once the schedule ended."),
    ]
    paused: bool
    pause_reason: str | None
    owner_id: int
    created_by: int
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int


class ScheduleDetailOut(ScheduleOut):
    """A schedule with its next dates (skipped ones left out)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{**_SCHEDULE, "next_dates": ["2026-12-01", "2027-01-01", "2027-02-01"]}]
        }
    )

    next_dates: list[dt.date]


class ScheduleList(ResponseModel):
    """Every schedule of the workspace by name, ended and paused ones included."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_SCHEDULE]}]})

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
                {"skipped": "2026-12-01", "schedule": {**_SCHEDULE, "next_due": "2027-01-01"}}
            ]
        }
    )

    skipped: dt.date
    schedule: ScheduleOut


_OCCURRENCE: dict[str, Any] = {
    "id": 31,
    "schedule_id": 9,
    "schedule": "Power",
    "date": "2026-12-05",
    "status": "pending",
    "transaction_id": None,
    "amount": "60.00",
    "currency": "EUR",
}


class OccurrenceOut(ResponseModel):
    """One date of a schedule; `transaction_id` is set once it was recorded."""

    model_config = ConfigDict(json_schema_extra={"examples": [_OCCURRENCE]})

    id: int
    schedule_id: int
    schedule: str
    date: dt.date
    status: OccurrenceStatus
    transaction_id: int | None
    amount: DecimalString
    currency: str


class OccurrenceList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_OCCURRENCE]}]})

    items: list[OccurrenceOut]


class ConfirmIn(RequestModel):
    """Both optional: send `{}` to record the planned amount on the occurrence's date."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"amount": "64.10", "date": "2026-12-06"}]}
    )

    amount: AmountText | None = Field(default=None, description="The real amount, if it differed.")
    date: Day | None = Field(default=None, description="Record on this date instead.")


class ForecastItemOut(ResponseModel):
    date: dt.date
    schedule_id: int
    schedule: str
    kind: Kind
    amount: DecimalString
    currency: str
    payment_method: str | None
    mode: ScheduleMode
    change: Annotated[
        DecimalString,
        Field(description="+ in, - out of the payment method; a transfer is two items."),
    ]
    balance: Annotated[
        DecimalString,
        Field(description="The payment method's running balance after this item; may be < 0."),
    ]
    lowest: Annotated[
        bool, Field(description="Where its payment method's balance reaches its lowest point.")
    ]


class MethodForecastOut(ResponseModel):
    payment_method_id: int | None
    payment_method: str | None
    currency: str
    opening: DecimalString
    closing: DecimalString
    lowest: DecimalString
    lowest_date: Annotated[
        dt.date | None, Field(description="null: never below today's balance in the window.")
    ]


class ForecastOut(ResponseModel):
    """Planned transactions from today to `end` with each payment method's running balance."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "start": "2026-11-27",
                    "end": "2026-12-27",
                    "items": [
                        {
                            "date": "2026-12-01",
                            "schedule_id": 7,
                            "schedule": "Rent",
                            "kind": "expense",
                            "amount": "850.00",
                            "currency": "EUR",
                            "payment_method": "Cash",
                            "mode": "post",
                            "balance": "-150.00",
                            "lowest": True,
                        }
                    ],
                    "methods": [
                        {
                            "payment_method_id": 2,
                            "payment_method": "Cash",
                            "currency": "EUR",
                            "opening": "700.00",
                            "closing": "-150.00",
                            "lowest": "-150.00",
                            "lowest_date": "2026-12-01",
                        }
                    ],
                }
            ]
        }
    )

    start: dt.date
    end: dt.date
    items: list[ForecastItemOut]
    methods: list[MethodForecastOut]
