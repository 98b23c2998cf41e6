"""Use cases of idempotency keys: begin a keyed request, finish it, forget old keys.

The API calls `begin` inside the same unit of work as the change it guards and `finish`
before that unit of work commits, so the key, the change and the stored response are one
database transaction: a crash leaves either all three or none.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.idempotency.schemas import StoredResponse

KEEP_FOR = timedelta(hours=24)
MAX_KEY_LENGTH = 255


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What makes two requests "the same": method, path and the exact body bytes."""
    digest = hashlib.sha256()
    for part in (method.upper().encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def begin(
    uow: UnitOfWork, user_id: int, key: str, request_fingerprint: str
) -> StoredResponse | None:
    """Claim `key` for this user, or return the response its first request got.

    Keys are scoped per user and kept for 24 hours; an older key counts as new. Raises
    ValidationError when the key was first used with a different request.
    """
    if not 1 <= len(key) <= MAX_KEY_LENGTH:
        raise ValidationError("Idempotency-Key", f"must be 1 to {MAX_KEY_LENGTH} characters")
    now = uow.clock.now()
    uow.idempotency.forget_before(now - KEEP_FOR, user_id=user_id)
    if uow.idempotency.claim(user_id, key, request_fingerprint, now):
        return None
    stored = uow.idempotency.stored(user_id, key)
    if stored is None:  # deleted between the two statements (expired); treat as new
        uow.idempotency.claim(user_id, key, request_fingerprint, now)
        return None
    if stored.fingerprint != request_fingerprint:
        raise ValidationError(
            "Idempotency-Key",
            "was already used with a different request",
            hint="use a new key for a new request",
        )
    return stored


def finish(uow: UnitOfWork, user_id: int, key: str, *, status_code: int, body: str) -> None:
    """Store the response of a claimed key (the caller commits)."""
    uow.idempotency.store(user_id, key, status_code=status_code, body=body)


def forget_expired(uow: UnitOfWork) -> int:
    """Delete every key older than 24 hours; returns how many."""
    removed = uow.idempotency.forget_before(uow.clock.now() - KEEP_FOR)
    uow.commit()
    return removed
