"""Bookkeeping of unattended work: once-per-period claims and pruning of old rows.

Jobs that must run once per period (a month's summary, a day's pruning) call `claim_slot`
first; the unique key (job, slot) makes one scheduler win on any number of hosts. A claim
whose runner died is taken over after `STALE_AFTER`; the work it guards is idempotent
(notifications have dedupe keys, deletes are deletes), so a takeover repeats nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fopymes_server.core.uow import UnitOfWork

STALE_AFTER = timedelta(hours=1)


def claim_slot(uow: UnitOfWork, job: str, slot: str) -> int | None:
    """The run id if this caller should do (job, slot) now, else None; commits the claim."""
    now = uow.clock.now()
    run_id = uow.job_runs.claim(job, slot, now, now - STALE_AFTER)
    uow.commit()
    return run_id


def finish_slot(uow: UnitOfWork, run_id: int, summary: str) -> None:
    """Mark a claimed slot done, so no one takes it over; commits."""
    uow.job_runs.finish(run_id, uow.clock.now(), summary)
    uow.commit()


def workspace_ids(uow: UnitOfWork) -> list[int]:
    """Every workspace id, for jobs that act in each one with an acting principal."""
    return uow.identity.workspace_ids()


@dataclass(frozen=True)
class PruneReport:
    events: int
    outbox: int
    job_runs: int
    password_resets: int


def prune(uow: UnitOfWork, *, events_before: datetime, sent_mail_before: datetime) -> PruneReport:
    """Delete events and delivered e-mails older than the cut-offs, expired reset tokens
    and old job claims; pending and dead-lettered mail is never pruned. Commits."""
    now = uow.clock.now()
    report = PruneReport(
        events=uow.events.prune(events_before),
        outbox=uow.outbox.prune_sent(sent_mail_before),
        job_runs=uow.job_runs.prune(now - timedelta(days=400)),
        password_resets=uow.password_resets.prune(now - timedelta(days=1)),
    )
    uow.commit()
    return report
