"""Checks a server makes about its instance before it takes requests.

The server refuses to start on PostgreSQL (a shared, networked database) with a signing
secret that is short or looks like a placeholder: anyone who can guess it can mint tokens
for every user. On SQLite, a single person's file, a weak secret is their own business.
"""

from __future__ import annotations

from fopymes_server.core.errors import RuleViolationError
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity import service as identity

MIN_SECRET_BYTES = 32
MIN_DISTINCT_CHARACTERS = 12
KNOWN_PLACEHOLDERS = frozenset(
    {"secret", "changeme", "change-me", "jwt-secret", "development", "fopymes", "default"}
)


def is_weak_secret(secret: str) -> bool:
    """Shorter than 32 bytes, too few distinct characters, or a well-known placeholder."""
    raw = secret.encode()
    return (
        len(raw) < MIN_SECRET_BYTES
        or len(set(secret)) < MIN_DISTINCT_CHARACTERS
        or any(word in secret.lower() for word in KNOWN_PLACEHOLDERS)
    )


def ensure_signing_secret(uow: UnitOfWork) -> None:
    """Create the signing secret (512 bits) if missing; on PostgreSQL refuse a weak one.

    Raises RuleViolationError naming the problem and the fix; never shows the secret.
    """
    secret = identity.signing_secret(uow)
    if uow.dialect == "postgresql" and is_weak_secret(secret):
        raise RuleViolationError(
            "the token signing secret of this database is weak (short or a placeholder); "
            "the server will not start with it",
            hint="delete the row of the instance_secret table (everyone signs in again); "
            "fopymes then generates a 512-bit secret",
        )
    uow.commit()
