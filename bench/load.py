"""Bulk-load benchmark entries into `transactions`, the way each database loads fast.

Called by generate.py once the workspace, categories and methods exist. This bypasses the
service layer on purpose: the ORM would take many minutes for a million rows, and what is
benchmarked is reading them. Both loaders end with fresh planner statistics, so the first
measured query is planned the way it would be on a database that has lived for a while.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import psycopg
from dataset import CURRENCY, Entry

COLUMNS = (
    "workspace_id",
    "kind",
    "amount_minor",
    "currency",
    "date",
    "category_id",
    "payment_method_id",
    "description",
    "note",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
    "version",
    "payee_id",
)
SQLITE_BATCH = 50_000
PROGRESS_EVERY = 250_000

# The foreign keys and secondary indexes of `transactions`, each with the statement that
# puts it back exactly as the migration made it (pg_get_*def spell it from the catalog).
_FOREIGN_KEYS = """
SELECT format('ALTER TABLE transactions DROP CONSTRAINT %I', conname),
       format('ALTER TABLE transactions ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid))
FROM pg_constraint
WHERE conrelid = 'transactions'::regclass AND contype = 'f'
"""
_INDEXES = """
SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
FROM pg_index AS i
WHERE i.indrelid = 'transactions'::regclass
  AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)
"""


@dataclass(frozen=True, slots=True)
class Target:
    """Whose rows these are: the ids generate.py got back from the services."""

    workspace_id: int
    user_id: int
    category_ids: dict[str, int]
    method_ids: dict[str, int]
    payee_ids: dict[str, int]
    """By description: every row's payee is the merchant its description names."""


def copy_postgresql(conninfo: str, entries: Sequence[Entry], target: Target) -> None:
    """COPY the entries in one transaction, with keys and indexes rebuilt afterwards.

    With the foreign keys in place, PostgreSQL queues five checks per row until the end of
    the COPY (a minute for a million rows on two cores); adding the constraints back
    validates all rows with one join each. Building an index once is likewise cheaper than
    growing it row by row. The trigger that keeps the per-account month sums is off during
    the COPY too (it was a row trigger then, and a million upserts quadrupled the load; it
    is one aggregate per statement now): the caller fills the sums from the rows
    afterwards with `fopymes db check --repair`'s code, which also checks that path.
    Everything is one transaction, so a failure leaves the schema as it was.
    """
    columns = ", ".join(COLUMNS)
    with psycopg.connect(conninfo) as connection:
        # created_at is given as UTC wall time; the session zone makes PostgreSQL read it so.
        connection.execute("SET TIME ZONE 'UTC'")
        connection.execute("SET maintenance_work_mem = '256MB'")
        foreign_keys = connection.execute(_FOREIGN_KEYS).fetchall()
        indexes = connection.execute(_INDEXES).fetchall()
        for drop, _ in (*foreign_keys, *indexes):
            connection.execute(drop)
        connection.execute("ALTER TABLE transactions DISABLE TRIGGER trg_transactions_month_flows")
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY transactions ({columns}) FROM STDIN") as copy,
        ):
            for row in table_rows(entries, target, stamp=lambda day, clock: f"{day} {clock}"):
                copy.write_row(row)
        log("copied; rebuilding indexes and foreign keys")
        connection.execute("ALTER TABLE transactions ENABLE TRIGGER trg_transactions_month_flows")
        for _, create in (*indexes, *foreign_keys):
            connection.execute(create)
    log("committed; vacuuming")
    # VACUUM also sets the visibility map, so the benchmark sees the index-only scans a
    # table gets once autovacuum has passed, not the state right after a bulk load.
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE) transactions")
        connection.execute("ANALYZE")


def insert_sqlite(path: Path, entries: Sequence[Entry], target: Target) -> None:
    """Insert in large executemany batches inside one write transaction, then ANALYZE.

    The entries arrive in date order, so the (workspace, date, id) index only ever grows at
    its end; the 256 MiB page cache keeps the per-category index's hot pages in memory.
    """
    placeholders = ", ".join("?" for _ in COLUMNS)
    statement = f"INSERT INTO transactions ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # A loader's settings, for this connection only: a crash here means generating again.
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA cache_size = -262144")
        connection.execute("BEGIN IMMEDIATE")
        # SQLAlchemy's SQLite storage format for DateTime, so the app reads them back.
        rows = table_rows(entries, target, stamp=lambda day, clock: f"{day} {clock}.000000")
        while batch := list(islice(rows, SQLITE_BATCH)):
            connection.executemany(statement, batch)
        connection.execute("COMMIT")
        log("inserted; analyzing")
        connection.execute("ANALYZE")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def table_rows(
    entries: Sequence[Entry], target: Target, *, stamp: Callable[[str, str], str]
) -> Iterator[tuple[Any, ...]]:
    """Table rows in COLUMNS order; `stamp(date, time)` spells created_at for the database."""
    workspace_id, user_id = target.workspace_id, target.user_id
    category_ids, method_ids = target.category_ids, target.method_ids
    payee_ids = target.payee_ids
    for number, entry in enumerate(entries, 1):
        created = stamp(entry.date, entry.time)
        yield (
            workspace_id,
            entry.kind,
            entry.amount_minor,
            CURRENCY,
            entry.date,
            category_ids[entry.category],
            method_ids[entry.method],
            entry.description,
            entry.note,
            user_id,
            created,
            user_id,
            created,
            1,
            payee_ids[entry.description],
        )
        if number % PROGRESS_EVERY == 0:
            log(f"sent {number:,} rows")


_started = time.perf_counter()


def log(message: str) -> None:
    """Progress on stderr with the seconds since the generator started."""
    print(f"[{time.perf_counter() - _started:6.1f}s] {message}", file=sys.stderr, flush=True)
