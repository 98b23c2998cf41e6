"""Plain data the accounts services take and return; no hashes ever leave through these."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from fopymes_server.core.principal import Role


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class UserOut(_Out):
    id: int
    email: str
    name: str
    created_at: datetime


class WorkspaceOut(_Out):
    id: int
    name: str
    currency: str
    created_at: datetime


class MembershipOut(_Out):
    """A workspace as one of its members sees it."""

    workspace: WorkspaceOut
    role: Role


class MemberOut(_Out):
    """A member as the workspace sees them."""

    user_id: int
    email: str
    name: str
    role: Role
    joined_at: datetime


class MemberAdded(_Out):
    member: MemberOut
    initial_password: str | None = None
    """Set only when the user was created by this call; shown once, never stored."""


class TokenOut(_Out):
    id: int
    name: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class TokenCreated(_Out):
    token: TokenOut
    secret: str
    """The token itself, shown once; only its digest is stored."""


class Identity(_Out):
    """Who a request is, once its credentials are checked."""

    user: UserOut
    via: str  # "session" or "token"


class Setup(_Out):
    """What `init` created."""

    user: UserOut
    workspace: WorkspaceOut
    created_user: bool
