"""Use cases of accounts: set-up, sign-in, workspaces, members and tokens.

Every function takes the unit of work first; those acting inside a workspace take the
Principal next and check its role before they read or write.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from fopymes_server.core import security
from fopymes_server.core.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    RuleViolationError,
    ValidationError,
)
from fopymes_server.core.lookup import clean_name
from fopymes_server.core.money import normalise_currency
from fopymes_server.core.principal import Principal, Role
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.identity import steps
from fopymes_server.identity.repository import Credentials
from fopymes_server.identity.rules import check_password, clean_email
from fopymes_server.identity.schemas import (
    Identity,
    Me,
    MemberAdded,
    MemberOut,
    MembershipOut,
    MemberWorkspace,
    Setup,
    SignedIn,
    TokenCreated,
    TokenOut,
    UserOut,
    WorkspaceOut,
)


def signing_secret(uow: UnitOfWork) -> str:
    """The database's JWT secret, created on first use so every process shares it."""
    secret = uow.identity.signing_secret()
    if secret is None:
        secret = security.new_secret()
        uow.identity.store_signing_secret(secret, uow.clock.now())
    return secret


def setup(
    uow: UnitOfWork,
    *,
    email: str,
    name: str,
    password: str,
    workspace_name: str,
    currency: str,
    template: str = "household",
) -> Setup:
    """Create a user (or reuse an existing one whose password matches) and a new workspace
    seeded with the categories of `template` (household or business).

    This is `fopymes init` on an empty or a shared database: existing data stays untouched.
    Raises AuthenticationError when the e-mail exists and the password does not match.
    """
    email = clean_email(email)
    currency = normalise_currency(currency)
    existing = uow.identity.user_by_email(email)
    if existing is not None:
        if not security.verify_password(existing.password_hash, password):
            raise AuthenticationError(
                f"{email} already has an account and the password does not match",
                hint="use that account's password, or another e-mail",
            )
        user, created = existing.user, False
    else:
        check_password(password)
        user = uow.identity.add_user(
            email=email,
            name=clean_name(name),
            password_hash=security.hash_password(password),
            now=uow.clock.now(),
        )
        created = True
    signing_secret(uow)
    workspace = steps.create_workspace(
        uow, user.id, name=workspace_name, currency=currency, template=template
    )
    uow.commit()
    return Setup(user=user, workspace=workspace, created_user=created)


def create_workspace(
    uow: UnitOfWork, user_id: int, *, name: str, currency: str, template: str = "household"
) -> MemberWorkspace:
    """A new workspace owned by `user_id`, seeded with Cash and the categories of
    `template` (household or business; ValidationError for another)."""
    workspace = steps.create_workspace(
        uow, user_id, name=name, currency=currency, template=template
    )
    uow.commit()
    return workspace


def login(
    uow: UnitOfWork, *, email: str, password: str, lifetime: timedelta
) -> tuple[UserOut, str]:
    """Check the password and sign a session token.

    Unknown e-mail and wrong password give the same error and take the same time.
    """
    credentials = uow.identity.user_by_email(email)
    if credentials is None:
        security.verify_password(security.dummy_hash(), password)
        raise AuthenticationError("wrong e-mail or password")
    if not security.verify_password(credentials.password_hash, password):
        raise AuthenticationError("wrong e-mail or password")
    token = _sign_session(uow, credentials, lifetime)
    uow.commit()
    return credentials.user, token


def renew_session(uow: UnitOfWork, user_id: int, *, lifetime: timedelta) -> str:
    """A fresh session token for an already authenticated user (e.g. after a password change)."""
    credentials = uow.identity.user_by_id(user_id)
    if credentials is None:
        raise AuthenticationError("the account no longer exists")
    token = _sign_session(uow, credentials, lifetime)
    uow.commit()
    return token


def _sign_session(uow: UnitOfWork, credentials: Credentials, lifetime: timedelta) -> str:
    return security.encode_session(
        signing_secret(uow),
        user_id=credentials.user.id,
        generation=credentials.session_generation,
        now=uow.clock.now(),
        lifetime=lifetime,
    )


def authenticate(uow: UnitOfWork, token: str) -> Identity:
    """Who `token` (a session JWT or a personal access token) belongs to, or raise.

    Raises AuthenticationError for a tampered, expired, revoked or superseded token.
    """
    now = uow.clock.now()
    if token.startswith(security.PAT_PREFIX):
        record = uow.identity.token_by_hash(security.token_digest(token))
        if record is None or record.revoked_at is not None:
            raise AuthenticationError(
                "the access token is not valid (revoked or unknown)",
                hint="create a new one with 'fopymes token create'",
            )
        if record.expires_at is not None and record.expires_at <= now:
            raise AuthenticationError("the access token has expired")
        credentials = uow.identity.user_by_id(record.user_id)
        if credentials is None:
            raise AuthenticationError("the access token is not valid")
        if uow.write:
            uow.identity.touch_token(record.token_id, now)
        return Identity(user=credentials.user, via="token")
    secret = uow.identity.signing_secret()
    if secret is None:
        raise AuthenticationError("this database has no sessions yet", hint="run 'fopymes login'")
    claims = security.decode_session(secret, token, now=now)
    credentials = uow.identity.user_by_id(claims.user_id)
    if credentials is None or credentials.session_generation != claims.generation:
        raise AuthenticationError(
            "your session is no longer valid (password changed or access removed)",
            hint="run 'fopymes login' again",
        )
    return Identity(user=credentials.user, via="session")


def principal_for(uow: UnitOfWork, user_id: int, workspace: str | int | None) -> Principal:
    """The Principal of `user_id` in the workspace named or numbered `workspace`.

    None picks the user's first workspace. A workspace the user is not a member of is
    NotFoundError, the same as one that does not exist.
    """
    memberships = uow.identity.memberships_of(user_id)
    if not memberships:
        raise NotFoundError(
            "you are not a member of any workspace",
            hint="create one with 'fopymes workspace create NAME'",
        )
    chosen = memberships[0] if workspace is None else _find_membership(memberships, workspace)
    return Principal(user_id=user_id, workspace_id=chosen.workspace.id, role=chosen.role)


def _find_membership(memberships: list[MembershipOut], ref: str | int) -> MembershipOut:
    text = str(ref).strip()
    if text.isdigit():
        for membership in memberships:
            if membership.workspace.id == int(text):
                return membership
    matches = [m for m in memberships if m.workspace.name.lower() == text.lower()]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        ids = ", ".join(str(m.workspace.id) for m in matches)
        raise ValidationError("workspace", f"'{text}' names several workspaces; use an id ({ids})")
    names = ", ".join(m.workspace.name for m in memberships)
    raise NotFoundError(f"no workspace '{text}' among yours", hint=f"yours: {names}")


def workspaces(uow: UnitOfWork, user_id: int) -> list[MembershipOut]:
    """The workspaces `user_id` belongs to, with their role in each."""
    return uow.identity.memberships_of(user_id)


def workspaces_with_role(uow: UnitOfWork, user_id: int) -> list[MemberWorkspace]:
    """The workspaces `user_id` belongs to as they see them (`workspace list`, the API)."""
    return [MemberWorkspace.of(m) for m in uow.identity.memberships_of(user_id)]


def workspace_with_role(uow: UnitOfWork, principal: Principal) -> MemberWorkspace:
    """The principal's workspace with their role in it."""
    workspace = current_workspace(uow, principal)
    return MemberWorkspace(**workspace.model_dump(), role=principal.role)


def me(uow: UnitOfWork, user_id: int) -> Me:
    """The user and every workspace of theirs."""
    return Me(user=user(uow, user_id), workspaces=workspaces_with_role(uow, user_id))


def signed_in(uow: UnitOfWork, principal: Principal, *, database: str) -> SignedIn:
    """Who the principal is and where (`fopymes whoami`); `database` as it may be shown."""
    person = user(uow, principal.user_id)
    workspace = current_workspace(uow, principal)
    return SignedIn(
        user_id=person.id,
        email=person.email,
        name=person.name,
        workspace_id=workspace.id,
        workspace=workspace.name,
        currency=workspace.currency,
        role=principal.role,
        database=database,
    )


def current_workspace(uow: UnitOfWork, principal: Principal) -> WorkspaceOut:
    workspace = uow.identity.workspace(principal.workspace_id)
    if workspace is None:
        raise NotFoundError("the workspace no longer exists")
    return workspace


def user(uow: UnitOfWork, user_id: int) -> UserOut:
    credentials = uow.identity.user_by_id(user_id)
    if credentials is None:
        raise NotFoundError("the account no longer exists")
    return credentials.user


# --- members ---------------------------------------------------------------------------


def members(uow: UnitOfWork, principal: Principal) -> list[MemberOut]:
    """Everyone in the principal's workspace; any member may see who else is in it."""
    return uow.identity.members_of(principal.workspace_id)


def add_member(uow: UnitOfWork, principal: Principal, *, email: str, role: Role) -> MemberAdded:
    """Owner only: add `email` with `role`, creating the user with a one-time password if new.

    Raises ConflictError if they are already a member.
    """
    principal.require_owner()
    email = clean_email(email)
    existing = uow.identity.user_by_email(email)
    initial_password: str | None = None
    if existing is None:
        initial_password = secrets.token_urlsafe(12)
        new_user = uow.identity.add_user(
            email=email,
            name=email.split("@")[0],
            password_hash=security.hash_password(initial_password),
            now=uow.clock.now(),
        )
        user_id = new_user.id
    else:
        user_id = existing.user.id
        if uow.identity.role_of(principal.workspace_id, user_id) is not None:
            raise ConflictError(f"{email} is already a member of this workspace")
    uow.identity.add_membership(
        workspace_id=principal.workspace_id, user_id=user_id, role=role, now=uow.clock.now()
    )
    member = _member(uow, principal.workspace_id, user_id)
    uow.commit()
    return MemberAdded(member=member, initial_password=initial_password)


def change_role(uow: UnitOfWork, principal: Principal, *, email: str, role: Role) -> MemberOut:
    """Owner only: change a member's role; the last owner cannot step down."""
    principal.require_owner()
    uow.identity.lock_workspace(principal.workspace_id)
    target = _member_by_email(uow, principal, email)
    if target.role is Role.OWNER and role is not Role.OWNER:
        _keep_an_owner(uow, principal.workspace_id)
    uow.identity.set_role(principal.workspace_id, target.user_id, role)
    member = _member(uow, principal.workspace_id, target.user_id)
    uow.commit()
    return member


def remove_member(uow: UnitOfWork, principal: Principal, *, email: str) -> None:
    """Owner only: remove a member and end their sessions and tokens everywhere.

    The last owner cannot be removed (RuleViolationError).
    """
    principal.require_owner()
    uow.identity.lock_workspace(principal.workspace_id)
    target = _member_by_email(uow, principal, email)
    if target.role is Role.OWNER:
        _keep_an_owner(uow, principal.workspace_id)
    uow.identity.remove_membership(principal.workspace_id, target.user_id)
    events.announce_access_change(
        uow,
        user_id=target.user_id,
        workspace_ids=[principal.workspace_id],
        type=events.MEMBER_REMOVED,
        actor_id=principal.user_id,
    )
    _end_sessions(uow, target.user_id)
    uow.commit()


def _keep_an_owner(uow: UnitOfWork, workspace_id: int) -> None:
    if uow.identity.count_owners(workspace_id) <= 1:
        raise RuleViolationError(
            "a workspace must keep at least one owner", hint="make someone else an owner first"
        )


def _member_by_email(uow: UnitOfWork, principal: Principal, email: str) -> MemberOut:
    key = email.strip().lower()
    for member in uow.identity.members_of(principal.workspace_id):
        if member.email.lower() == key:
            return member
    raise NotFoundError(f"{email} is not a member of this workspace")


def _member(uow: UnitOfWork, workspace_id: int, user_id: int) -> MemberOut:
    return next(m for m in uow.identity.members_of(workspace_id) if m.user_id == user_id)


def _end_sessions(uow: UnitOfWork, user_id: int) -> None:
    now = uow.clock.now()
    uow.identity.bump_session_generation(user_id, now)
    uow.identity.revoke_all_tokens(user_id, now)
    announce_access_ended(uow, user_id)


def announce_access_ended(uow: UnitOfWork, user_id: int) -> None:
    """In the caller's transaction: some of `user_id`'s credentials stopped working, so their
    open WebSockets in every workspace of theirs are re-checked at once."""
    workspace_ids = [m.workspace.id for m in uow.identity.memberships_of(user_id)]
    events.announce_access_change(uow, user_id=user_id, workspace_ids=workspace_ids)


# --- password and tokens ---------------------------------------------------------------


def change_password(uow: UnitOfWork, user_id: int, *, current: str, new: str) -> None:
    """Replace the password after checking the current one; ends every session and token."""
    credentials = uow.identity.user_by_id(user_id)
    if credentials is None or not security.verify_password(credentials.password_hash, current):
        raise AuthenticationError("the current password is wrong")
    check_password(new)
    uow.identity.set_password(user_id, security.hash_password(new), uow.clock.now())
    _end_sessions(uow, user_id)
    uow.commit()


def create_token(
    uow: UnitOfWork, user_id: int, *, name: str, expires_in_days: int | None
) -> TokenCreated:
    """A personal access token for unattended use; the secret is returned once only."""
    if expires_in_days is not None and expires_in_days <= 0:
        raise ValidationError("expires", "must be a positive number of days")
    now = uow.clock.now()
    secret = security.new_personal_token()
    token = uow.identity.add_token(
        user_id=user_id,
        name=clean_name(name, "name", max_length=100),
        token_hash=security.token_digest(secret),
        now=now,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    uow.commit()
    return TokenCreated(token=token, secret=secret)


def tokens(uow: UnitOfWork, user_id: int) -> list[TokenOut]:
    return uow.identity.tokens_of(user_id)


def revoke_token(uow: UnitOfWork, user_id: int, token_id: int) -> None:
    """Revoke one of the user's own tokens; someone else's id is NotFoundError."""
    if not uow.identity.revoke_token(user_id, token_id, uow.clock.now()):
        raise NotFoundError(f"no active token {token_id} of yours")
    announce_access_ended(uow, user_id)
    uow.commit()
