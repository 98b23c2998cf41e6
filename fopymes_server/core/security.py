"""Password hashing (argon2id) and signed session tokens (JWT), with no storage of their own.

The JWT secret comes from the database (`instance_secret` table), so every process on one
database (a laptop CLI, a server) accepts the same tokens; it is never printed or logged.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

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


@functools.cache
def dummy_hash() -> str:
    """A hash to verify against when the e-mail is unknown, so a missing account costs the
    same time as a wrong password and login timing reveals nothing. Made on first use, not at
    import, so commands that never check a password do not pay for an argon2 hash."""
    return hash_password(secrets.token_hex(16))


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
    import jwt  # with cryptography it costs ~50 ms: only processes that sign pay it

    return jwt.encode(payload, secret, algorithm=JWT_ALGORITHM)


def decode_session(secret: str, token: str, *, now: datetime) -> SessionClaims:
    """Verify signature, algorithm, issuer, audience, expiry and type, or raise.

    Raises AuthenticationError with a message a user can act on (expired vs invalid).
    """
    payload = _verified_payload(
        secret, token, now=now, typ="session", noun="session token", hint=_LOGIN_HINT
    )
    expires = datetime.fromtimestamp(int(payload["exp"]), tz=now.tzinfo)
    return SessionClaims(
        user_id=int(payload["sub"]), generation=int(payload.get("gen", -1)), expires_at=expires
    )


_LOGIN_HINT = "run 'fopymes login' again"


def _verified_payload(
    secret: str,
    token: str,
    *,
    now: datetime,
    typ: str,
    noun: str,
    hint: str | None,
    max_lifetime: timedelta | None = None,
) -> dict[str, Any]:
    """The claims of `token` once signature, algorithm, iss, aud, times and `typ` all check.

    One verification path for every kind of token we sign, so none of them can skip a check.
    `aud` must be exactly ours (PyJWT alone accepts a list that merely contains it), `iat`
    may not lie in the future beyond the leeway, and with `max_lifetime` a token whose
    `exp - iat` is longer than the lifetime this server issues is refused: a leaked signing
    secret must not mint tokens that outlive every rotation.
    """
    import jwt

    try:
        # Time claims are checked below against the injected clock, not the wall clock.
        payload: dict[str, Any] = jwt.decode(
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
        exp, nbf, iat = int(payload["exp"]), int(payload["nbf"]), int(payload["iat"])
    except (jwt.PyJWTError, TypeError, ValueError):
        raise AuthenticationError(f"the {noun} is invalid", hint=hint) from None
    leeway = JWT_LEEWAY.total_seconds()
    if payload.get("aud") != JWT_AUDIENCE:
        raise AuthenticationError(f"the {noun} is invalid", hint=hint)
    if now.timestamp() > exp + leeway:
        raise AuthenticationError(f"the {noun} has expired", hint=hint)
    if now.timestamp() + leeway < nbf or now.timestamp() + leeway < iat:
        raise AuthenticationError(f"the {noun} is not valid yet")
    if max_lifetime is not None and exp - iat > max_lifetime.total_seconds():
        raise AuthenticationError(f"the {noun} is invalid", hint=hint)
    if payload.get("typ") != typ or not str(payload["sub"]).isdigit():
        raise AuthenticationError(f"the {noun} is invalid", hint=hint)
    return payload


# --- API tokens (the headless server) ---------------------------------------------------
# Access and refresh tokens are both JWTs signed with the instance secret; the `typ` claim
# keeps them apart, so a refresh token presented as a bearer token is refused.
ACCESS_TOKEN_TYPE = "access"
REFRESH_TOKEN_TYPE = "refresh"


@dataclass(frozen=True, slots=True)
class ApiClaims:
    """What a valid API token says: user, session generation, refresh family, its own id."""

    user_id: int
    generation: int
    family_id: int
    token_id: str
    expires_at: datetime


def encode_api_token(
    secret: str,
    *,
    typ: str,
    user_id: int,
    generation: int,
    family_id: int,
    now: datetime,
    lifetime: timedelta,
) -> str:
    """Sign an access or refresh token; `jti` makes every token unique, even in one second."""
    payload = {
        "sub": str(user_id),
        "gen": generation,
        "sid": family_id,
        "jti": secrets.token_urlsafe(16),
        "typ": typ,
        "iss": JWT_ISSUER,
        "aud": JWT_AUDIENCE,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
    }
    import jwt  # with cryptography it costs ~50 ms: only processes that sign pay it

    return jwt.encode(payload, secret, algorithm=JWT_ALGORITHM)


def decode_api_token(
    secret: str, token: str, *, typ: str, now: datetime, max_lifetime: timedelta | None = None
) -> ApiClaims:
    """Verify an API token of type `typ` exactly as sessions are verified, or raise.

    `max_lifetime` is the lifetime this server gives tokens of that type (see
    `_verified_payload`); None skips that one check (logout accepts any of our tokens).
    """
    noun = "access token" if typ == ACCESS_TOKEN_TYPE else "refresh token"
    payload = _verified_payload(
        secret, token, now=now, typ=typ, noun=noun, hint=None, max_lifetime=max_lifetime
    )
    try:
        return ApiClaims(
            user_id=int(payload["sub"]),
            generation=int(payload["gen"]),
            family_id=int(payload["sid"]),
            token_id=str(payload["jti"]),
            expires_at=datetime.fromtimestamp(int(payload["exp"]), tz=now.tzinfo),
        )
    except (KeyError, TypeError, ValueError):
        raise AuthenticationError(f"the {noun} is invalid") from None
