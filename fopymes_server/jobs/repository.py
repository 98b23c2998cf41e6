"""SQL of job_runs: claim a (job, slot) once, finish it, take over a stale claim, prune."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from fopymes_server.core.orm import insert_ignoring_conflicts
from fopymes_server.jobs.models import JobRun


class JobRunsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def claim(self, job: str, slot: str, now: datetime, stale_before: datetime) -> int | None:
        """The run's id if this caller now owns (job, slot), else None.

        A new slot is won by the unique key; an unfinished claim older than
        `stale_before` (its runner died) is taken over by one UPDATE, which only one
        concurrent caller can win.
        """
        new_id = self.session.execute(
            insert_ignoring_conflicts(self.session, JobRun)
            .values(job=job, slot=slot, started_at=now)
            .returning(JobRun.id)
        ).scalar_one_or_none()
        if new_id is not None:
            return int(new_id)
        result = self.session.execute(
            update(JobRun)
            .where(
                JobRun.job == job,
                JobRun.slot == slot,
                JobRun.finished_at.is_(None),
                JobRun.started_at < stale_before,
            )
            .values(started_at=now)
        )
        if not getattr(result, "rowcount", 0):
            return None
        return self.session.scalar(select(JobRun.id).where(JobRun.job == job, JobRun.slot == slot))

    def finish(self, run_id: int, now: datetime, summary: str) -> None:
        self.session.execute(
            update(JobRun).where(JobRun.id == run_id).values(finished_at=now, summary=summary[:500])
        )

    def prune(self, before: datetime) -> int:
        result = self.session.execute(delete(JobRun).where(JobRun.started_at < before))
        return int(getattr(result, "rowcount", 0) or 0)
