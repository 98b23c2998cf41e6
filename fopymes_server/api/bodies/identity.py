"""Bodies of /me, /workspaces, /workspaces/{id}/members and /tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.auth import Email, Password
from fopymes_server.api.bodies.common import CurrencyCode, RequestModel, ResponseModel, Text
from fopymes_server.core.principal import Role

_WHEN = "2026-11-27T09:30:00Z"
Name = Annotated[Text, Field(min_length=1, max_length=200)]


class UserOut(ResponseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"id": 1, "email": "ana@shop.example", "name": "Ana", "created_at": _WHEN}]
        }
    )

    id: int
    email: str
    name: str
    created_at: datetime


class WorkspaceOut(ResponseModel):
    """A workspace as one of its members sees it, with their role."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": 3, "name": "Shop", "currency": "EUR", "role": "owner", "created_at": _WHEN}
            ]
        }
    )

    id: int
    name: str
    currency: str
    role: Role
    created_at: datetime


class WorkspaceList(ResponseModel):
    items: list[WorkspaceOut]


class MeOut(ResponseModel):
    user: UserOut
    workspaces: list[WorkspaceOut]


class WorkspaceIn(RequestModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "Shop", "currency": "EUR"}]})

    name: Name
    currency: CurrencyCode = "EUR"


class PasswordChangeIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"current_password": "old passphrase", "new_password": "a new passphrase"}]
        }
    )

    current_password: Password
    new_password: Password


class MemberOut(ResponseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_id": 7,
                    "email": "luis@shop.example",
                    "name": "Luis",
                    "role": "editor",
                    "joined_at": _WHEN,
                }
            ]
        }
    )

    user_id: int
    email: str
    name: str
    role: Role
    joined_at: datetime


class MemberList(ResponseModel):
    items: list[MemberOut]


class MemberIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"email": "luis@shop.example", "role": "editor"}]}
    )

    email: Email
    role: Role = Role.EDITOR


class MemberAddedOut(ResponseModel):
    member: MemberOut
    initial_password: str | None = Field(
        default=None,
        description="Set only when this call created the user: their first password, shown "
        "once and never stored in clear.",
    )


class MemberPatch(RequestModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"role": "viewer"}]})

    role: Role


class TokenOut(ResponseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 4,
                    "name": "monthly report cron",
                    "created_at": _WHEN,
                    "expires_at": None,
                    "revoked_at": None,
                    "last_used_at": None,
                }
            ]
        }
    )

    id: int
    name: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class TokenList(ResponseModel):
    items: list[TokenOut]


class TokenIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "monthly report cron", "expires_in_days": 90}]}
    )

    name: Annotated[Text, Field(min_length=1, max_length=100)]
    expires_in_days: Annotated[int, Field(ge=1, le=3650)] | None = None


class TokenCreatedOut(ResponseModel):
    token: TokenOut
    secret: str = Field(
        description="The token itself (fop_...), shown once; only a digest is kept."
    )


class SignupOut(ResponseModel):
    user: UserOut
    workspace: WorkspaceOut
