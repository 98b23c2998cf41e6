"""Scheduled-transaction data in and out: the schedule, its occurrences, the forecast."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

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


class ScheduleOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    kind: Kind
    amount: Decimal
    currency: str
    category: str | None
    category_id: int | None
    payment_method: str | None
    payment_method_id: int | None
    counter_account: str | None = None
    """Where a scheduled transfer's money goes."""
    counter_account_id: int | None = None
    description: str
    mode: ScheduleMode
    rule: str
    """The recurrence in words, e.g. "every month on day 31 (last day in shorter months)"."""
    frequency: str
    interval: int
    weekdays: list[int]
    day: str | None
    month: int | None
    start: dt.date
    until: dt.date | None
    count: int | None
    next_due: dt.date | None
    """The next date not yet materialised; None once the schedule has ended."""
    paused: bool
    pause_reason: str | None
    owner_id: int
    created_by: int
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int


class ScheduleDetail(ScheduleOut):
    next_dates: list[dt.date] = Field(default_factory=list)


class OccurrenceOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    schedule_id: int
    schedule: str
    date: dt.date
    status: OccurrenceStatus
    transaction_id: int | None
    amount: Decimal
    currency: str


class MaterialiseResult(BaseModel):
    """What one materialising pass did, across every workspace it touched."""

    schedules: int = 0
    posted: int = 0
    reminders: int = 0
    paused: int = 0
    carried: list[int] = Field(default_factory=list)
    """Schedules with more dates due than one pass creates; the next pass goes on."""


class ForecastItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    date: dt.date
    schedule_id: int
    schedule: str
    kind: Kind
    amount: Decimal
    currency: str
    payment_method: str | None
    mode: ScheduleMode
    change: Decimal
    """What it does to `payment_method`'s balance: + in, - out (a transfer is two items)."""
    balance: Decimal
    """The payment method's running balance (in this currency) after this item."""
    lowest: bool = False
    """True on the item where its payment method's balance reaches its lowest point."""


class MethodForecast(BaseModel):
    model_config = ConfigDict(frozen=True)

    payment_method_id: int | None
    payment_method: str | None
    currency: str
    opening: Decimal
    closing: Decimal
    lowest: Decimal
    lowest_date: dt.date | None
    """None when the balance never goes below the opening one in the window."""


class Forecast(BaseModel):
    start: dt.date
    end: dt.date
    items: list[ForecastItem]
    methods: list[MethodForecast]
