"""The forecast of `fopymes schedule upcoming`: planned transactions and running balances.

Opening balances are each account's real balance today per currency (its opening balance,
incomes, expenses and transfers, summed in SQL); planned items are every date of every
active schedule from its next due date to the end of the window, plus pending reminders.
Each account's running balance is then walked in date order and its lowest point flagged,
which is what a person looks for: "will the account go below zero before payday?"
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.scheduled.repository import ScheduleRecord
from fopymes_server.scheduled.rules import occurrences
from fopymes_server.scheduled.schemas import (
    ForecastItemOut,
    ForecastOut,
    MethodForecastOut,
    OccurrenceStatus,
    ScheduleMode,
)
from fopymes_server.scheduled.stored import recurrence_of
from fopymes_server.transactions.schemas import Kind

MAX_DAYS = 366
Key = tuple[int | None, str]


def _legs(
    record: ScheduleRecord, day: date, mode: ScheduleMode
) -> list[tuple[ForecastItemOut, int | None, Decimal]]:
    """What one occurrence does to each account: (item, account id, signed amount). A
    transfer is two items, out of its account and into the other, so both balances move."""
    amount = from_minor(record.amount_minor, record.currency)

    def leg(account: str | None, change: Decimal) -> ForecastItemOut:
        return ForecastItemOut(
            date=day,
            schedule_id=record.id,
            schedule=record.name,
            kind=Kind(record.kind),
            amount=amount,
            currency=record.currency,
            payment_method=account,
            mode=mode,
            change=change,
            balance=Decimal(0),
        )

    if record.kind == Kind.INCOME.value:
        return [(leg(record.payment_method, amount), record.payment_method_id, amount)]
    legs = [(leg(record.payment_method, -amount), record.payment_method_id, -amount)]
    if record.kind == Kind.TRANSFER.value:
        legs.append((leg(record.counter_account, amount), record.counter_account_id, amount))
    return legs


def upcoming(uow: UnitOfWork, principal: Principal, *, days: int = 30) -> ForecastOut:
    """Planned transactions of the next `days` days with running balances per method.

    Raises ValidationError when `days` is not 1..366.
    """
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError("days", f"must be between 1 and {MAX_DAYS}")
    today = uow.clock.today()
    end = today + timedelta(days=days)
    schedules = uow.scheduled.of_workspace(principal.workspace_id)
    by_id = {r.id: r for r in schedules}
    planned: list[tuple[ForecastItemOut, int | None, Decimal]] = []
    for record in schedules:
        if record.paused_at is not None or record.next_due is None:
            continue
        for day in occurrences(recurrence_of(record), record.next_due, end):
            planned.extend(_legs(record, day, ScheduleMode(record.mode)))
    for waiting in uow.schedule_occurrences.occurrences(
        principal.workspace_id, status=OccurrenceStatus.PENDING
    ):
        planned.extend(_legs(by_id[waiting.schedule_id], waiting.date, ScheduleMode.REMIND))
    planned.sort(key=lambda leg: (leg[0].date, leg[0].schedule, leg[0].schedule_id))

    opening: dict[Key, Decimal] = defaultdict(Decimal)
    names: dict[Key, str | None] = {}
    for balance in uow.scheduled.balances(principal.workspace_id, through=today):
        key = (balance.payment_method_id, balance.currency)
        opening[key] = from_minor(balance.balance_minor, balance.currency)
        names[key] = balance.payment_method
    running = dict(opening)
    lowest: dict[Key, tuple[Decimal, int | None]] = {k: (v, None) for k, v in opening.items()}
    items: list[ForecastItemOut] = []
    for index, (item, method_id, signed) in enumerate(planned):
        key = (method_id, item.currency)
        names.setdefault(key, item.payment_method)
        running[key] = running.get(key, Decimal(0)) + signed
        lowest.setdefault(key, (opening.get(key, Decimal(0)), None))
        if running[key] < lowest[key][0]:
            lowest[key] = (running[key], index)
        items.append(item.model_copy(update={"balance": running[key]}))
    for _low, low_index in lowest.values():
        if low_index is not None:
            items[low_index] = items[low_index].model_copy(update={"lowest": True})
    methods = [
        MethodForecastOut(
            payment_method_id=key[0],
            payment_method=names.get(key),
            currency=key[1],
            opening=opening.get(key, Decimal(0)),
            closing=running.get(key, Decimal(0)),
            lowest=low,
            lowest_date=items[index].date if index is not None else None,
        )
        for key, (low, index) in sorted(
            lowest.items(), key=lambda kv: (kv[0][1], names.get(kv[0]) or "")
        )
    ]
    return ForecastOut(start=today, end=end, items=items, methods=methods)
