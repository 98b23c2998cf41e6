"""Shared fixtures: a real SQLite file and a real PostgreSQL database per test session.

Every service test runs on both (the `ctx` fixture is parametrised). Each test gets a fresh
user and workspace with a random e-mail, so tests are isolated by workspace, not by cleanup,
and every test also exercises workspace scoping. PostgreSQL databases are created and dropped
here; under CI=true a missing PostgreSQL fails the run instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from fopymes_server.core.context import AppContext, build_context
from fopymes_server.core.database import Database
from fopymes_server.core.settings import Settings
from fopymes_server.migrations import runner

PG_ADMIN_URL = os.environ.get("FOPYMES_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
BACKENDS = ["sqlite", "postgresql"]

os.environ.setdefault("FOPYMES_NO_KEYRING", "1")


def _pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]


@pytest.fixture(scope="session")
def pg_server() -> str:
    reason = _pg_available()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI=true: {reason}")
        pytest.skip(f"PostgreSQL not reachable: {reason}")
    return PG_ADMIN_URL


def create_pg_database(admin_url: str) -> tuple[str, str]:
    """A new empty PostgreSQL database; returns (name, SQLAlchemy URL)."""
    name = f"fopymes_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return name, f"{base}/{name}"


def drop_pg_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Databases:
    """Migrated test databases, one per backend, created on first use in a session."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
        self._tmp = tmp_path_factory
        self._request = request
        self._urls: dict[str, str] = {}
        self.created_pg: list[str] = []

    def url(self, backend: str) -> str:
        """The session's shared database of `backend`, migrated on first use."""
        if backend not in self._urls:
            self._urls[backend] = self.fresh(backend)
        return self._urls[backend]

    def fresh(self, backend: str) -> str:
        """A new migrated database of its own (dropped at the end of the session)."""
        if backend == "sqlite":
            url = f"sqlite:///{self._tmp.mktemp('sqlite') / 'fopymes.db'}"
        else:
            name, url = create_pg_database(self._request.getfixturevalue("pg_server"))
            self.created_pg.append(name)
        database = Database(url)
        runner.upgrade(database)
        database.dispose()
        return url


@pytest.fixture(scope="session")
def databases(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Databases]:
    pool = Databases(tmp_path_factory, request)
    yield pool
    for name in pool.created_pg:
        drop_pg_database(PG_ADMIN_URL, name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(databases: Databases, backend: str) -> str:
    return databases.url(backend)


@pytest.fixture
def ctx(database_url: str, tmp_path: Path) -> Iterator[AppContext]:
    context = build_context(Settings(database_url=database_url, home=tmp_path))
    yield context
    context.close()
