"""Benchmark the scheduler's two heavy paths: catching up due schedules, delivering e-mail.

    python bench/jobs_bench.py [--schedules 1000] [--due 10] [--runners 1 2]
                               [--messages 2000] [--dbs postgresql sqlite]
                               [--out bench/results/jobs.json]

1. Catch-up: a fresh database with `--schedules` daily schedules whose last `--due` dates
   are all due (a scheduler that was down for `--due` days), then `fopymes jobs run-due
   --job materialise_recurring` in 1 or more processes started together, timed wall-clock
   as cron sees it. The result is checked: exactly schedules x due transactions, no
   duplicate date. PostgreSQL only (on SQLite one runner writes at a time).
2. Outbox: `--messages` e-mails queued, then delivered by `mail.outbox.deliver_due` to an
   aiosmtpd server on loopback in its own process (one SMTP session per batch of 50);
   messages per second, each marked sent in its own transaction.

Figures go to bench/README.md by hand; nothing here is asserted except correctness.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import func, select

from fopymes_server.core.context import AppContext, build_context
from fopymes_server.core.database import Database
from fopymes_server.core.principal import Principal, Role
from fopymes_server.core.settings import Settings
from fopymes_server.identity import service as identity
from fopymes_server.mail import service as mail
from fopymes_server.mail.outbox import RetryPolicy, deliver_due
from fopymes_server.mail.schemas import MailKind
from fopymes_server.mail.sender import SmtpConfig, SmtpSender
from fopymes_server.migrations import runner
from fopymes_server.scheduled import service as scheduled
from fopymes_server.scheduled.schemas import ScheduleCreate
from fopymes_server.transactions.models import Transaction

PG_ADMIN = os.environ.get("FOPYMES_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
LAUNCH = "from fopymes_cli.main import run; run()"


def fresh_database(dbs: str, workdir: Path) -> tuple[str, str | None]:
    """(SQLAlchemy URL, PostgreSQL database name to drop afterwards) of a migrated database."""
    if dbs == "sqlite":
        url, name = f"sqlite:///{workdir / f'jobs-{uuid.uuid4().hex[:6]}.db'}", None
    else:
        name = f"fopymes_bench_jobs_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        url = (
            PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
            + "/"
            + name
        )
    database = Database(url)
    runner.upgrade(database)
    database.dispose()
    return url, name


def drop(name: str | None) -> None:
    if name:
        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def owner(ctx: AppContext) -> Principal:
    with ctx.uow() as uow:
        setup = identity.setup(
            uow,
            email=f"bench-{uuid.uuid4().hex[:8]}@example.com",
            name="Bench",
            password="bench password 1",
            workspace_name="Bench",
            currency="EUR",
        )
    return Principal(user_id=setup.user.id, workspace_id=setup.workspace.id, role=Role.OWNER)


def catch_up(url: str, home: Path, schedules: int, due: int, runners: int) -> dict[str, Any]:
    ctx = build_context(Settings(database_url=url, home=home, timezone="UTC"))
    principal = owner(ctx)
    start = datetime.now(UTC).date() - timedelta(days=due - 1)
    items = [
        ScheduleCreate(name=f"Bill {n:05d}", amount="1.25", every="day", start=start, count=due)
        for n in range(schedules)
    ]
    with ctx.uow() as uow:
        scheduled.create_many(uow, principal, items)
    env = {
        **os.environ,
        "FOPYMES_DATABASE_URL": url,
        "FOPYMES_HOME": str(home),
        "FOPYMES_TIMEZONE": "UTC",
    }
    command = [sys.executable, "-c", LAUNCH, "jobs", "run-due", "--job", "materialise_recurring"]
    started = time.perf_counter()
    processes = [
        subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(runners)
    ]
    for process in processes:
        _, err = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"run-due failed: {err}")
    seconds = time.perf_counter() - started
    with ctx.uow(write=False) as uow:
        session = uow.transactions.session
        mine = Transaction.workspace_id == principal.workspace_id
        total = session.scalar(select(func.count()).select_from(Transaction).where(mine))
        distinct = session.scalar(
            select(func.count()).select_from(
                select(Transaction.description, Transaction.date).where(mine).distinct().subquery()
            )
        )
    ctx.close()
    expected = schedules * due
    if (total, distinct) != (expected, expected):
        raise SystemExit(f"wrong result: {total} transactions, {distinct} distinct, not {expected}")
    return {
        "schedules": schedules,
        "due": due,
        "runners": runners,
        "transactions": total,
        "seconds": round(seconds, 2),
        "per_second": round(expected / seconds),
    }


def smtp_server(port: int) -> subprocess.Popen[bytes]:
    """aiosmtpd in its own process: in-process, every SMTP round trip would wait for the
    GIL to switch threads, which measures Python's scheduler rather than the outbox."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-c",
            "aiosmtpd.handlers.Sink",
            "-l",
            f"127.0.0.1:{port}",
        ],
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.1)
    server.kill()
    raise SystemExit("aiosmtpd did not start")


def outbox_rate(url: str, home: Path, messages: int) -> dict[str, Any]:
    ctx = build_context(Settings(database_url=url, home=home))
    principal = owner(ctx)
    with ctx.uow() as uow:
        for n in range(messages):
            mail.queue(
                uow,
                kind=MailKind.NOTIFICATION,
                to=f"p{n}@example.com",
                subject=f"Budget {n} reached 80 %",
                text="Groceries: 80.00 EUR.\n" * 5,
                html="<p>Groceries: 80.00 EUR.</p>",
                workspace_id=principal.workspace_id,
            )
        uow.commit()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = smtp_server(port)
    sender = SmtpSender(SmtpConfig(host="127.0.0.1", port=port, security="none"))
    started = time.perf_counter()
    report = deliver_due(ctx, sender, now=ctx.clock.now(), policy=RetryPolicy())
    seconds = time.perf_counter() - started
    server.terminate()
    server.wait(timeout=30)
    ctx.close()
    if report.sent != messages or report.failed:
        raise SystemExit(f"sent {report.sent}, failed {report.failed}, queued {messages}")
    return {
        "messages": messages,
        "seconds": round(seconds, 2),
        "per_second": round(messages / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schedules", type=int, default=1000)
    parser.add_argument("--due", type=int, default=10)
    parser.add_argument("--runners", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--dbs", nargs="+", default=["postgresql", "sqlite"])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    results: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "load_average": os.getloadavg()[0],
        "catch_up": [],
        "outbox": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "postgresql" in args.dbs:
            for count in args.runners:
                url, name = fresh_database("postgresql", work)
                try:
                    row = catch_up(url, work, args.schedules, args.due, count)
                finally:
                    drop(name)
                results["catch_up"].append(row)
                print(f"catch-up postgresql, {count} runner(s): {row}", file=sys.stderr)
        for dbs in args.dbs:
            url, name = fresh_database(dbs, work)
            try:
                row = {"database": dbs, **outbox_rate(url, work, args.messages)}
            finally:
                drop(name)
            results["outbox"].append(row)
            print(f"outbox {dbs}: {row}", file=sys.stderr)
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
