"""The PostgreSQL pool: no ping on a busy checkout, a ping (and a fresh connection) after idling."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from fopymes_server.core import database as database_module
from fopymes_server.core.database import Database


def _backend_pid(database: Database) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_a_connection_that_died_while_idle_is_replaced_before_use(
    databases,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = Database(databases.url("postgresql"))
    try:
        with database.engine.connect() as pooled, database.engine.connect() as other:
            first = pooled.execute(text("SELECT pg_backend_pid()")).scalar_one()
            pooled.close()  # back to the pool, where it dies unused: a restart, a timeout
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
            other.commit()
        monkeypatch.setattr(database_module, "IDLE_PING_SECONDS", 0.0)
        assert _backend_pid(database) != first  # no error reached the caller
    finally:
        database.dispose()


def test_a_connection_returned_a_moment_ago_is_reused_without_a_ping(
    databases,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = Database(databases.url("postgresql"))
    dialect = database.engine.dialect
    pings: list[object] = []
    ping = dialect.do_ping
    monkeypatch.setattr(dialect, "do_ping", lambda conn: pings.append(conn) or ping(conn))
    try:
        first = _backend_pid(database)
        assert _backend_pid(database) == first
        assert pings == []  # a busy server pays no round trip per request
        monkeypatch.setattr(database_module, "IDLE_PING_SECONDS", 0.0)
        assert _backend_pid(database) == first
        assert len(pings) == 1
    finally:
        database.dispose()
