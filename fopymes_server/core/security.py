"""Password hashing (argon2id) and signed session tokens (JWT), with no storage of their own.

The JWT secret comes from the database (`instance_secret` table), so every process on one
database (a laptop CLI, a server) accepts the same tokens; it is never printed or logged.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from fopymes_server.core.errors import AuthenticationError

# OWASP's floor for argon2id (m=19 MiB, t=2, p=1); raising these costs every login.
ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 19_456
ARGON2_PARALLELISM = 1

JWT_ALGORITHM = "HS256"  # pinned: decode never accepts any other, `none` included
JWT_ISSUER = "fopymes"
JWT_AUDIENCE = "fopymes"
JWT_LEEWAY = timedelta(seconds=30)
PAT_PREFIX = "fop_"

_hasher = PasswordHasher(
    time_cost=ARGON2_TIME_COST,
    memory_cost=ARGON2_MEMORY_KIB,
    parallelism=ARGON2_PARALLELISM,
)


def hash_password(password: str) -> str:
    """An argon2id PHC string with a fresh salt."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when `password` matches; never raises for a wrong password or a bad hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A hash to verify against when the e-mail is unknown, so that a missing account costs the
# same time as a wrong password and login timing reveals nothing.
DUMMY_HASH = hash_password(secrets.token_hex(16))


def new_secret() -> str:
    """A signing secret with 512 bits of entropy."""
    return secrets.token_urlsafe(64)


def new_personal_token() -> str:
    """A personal access token: a recognisable prefix and 256 random bits."""
    return PAT_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """SHA-256 of a high-entropy token: what the database keeps instead of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class SessionClaims:
    """What a valid session token says: the user and the session generation it belongs to."""

    user_id: int
    generation: int
    expires_at: datetime


def encode_session(
    secret: str, *, user_id: int, generation: int, now: datetime, lifetime: timedelta
) -> str:
    """Sign a session token for `user_id`, valid for `lifetime` from `now`."""
    payload = {
        "sub": str(user_id),
        "gen": generation,
        "typ": "session",
        "iss": JWT_ISSUER,
        "aud": JWT_AUDIENCE,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
    }
    return jwt.encode(payload, secret, algorithm=JWT_ALGORITHM)


def decode_session(secret: str, token: str, *, now: datetime) -> SessionClaims:
    """Verify signature, algorithm, issuer, audience, expiry and type, or raise.

    Raises AuthenticationError with a message a user can act on (expired vs invalid).
    """
    try:
        # Time claims are checked below against the injected clock, not the wall clock.
        payload = jwt.decode(
            token,
            secret,
            algorithms=[JWT_ALGORITHM],
            audience=JWT_AUDIENCE,
            issuer=JWT_ISSUER,
            options={
                "require": ["exp", "sub", "iat", "nbf", "iss", "aud"],
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
            },
        )
        exp, nbf = int(payload["exp"]), int(payload["nbf"])
    except (jwt.PyJWTError, TypeError, ValueError):
        raise AuthenticationError(
            "the session token is invalid", hint="run 'fopymes login' again"
        ) from None
    leeway = JWT_LEEWAY.total_seconds()
    if now.timestamp() > exp + leeway:
        raise AuthenticationError("your session has expired", hint="run 'fopymes login' again")
    if now.timestamp() + leeway < nbf:
        raise AuthenticationError("the session token is not valid yet")
    if payload.get("typ") != "session" or not str(payload["sub"]).isdigit():
        raise AuthenticationError("the session token is invalid", hint="run 'fopymes login'")
    expires = datetime.fromtimestamp(exp, tz=now.tzinfo)
    return SessionClaims(
        user_id=int(payload["sub"]), generation=int(payload.get("gen", -1)), expires_at=expires
    )
