"""Engines, sessions and the schema-version check for PostgreSQL and SQLite.

One `Database` per process, built by `core.context.build_context`. SQLite gets WAL, a busy
timeout and `BEGIN IMMEDIATE` for writing units of work, so two processes writing at once
wait for each other instead of failing with "database is locked".
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from fopymes_server.core.errors import (
    DatabaseUnavailableError,
    SchemaMismatchError,
    ValidationError,
)
from fopymes_server.core.folding import FOLD_FUNCTION, fold_or_none
from fopymes_server.core.private_files import make_private_dir, prepare_sqlite_file
from fopymes_server.migrations.revisions import HEAD_REVISION, KNOWN_REVISIONS

SQLITE_BUSY_TIMEOUT_MS = 30_000


def normalise_url(raw: str) -> URL:
    """Parse a database URL and pick our drivers (psycopg 3 for PostgreSQL)."""
    try:
        url = make_url(raw)
    except ArgumentError:
        raise ValidationError("database URL", f"'{raw}' is not a database URL") from None
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("postgresql", "sqlite"):
        raise ValidationError("database URL", "fopymes supports postgresql and sqlite only")
    return url


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN itself (pysqlite's own
        # transaction handling would defer it and cannot do BEGIN IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()
        # Search folds case and accents by one table on both databases (core.folding);
        # PostgreSQL spells it translate(), SQLite calls the Python function.
        dbapi_connection.create_function(FOLD_FUNCTION, 1, fold_or_none, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("fopymes_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _keep_private(engine: Engine, path: Path, own_directory: bool) -> None:
    @event.listens_for(engine, "do_connect")
    def _before_connect(*_args: Any) -> None:
        prepare_sqlite_file(path, own_directory=own_directory)  # before SQLite creates it


POOL_SIZE = 16
POOL_OVERFLOW = 4
IDLE_PING_SECONDS = 10.0
"""A pooled PostgreSQL connection unused for longer than this is pinged before reuse."""


def _ping_idle_connections(engine: Engine) -> None:
    """Ping a pooled connection only when it has sat idle, not on every checkout.

    `pool_pre_ping` costs a round trip per checkout, which on a busy server is a request's
    worth of latency for nothing: a connection returned a moment ago is alive. A connection
    that waited longer (a dashboard left open, a quiet night, a database restart) is pinged
    first; if the ping fails, the pool discards it and checks out a fresh one, as pre-ping
    would, so the caller never sees the dead connection.
    """

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["fopymes_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("fopymes_idle_since")
        if idle_since is None or time.monotonic() - idle_since < IDLE_PING_SECONDS:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
            dbapi_connection.rollback()  # the ping's SELECT must not open the caller's snapshot
        except engine.dialect.loaded_dbapi.Error:
            alive = False
        if not alive:
            raise DisconnectionError("the pooled connection did not answer a ping")


class Database:
    """Owns the engine and hands out sessions for reading or writing."""

    sqlite_path: Path | None = None
    """The SQLite file, for a database that is one."""
    created_dirs: list[Path]
    """Directories made for the SQLite file by this process (none already there)."""

    def __init__(self, url: str, *, own_directory: bool = False) -> None:
        """`own_directory`: the SQLite file lives in fopymes' own data directory (the
        default database), whose permissions fopymes may tighten (see private_files)."""
        self.url = normalise_url(url)
        self.created_dirs = []
        self.dialect = self.url.get_backend_name()
        if self.dialect == "sqlite":
            database = self.url.database
            self.engine = create_engine(self.url)
            _configure_sqlite(self.engine)
            if database and database != ":memory:" and not database.startswith("file:"):
                self.sqlite_path = Path(database).expanduser()
                self.created_dirs = make_private_dir(self.sqlite_path.parent)
                _keep_private(self.engine, self.sqlite_path, own_directory)
        else:
            # A server admits up to ApiSettings.concurrent_requests (12) requests at once,
            # each holding one connection: keep that many open, or every request past
            # SQLAlchemy's default of 5 pays for a new PostgreSQL connection and closes it.
            self.engine = create_engine(self.url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
            _ping_idle_connections(self.engine)
        self._read_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            bind=self.engine.execution_options(fopymes_write=True), expire_on_commit=False
        )
        self._schema_checked = False

    def session(self, *, write: bool) -> Session:
        return (self._write_sessions if write else self._read_sessions)()

    def current_revision(self) -> str | None:
        """The Alembic revision the database is at, or None for a database without fopymes."""
        try:
            with self.engine.connect() as connection:
                return connection.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalar_one_or_none()
        except (OperationalError, ProgrammingError) as exc:
            if _is_missing_table(exc):
                return None
            raise DatabaseUnavailableError(
                f"cannot open the database {self.display_url}: {_first_line(exc)}"
            ) from None

    def check_schema(self) -> None:
        """Refuse to work on a schema this version does not know exactly (once per process)."""
        if self._schema_checked:
            return
        revision = self.current_revision()
        if revision is None:
            raise SchemaMismatchError(
                f"the database {self.display_url} has no fopymes schema",
                hint="run 'fopymes init' to create it",
            )
        if revision != HEAD_REVISION:
            if revision in KNOWN_REVISIONS:
                raise SchemaMismatchError(
                    f"the database schema ({revision}) is older than this fopymes "
                    f"({HEAD_REVISION})",
                    hint="run 'fopymes db upgrade'",
                )
            raise SchemaMismatchError(
                f"the database schema ({revision}) is newer than this fopymes knows "
                f"({HEAD_REVISION})",
                hint="upgrade fopymes on this machine",
            )
        self._schema_checked = True

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, safe for messages and logs."""
        return self.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def _is_missing_table(exc: Exception) -> bool:
    message = str(exc).lower()
    return "no such table" in message or ("does not exist" in message and "relation" in message)


def _first_line(exc: Exception) -> str:
    original = getattr(exc, "orig", exc)
    return str(original).strip().splitlines()[0] if str(original).strip() else type(exc).__name__
