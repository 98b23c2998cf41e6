"""Turning what a person typed into a schedule's stored terms (validation, no writes).

Used by `service.create`/`create_many` and by `service_edit.edit`, so a rule, a category or a
payment method is accepted or refused the same way whichever way it arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fopymes_server.accounts import service as accounts
from fopymes_server.categories import service as categories
from fopymes_server.core.dates import LAST_DAY, parse_date
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.lookup import clean_name
from fopymes_server.core.money import normalise_currency, parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity import service as identity
from fopymes_server.scheduled.rules import Frequency, Recurrence, check_catch_up, occurrences
from fopymes_server.scheduled.schemas import ScheduleCreate
from fopymes_server.scheduled.stored import rule_columns
from fopymes_server.scheduled.wording import parse_day, parse_every, parse_weekdays
from fopymes_server.transactions.schemas import Kind


def build_rule(
    every: str, on: str | None, day: str | None, start: date, until: date | None, count: int | None
) -> Recurrence:
    frequency, interval = parse_every(every)
    if on and frequency is not Frequency.WEEKLY:
        raise ValidationError("on", "only weekly schedules take weekdays (use --every week)")
    if day and frequency not in (Frequency.MONTHLY, Frequency.YEARLY):
        raise ValidationError("day", "only monthly and yearly schedules take a day")
    weekdays = parse_weekdays(on, field="on") if on else frozenset()
    if frequency is Frequency.WEEKLY and not weekdays:
        weekdays = frozenset({start.weekday()})
    return Recurrence(
        frequency=frequency,
        start=start,
        interval=interval,
        weekdays=weekdays,
        day=parse_day(day) if day else None,
        until=until,
        count=count,
    )


def category_id(uow: UnitOfWork, principal: Principal, ref: str | int, kind: Kind) -> int:
    category = categories.resolve(uow, principal, ref, field="category")
    if category.archived:
        raise ValidationError("category", f"'{category.name}' is archived")
    if category.kind.value != kind.value:
        raise ValidationError("category", f"'{category.name}' is an {category.kind} category")
    return category.id


def method_id(uow: UnitOfWork, principal: Principal, ref: str | int) -> int:
    method = accounts.resolve(uow, principal, ref, field="payment_method")
    if method.archived:
        raise ValidationError("payment method", f"'{method.name}' is archived")
    return method.id


def transfer_target(
    uow: UnitOfWork, principal: Principal, data: ScheduleCreate, currency: str
) -> int | None:
    """The account a scheduled transfer reaches (None for an income or expense).

    A transfer leaves `payment_method` and reaches `to_account`, two open accounts in the
    schedule's currency (between currencies both amounts would vary: record those by hand
    with `fopymes transfer`), and has no category.
    """
    if data.kind is not Kind.TRANSFER:
        if data.to_account is not None:
            raise ValidationError("to", "only a transfer reaches a second account")
        return None
    if data.category is not None:
        raise ValidationError("category", "a transfer has no category")
    if data.payment_method is None or data.to_account is None:
        missing = "from" if data.payment_method is None else "to"
        raise ValidationError(
            missing, "a scheduled transfer needs the account it leaves and the one it reaches"
        )
    ends = []
    for ref, field in ((data.payment_method, "from"), (data.to_account, "to")):
        account = accounts.resolve(uow, principal, ref, field=field)
        if account.archived:
            raise ValidationError(field, f"account '{account.name}' is archived")
        accounts.require_currency(account, currency, field=field, owner="schedule")
        ends.append(account.id)
    if ends[0] == ends[1]:
        raise ValidationError("to", "a transfer needs two different accounts")
    return ends[1]


def cached(
    cache: dict[tuple[str, str, str], int], key: tuple[str, str, str], find: Callable[[], int]
) -> int:
    if key not in cache:
        cache[key] = find()
    return cache[key]


def first_due(rule: Recurrence, field: str) -> date:
    first = next(occurrences(rule, rule.start, LAST_DAY), None)
    if first is None:
        raise ValidationError(field, "the schedule has no date between its start and its end")
    return first


def prepare(
    uow: UnitOfWork,
    principal: Principal,
    data: ScheduleCreate,
    lookups: dict[tuple[str, str, str], int] | None = None,
) -> dict[str, Any]:
    """Validate `data` into the columns of a new schedule (no write; for create and bulk).

    Raises ValidationError naming the field (amount, currency, every, on, day, start,
    until, count, category of the other kind, ...) and NotFoundError for an unknown
    category or payment method. `lookups` caches resolved names across calls (bulk).
    """
    cache = {} if lookups is None else lookups
    today = uow.clock.today()
    workspace = identity.current_workspace(uow, principal)
    default = workspace.currency
    if data.kind is Kind.TRANSFER and data.payment_method is not None and not data.currency:
        default = accounts.resolve(uow, principal, data.payment_method, field="from").currency
    currency = normalise_currency(data.currency or default)
    counter_id = transfer_target(uow, principal, data, currency)
    amount = parse_amount(data.amount, currency)
    start = parse_date(data.start, today, field="start")
    until = parse_date(data.until, today, field="until") if data.until is not None else None
    rule = build_rule(data.every, data.on, data.day, start, until, data.count)
    check_catch_up(rule, today, backfill=data.backfill)
    name = clean_name(data.name, "name", max_length=100)
    now = uow.clock.now()
    return {
        "name": name,
        "kind": data.kind.value,
        "amount_minor": to_minor(amount, currency),
        "currency": currency,
        "category_id": cached(
            cache,
            ("category", str(data.category), data.kind.value),
            lambda: category_id(uow, principal, data.category or "", data.kind),
        )
        if data.category is not None
        else None,
        "payment_method_id": cached(
            cache,
            ("method", str(data.payment_method), ""),
            lambda: method_id(uow, principal, data.payment_method or ""),
        )
        if data.payment_method is not None
        else None,
        "counter_account_id": counter_id,
        "description": clean_name(data.description or name, "description", max_length=500),
        "mode": data.mode.value,
        **rule_columns(rule),
        "next_due": first_due(rule, "until" if until else "count"),
        "owner_id": principal.user_id,
        "created_by": principal.user_id,
        "created_at": now,
        "updated_at": now,
    }
