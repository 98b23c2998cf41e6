"""SQL of idempotency keys: claim with INSERT ... ON CONFLICT DO NOTHING, store, prune."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from fopymes_server.idempotency.models import IdempotencyKey
from fopymes_server.idempotency.schemas import StoredResponse


class IdempotencyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def claim(self, user_id: int, key: str, fingerprint: str, now: datetime) -> bool:
        """Insert a placeholder row; False when the key already has one.

        On PostgreSQL a concurrent insert of the same key waits here until the first
        transaction ends, then finds its committed row: the unique index is the lock.
        """
        values = {
            "user_id": user_id,
            "key": key,
            "fingerprint": fingerprint,
            "status_code": 0,
            "response_body": "",
            "created_at": now,
        }
        insert: Any = (
            postgresql.insert(IdempotencyKey)
            if self.session.get_bind().dialect.name == "postgresql"
            else sqlite.insert(IdempotencyKey)
        )
        statement = (
            insert.values(**values)
            .on_conflict_do_nothing(index_elements=["user_id", "key"])
            .returning(IdempotencyKey.id)  # rowcount is -1 here with psycopg
        )
        return self.session.execute(statement).first() is not None

    def stored(self, user_id: int, key: str) -> StoredResponse | None:
        row = self.session.execute(
            select(
                IdempotencyKey.fingerprint,
                IdempotencyKey.status_code,
                IdempotencyKey.response_body,
            ).where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key)
        ).first()
        if row is None:
            return None
        return StoredResponse(fingerprint=row[0], status_code=row[1], body=row[2])

    def store(self, user_id: int, key: str, *, status_code: int, body: str) -> None:
        self.session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key)
            .values(status_code=status_code, response_body=body)
        )

    def forget_before(self, before: datetime, *, user_id: int | None = None) -> int:
        """Delete keys created before `before` (of one user, or of everyone)."""
        statement = delete(IdempotencyKey).where(IdempotencyKey.created_at < before)
        if user_id is not None:
            statement = statement.where(IdempotencyKey.user_id == user_id)
        result = self.session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)
