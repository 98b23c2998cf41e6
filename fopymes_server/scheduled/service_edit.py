"""Editing a schedule: changes apply from today on, never to what is already due.

Dates already due are materialised under the old terms first (the row is locked against
the scheduler meanwhile); a new `every`/`on`/`day` restarts the rule today, keeping the
remaining `count`; amounts, categories and methods change for the dates still to come.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from fopymes_server.accounts import service as accounts
from fopymes_server.core.dates import parse_date
from fopymes_server.core.errors import RuleViolationError, ValidationError
from fopymes_server.core.lookup import clean_name
from fopymes_server.core.money import parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.scheduled import materialise
from fopymes_server.scheduled.parse import build_rule, category_id, first_due, method_id
from fopymes_server.scheduled.repository import ScheduleRecord
from fopymes_server.scheduled.rules import Recurrence, count_before, split_at
from fopymes_server.scheduled.schemas import ScheduleOut, ScheduleUpdate
from fopymes_server.scheduled.service import claim_version, get_record, resolve
from fopymes_server.scheduled.stored import recurrence_of, rule_columns, schedule_out
from fopymes_server.scheduled.wording import WEEKDAY_NAMES
from fopymes_server.transactions.schemas import Kind


def _new_rule(
    record: ScheduleRecord, changes: ScheduleUpdate, effective: date
) -> Recurrence | None:
    """The rule from `effective` on after `changes`, or None when it has no dates left."""
    old = recurrence_of(record)
    if changes.every or changes.on or changes.day:
        remaining = None if old.count is None else old.count - count_before(old, effective)
        if remaining is not None and remaining < 1:
            return None
        rule = build_rule(
            changes.every or _every_text(old),
            changes.on or (_weekday_names(old) if changes.every is None else None),
            changes.day or (str(old.day) if changes.every is None and old.day else None),
            effective,
            old.until,
            remaining,
        )
    else:
        rule_after = split_at(old, effective)[1]
        if rule_after is None:
            rule_after = replace(old, start=effective, until=None, count=None)
        rule = rule_after
    if changes.forever:
        rule = replace(rule, until=None, count=None)
    if changes.until is not None:
        until = parse_date(changes.until, effective, field="until")
        rule = replace(rule, until=until, count=None)
    if changes.count is not None:
        rule = replace(rule, count=changes.count, until=None)
    return rule


def _weekday_names(rule: Recurrence) -> str | None:
    return ",".join(WEEKDAY_NAMES[d] for d in sorted(rule.weekdays)) or None


def _every_text(rule: Recurrence) -> str:
    unit = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year"}
    return f"{rule.interval} {unit[rule.frequency.value]}"


def edit(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, changes: ScheduleUpdate
) -> ScheduleOut:
    """Change a schedule from today on; occurrences already due keep the old terms.

    A new `every`/`on`/`day` restarts the rule today; `count` then means "this many more".
    Raises ValidationError for bad values or "nothing to change", RuleViolationError when
    the new rule has no dates left, and the errors of `create` for names and references.
    """
    principal.require_write()
    record = uow.scheduled.lock(principal.workspace_id, resolve(uow, principal, ref).id)
    today = uow.clock.today()
    materialise.catch_up(uow, record, through=today - timedelta(days=1))
    record = get_record(uow, principal, record.id)
    values: dict[str, Any] = {}
    kind = Kind(record.kind)
    if changes.amount is not None:
        values["amount_minor"] = to_minor(
            parse_amount(changes.amount, record.currency), record.currency
        )
    if changes.category is not None:
        if kind is Kind.TRANSFER:
            raise ValidationError("category", "a transfer has no category")
        values["category_id"] = category_id(uow, principal, changes.category, kind)
    if changes.payment_method is not None:
        values["payment_method_id"] = method_id(uow, principal, changes.payment_method)
        if kind is Kind.TRANSFER:
            source = accounts.resolve(uow, principal, values["payment_method_id"])
            accounts.require_currency(source, record.currency, field="from", owner="schedule")
            if source.id == record.counter_account_id:
                raise ValidationError("from", "a transfer needs two different accounts")
    if changes.description is not None:
        values["description"] = clean_name(changes.description, "description", max_length=500)
    if changes.mode is not None:
        values["mode"] = changes.mode.value
    rule_changed = (
        any(
            v is not None
            for v in (changes.every, changes.on, changes.day, changes.until, changes.count)
        )
        or changes.forever
    )
    if rule_changed:
        rule = _new_rule(record, changes, max(today, record.start_date))
        if rule is None:
            raise RuleViolationError("the schedule has no occurrences left to change")
        values |= rule_columns(rule)
        values["next_due"] = first_due(rule, "until")
    if not values:
        raise ValidationError("changes", "nothing to change")
    values["updated_at"] = uow.clock.now()
    uow.scheduled.update(principal.workspace_id, record.id, values)
    updated = get_record(uow, principal, record.id)
    events.record(uow, principal, "schedule.updated", entity_id=record.id, version=updated.version)
    uow.commit()
    return schedule_out(updated)


def edit_versioned(
    uow: UnitOfWork,
    principal: Principal,
    schedule_id: int,
    *,
    changes: ScheduleUpdate,
    expected_version: int | None,
) -> ScheduleOut:
    """`edit`, only if the schedule is still at `expected_version` (HTTP If-Match).

    Raises what `service.claim_version` raises (403, 404, 428, 412 in that order), then
    the errors of `edit`.
    """
    claim_version(uow, principal, schedule_id, expected_version)
    return edit(uow, principal, schedule_id, changes=changes)
