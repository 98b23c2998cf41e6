"""Sign-in over the API: token pairs, rotation with reuse detection, logout, throttling."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from fopymes_server.api.app import create_app
from fopymes_server.core.context import AppContext
from tests.api.conftest import API, Caller, api_options

LOGIN = f"{API}/auth/login"


def _login(client: TestClient, caller: Caller) -> dict[str, str]:
    response = client.post(
        LOGIN, json={"email": caller.person.email, "password": caller.person.password}
    )
    assert response.status_code == 200, response.text
    return response.json()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_login_gives_a_short_lived_access_token_and_a_refresh_token(
    client: TestClient, owner: Caller
) -> None:
    pair = _login(client, owner)
    assert pair["token_type"] == "bearer"
    assert pair["expires_in"] == 15 * 60
    me = client.get(f"{API}/me", headers=_bearer(pair["access_token"]))
    assert me.json()["user"]["email"] == owner.person.email
    assert client.get(f"{API}/me", headers=_bearer(pair["refresh_token"])).status_code == 401


def test_wrong_password_and_unknown_email_answer_the_same_401(
    client: TestClient, owner: Caller
) -> None:
    wrong = client.post(LOGIN, json={"email": owner.person.email, "password": "nope nope nope"})
    unknown = client.post(LOGIN, json={"email": "nobody@example.com", "password": "x" * 12})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert wrong.headers["www-authenticate"].startswith("Bearer")


def test_refresh_rotates_and_a_reused_refresh_token_revokes_the_whole_sign_in(
    client: TestClient, owner: Caller
) -> None:
    first = _login(client, owner)
    second = client.post(f"{API}/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert client.get(f"{API}/me", headers=_bearer(rotated["access_token"])).status_code == 200
    replay = client.post(f"{API}/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401
    # The thief's copy and the legitimate client's newer tokens all die together.
    assert client.get(f"{API}/me", headers=_bearer(rotated["access_token"])).status_code == 401
    again = client.post(f"{API}/auth/refresh", json={"refresh_token": rotated["refresh_token"]})
    assert again.status_code == 401


def test_logout_ends_the_access_token_of_that_sign_in_only(
    client: TestClient, owner: Caller
) -> None:
    laptop, phone = _login(client, owner), _login(client, owner)
    out = client.post(f"{API}/auth/logout", json={"refresh_token": laptop["refresh_token"]})
    assert out.status_code == 204
    assert client.get(f"{API}/me", headers=_bearer(laptop["access_token"])).status_code == 401
    assert client.get(f"{API}/me", headers=_bearer(phone["access_token"])).status_code == 200
    assert client.get(f"{API}/me", headers=owner.headers).status_code == 200  # the PAT


def test_changing_the_password_ends_access_tokens_and_personal_tokens(
    client: TestClient, owner: Caller
) -> None:
    pair = _login(client, owner)
    changed = client.post(
        f"{API}/me/password",
        json={"current_password": owner.person.password, "new_password": "a brand new passphrase"},
        headers=owner.headers,
    )
    assert changed.status_code == 204
    assert client.get(f"{API}/me", headers=_bearer(pair["access_token"])).status_code == 401
    assert client.get(f"{API}/me", headers=owner.headers).status_code == 401
    refreshed = client.post(f"{API}/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert refreshed.status_code == 401


def test_failed_logins_are_throttled_per_account_with_retry_after(
    ctx: AppContext, owner: Caller
) -> None:
    app = create_app(ctx, api_options(login_failures_per_account=3))
    with TestClient(app, client=(f"a-{uuid.uuid4().hex[:8]}", 1)) as first:
        for _ in range(3):
            bad = {"email": owner.person.email.upper(), "password": "wrong password!"}
            assert first.post(LOGIN, json=bad).status_code == 401
        good = {"email": owner.person.email, "password": owner.person.password}
        blocked = first.post(LOGIN, json=good)
    assert blocked.status_code == 429
    assert 1 <= int(blocked.headers["retry-after"]) <= 15 * 60
    # Another address (another instance, even) sees the same counter: it is in the database.
    other_instance = create_app(ctx, api_options(login_failures_per_account=3))
    with TestClient(other_instance, client=("b-elsewhere", 1)) as second:
        assert second.post(LOGIN, json=good).status_code == 429


def test_failed_logins_are_throttled_per_address_across_accounts(
    ctx: AppContext, owner: Caller
) -> None:
    address = (f"c-{uuid.uuid4().hex[:8]}", 1)
    app = create_app(ctx, api_options(login_failures_per_address=4))
    with TestClient(app, client=address) as client:
        for n in range(4):
            bad = {"email": f"guess{n}@example.com", "password": "wrong password!"}
            assert client.post(LOGIN, json=bad).status_code == 401
        good = {"email": owner.person.email, "password": owner.person.password}
        assert client.post(LOGIN, json=good).status_code == 429


def test_signup_is_off_by_default_and_works_when_allowed(ctx: AppContext) -> None:
    body = {
        "email": f"new-{uuid.uuid4().hex[:8]}@example.com",
        "name": "New",
        "password": "a long passphrase",
    }
    with TestClient(create_app(ctx, api_options())) as closed:
        refused = closed.post(f"{API}/auth/signup", json=body)
    assert refused.status_code == 403
    with TestClient(create_app(ctx, api_options(allow_signup=True))) as open_:
        made = open_.post(f"{API}/auth/signup", json=body)
        assert made.status_code == 201
        assert made.json()["workspace"]["role"] == "owner"
        assert open_.post(f"{API}/auth/signup", json=body).status_code == 409
        login = open_.post(LOGIN, json={"email": body["email"], "password": body["password"]})
        assert login.status_code == 200


def test_personal_tokens_can_be_created_listed_and_revoked(
    client: TestClient, owner: Caller
) -> None:
    made = client.post(f"{API}/tokens", json={"name": "cron"}, headers=owner.headers)
    assert made.status_code == 201
    secret = made.json()["secret"]
    assert secret.startswith("fop_")
    listed = client.get(f"{API}/tokens", headers=_bearer(secret)).json()["items"]
    assert {t["name"] for t in listed} == {"api test", "cron"}
    assert all("secret" not in t and "token_hash" not in t for t in listed)
    revoke = client.delete(f"{API}/tokens/{made.json()['token']['id']}", headers=owner.headers)
    assert revoke.status_code == 204
    assert client.get(f"{API}/me", headers=_bearer(secret)).status_code == 401
