"""Time importing 100k CSV rows and a 100k-line Norma 43 file beside PostgreSQL COPY.

    python bench/imports_bench.py [--rows 100000] [--repeat 3] [--pg-url URL]
                                  [--out bench/results/imports.json]

One fresh PostgreSQL database (`fopymes_bench_imports_<hex>`, dropped afterwards). The same
`--rows` movements (seeded; a year of dates, ~60 merchants, 85 % expenses) are written as a
CSV file read with a profile and as a Norma 43 file (one record 22 each, plus 11, 33 and
88). Each run imports each file into a workspace of its own through the service, as
`fopymes import csv` / `import norma43` do after start-up: parse, plan (names, rules,
checks), look up the fingerprints, write transactions and fingerprints, commit. The floor
is psycopg `COPY` of the same transaction rows (into the same account, Cash, so the same
account_month_flows trigger runs for each) into a third workspace in one transaction.
Runs are interleaved (import, import, COPY) so a busy machine slows all alike; the report
gives medians and the rate of each beside COPY's (the issue's target: at least 25 %). Each
result is checked: the same row count and the same sum of minor units in all three.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg

from fopymes_server.core.context import AppContext, build_context
from fopymes_server.core.database import Database
from fopymes_server.core.principal import Principal, Role
from fopymes_server.core.settings import Settings
from fopymes_server.identity import service as identity
from fopymes_server.imports import service, service_profiles
from fopymes_server.imports.schemas import CsvMapping
from fopymes_server.migrations import runner

PG_ADMIN = os.environ.get("FOPYMES_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
TARGET = 0.25
MERCHANTS = [f"{kind} {n:02d}" for kind in ("SUPERMERCADO", "CAFE", "FARMACIA") for n in range(20)]
PROFILE = CsvMapping(
    date="Fecha",
    date_format="%d/%m/%Y",
    amount="Importe",
    description="Concepto",
    decimal=",",
    thousands=".",
    delimiter=";",
    payment_method="Cash",
)


def movements(rows: int) -> list[tuple[date, int, str]]:
    """(date, signed cents, description): seeded, each description unique in its day."""
    rng = random.Random(1)
    first = date(2025, 12, 1)
    found = []
    for n in range(rows):
        day = first + timedelta(days=n * 365 // rows)
        cents = int(rng.lognormvariate(7.5, 1.0)) + 1
        if rng.random() < 0.85:
            found.append((day, -cents, f"{rng.choice(MERCHANTS)} REF {n}"))
        else:
            found.append((day, cents, f"TRANSFERENCIA {n}"))
    return found


def csv_file(items: list[tuple[date, int, str]]) -> bytes:
    lines = ["Fecha;Concepto;Importe"]
    for day, cents, text in items:
        amount = f"{abs(cents) // 100:,}".replace(",", ".") + f",{abs(cents) % 100:02d}"
        lines.append(f"{day:%d/%m/%Y};{text};{'-' if cents < 0 else ''}{amount}")
    return ("\n".join(lines) + "\n").encode()


def norma43_file(items: list[tuple[date, int, str]]) -> bytes:
    def money(cents: int) -> str:
        return ("1" if cents < 0 else "2") + str(abs(cents)).rjust(14, "0")

    start, end = items[0][0], items[-1][0]
    head = f"11210004184012345678{start:%y%m%d}{end:%y%m%d}{money(0)}9783"
    lines = [head.ljust(80)]
    for day, cents, text in items:
        record = f"22    0418{day:%y%m%d}{day:%y%m%d}12001{money(cents)}" + "0" * 22
        lines.append((record + text[:16].ljust(16)).ljust(80))
    debits = [-c for _, c, _ in items if c < 0]
    credits = [c for _, c, _ in items if c > 0]
    total = sum(credits) - sum(debits)
    closing = (
        f"33210004184012345678{len(debits):05d}{sum(debits):014d}"
        f"{len(credits):05d}{sum(credits):014d}{money(total)}978"
    )
    lines.append(closing.ljust(80))
    lines.append(f"88{'9' * 18}{len(lines):06d}".ljust(80))
    return ("\r\n".join(lines) + "\r\n").encode("latin-1")


def fresh_database() -> tuple[str, str]:
    name = f"fopymes_bench_imports_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0]
    url = base.replace("postgresql://", "postgresql+psycopg://") + "/" + name
    database = Database(url)
    runner.upgrade(database)
    database.dispose()
    return url, f"{base}/{name}"


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


def run_csv(ctx: AppContext, data: bytes) -> tuple[float, int]:
    principal = owner(ctx)
    with ctx.uow() as uow:
        service_profiles.add_profile(uow, principal, name="bank", mapping=PROFILE)
    started = time.perf_counter()
    with ctx.uow() as uow:
        report = service.import_csv(uow, principal, data=data, source="b.csv", profile="bank")
    elapsed = time.perf_counter() - started
    assert not report.errors, report.errors[:3]
    return elapsed, principal.workspace_id


def run_norma43(ctx: AppContext, data: bytes) -> tuple[float, int]:
    principal = owner(ctx)
    started = time.perf_counter()
    with ctx.uow() as uow:
        report = service.import_statement_file(
            uow, principal, fmt="norma43", data=data, source="b.n43", method="Cash"
        )
    elapsed = time.perf_counter() - started
    assert not report.errors, report.errors[:3]
    return elapsed, principal.workspace_id


def run_copy(
    ctx: AppContext, conninfo: str, items: list[tuple[date, int, str]]
) -> tuple[float, int]:
    principal = owner(ctx)
    now = datetime.now(UTC)
    user, workspace = principal.user_id, principal.workspace_id
    columns = (
        "workspace_id, version, kind, amount_minor, currency, date, payment_method_id, "
        "description, created_by, created_at, updated_by, updated_at"
    )
    with psycopg.connect(conninfo) as connection:
        found = connection.execute(
            "SELECT id FROM payment_methods WHERE workspace_id = %s AND name = 'Cash'",
            (workspace,),
        ).fetchone()
    assert found is not None
    cash = found[0]
    started = time.perf_counter()
    with psycopg.connect(conninfo) as connection, connection.cursor() as cursor:
        with cursor.copy(f"COPY transactions ({columns}) FROM STDIN") as copy:
            for day, cents, text in items:
                kind = "expense" if cents < 0 else "income"
                copy.write_row(
                    (workspace, 1, kind, abs(cents), "EUR", day, cash, text, user, now, user, now)
                )
        connection.commit()
    return time.perf_counter() - started, workspace


def totals(conninfo: str, workspace: int) -> tuple[int, int]:
    """(rows, signed minor units) of a workspace, to check every path wrote the same."""
    with psycopg.connect(conninfo) as connection:
        row = connection.execute(
            "SELECT count(*), coalesce(sum(CASE WHEN kind = 'expense' THEN -amount_minor "
            "ELSE amount_minor END), 0) FROM transactions WHERE workspace_id = %s",
            (workspace,),
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    items = movements(args.rows)
    expected = (len(items), sum(cents for _, cents, _ in items))
    files = {"csv": csv_file(items), "norma43": norma43_file(items)}
    url, conninfo = fresh_database()
    runs: dict[str, list[float]] = {"csv": [], "norma43": [], "copy": []}
    try:
        with tempfile.TemporaryDirectory(prefix="fopymes-bench-") as home:
            ctx = build_context(Settings(database_url=url, home=Path(home), timezone="UTC"))
            try:
                for attempt in range(args.repeat):
                    for name, run in (
                        ("csv", lambda: run_csv(ctx, files["csv"])),
                        ("norma43", lambda: run_norma43(ctx, files["norma43"])),
                        ("copy", lambda: run_copy(ctx, conninfo, items)),
                    ):
                        elapsed, workspace = run()
                        got = totals(conninfo, workspace)
                        assert got == expected, f"{name} wrote {got}, expected {expected}"
                        runs[name].append(elapsed)
                        print(f"run {attempt + 1} {name}: {elapsed:.2f} s", file=sys.stderr)
            finally:
                ctx.close()
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            connection.execute(
                f'DROP DATABASE IF EXISTS "{conninfo.rsplit("/", 1)[1]}" WITH (FORCE)'
            )
    report = _report(args.rows, runs, files)
    print(report["markdown"])
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["ratio"] >= TARGET for r in report["rows"] if r["path"] != "copy") else 1


def _report(rows: int, runs: dict[str, list[float]], files: dict[str, bytes]) -> dict[str, Any]:
    copy = statistics.median(runs["copy"])
    table = []
    for path, label in (
        ("csv", f"import csv ({len(files['csv']) / 1e6:.1f} MB)"),
        ("norma43", f"import norma43 ({len(files['norma43']) / 1e6:.1f} MB)"),
        ("copy", "COPY transactions (floor)"),
    ):
        median = statistics.median(runs[path])
        table.append(
            {
                "path": path,
                "label": label,
                "median_s": round(median, 3),
                "min_s": round(min(runs[path]), 3),
                "max_s": round(max(runs[path]), 3),
                "rows_per_s": round(rows / median),
                "ratio": round(copy / median, 3),
            }
        )
    lines = [
        f"{rows:,} rows, PostgreSQL, {platform.python_version()}, median of {len(runs['copy'])}",
        "",
        "| path | median (s) | min–max (s) | rows/s | of COPY's rate | ≥ 25 % |",
        "| --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    for row in table:
        ok = "✓" if row["ratio"] >= TARGET or row["path"] == "copy" else "✗"
        lines.append(
            f"| {row['label']} | {row['median_s']:.2f} | {row['min_s']:.2f}–{row['max_s']:.2f} "
            f"| {row['rows_per_s']:,} | {Decimal(row['ratio']) * 100:.0f} % | {ok} |"
        )
    return {"rows": table, "markdown": "\n".join(lines), "runs": runs}


if __name__ == "__main__":
    sys.exit(main())
