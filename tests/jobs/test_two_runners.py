"""Several `fopymes jobs run-due` processes on one PostgreSQL: no duplicate, nothing missing.

1,000 daily schedules with 10 due dates each are claimed by two processes started together
(FOR UPDATE SKIP LOCKED plus the (schedule, date) unique key), then the same with a process
killed mid-run and others started again. Exactly 10,000 transactions, each date once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fopymes_server.core.context import AppContext, build_context
from fopymes_server.core.settings import Settings
from fopymes_server.scheduled import service as scheduled
from fopymes_server.scheduled.models import ScheduleOccurrence
from fopymes_server.scheduled.schemas import ScheduleCreate
from fopymes_server.transactions.models import Transaction
from tests.factories import new_owner

SCHEDULES = 1_000
DUE_EACH = 10
LAUNCH = "from fopymes_cli.main import run; run()"

pytestmark = pytest.mark.slow


@pytest.fixture
def fresh_pg(databases, tmp_path: Path) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    url = databases.fresh("postgresql")
    context = build_context(Settings(database_url=url, home=tmp_path, timezone="UTC"))
    yield context
    context.close()


def plan_thousand_schedules(ctx: AppContext) -> int:
    owner = new_owner(ctx)
    start = datetime.now(UTC).date() - timedelta(days=DUE_EACH - 1)
    items = [
        ScheduleCreate(
            name=f"Bill {n:04d}",
            amount="1.25",
            every="day",
            start=start,
            count=DUE_EACH,
            category="Utilities",
        )
        for n in range(SCHEDULES)
    ]
    with ctx.uow() as uow:
        scheduled.create_many(uow, owner.principal, items)
    return owner.principal.workspace_id


def run_due(ctx: AppContext, home: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "FOPYMES_DATABASE_URL": str(ctx.database.url.render_as_string(hide_password=False)),
        "FOPYMES_HOME": str(home),
        "FOPYMES_TIMEZONE": "UTC",
    }
    return subprocess.Popen(
        [sys.executable, "-c", LAUNCH, "jobs", "run-due", "--job", "materialise_recurring"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def counts(ctx: AppContext, workspace_id: int) -> tuple[int, int, int]:
    """(transactions, distinct (description, date) among them, occurrences)."""
    with ctx.uow(write=False) as uow:
        session = uow.transactions.session
        mine = Transaction.workspace_id == workspace_id
        total = session.scalar(select(func.count()).select_from(Transaction).where(mine))
        distinct = session.scalar(
            select(func.count()).select_from(
                select(Transaction.description, Transaction.date).where(mine).distinct().subquery()
            )
        )
        occurrences = session.scalar(
            select(func.count())
            .select_from(ScheduleOccurrence)
            .where(ScheduleOccurrence.workspace_id == workspace_id)
        )
    return int(total or 0), int(distinct or 0), int(occurrences or 0)


def finish(process: subprocess.Popen[str]) -> str:
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return err


def test_two_processes_started_together_post_each_date_exactly_once(
    fresh_pg: AppContext, tmp_path: Path
) -> None:
    workspace_id = plan_thousand_schedules(fresh_pg)
    runners = [run_due(fresh_pg, tmp_path / f"r{n}") for n in range(2)]
    logs = [finish(r) for r in runners]
    expected = SCHEDULES * DUE_EACH
    assert counts(fresh_pg, workspace_id) == (expected, expected, expected)
    posted = [
        int(log.split("materialise_recurring: ok")[1].split(",")[1].split()[0]) for log in logs
    ]
    assert sum(posted) == expected
    assert min(posted) > 0, "both processes should have shared the work"


def test_a_runner_killed_mid_run_loses_and_duplicates_nothing(
    fresh_pg: AppContext, tmp_path: Path
) -> None:
    workspace_id = plan_thousand_schedules(fresh_pg)
    victim = run_due(fresh_pg, tmp_path / "victim")
    deadline = time.monotonic() + 120
    while counts(fresh_pg, workspace_id)[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=60)
    partial = counts(fresh_pg, workspace_id)[0]
    assert 0 < partial < SCHEDULES * DUE_EACH
    finish_all = [run_due(fresh_pg, tmp_path / f"again{n}") for n in range(2)]
    for runner in finish_all:
        finish(runner)
    expected = SCHEDULES * DUE_EACH
    assert counts(fresh_pg, workspace_id) == (expected, expected, expected)
