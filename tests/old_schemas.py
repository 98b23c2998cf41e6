"""Databases built at an earlier migration head, for upgrade tests.

An upgrade test builds the previous release's schema with its own migrations, fills it with
raw SQL as that release wrote it, upgrades and compares. The building and the first rows
(one user, one workspace) are the same for every such test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from fopymes_server.core.database import Database
from fopymes_server.migrations import runner
from tests.conftest import PG_ADMIN_URL, create_pg_database, drop_pg_database

NOW = "2026-11-01 09:00:00"


@contextmanager
def database_at(
    revision: str, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Database]:
    """A new database of `backend` upgraded to `revision` only; dropped afterwards."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
        name = None
    else:
        request.getfixturevalue("pg_server")
        name, url = create_pg_database(PG_ADMIN_URL)
    database = Database(url)
    runner.upgrade(database, revision)
    try:
        yield database
    finally:
        database.dispose()
        if name is not None:
            drop_pg_database(PG_ADMIN_URL, name)


def add_owner(c: Connection, currency: str) -> None:
    """User 1 and their workspace 1 ('Home', in `currency`)."""
    c.execute(
        text(
            "INSERT INTO users (id, email, email_key, name, password_hash, "
            "session_generation, created_at, updated_at) VALUES "
            "(1, 'a@x.es', 'a@x.es', 'A', 'h', 0, :now, :now)"
        ),
        {"now": NOW},
    )
    c.execute(
        text(
            "INSERT INTO workspaces (id, name, currency, created_by, created_at) VALUES "
            "(1, 'Home', :currency, 1, :now)"
        ),
        {"now": NOW, "currency": currency},
    )


def old_database_fixture(revision: str) -> Callable[..., Iterator[Database]]:
    """A module's `old_database` fixture: a database of each backend at `revision`."""

    @pytest.fixture
    def old_database(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> Iterator[Database]:
        with database_at(revision, backend, tmp_path, request) as database:
            yield database

    return old_database
