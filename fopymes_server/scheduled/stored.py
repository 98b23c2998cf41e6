"""How a stored schedule row becomes a Recurrence, a ScheduleOut and transaction values.

Shared by the user-facing service, the materialiser and the forecast, so all three read
the rule back exactly as it was written.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fopymes_server.core.money import from_minor
from fopymes_server.scheduled.repository import ScheduleRecord
from fopymes_server.scheduled.rules import LAST_DAY, DayOfMonth, Frequency, Recurrence
from fopymes_server.scheduled.schemas import ScheduleMode, ScheduleOut
from fopymes_server.scheduled.wording import describe
from fopymes_server.transactions.schemas import Kind


def day_text(day: DayOfMonth | None) -> str | None:
    return None if day is None else str(day)


def _day(text: str | None) -> DayOfMonth | None:
    if text is None:
        return None
    return LAST_DAY if text == LAST_DAY else int(text)


def weekdays_text(weekdays: frozenset[int]) -> str | None:
    return ",".join(str(d) for d in sorted(weekdays)) or None


def recurrence_of(record: ScheduleRecord) -> Recurrence:
    """The rule as stored (never raises for a row written through the service)."""
    return Recurrence(
        frequency=Frequency(record.frequency),
        start=record.start_date,
        interval=record.interval,
        weekdays=frozenset(int(d) for d in record.weekdays.split(","))
        if record.weekdays
        else frozenset(),
        day=_day(record.day),
        month=record.month,
        until=record.until_date,
        count=record.count,
    )


def rule_columns(rule: Recurrence) -> dict[str, Any]:
    """The columns that store `rule`."""
    return {
        "frequency": rule.frequency.value,
        "interval": rule.interval,
        "weekdays": weekdays_text(rule.weekdays),
        "day": day_text(rule.day),
        "month": rule.month,
        "start_date": rule.start,
        "until_date": rule.until,
        "count": rule.count,
    }


def schedule_out(record: ScheduleRecord) -> ScheduleOut:
    rule = recurrence_of(record)
    return ScheduleOut(
        id=record.id,
        name=record.name,
        kind=Kind(record.kind),
        amount=from_minor(record.amount_minor, record.currency),
        currency=record.currency,
        category=record.category,
        category_id=record.category_id,
        payment_method=record.payment_method,
        payment_method_id=record.payment_method_id,
        counter_account=record.counter_account,
        counter_account_id=record.counter_account_id,
        description=record.description,
        mode=ScheduleMode(record.mode),
        rule=describe(rule),
        frequency=record.frequency,
        interval=record.interval,
        weekdays=sorted(rule.weekdays),
        day=record.day,
        month=record.month,
        start=record.start_date,
        until=record.until_date,
        count=record.count,
        next_due=record.next_due,
        paused=record.paused_at is not None,
        pause_reason=record.pause_reason,
        owner_id=record.owner_id,
        created_by=record.created_by,
        created_at=record.created_at,
        updated_at=record.updated_at,
        version=record.version,
    )


def transaction_values(
    record: ScheduleRecord,
    day: date,
    *,
    user_id: int,
    now: datetime,
    amount_minor: int | None = None,
) -> dict[str, Any]:
    """Column values of the transaction a schedule creates for the occurrence on `day`
    (a transfer reaches its other account with the same amount: both are in its currency)."""
    amount = record.amount_minor if amount_minor is None else amount_minor
    transfer = record.counter_account_id is not None
    return {
        "kind": record.kind,
        "amount_minor": amount,
        "counter_account_id": record.counter_account_id,
        "counter_amount_minor": amount if transfer else None,
        "currency": record.currency,
        "date": day,
        "category_id": record.category_id,
        "payment_method_id": record.payment_method_id,
        "description": record.description,
        "note": None,
        "created_by": user_id,
        "created_at": now,
        "updated_by": user_id,
        "updated_at": now,
    }
