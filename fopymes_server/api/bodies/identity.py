"""Request bodies and list wrappers of /me, /workspaces, /workspaces/{id}/members and
/tokens; what they answer with is `fopymes_server.identity.schemas`."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.auth import Email, Password
from fopymes_server.api.bodies.common import CurrencyCode, RequestModel, ResponseModel, Text
from fopymes_server.categories.templates import Template
from fopymes_server.core.principal import Role
from fopymes_server.identity.schemas import MemberOut, MemberWorkspace, TokenOut

Name = Annotated[Text, Field(min_length=1, max_length=200)]


class WorkspaceList(ResponseModel):
    items: list[MemberWorkspace]


class WorkspaceIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"name": "Shop", "currency": "EUR", "template": "business"},
                {"name": "Home", "currency": "EUR"},
            ]
        }
    )

    name: Name
    currency: CurrencyCode = "EUR"
    template: Template = Field(
        default=Template.HOUSEHOLD,
        description="The categories it starts with, like `fopymes workspace create "
        "--template`: household (groceries, housing, salary, ...) or business (sales, "
        "services, suppliers, payroll, rent, taxes, fees, ...).",
    )


class PasswordChangeIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"current_password": "old passphrase", "new_password": "a new passphrase"}]
        }
    )

    current_password: Password
    new_password: Password


class MemberList(ResponseModel):
    items: list[MemberOut]


class MemberIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"email": "luis@shop.example", "role": "editor"}]}
    )

    email: Email
    role: Role = Role.EDITOR


class MemberPatch(RequestModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"role": "viewer"}]})

    role: Role


class TokenList(ResponseModel):
    items: list[TokenOut]


class TokenIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "monthly report cron", "expires_in_days": 90}]}
    )

    name: Annotated[Text, Field(min_length=1, max_length=100)]
    expires_in_days: Annotated[int, Field(ge=1, le=3650)] | None = None
