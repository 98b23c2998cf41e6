"""The declarative base every feature's models share, and column types with our rules.

Only `models.py`, `repository.py`, `core.database`, `core.uow` and `migrations` may import
this module (an import-linter contract keeps the CLI away from it).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, MetaData, String, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so Alembic migrations can refer to them on both databases.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC instant on both databases.

    SQLite has no time zones, so values are stored as naive UTC and given their zone back on
    the way out; a naive value on the way in is a bug and raises.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC instant is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def insert_ignoring_conflicts(session: Session, table: Any) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING for the session's dialect.

    The conflict is resolved by the database (it waits for a concurrent inserter of the
    same key and then skips), and unlike catching IntegrityError it leaves a PostgreSQL
    transaction usable.
    """
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table).on_conflict_do_nothing()


class NamedPerWorkspace:
    """The columns of a table of names kept once per workspace under a comparison key
    (payees, tags): the class adds `UniqueConstraint("workspace_id", "name_key")`. Rows
    are found or added with `ensure_named`."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    # The first spelling seen; `name_key` is what makes two spellings one row.
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


def ensure_named(
    session: Session, model: Any, workspace_id: int, spellings: dict[str, str], now: datetime
) -> dict[str, int]:
    """Ids by key of the rows of `model` (a table of names per workspace, unique on
    (workspace_id, name_key)) for every key of `spellings`, inserting the missing ones
    with their spelling: one INSERT that skips existing keys and one SELECT, whatever the
    number of names, and safe beside a concurrent writer adding the same name."""
    if not spellings:
        return {}
    session.execute(
        insert_ignoring_conflicts(session, model.__table__),
        [
            {"workspace_id": workspace_id, "name": name, "name_key": key, "created_at": now}
            for key, name in spellings.items()
        ],
    )
    return named_ids(session, model, workspace_id, spellings)


def named_ids(session: Session, model: Any, workspace_id: int, keys: Any) -> dict[str, int]:
    """Ids by key of the existing rows of `model` whose name_key is one of `keys`."""
    rows = session.execute(
        select(model.name_key, model.id).where(
            model.workspace_id == workspace_id, model.name_key.in_(sorted(set(keys)))
        )
    ).all()
    return {row.name_key: row.id for row in rows}
