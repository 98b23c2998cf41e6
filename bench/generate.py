"""Fill a database with a realistic five-year household for the benchmark, fast.

    python bench/generate.py --url URL --rows N [--seed 1] [--journal PATH] [--info PATH]

The user, workspace, categories, payment methods and access token go through the service
layer, exactly as `fopymes init` makes them; the transactions are bulk-loaded (load.py).
The result is one JSON line, on stdout or in `--info`, with what the benchmark needs to
run `fopymes` against the data: url, token, workspace and a busy category (plus the ids
floor_query.py uses). Progress goes to stderr, so stdout stays machine-readable.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from dataset import BUSY_CATEGORY, CATEGORIES, CURRENCY, METHODS, generate, period
from journal import write_journal
from load import Target, copy_postgresql, insert_sqlite, log
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.engine import URL

from fopymes_server.accounts import month_sums
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountType
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext, build_context
from fopymes_server.core.database import normalise_url
from fopymes_server.core.principal import Principal, Role
from fopymes_server.core.settings import load_settings
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity import service as identity
from fopymes_server.migrations.runner import upgrade
from fopymes_server.payees import steps as payee_steps
from fopymes_server.payees.rules import payee_key
from fopymes_server.tags import steps as tag_steps

EMAIL = "bench@example.com"
PASSWORD = "bench-password-not-secret"  # a throwaway database; the token is what is used
WEEKEND_TAG = "weekend"
"""The tag `tx list --tag` is measured with: every Saturday and Sunday row carries it."""


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = _parser().parse_args(argv)
    url = normalise_url(args.url)
    if args.rows < 1:
        raise SystemExit("--rows must be at least 1")
    if args.fresh:
        recreate(url)
    ctx = build_context(load_settings(database_url=args.url))
    try:
        info = fill(ctx, url, rows=args.rows, seed=args.seed, end=args.end, journal=args.journal)
    finally:
        ctx.close()
    info["total_seconds"] = round(time.perf_counter() - started, 2)
    line = json.dumps(info)
    if args.info:
        args.info.parent.mkdir(parents=True, exist_ok=True)
        args.info.write_text(line + "\n", encoding="utf-8")
    else:
        print(line)
    log(f"done: {args.rows:,} transactions in {info['total_seconds']}s")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="SQLAlchemy URL of the database to fill")
    parser.add_argument("--rows", type=int, required=True, help="number of transactions")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--end", type=date.fromisoformat, default=date.today(), help="last day (default today)"
    )
    parser.add_argument("--journal", type=Path, help="also write the data as an hledger journal")
    parser.add_argument("--info", type=Path, help="write the JSON line here instead of stdout")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="drop and recreate the database first (PostgreSQL) or delete the file (SQLite)",
    )
    return parser


def recreate(url: URL) -> None:
    """Start from an empty database: the benchmark must not measure leftovers."""
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = sql.Identifier(url.database or "")
    with psycopg.connect(conninfo(url.set(database="postgres")), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    log(f"created an empty database {url.database}")


def fill(
    ctx: AppContext, url: URL, *, rows: int, seed: int, end: date, journal: Path | None
) -> dict[str, Any]:
    """Schema, owner, catalogue, `rows` transactions, optional journal, token; the info dict."""
    upgrade(ctx.database)
    log("schema at head")
    with ctx.database.engine.connect() as connection:
        if connection.execute(text("SELECT count(*) FROM workspaces")).scalar_one():
            # setup() would add a second workspace, and the token would act in the first.
            raise SystemExit(
                f"{ctx.database.display_url} already holds fopymes data; "
                "pass --fresh or an empty database"
            )
    with ctx.uow() as uow:
        made = identity.setup(
            uow,
            email=EMAIL,
            name="Bench User",
            password=PASSWORD,
            workspace_name="Household",
            currency=CURRENCY,
        )
        owner = Principal(user_id=made.user.id, workspace_id=made.workspace.id, role=Role.OWNER)
        category_ids, method_ids = _catalogue(uow, owner)
    log(f"'{made.workspace.name}': {len(category_ids)} categories, {len(method_ids)} methods")

    entries = generate(rows, seed=seed, end=end)
    log(f"generated {len(entries):,} transactions")
    names = sorted({entry.description for entry in entries})
    with ctx.uow() as uow:
        by_key = payee_steps.resolve_many(uow, owner, names)
        tag_id = tag_steps.tag_ids(uow, owner, [WEEKEND_TAG])[0]
        uow.commit()
    payee_ids = {name: by_key[payee_key(name)] for name in names}
    log(f"{len(payee_ids)} payees")
    target = Target(made.workspace.id, made.user.id, category_ids, method_ids, payee_ids)
    loading = time.perf_counter()
    if url.get_backend_name() == "postgresql":
        copy_postgresql(conninfo(url), entries, target)
        with ctx.uow() as uow:
            month_sums.check(uow, repair=True)
        log("month sums filled from the rows")
    else:
        insert_sqlite(Path(url.database or ""), entries, target)
    _tag_weekends(ctx, made.workspace.id, tag_id)
    load_seconds = time.perf_counter() - loading
    log(f"loaded in {load_seconds:.1f}s")

    first, last = period(end)
    if journal is not None:
        header = (
            f"fopymes benchmark household: {rows} transactions, seed {seed}, {first} to {last}.\n"
            "Written by bench/generate.py from the same entries as the database."
        )
        journal.parent.mkdir(parents=True, exist_ok=True)
        write_journal(journal, entries, header=header)
        log(f"wrote the journal {journal}")

    with ctx.uow() as uow:
        token = identity.create_token(uow, made.user.id, name="benchmark", expires_in_days=None)
    family = [category_ids[BUSY_CATEGORY]]
    family += [category_ids[c.name] for c in CATEGORIES if c.parent == BUSY_CATEGORY]
    return {
        "url": url.render_as_string(hide_password=False),
        "token": token.secret,
        "workspace": made.workspace.name,
        "category": BUSY_CATEGORY,
        "workspace_id": made.workspace.id,
        "category_ids": family,
        "tag": WEEKEND_TAG,
        "rows": rows,
        "seed": seed,
        "first_date": first.isoformat(),
        "last_date": last.isoformat(),
        "load_seconds": round(load_seconds, 2),
    }


def _tag_weekends(ctx: AppContext, workspace_id: int, tag_id: int) -> None:
    """Tag every Saturday and Sunday row WEEKEND_TAG: about a third of the rows, derived
    from the date alone, so the dataset stays what the seed makes it."""
    sqlite = ctx.database.dialect == "sqlite"
    weekend = "strftime('%w', date) IN ('0', '6')" if sqlite else "EXTRACT(DOW FROM date) IN (0, 6)"
    with ctx.database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO transaction_tags (transaction_id, tag_id) SELECT id, :tag "
                f"FROM transactions WHERE workspace_id = :workspace AND {weekend}"
            ),
            {"tag": tag_id, "workspace": workspace_id},
        )
        connection.execute(text("ANALYZE"))
    log("weekend rows tagged")


def _catalogue(uow: UnitOfWork, owner: Principal) -> tuple[dict[str, int], dict[str, int]]:
    """Add the categories and payment methods setup did not seed; return name -> id maps."""
    have = {c.name for c in categories.list_categories(uow, owner, include_archived=True)}
    for spec in CATEGORIES:
        if spec.name not in have:
            kind = CategoryKind(spec.kind)
            categories.add(uow, owner, name=spec.name, kind=kind, parent=spec.parent)
    have = {m.name for m in accounts.list_methods(uow, owner, include_archived=True)}
    for method in METHODS:
        if method.name not in have:
            accounts.add(
                uow,
                owner,
                name=method.name,
                type=AccountType(method.type),
                last_four=method.last_four,
            )
    category_ids = {c.name: c.id for c in categories.list_categories(uow, owner)}
    method_ids = {m.name: m.id for m in accounts.list_methods(uow, owner)}
    return category_ids, method_ids


def conninfo(url: URL) -> str:
    """A libpq URI for psycopg from a SQLAlchemy URL (same host, user, password, options)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


if __name__ == "__main__":
    sys.exit(main())
