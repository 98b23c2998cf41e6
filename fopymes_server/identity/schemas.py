"""What leaves identity: users, workspaces, members, tokens, sign-ins (never a hash).

The classes deriving from `Contract` are what the CLI prints with `-o json` and the API
answers with; `WorkspaceOut`, `MembershipOut`, `Identity` and `Setup` stay inside the
server (services and repositories pass them around).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict, Field

from fopymes_server.core.contract import Contract, examples
from fopymes_server.core.principal import Role

_WHEN = "2026-11-27T09:30:00Z"
_USER = {"id": 1, "email": "ana@shop.example", "name": "Ana", "created_at": _WHEN}
_WORKSPACE = {"id": 3, "name": "Shop", "currency": "EUR", "role": "owner", "created_at": _WHEN}
_MEMBER = {
    "user_id": 7,
    "email": "luis@shop.example",
    "name": "Luis",
    "role": "editor",
    "joined_at": _WHEN,
}
_TOKEN = {
    "id": 4,
    "name": "monthly report cron",
    "created_at": _WHEN,
    "expires_at": None,
    "revoked_at": None,
    "last_used_at": None,
}


class UserOut(Contract):
    """A person with an account."""

    model_config = ConfigDict(json_schema_extra=examples(_USER))

    id: int
    email: str
    name: str
    created_at: datetime = Field(description="When the account was made.")


class WorkspaceOut(Contract):
    """A workspace without anyone's role (inside the server; see MemberWorkspace)."""

    id: int
    name: str
    currency: str
    created_at: datetime


class MembershipOut(Contract):
    """A workspace as one of its members sees it (inside the server)."""

    workspace: WorkspaceOut
    role: Role


class MemberWorkspace(Contract):
    """A workspace as one of its members sees it, with their role."""

    model_config = ConfigDict(json_schema_extra=examples(_WORKSPACE))

    id: int
    name: str
    currency: str = Field(description="The default currency (ISO 4217).")
    role: Role = Field(description="Your role in it: owner, editor or viewer.")
    created_at: datetime

    @classmethod
    def of(cls, membership: MembershipOut) -> MemberWorkspace:
        return cls(**membership.workspace.model_dump(), role=membership.role)


class Me(Contract):
    """The signed-in user and every workspace of theirs."""

    user: UserOut
    workspaces: list[MemberWorkspace]


class SignedIn(Contract):
    """Who the CLI is signed in as, where, and with which role (`fopymes whoami`)."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "user_id": 1,
                "email": "ana@shop.example",
                "name": "Ana",
                "workspace_id": 3,
                "workspace": "Shop",
                "currency": "EUR",
                "role": "owner",
                "database": "sqlite:////home/ana/.local/share/fopymes/fopymes.db",
            }
        )
    )

    user_id: int
    email: str
    name: str
    workspace_id: int = Field(description="The current workspace.")
    workspace: str = Field(description="The current workspace's name.")
    currency: str = Field(description="The current workspace's default currency.")
    role: Role
    database: str = Field(description="The database in use, its password hidden.")


class MemberOut(Contract):
    """A member as the workspace sees them."""

    model_config = ConfigDict(json_schema_extra=examples(_MEMBER))

    user_id: int
    email: str
    name: str
    role: Role = Field(description="owner, editor or viewer.")
    joined_at: datetime


class MemberAdded(Contract):
    """A member just added, and their first password when this call created the user."""

    member: MemberOut
    initial_password: str | None = Field(
        default=None,
        description="Set only when this call created the user: their first password, shown "
        "once and never stored in clear.",
    )


class TokenOut(Contract):
    """A personal access token, never its secret."""

    model_config = ConfigDict(json_schema_extra=examples(_TOKEN))

    id: int
    name: str = Field(description="What the token is for.")
    created_at: datetime
    expires_at: datetime | None = Field(description="null: it never expires.")
    revoked_at: datetime | None
    last_used_at: datetime | None


class TokenCreated(Contract):
    """A new personal access token with its secret, shown once."""

    token: TokenOut
    secret: str = Field(
        description="The token itself (fop_...), shown once; only a digest is kept."
    )


class TokenPairOut(Contract):
    """A short-lived access token for `Authorization: Bearer`, and a refresh token."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "access_token": "eyJhbGciOiJIUzI1NiJ9.access.sig",
                "refresh_token": "eyJhbGciOiJIUzI1NiJ9.refresh.sig",
                "token_type": "bearer",
                "expires_in": 900,
            }
        )
    )

    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires.")


class SignedUp(Contract):
    """What open registration created: the user and their workspace."""

    user: UserOut
    workspace: MemberWorkspace


class Identity(Contract):
    """Who a request is, once its credentials are checked."""

    user: UserOut
    via: str  # "session" or "token"


class Setup(Contract):
    """What `init` created."""

    user: UserOut
    workspace: MemberWorkspace
    created_user: bool
