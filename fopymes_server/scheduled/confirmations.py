"""Occurrences of `remind` schedules: list the pending ones, confirm or skip each.

The materialiser creates a pending occurrence and notifies; a person then confirms it
(which records the transaction, with the real amount if it differed) or skips it. Both are
single transitions guarded in SQL, so two people confirming at once record it once.
"""

from __future__ import annotations

from decimal import Decimal

from fopymes_server.core.dates import parse_date
from fopymes_server.core.errors import ConflictError, NotFoundError, RuleViolationError
from fopymes_server.core.money import parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.scheduled.schemas import OccurrenceOut, OccurrenceStatus
from fopymes_server.scheduled.stored import transaction_values


def pending(uow: UnitOfWork, principal: Principal) -> list[OccurrenceOut]:
    """Occurrences of remind-mode schedules waiting for a confirmation, oldest first."""
    return uow.schedule_occurrences.occurrences(
        principal.workspace_id, status=OccurrenceStatus.PENDING
    )


def _pending(uow: UnitOfWork, principal: Principal, occurrence_id: int) -> OccurrenceOut:
    found = uow.schedule_occurrences.occurrence(principal.workspace_id, occurrence_id)
    if found is None:
        raise NotFoundError(f"no scheduled occurrence {occurrence_id} in this workspace")
    if found.status is not OccurrenceStatus.PENDING:
        raise RuleViolationError(
            f"occurrence {occurrence_id} of '{found.schedule}' is already {found.status}"
        )
    return found


def confirm(
    uow: UnitOfWork,
    principal: Principal,
    occurrence_id: int,
    *,
    amount: str | Decimal | None = None,
    date: str | None = None,
) -> OccurrenceOut:
    """Record the transaction of a pending occurrence (on its own date unless `date`).

    Raises NotFoundError for an unknown id, RuleViolationError when it is not pending,
    ValidationError for a bad amount or date, ConflictError when someone resolved it at
    the same moment.
    """
    principal.require_write()
    occurrence = _pending(uow, principal, occurrence_id)
    record = uow.scheduled.get(principal.workspace_id, occurrence.schedule_id)
    assert record is not None
    day = parse_date(date, uow.clock.today()) if date else occurrence.date
    minor = to_minor(parse_amount(amount, record.currency), record.currency) if amount else None
    now = uow.clock.now()
    values = transaction_values(record, day, user_id=principal.user_id, now=now, amount_minor=minor)
    transaction_id = uow.transactions.add(principal.workspace_id, values)
    if not uow.schedule_occurrences.resolve_occurrence(
        principal.workspace_id, occurrence_id, OccurrenceStatus.CONFIRMED, now, transaction_id
    ):
        raise ConflictError(f"occurrence {occurrence_id} was resolved by someone else just now")
    events.record(uow, principal, "transaction.created", entity_id=transaction_id, version=1)
    events.record(uow, principal, "schedule.confirmed", entity_id=record.id)
    result = uow.schedule_occurrences.occurrence(principal.workspace_id, occurrence_id)
    uow.commit()
    assert result is not None
    return result


def skip(uow: UnitOfWork, principal: Principal, occurrence_id: int) -> OccurrenceOut:
    """Mark a pending occurrence skipped: nothing is recorded for it, ever."""
    principal.require_write()
    occurrence = _pending(uow, principal, occurrence_id)
    if not uow.schedule_occurrences.resolve_occurrence(
        principal.workspace_id, occurrence_id, OccurrenceStatus.SKIPPED, uow.clock.now()
    ):
        raise ConflictError(f"occurrence {occurrence_id} was resolved by someone else just now")
    events.record(uow, principal, "schedule.skipped", entity_id=occurrence.schedule_id)
    result = uow.schedule_occurrences.occurrence(principal.workspace_id, occurrence_id)
    uow.commit()
    assert result is not None
    return result
