"""All SQL of schedule occurrences: the exactly-once claim of (schedule, date), the bulk
insert of the transactions they create, and the reminders waiting for a person."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from fopymes_server.core.money import from_minor
from fopymes_server.core.orm import insert_ignoring_conflicts
from fopymes_server.scheduled.models import ScheduledTransaction, ScheduleOccurrence
from fopymes_server.scheduled.schemas import OccurrenceOut, OccurrenceStatus

# Core tables for executemany inserts: SQLAlchemy batches a parameter list into multi-row
# INSERT ... RETURNING statements and caches the SQL, where ORM objects would be one by one.
_OCCURRENCES = cast(Table, ScheduleOccurrence.__table__)


class OccurrencesRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_occurrences_many(
        self, claims: Sequence[tuple[int, int, date, OccurrenceStatus]], now: datetime
    ) -> dict[int, list[tuple[int, date]]]:
        """Claim many (workspace, schedule, date, status) at once; returns, per schedule,
        the (occurrence id, date) pairs this call inserted, by date (see add_occurrences)."""
        taken: dict[int, list[tuple[int, date]]] = {}
        if not claims:
            return taken
        statement = insert_ignoring_conflicts(self.session, _OCCURRENCES).returning(
            ScheduleOccurrence.schedule_id,
            ScheduleOccurrence.id,
            ScheduleOccurrence.occurrence_date,
        )
        rows = [
            {
                "workspace_id": workspace_id,
                "schedule_id": schedule_id,
                "occurrence_date": day,
                "status": status.value,
                "created_at": now,
            }
            for workspace_id, schedule_id, day, status in claims
        ]
        # A list of parameters: SQLAlchemy batches it into multi-row INSERTs itself.
        for schedule_id, occurrence_id, day in self.session.execute(statement, rows):
            taken.setdefault(schedule_id, []).append((occurrence_id, day))
        for pairs in taken.values():
            pairs.sort(key=lambda pair: pair[1])
        return taken

    def link_transactions(self, links: Sequence[tuple[int, int]]) -> None:
        """Record which transaction each occurrence created (one executemany)."""
        if links:
            self.session.execute(
                update(ScheduleOccurrence),
                [{"id": occurrence_id, "transaction_id": tx} for occurrence_id, tx in links],
            )

    def _occurrence_select(self) -> Any:
        return select(
            ScheduleOccurrence.id,
            ScheduleOccurrence.schedule_id,
            ScheduledTransaction.name.label("schedule"),
            ScheduleOccurrence.occurrence_date.label("date"),
            ScheduleOccurrence.status,
            ScheduleOccurrence.transaction_id,
            ScheduledTransaction.amount_minor,
            ScheduledTransaction.currency,
        ).join(ScheduledTransaction, ScheduledTransaction.id == ScheduleOccurrence.schedule_id)

    def occurrence(self, workspace_id: int, occurrence_id: int) -> OccurrenceOut | None:
        row = self.session.execute(
            self._occurrence_select().where(
                ScheduleOccurrence.workspace_id == workspace_id,
                ScheduleOccurrence.id == occurrence_id,
            )
        ).first()
        return _occurrence(row) if row else None

    def occurrences(
        self,
        workspace_id: int,
        *,
        status: OccurrenceStatus | None = None,
        schedule_id: int | None = None,
        limit: int = 200,
    ) -> list[OccurrenceOut]:
        query = self._occurrence_select().where(ScheduleOccurrence.workspace_id == workspace_id)
        if status is not None:
            query = query.where(ScheduleOccurrence.status == status.value)
        if schedule_id is not None:
            query = query.where(ScheduleOccurrence.schedule_id == schedule_id)
        rows = self.session.execute(
            query.order_by(ScheduleOccurrence.occurrence_date, ScheduleOccurrence.id).limit(limit)
        ).all()
        return [_occurrence(row) for row in rows]

    def resolve_occurrence(
        self,
        workspace_id: int,
        occurrence_id: int,
        status: OccurrenceStatus,
        now: datetime,
        transaction_id: int | None = None,
    ) -> bool:
        """Move a pending occurrence to `status`; False if it was no longer pending."""
        result = self.session.execute(
            update(ScheduleOccurrence)
            .where(
                ScheduleOccurrence.workspace_id == workspace_id,
                ScheduleOccurrence.id == occurrence_id,
                ScheduleOccurrence.status == OccurrenceStatus.PENDING.value,
            )
            .values(status=status.value, resolved_at=now, transaction_id=transaction_id)
        )
        return bool(getattr(result, "rowcount", 0))


def _occurrence(row: Any) -> OccurrenceOut:
    return OccurrenceOut(
        id=row.id,
        schedule_id=row.schedule_id,
        schedule=row.schedule,
        date=row.date,
        status=OccurrenceStatus(row.status),
        transaction_id=row.transaction_id,
        amount=from_minor(row.amount_minor, row.currency),
        currency=row.currency,
    )
