"""Migrations: known revisions match the scripts, and a mismatched schema is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from fopymes_server.core import database as database_module
from fopymes_server.core.database import Database
from fopymes_server.core.errors import SchemaMismatchError
from fopymes_server.migrations import runner
from fopymes_server.migrations.revisions import HEAD_REVISION, KNOWN_REVISIONS


def test_the_revisions_the_code_knows_are_the_migration_scripts() -> None:
    assert runner.script_heads() == (HEAD_REVISION,)
    assert runner.script_revisions() == KNOWN_REVISIONS


def test_a_database_without_fopymes_is_refused_with_a_hint(tmp_path) -> None:  # type: ignore[no-untyped-def]
    database = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(SchemaMismatchError) as info:
        database.check_schema()
    assert "fopymes init" in (info.value.hint or "")


def _fresh(databases, backend: str) -> Database:  # type: ignore[no-untyped-def]
    """A database of its own: these tests rewrite alembic_version."""
    return Database(databases.fresh(backend))


def test_a_newer_schema_is_refused(databases, backend: str) -> None:  # type: ignore[no-untyped-def]
    database = _fresh(databases, backend)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(SchemaMismatchError, match="newer"):
        database.check_schema()
    database.dispose()


def test_an_older_schema_is_refused_with_the_upgrade_command(
    databases,
    backend: str,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    database = _fresh(databases, backend)
    monkeypatch.setattr(database_module, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, "0099_next"))
    monkeypatch.setattr(database_module, "HEAD_REVISION", "0099_next")
    with pytest.raises(SchemaMismatchError, match="older") as info:
        database.check_schema()
    assert "fopymes db upgrade" in (info.value.hint or "")
    database.dispose()
