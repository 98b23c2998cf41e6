"""Scheduled-transaction data in and out: the schedule, its occurrences, the forecast."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fopymes_server.core.contract import Contract, Money, examples
from fopymes_server.transactions.schemas import Kind


class ScheduleMode(StrEnum):
    POST = "post"
    """Record the transaction on its date."""
    REMIND = "remind"
    """Notify on its date; a person confirms (records) or skips it."""


class OccurrenceStatus(StrEnum):
    POSTED = "posted"
    PENDING = "pending"
    CONFIRMED = "confirmed"
    SKIPPED = "skipped"


class ScheduleCreate(BaseModel):
    """What a person gives to plan a recurring income, expense or transfer; text is parsed
    later. A transfer moves `amount` from `payment_method` to `to_account` (both in its
    currency) and has no category."""

    name: str
    amount: str | Decimal
    kind: Kind = Kind.EXPENSE
    currency: str | None = None
    category: str | int | None = None
    payment_method: str | int | None = None
    to_account: str | int | None = None
    description: str | None = None
    """Description of the transactions it creates; the name when omitted."""
    every: str = "month"
    """Repetition: day, week, 2 weeks, month, 3 months, year, monthly, ..."""
    on: str | None = None
    """Weekdays of a weekly rule: "mon,thu", "weekdays"; default: the start's weekday."""
    day: str | None = None
    """Day of the month (1-31, clamped to short months) or "last"; default: the start's."""
    start: str | dt.date = "today"
    until: str | dt.date | None = None
    count: int | None = None
    mode: ScheduleMode = ScheduleMode.POST
    backfill: bool = False
    """Allow a start up to MAX_BACKFILL_DAYS back (else MAX_PAST_DAYS): its dates are caught up."""


class ScheduleUpdate(BaseModel):
    """Changes to a schedule; None keeps a field. They apply to occurrences from today on."""

    amount: str | Decimal | None = None
    category: str | int | None = None
    payment_method: str | int | None = None
    description: str | None = None
    every: str | None = None
    on: str | None = None
    day: str | None = None
    until: str | dt.date | None = None
    count: int | None = None
    forever: bool = False
    """Drop the end date or count."""
    mode: ScheduleMode | None = None


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
    "counter_account": None,
    "counter_account_id": None,
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
SCHEDULE_EXAMPLE = _SCHEDULE
"""A schedule as JSON, for the examples of the API's wrappers."""


class ScheduleOut(Contract):
    """A schedule; `version` grows with every change a person makes and is the ETag."""

    model_config = ConfigDict(json_schema_extra=examples(_SCHEDULE))

    id: int
    name: str
    kind: Kind
    amount: Money
    currency: str
    category: str | None
    category_id: int | None
    payment_method: str | None
    payment_method_id: int | None
    counter_account: str | None = Field(
        default=None, description="Where a scheduled transfer's money goes."
    )
    counter_account_id: int | None = None
    description: str
    mode: ScheduleMode
    rule: str = Field(description="The recurrence in words.")
    """The recurrence in words, e.g. "every month on day 31 (last day in shorter months)"."""
    frequency: str
    interval: int
    weekdays: list[int] = Field(description="0 = Monday ... 6 = Sunday.")
    day: str | None
    month: int | None
    start: dt.date
    until: dt.date | None
    count: int | None
    next_due: dt.date | None = Field(
        description="The next date not created yet; null once the schedule ended."
    )
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
        json_schema_extra=examples(
            {**_SCHEDULE, "next_dates": ["2026-12-01", "2027-01-01", "2027-02-01"]}
        )
    )

    next_dates: list[dt.date] = Field(default_factory=list)


OCCURRENCE_EXAMPLE: dict[str, Any] = {
    "id": 31,
    "schedule_id": 9,
    "schedule": "Power",
    "date": "2026-12-05",
    "status": "pending",
    "transaction_id": None,
    "amount": "60.00",
    "currency": "EUR",
}


class OccurrenceOut(Contract):
    """One date of a schedule; `transaction_id` is set once it was recorded."""

    model_config = ConfigDict(json_schema_extra=examples(OCCURRENCE_EXAMPLE))

    id: int
    schedule_id: int
    schedule: str
    date: dt.date
    status: OccurrenceStatus
    transaction_id: int | None
    amount: Money
    currency: str


class MaterialiseResult(BaseModel):
    """What one materialising pass did, across every workspace it touched."""

    schedules: int = 0
    posted: int = 0
    reminders: int = 0
    paused: int = 0
    carried: list[int] = Field(default_factory=list)
    """Schedules with more dates due than one pass creates; the next pass goes on."""


class ForecastItemOut(Contract):
    date: dt.date
    schedule_id: int
    schedule: str
    kind: Kind
    amount: Money
    currency: str
    payment_method: str | None
    mode: ScheduleMode
    change: Money = Field(description="+ in, - out of the payment method; a transfer is two items.")
    """What it does to `payment_method`'s balance: + in, - out (a transfer is two items)."""
    balance: Money = Field(
        description="The payment method's running balance after this item; may be < 0."
    )
    """The payment method's running balance (in this currency) after this item."""
    lowest: bool = Field(
        default=False, description="Where its payment method's balance reaches its lowest point."
    )


class MethodForecastOut(Contract):
    payment_method_id: int | None
    payment_method: str | None
    currency: str
    opening: Money
    closing: Money
    lowest: Money
    lowest_date: dt.date | None = Field(
        description="null: never below today's balance in the window."
    )


class ForecastOut(Contract):
    """Planned transactions from today to `end` with each payment method's running balance."""

    model_config = ConfigDict(
        json_schema_extra=examples(
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
                        "change": "-850.00",
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
        )
    )

    start: dt.date
    end: dt.date
    items: list[ForecastItemOut]
    methods: list[MethodForecastOut]
