"""Use cases of scheduled transactions: plan, list, show, pause, resume, skip, remove.

A schedule stores its rule (see rules.py) and `next_due`, the first date not materialised
yet; the materialiser (materialise.py) works from there. Input is parsed by parse.py;
edits live in service_edit.py; reminders' confirmations in confirmations.py; the forecast in
forecast.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from fopymes_server.core.errors import (
    ConflictError,
    NotFoundError,
    RuleViolationError,
)
from fopymes_server.core.lookup import resolve as resolve_named
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.scheduled import materialise
from fopymes_server.scheduled.parse import prepare
from fopymes_server.scheduled.repository import ScheduleRecord
from fopymes_server.scheduled.rules import (
    next_occurrences,
)
from fopymes_server.scheduled.schemas import (
    OccurrenceStatus,
    ScheduleCreate,
    ScheduleDetailOut,
    ScheduleOut,
)
from fopymes_server.scheduled.stored import recurrence_of, schedule_out
from fopymes_server.transactions.versioned import StaleVersionError, VersionRequiredError


def create(uow: UnitOfWork, principal: Principal, *, data: ScheduleCreate) -> ScheduleOut:
    """Plan a recurring income or expense; a start in the past is caught up on the next run.

    Raises PermissionDeniedError for viewers, ConflictError for a name already used in
    the workspace, and the errors of `prepare`.
    """
    principal.require_write()
    values = prepare(uow, principal, data)
    if uow.scheduled.name_taken(principal.workspace_id, values["name"]):
        raise ConflictError(f"a schedule named '{values['name']}' already exists")
    new_id = uow.scheduled.add(principal.workspace_id, values)
    events.record(uow, principal, "schedule.created", entity_id=new_id, version=1)
    created = schedule_out(get_record(uow, principal, new_id))
    uow.commit()
    return created


def create_many(uow: UnitOfWork, principal: Principal, items: Sequence[ScheduleCreate]) -> int:
    """Plan many schedules in one statement per batch (set-ups, tests, benchmarks).

    Every item passes the same checks as `create`; names must be unique among themselves
    and in the workspace (ConflictError otherwise). Nothing is written unless all pass.
    """
    principal.require_write()
    lookups: dict[tuple[str, str, str], int] = {}
    rows = [prepare(uow, principal, item, lookups) for item in items]
    names = [row["name"].casefold() for row in rows]
    if len(set(names)) != len(names):
        raise ConflictError("two of the schedules have the same name")
    uow.scheduled.add_many(principal.workspace_id, rows)
    uow.commit()
    return len(rows)


def get_record(uow: UnitOfWork, principal: Principal, schedule_id: int) -> ScheduleRecord:
    found = uow.scheduled.get(principal.workspace_id, schedule_id)
    if found is None:
        raise NotFoundError(f"no schedule {schedule_id} in this workspace")
    return found


def resolve(uow: UnitOfWork, principal: Principal, ref: str | int) -> ScheduleRecord:
    """The schedule with id or name `ref` (any case); NotFoundError suggests close names.

    An int is an id (the API's addressing): one row is read, not the workspace's list.
    """
    if isinstance(ref, int):
        return get_record(uow, principal, ref)
    return resolve_named(
        ref,
        uow.scheduled.of_workspace(principal.workspace_id),
        noun="schedule",
        not_found=lambda message, hint: NotFoundError(
            message, hint=hint or "see 'fopymes schedule list'"
        ),
    )


def list_schedules(uow: UnitOfWork, principal: Principal) -> list[ScheduleOut]:
    """Every schedule of the workspace by name, ended and paused ones included."""
    return [schedule_out(r) for r in uow.scheduled.of_workspace(principal.workspace_id)]


def show(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, dates: int = 10
) -> ScheduleDetailOut:
    """One schedule with its next `dates` occurrence dates (skipped ones left out)."""
    record = resolve(uow, principal, ref)
    upcoming: list[date] = []
    if record.next_due is not None:
        rule = recurrence_of(record)
        upcoming = next_occurrences(rule, record.next_due - timedelta(days=1), dates)
    return ScheduleDetailOut(**schedule_out(record).model_dump(), next_dates=upcoming)


def pause(uow: UnitOfWork, principal: Principal, ref: str | int) -> ScheduleOut:
    """Stop materialising until resumed; pausing a paused schedule changes nothing."""
    principal.require_write()
    record = resolve(uow, principal, ref)
    if record.paused_at is not None:
        return schedule_out(record)  # already paused: nothing changes, nothing is announced
    _set(uow, principal, record, paused_at=uow.clock.now(), pause_reason="paused by hand")
    return _finish(uow, principal, record.id, "schedule.paused")


def resume(uow: UnitOfWork, principal: Principal, ref: str | int) -> ScheduleOut:
    """Resume from today: dates that fell inside the pause are not caught up.

    If the member it acted for can no longer write here, the resumer takes it over.
    """
    principal.require_write()
    record = resolve(uow, principal, ref)
    if record.paused_at is None:
        raise RuleViolationError(f"schedule '{record.name}' is not paused")
    values: dict[str, Any] = {"paused_at": None, "pause_reason": None}
    if record.next_due is not None:
        after = max(record.next_due, uow.clock.today()) - timedelta(days=1)
        following = next_occurrences(recurrence_of(record), after, 1)
        values["next_due"] = following[0] if following else None
    if not materialise.can_act(uow, record):
        values["owner_id"] = principal.user_id
    _set(uow, principal, record, **values)
    return _finish(uow, principal, record.id, "schedule.resumed")


def skip_next(uow: UnitOfWork, principal: Principal, ref: str | int) -> date:
    """Skip the next occurrence (it will never be created) and return its date.

    Raises RuleViolationError when the schedule has ended.
    """
    principal.require_write()
    record = uow.scheduled.lock(principal.workspace_id, resolve(uow, principal, ref).id)
    if record.next_due is None:
        raise RuleViolationError(f"schedule '{record.name}' has no further dates")
    day = record.next_due
    uow.schedule_occurrences.add_occurrences_many(
        [(principal.workspace_id, record.id, day, OccurrenceStatus.SKIPPED)], uow.clock.now()
    )
    following = next_occurrences(recurrence_of(record), day, 1)
    uow.scheduled.set_next_due_many([(record.id, following[0] if following else None)])
    events.record(
        uow, principal, "schedule.skipped", entity_id=record.id, payload={"date": day.isoformat()}
    )
    uow.commit()
    return day


def remove(uow: UnitOfWork, principal: Principal, ref: str | int) -> ScheduleOut:
    """Delete a schedule; the transactions it already created stay."""
    principal.require_write()
    record = resolve(uow, principal, ref)
    uow.scheduled.delete(principal.workspace_id, record.id)
    events.record(uow, principal, "schedule.deleted", entity_id=record.id)
    uow.commit()
    return schedule_out(record)


def claim_version(
    uow: UnitOfWork, principal: Principal, schedule_id: int, expected_version: int | None
) -> None:
    """Lock schedule `schedule_id` for a change if it is still at `expected_version`.

    The API's optimistic concurrency (If-Match): the CLI, where one person edits at a
    time, calls `service_edit.edit` and `remove` directly. Checks in the order a caller can act
    on: PermissionDeniedError for viewers, NotFoundError for an id outside the workspace,
    VersionRequiredError without a version, StaleVersionError when another change
    came first (of several concurrent changes based on one version, exactly one wins).
    """
    principal.require_write()
    get_record(uow, principal, schedule_id)
    if expected_version is None:
        raise VersionRequiredError("schedule")
    if not uow.scheduled.claim_version(principal.workspace_id, schedule_id, expected_version):
        raise StaleVersionError("schedule")


def remove_versioned(
    uow: UnitOfWork, principal: Principal, schedule_id: int, *, expected_version: int | None
) -> ScheduleOut:
    """`remove`, only if the schedule is still at `expected_version` (see claim_version)."""
    claim_version(uow, principal, schedule_id, expected_version)
    return remove(uow, principal, schedule_id)


def _set(uow: UnitOfWork, principal: Principal, record: ScheduleRecord, **values: Any) -> None:
    uow.scheduled.update(
        principal.workspace_id, record.id, {**values, "updated_at": uow.clock.now()}
    )


def _finish(uow: UnitOfWork, principal: Principal, schedule_id: int, event: str) -> ScheduleOut:
    updated = get_record(uow, principal, schedule_id)
    events.record(uow, principal, event, entity_id=schedule_id, version=updated.version)
    uow.commit()
    return schedule_out(updated)
