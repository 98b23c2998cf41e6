"""The foreground scheduler loop: the only module that knows the `schedule` package.

Each job runs at its own interval; the first pass runs everything at once, so a scheduler
that was down catches up immediately. SIGTERM and SIGINT only set a flag: the job in hand
finishes (its transaction commits or rolls back as a whole) and the loop then returns.
Several schedulers may run against one PostgreSQL database: the jobs claim their work in
the database (SKIP LOCKED, unique keys), never with flags in this process.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType

import schedule

from fopymes_server.core.context import AppContext
from fopymes_server.jobs.base import Job
from fopymes_server.jobs.registry import JOBS, run_one

log = logging.getLogger("fopymes.jobs")


def _job_step(ctx: AppContext, job: Job, stop: threading.Event) -> Callable[[], None]:
    def step() -> None:
        if not stop.is_set():
            run_one(ctx, job, ctx.clock.now())

    return step


def run_forever(
    ctx: AppContext,
    *,
    jobs: tuple[Job, ...] = JOBS,
    stop: threading.Event | None = None,
    install_signals: bool = True,
    tick: float = 1.0,
) -> None:
    """Run `jobs` at their intervals until `stop` is set (or SIGTERM/SIGINT arrives)."""
    stop = stop or threading.Event()
    if install_signals:

        def on_signal(signum: int, _frame: FrameType | None) -> None:
            log.info("received %s; stopping after the job in hand", signal.Signals(signum).name)
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
    scheduler = schedule.Scheduler()
    for job in jobs:
        seconds = max(1, int(job.every.total_seconds()))
        scheduler.every(seconds).seconds.do(_job_step(ctx, job, stop))
    log.info(
        "scheduler started on %s: %s",
        ctx.database.display_url,
        ", ".join(f"{j.name} every {int(j.every.total_seconds())}s" for j in jobs),
    )
    scheduler.run_all()
    while not stop.is_set():
        scheduler.run_pending()
        idle = scheduler.idle_seconds
        stop.wait(tick if idle is None else min(tick, max(idle, 0.05)))
    scheduler.clear()
    log.info("scheduler stopped")
