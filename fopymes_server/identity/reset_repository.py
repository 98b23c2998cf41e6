"""SQL of password-reset tokens: store a digest, consume it once, count recent requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from fopymes_server.identity.reset_models import PasswordReset


class PasswordResetRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, user_id: int, token_hash: str, now: datetime, expires_at: datetime) -> None:
        self.session.add(
            PasswordReset(
                user_id=user_id, token_hash=token_hash, created_at=now, expires_at=expires_at
            )
        )
        self.session.flush()

    def recent(self, user_id: int, since: datetime) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(PasswordReset)
                .where(PasswordReset.user_id == user_id, PasswordReset.created_at >= since)
            )
            or 0
        )

    def consume(self, token_hash: str, now: datetime) -> int | None:
        """Mark an unused, unexpired token used and return its user, or None.

        One UPDATE with the conditions in its WHERE: two concurrent resets with the same
        token cannot both succeed.
        """
        user_id = self.session.scalar(
            select(PasswordReset.user_id).where(
                PasswordReset.token_hash == token_hash,
                PasswordReset.used_at.is_(None),
                PasswordReset.expires_at > now,
            )
        )
        if user_id is None:
            return None
        result = self.session.execute(
            update(PasswordReset)
            .where(PasswordReset.token_hash == token_hash, PasswordReset.used_at.is_(None))
            .values(used_at=now)
        )
        return user_id if getattr(result, "rowcount", 0) else None

    def void_all(self, user_id: int, now: datetime) -> None:
        """Use up every other outstanding token of the user (after a reset succeeds)."""
        self.session.execute(
            update(PasswordReset)
            .where(PasswordReset.user_id == user_id, PasswordReset.used_at.is_(None))
            .values(used_at=now)
        )

    def prune(self, before: datetime) -> int:
        result = self.session.execute(
            delete(PasswordReset).where(PasswordReset.expires_at < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)
