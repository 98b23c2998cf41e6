"""SQL of refresh-token families: open, issue, exchange once, revoke."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fopymes_server.identity.refresh_models import RefreshFamily, RefreshToken


@dataclass(frozen=True, slots=True)
class RefreshRecord:
    """A stored refresh token and the state of its family."""

    token_id: int
    family_id: int
    user_id: int
    generation: int
    expires_at: datetime
    used_at: datetime | None
    family_revoked_at: datetime | None


class RefreshRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def open_family(self, user_id: int, generation: int, now: datetime) -> int:
        family = RefreshFamily(user_id=user_id, generation=generation, created_at=now)
        self.session.add(family)
        self.session.flush()
        return family.id

    def add_token(
        self, family_id: int, token_hash: str, *, now: datetime, expires_at: datetime
    ) -> None:
        self.session.add(
            RefreshToken(
                family_id=family_id, token_hash=token_hash, issued_at=now, expires_at=expires_at
            )
        )
        self.session.flush()

    def by_hash(self, token_hash: str) -> RefreshRecord | None:
        row = self.session.execute(
            select(
                RefreshToken.id,
                RefreshToken.family_id,
                RefreshFamily.user_id,
                RefreshFamily.generation,
                RefreshToken.expires_at,
                RefreshToken.used_at,
                RefreshFamily.revoked_at,
            )
            .join(RefreshFamily, RefreshFamily.id == RefreshToken.family_id)
            .where(RefreshToken.token_hash == token_hash)
        ).first()
        return RefreshRecord(*row) if row else None

    def mark_used(self, token_id: int, now: datetime) -> bool:
        """Exchange a token once: False when another request already exchanged it.

        The `used_at IS NULL` condition makes two simultaneous refreshes with one token
        end with exactly one winner, on both databases.
        """
        result = self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.id == token_id, RefreshToken.used_at.is_(None))
            .values(used_at=now)
        )
        return bool(getattr(result, "rowcount", 0))

    def revoke_family(self, family_id: int, now: datetime) -> None:
        self.session.execute(
            update(RefreshFamily)
            .where(RefreshFamily.id == family_id, RefreshFamily.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    def family_active(self, family_id: int, user_id: int, generation: int) -> bool:
        """True while the family is unrevoked and was opened in the user's current generation."""
        found = self.session.scalar(
            select(RefreshFamily.id).where(
                RefreshFamily.id == family_id,
                RefreshFamily.user_id == user_id,
                RefreshFamily.generation == generation,
                RefreshFamily.revoked_at.is_(None),
            )
        )
        return found is not None
