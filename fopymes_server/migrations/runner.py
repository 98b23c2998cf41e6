"""Apply and inspect migrations programmatically (no alembic.ini to find or lose)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from fopymes_server.core.database import Database

MIGRATIONS_DIR = Path(__file__).parent


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_heads() -> tuple[str, ...]:
    """The head revisions of the migration scripts on disk."""
    return tuple(ScriptDirectory.from_config(alembic_config()).get_heads())


def script_revisions() -> tuple[str, ...]:
    """Every revision on disk, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return tuple(rev.revision for rev in reversed(list(script.walk_revisions())))


def upgrade(database: Database, revision: str = "head") -> None:
    """Bring the schema up to `revision`, in one transaction per migration."""
    config = alembic_config()
    with database.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild a table (copy, DROP, rename). With foreign keys on,
            # SQLite's DROP would first run the ON DELETE actions of every table that
            # refers to it (SET NULL, CASCADE); the pragma only takes effect outside a
            # transaction, so it is set on the raw connection before SQLAlchemy begins.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise RuntimeError(f"migration left a dangling foreign key: {broken}")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
