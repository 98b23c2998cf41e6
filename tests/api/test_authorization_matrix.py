"""Every operation of the OpenAPI document, asked by the wrong person.

A stranger using the owner's ids gets 404, the same as for ids that do not exist; a
viewer of the workspace gets 403 on every write; and no response, to anyone, carries a
password hash, a token digest or the signing secret.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from tests.api import matrix_seeds
from tests.api.conftest import Caller, make_member, make_owner
from tests.factories import record

WRITES = {"post", "patch", "put", "delete"}
PUBLIC = ("/healthz", "/readyz", "/api/v1/auth/")
# A member's own inbox and preferences are not the workspace's data: viewers manage them too.
PERSONAL = re.compile(r"/notifications/(read-all|preferences|\{notification_id\}/read)$")
# An upload, and applying the rules, is a preview unless dry_run=false; viewers may preview
# (test_imports_api, test_rules_api).
PREVIEWS = re.compile(r"/imports/(csv|ofx|norma43|camt|mt940)$|/rules/apply$")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    body: dict[str, Any] | None


def operations(client: TestClient) -> Iterator[Operation]:
    document = client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            body = None
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                ref = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
                examples = schemas[ref].get("examples")
                assert examples, f"{method.upper()} {path}: the body schema {ref} has no example"
                body = examples[0]
            yield Operation(method, path, body)


@dataclass
class World:
    owner: Caller
    viewer: Caller
    stranger: Caller
    ids: dict[str, int]


@pytest.fixture
def world(ctx: AppContext, client: TestClient) -> World:
    owner = make_owner(ctx)
    editor = make_member(ctx, owner, Role.EDITOR)
    viewer = make_member(ctx, owner, Role.VIEWER)
    stranger = make_owner(ctx)
    tx = record(ctx, owner.person.principal)
    token_id = client.get("/api/v1/tokens", headers=owner.headers).json()["items"][0]["id"]
    return World(
        owner=owner,
        viewer=viewer,
        stranger=stranger,
        ids={
            "workspace_id": owner.person.principal.workspace_id,
            "transaction_id": tx.id,
            "user_id": editor.person.principal.user_id,
            "token_id": token_id,
            "item_id": 1_000_000,  # replaced per feature below
            **matrix_seeds.all_ids(ctx, owner),
        },
    )


def _url(op: Operation, ids: dict[str, int], client: TestClient, owner: Caller) -> str:
    values = dict(ids)
    if "{item_id}" in op.path:
        feature = "categories" if "/categories/" in op.path else "payment-methods"
        listing = client.get(f"{owner.workspace}/{feature}", headers=owner.headers).json()
        values["item_id"] = listing["items"][0]["id"]
    url = op.path
    for name, value in values.items():
        url = url.replace("{" + name + "}", str(value))
    assert "{" not in url, f"no id for {op.path}"
    return url


def _call(client: TestClient, op: Operation, url: str, caller: Caller) -> Any:
    headers = {**caller.headers, "If-Match": '"v1"'}
    return client.request(op.method.upper(), url, json=op.body, headers=headers)


def test_a_stranger_gets_404_for_every_operation_on_the_owners_ids(
    client: TestClient, world: World
) -> None:
    checked = 0
    for op in operations(client):
        if op.path.startswith(PUBLIC) or not re.search(r"\{(workspace|token)_id\}", op.path):
            continue  # the stranger's own resources (/me, /tokens, /workspaces)
        url = _url(op, world.ids, client, world.owner)
        response = _call(client, op, url, world.stranger)
        assert response.status_code == 404, f"{op.method.upper()} {op.path}: {response.text}"
        missing = _call(
            client,
            op,
            url.replace(f"/{world.ids['workspace_id']}", "/2147483000", 1),
            world.stranger,
        )
        assert response.json()["type"] == missing.json()["type"]
        checked += 1
    assert checked >= 20


def test_a_viewer_gets_403_for_every_write_in_the_workspace(
    client: TestClient, world: World
) -> None:
    checked = 0
    for op in operations(client):
        if op.method not in WRITES or "{workspace_id}" not in op.path:
            continue
        if PERSONAL.search(op.path):
            continue  # test_a_viewer_manages_only_their_own_notifications
        if PREVIEWS.search(op.path):
            continue  # test_viewers_read_profiles_..., test_rules_apply_previews_for_viewers_...
        url = _url(op, world.ids, client, world.owner)
        response = _call(client, op, url, world.viewer)
        assert response.status_code == 403, f"{op.method.upper()} {op.path}: {response.text}"
        checked += 1
    assert checked >= 10


def _secrets(ctx: AppContext) -> set[str]:
    with ctx.database.engine.connect() as connection:
        found = {row[0] for row in connection.execute(text("SELECT password_hash FROM users"))}
        found |= {
            row[0] for row in connection.execute(text("SELECT token_hash FROM personal_tokens"))
        }
        found |= {
            row[0] for row in connection.execute(text("SELECT token_hash FROM refresh_tokens"))
        }
        found |= {row[0] for row in connection.execute(text("SELECT secret FROM instance_secret"))}
    return found


def test_no_response_carries_a_hash_or_the_signing_secret(
    client: TestClient, ctx: AppContext, world: World
) -> None:
    login = client.post(
        "/api/v1/auth/login",
        json={"email": world.owner.person.email, "password": world.owner.person.password},
    )
    bodies = [login.text]
    for op in operations(client):
        if op.path.startswith(PUBLIC):
            continue
        url = _url(op, world.ids, client, world.owner)
        for caller in (world.viewer, world.stranger, world.owner):
            if op.method == "get":
                bodies.append(_call(client, op, url, caller).text)
    secrets = _secrets(ctx)
    assert len(secrets) >= 5
    for body in bodies:
        for secret in secrets:
            assert secret not in body
        assert "password_hash" not in body
        assert "token_hash" not in body


def test_a_viewer_manages_only_their_own_notifications(client: TestClient, world: World) -> None:
    personal = [op for op in operations(client) if op.method in WRITES and PERSONAL.search(op.path)]
    assert len(personal) >= 3
    for op in personal:
        url = _url(op, world.ids, client, world.owner)
        response = _call(client, op, url, world.viewer)
        if "{notification_id}" in op.path:
            assert response.status_code == 404, f"{op.method.upper()} {op.path}: {response.text}"
        else:
            assert response.status_code == 200, f"{op.method.upper()} {op.path}: {response.text}"
    unread = client.get(
        f"{world.owner.workspace}/notifications/unread-count", headers=world.owner.headers
    )
    assert unread.json()["unread"] >= 1, "a viewer's read-all marked the owner's notifications"
