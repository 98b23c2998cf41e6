"""Every way a bearer JWT can be wrong answers 401, never 200 and never 500."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient

from fopymes_server.core import security
from fopymes_server.core.context import AppContext
from fopymes_server.identity import service as identity
from tests.api.conftest import API, Caller


def _valid_claims(client: TestClient, owner: Caller) -> dict[str, Any]:
    pair = client.post(
        f"{API}/auth/login",
        json={"email": owner.person.email, "password": owner.person.password},
    ).json()
    claims: dict[str, Any] = jwt.decode(pair["access_token"], options={"verify_signature": False})
    return claims


def _secret(ctx: AppContext) -> str:
    with ctx.uow(write=False) as uow:
        return identity.signing_secret(uow)


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _forgeries(secret: str, claims: dict[str, Any]) -> dict[str, str]:
    now = int(datetime.now(UTC).timestamp())
    hs256 = security.JWT_ALGORITHM

    def signed(changes: dict[str, Any], drop: tuple[str, ...] = (), **kwargs: Any) -> str:
        payload = {k: v for k, v in {**claims, **changes}.items() if k not in drop}
        return jwt.encode(payload, kwargs.get("key", secret), algorithm=kwargs.get("alg", hs256))

    valid = signed({})
    header, payload, signature = valid.split(".")
    return {
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{payload}.",
        "other algorithm": signed({}, alg="HS512"),
        "wrong key": signed({}, key="k" * 64),
        "expired beyond leeway": signed({"exp": now - 120, "iat": now - 1000, "nbf": now - 1000}),
        "future nbf": signed({"nbf": now + 600}),
        "missing exp": signed({}, drop=("exp",)),
        "missing sub": signed({}, drop=("sub",)),
        "wrong audience": signed({"aud": "someone-else"}),
        "wrong issuer": signed({"iss": "someone-else"}),
        "refresh used as access": signed({"typ": "refresh"}),
        "cli session used as access": signed({"typ": "session"}),
        "tampered payload": f"{header}.{_b64({**claims, 'sub': '999'})}.{signature}",
        "garbage": "not-a-jwt",
    }


def test_every_forged_or_misused_token_is_refused_with_401(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    claims = _valid_claims(client, owner)
    for name, token in _forgeries(_secret(ctx), claims).items():
        response = client.get(f"{API}/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, name
        assert response.headers["content-type"] == "application/problem+json", name


def test_a_token_expired_within_the_leeway_still_works(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    claims = _valid_claims(client, owner)
    now = int(datetime.now(UTC).timestamp())
    claims["exp"] = now - 10  # inside the 30 s leeway for clock skew
    token = jwt.encode(claims, _secret(ctx), algorithm=security.JWT_ALGORITHM)
    assert client.get(f"{API}/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize("header", ["", "Bearer", "Basic dXNlcjpwYXNz", "Bearer  "])
def test_missing_or_non_bearer_credentials_are_401(client: TestClient, header: str) -> None:
    response = client.get(f"{API}/me", headers={"Authorization": header} if header else {})
    assert response.status_code == 401


def test_leeway_is_what_the_security_module_says() -> None:
    assert timedelta(seconds=30) == security.JWT_LEEWAY


def _overreaching(claims: dict[str, Any], case: str) -> dict[str, Any]:
    now = int(datetime.now(UTC).timestamp())
    return {
        "a lifetime longer than this server issues": {**claims, "exp": now + 86_400},
        "an iat in the future beyond the leeway": {**claims, "iat": now + 600},
        "an audience list that merely contains ours": {
            **claims,
            "aud": [security.JWT_AUDIENCE, "someone-else"],
        },
    }[case]


@pytest.mark.parametrize(
    "case",
    [
        "a lifetime longer than this server issues",
        "an iat in the future beyond the leeway",
        "an audience list that merely contains ours",
    ],
)
def test_a_correctly_signed_token_that_claims_more_than_it_was_given_is_refused(
    client: TestClient, ctx: AppContext, owner: Caller, case: str
) -> None:
    forged = jwt.encode(
        _overreaching(_valid_claims(client, owner), case),
        _secret(ctx),
        algorithm=security.JWT_ALGORITHM,
    )
    response = client.get(f"{API}/me", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401, case
    workspace = owner.person.principal.workspace_id
    response = client.get(
        f"{API}/workspaces/{workspace}/categories", headers={"Authorization": f"Bearer {forged}"}
    )
    assert response.status_code == 401, case
