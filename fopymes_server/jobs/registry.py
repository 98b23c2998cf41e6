"""The list of jobs and one pass over all of them (`fopymes jobs run-due`).

Order matters within a pass: schedules materialise first, then rules raise their
notifications, and the outbox is delivered after both, so what a pass queued is also sent
by it. A failing job is logged and reported, and the next one still runs.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import FopymesError, ValidationError
from fopymes_server.jobs import (
    deliver_outbox,
    evaluate_alerts,
    materialise_recurring,
    monthly_summary,
    prune,
    report_emails,
)
from fopymes_server.jobs.base import Job, JobResult

log = logging.getLogger("fopymes.jobs")

JOBS: tuple[Job, ...] = (
    materialise_recurring.JOB,
    evaluate_alerts.JOB,
    monthly_summary.JOB,
    report_emails.JOB,
    deliver_outbox.JOB,
    prune.JOB,
)


def select(names: list[str] | None) -> tuple[Job, ...]:
    """The jobs named (all when None); ValidationError lists the valid names."""
    if not names:
        return JOBS
    known = {job.name: job for job in JOBS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValidationError(
            "job", f"unknown job {', '.join(unknown)}", hint="known: " + ", ".join(known)
        )
    return tuple(job for job in JOBS if job.name in names)


def run_one(ctx: AppContext, job: Job, now: datetime) -> JobResult:
    """Run one job and log one line about it; never raises (the outcome says how it went)."""
    started = time.perf_counter()
    try:
        summary, ok = job.run(ctx, now), True
    except FopymesError as exc:
        summary, ok = f"failed: {exc.message}", False
        log.error("%s failed: %s", job.name, exc.message)
    except Exception as exc:  # a job's bug must not stop the others or the loop
        summary, ok = f"failed: {type(exc).__name__}: {exc}", False
        log.exception("%s failed", job.name)
    result = JobResult(job.name, ok, summary, round(time.perf_counter() - started, 3))
    log.info("%s %s in %.2fs: %s", job.name, "ok" if ok else "FAILED", result.seconds, summary)
    return result


def run_due(ctx: AppContext, now: datetime, jobs: tuple[Job, ...] = JOBS) -> list[JobResult]:
    """One pass of every job, in order, at the instant `now`."""
    return [run_one(ctx, job, now) for job in jobs]
