"""Request bodies of /auth: login, refresh, logout, sign-up (their answers are
`fopymes_server.identity.schemas`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import CurrencyCode, RequestModel, Text

Password = Annotated[Text, Field(min_length=1, max_length=1024)]
Email = Annotated[Text, Field(min_length=3, max_length=320)]
JwtText = Annotated[Text, Field(min_length=1, max_length=4096)]


class LoginIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"email": "ana@shop.example", "password": "s3cret-pass"}]}
    )

    email: Email
    password: Password


class RefreshIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"refresh_token": "eyJhbGciOiJIUzI1NiJ9.e30.sig"}]}
    )

    refresh_token: JwtText


class SignupIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "email": "ana@shop.example",
                    "name": "Ana",
                    "password": "a long passphrase",
                    "workspace": "Shop",
                    "currency": "EUR",
                }
            ]
        }
    )

    email: Email
    name: Annotated[Text, Field(min_length=1, max_length=200)]
    password: Password
    workspace: Annotated[Text, Field(min_length=1, max_length=200)] = "Personal"
    currency: CurrencyCode = "EUR"
