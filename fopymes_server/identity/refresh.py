"""API sign-in: short-lived access tokens, rotating refresh tokens, logout, bearer checks.

Called by the headless server only; the CLI keeps its own long sessions (service.py). An
access token names its refresh family (`sid`), so logging out or detected reuse of a
refresh token ends the access tokens of that sign-in at once, on every instance.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, ConfigDict

from fopymes_server.core import security
from fopymes_server.core.errors import AuthenticationError, ConflictError, PermissionDeniedError
from fopymes_server.core.principal import Principal, Role
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity import service as identity
from fopymes_server.identity import throttle
from fopymes_server.identity.repository import Credentials
from fopymes_server.identity.schemas import Identity, SignedUp, TokenPairOut


class Lifetimes(BaseModel):
    model_config = ConfigDict(frozen=True)

    access: timedelta = timedelta(minutes=15)
    refresh: timedelta = timedelta(days=30)


def login(
    uow: UnitOfWork,
    *,
    email: str,
    password: str,
    address: str | None,
    lifetimes: Lifetimes,
    policy: throttle.ThrottlePolicy,
) -> TokenPairOut:
    """Check the password and open a new refresh family.

    Raises ThrottledError while the account or address has too many recent failures, and
    AuthenticationError (the same for an unknown e-mail and a wrong password, in the same
    time) otherwise; the failure is counted and committed before it is raised.
    """
    throttle.check(uow, email=email, address=address, policy=policy)
    credentials = uow.identity.user_by_email(email)
    hashed = credentials.password_hash if credentials else security.dummy_hash()
    if not security.verify_password(hashed, password) or credentials is None:
        throttle.record_failure(uow, email=email, address=address, policy=policy)
        uow.commit()
        raise AuthenticationError("wrong e-mail or password")
    throttle.clear_account(uow, email=email)
    now = uow.clock.now()
    family = uow.refresh.open_family(credentials.user.id, credentials.session_generation, now)
    pair = _issue(uow, credentials, family, lifetimes)
    uow.commit()
    return pair


def _issue(
    uow: UnitOfWork, credentials: Credentials, family_id: int, lifetimes: Lifetimes
) -> TokenPairOut:
    secret = identity.signing_secret(uow)
    now = uow.clock.now()

    def sign(typ: str, lifetime: timedelta) -> str:
        return security.encode_api_token(
            secret,
            typ=typ,
            user_id=credentials.user.id,
            generation=credentials.session_generation,
            family_id=family_id,
            now=now,
            lifetime=lifetime,
        )

    access = sign(security.ACCESS_TOKEN_TYPE, lifetimes.access)
    refresh = sign(security.REFRESH_TOKEN_TYPE, lifetimes.refresh)
    uow.refresh.add_token(
        family_id, security.token_digest(refresh), now=now, expires_at=now + lifetimes.refresh
    )
    return TokenPairOut(
        access_token=access,
        refresh_token=refresh,
        expires_in=int(lifetimes.access.total_seconds()),
    )


def _secret(uow: UnitOfWork) -> str:
    secret = uow.identity.signing_secret()
    if secret is None:
        raise AuthenticationError("the token is not valid")
    return secret


def rotate(uow: UnitOfWork, refresh_token: str, *, lifetimes: Lifetimes) -> TokenPairOut:
    """Exchange a refresh token for a new pair; the old one stops working.

    A refresh token presented a second time was copied: the whole family (every token of
    that sign-in, access tokens included) is revoked and committed, then
    AuthenticationError is raised. So is one of a revoked family or an older password.
    """
    now = uow.clock.now()
    claims = security.decode_api_token(
        _secret(uow),
        refresh_token,
        typ=security.REFRESH_TOKEN_TYPE,
        now=now,
        max_lifetime=lifetimes.refresh,
    )
    record = uow.refresh.by_hash(security.token_digest(refresh_token))
    if record is None or record.family_id != claims.family_id:
        raise AuthenticationError("the refresh token is not valid")
    if record.family_revoked_at is not None:
        raise AuthenticationError("this sign-in has ended", hint="sign in again")
    credentials = uow.identity.user_by_id(record.user_id)
    stale = credentials is None or credentials.session_generation != record.generation
    if stale or not uow.refresh.mark_used(record.token_id, now):
        uow.refresh.revoke_family(record.family_id, now)
        identity.announce_access_ended(uow, record.user_id)
        uow.commit()
        raise AuthenticationError(
            "the refresh token was already used or the password changed; this sign-in is revoked",
            hint="sign in again",
        )
    assert credentials is not None
    pair = _issue(uow, credentials, record.family_id, lifetimes)
    uow.commit()
    return pair


def logout(uow: UnitOfWork, refresh_token: str) -> None:
    """End the sign-in the refresh token belongs to: its refresh and access tokens stop."""
    now = uow.clock.now()
    claims = security.decode_api_token(
        _secret(uow), refresh_token, typ=security.REFRESH_TOKEN_TYPE, now=now
    )
    record = uow.refresh.by_hash(security.token_digest(refresh_token))
    if record is None or record.family_id != claims.family_id:
        raise AuthenticationError("the refresh token is not valid")
    uow.refresh.revoke_family(record.family_id, now)
    identity.announce_access_ended(uow, record.user_id)
    uow.commit()


def authenticate_bearer(uow: UnitOfWork, token: str, *, access_lifetime: timedelta) -> Identity:
    """Who a bearer token (an access token or a personal access token) belongs to.

    Raises AuthenticationError for anything else: a refresh or CLI session token, a bad
    signature or algorithm, expiry beyond the leeway, a lifetime longer than
    `access_lifetime` (what this server issues), a revoked family or token, or a session
    generation that a password change or removal from a workspace has ended.
    """
    if token.startswith(security.PAT_PREFIX):
        return identity.authenticate(uow, token)
    claims = security.decode_api_token(
        _secret(uow),
        token,
        typ=security.ACCESS_TOKEN_TYPE,
        now=uow.clock.now(),
        max_lifetime=access_lifetime,
    )
    credentials = uow.identity.user_by_id(claims.user_id)
    if (
        credentials is None
        or credentials.session_generation != claims.generation
        or not uow.refresh.family_active(claims.family_id, claims.user_id, claims.generation)
    ):
        raise AuthenticationError("the access token is no longer valid", hint="sign in again")
    return Identity(user=credentials.user, via="access")


def principal_for_bearer(
    uow: UnitOfWork, token: str, workspace_id: int, *, access_lifetime: timedelta
) -> Principal:
    """Who a bearer token belongs to, acting in `workspace_id`: every API request's question.

    A personal access token is answered with one query (token, user and membership); any
    refusal is re-asked the long way, through `authenticate_bearer` and `principal_for`, so
    the errors are exactly theirs: AuthenticationError, or NotFoundError for a workspace
    the user is not in.
    """
    if token.startswith(security.PAT_PREFIX):
        now = uow.clock.now()
        record = uow.identity.token_access(security.token_digest(token), workspace_id)
        if (
            record is not None
            and record.role is not None
            and record.revoked_at is None
            and (record.expires_at is None or record.expires_at > now)
        ):
            if uow.write:
                uow.identity.touch_token(record.token_id, now)
            return Principal(
                user_id=record.user_id, workspace_id=workspace_id, role=Role(record.role)
            )
    signed_in = authenticate_bearer(uow, token, access_lifetime=access_lifetime)
    return identity.principal_for(uow, signed_in.user.id, workspace_id)


def signup(
    uow: UnitOfWork,
    *,
    allowed: bool,
    email: str,
    name: str,
    password: str,
    workspace_name: str,
    currency: str,
) -> SignedUp:
    """Open registration: a new user with a workspace of their own.

    Raises PermissionDeniedError unless the server allows sign-up, and ConflictError for
    an e-mail that already has an account.
    """
    if not allowed:
        raise PermissionDeniedError(
            "open registration is off on this server",
            hint="ask an owner to add you with 'fopymes member add'",
        )
    if uow.identity.user_by_email(email) is not None:
        raise ConflictError("that e-mail already has an account", hint="sign in instead")
    made = identity.setup(
        uow,
        email=email,
        name=name,
        password=password,
        workspace_name=workspace_name,
        currency=currency,
    )
    return SignedUp(user=made.user, workspace=made.workspace)
