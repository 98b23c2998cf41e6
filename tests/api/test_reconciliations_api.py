"""Reconciliation over REST on both databases: statuses, reconcile, force, roles."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from tests.api.conftest import Caller, make_member, make_owner


def _bank(client: TestClient, owner: Caller) -> int:
    body = {"name": "Bank", "opening_balance": "100.00", "opening_date": "2026-01-01"}
    made = client.post(f"{owner.workspace}/accounts", json=body, headers=owner.headers)
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def _tx(client: TestClient, owner: Caller, bank: int, amount: str, **extra: object) -> dict:  # type: ignore[type-arg]
    body = {
        "amount": amount,
        "date": "2026-01-05",
        "payment_method_id": bank,
        "description": "x",
        **extra,
    }
    made = client.post(f"{owner.workspace}/transactions", json=body, headers=owner.headers)
    assert made.status_code == 201, made.text
    return dict(made.json())


def _reconcile(client: TestClient, caller: Caller, bank: int, balance: str, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(
        f"{caller.workspace}/accounts/{bank}/reconciliations",
        json={"balance": balance, "on": "2026-01-31"},
        headers={**caller.headers, **headers},
    )


def test_status_on_create_and_patch_and_the_cleared_balance(
    client: TestClient, owner: Caller
) -> None:
    bank = _bank(client, owner)
    plain = _tx(client, owner, bank, "10.00")
    pending = _tx(client, owner, bank, "5.00", status="pending")
    assert (plain["status"], pending["status"]) == ("cleared", "pending")
    refused = client.post(
        f"{owner.workspace}/transactions",
        json={"amount": "1", "description": "x", "status": "reconciled"},
        headers=owner.headers,
    )
    assert refused.status_code == 422
    sheet = client.get(
        f"{owner.workspace}/accounts/balances", params={"on": "2026-01-31"}, headers=owner.headers
    ).json()
    line = next(a for a in sheet["accounts"] if a["name"] == "Bank")
    assert (line["balance"], line["cleared_balance"]) == ("85.00", "90.00")
    done = client.patch(
        f"{owner.workspace}/transactions/{pending['id']}",
        json={"status": "cleared"},
        headers={**owner.headers, "If-Match": '"v1"'},
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "cleared"


def test_reconcile_matches_once_per_key_and_a_mismatch_is_409(
    client: TestClient, owner: Caller
) -> None:
    bank = _bank(client, owner)
    tx = _tx(client, owner, bank, "10.00")
    wrong = _reconcile(client, owner, bank, "91.00")
    assert wrong.status_code == 409
    assert wrong.headers["content-type"].startswith("application/problem+json")
    assert "difference 1.00" in wrong.json()["detail"]
    key = {"Idempotency-Key": uuid.uuid4().hex}
    made = _reconcile(client, owner, bank, "90.00", **key)
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["statement_balance"], body["marked"], body["on"]) == ("90.00", 1, "2026-01-31")
    assert made.headers["location"].endswith(f"/reconciliations/{body['id']}")
    again = _reconcile(client, owner, bank, "90.00", **key)
    assert again.json() == body
    listed = client.get(
        f"{owner.workspace}/accounts/{bank}/reconciliations", headers=owner.headers
    ).json()
    assert listed == {"items": [body]}
    got = client.get(f"{owner.workspace}/transactions/{tx['id']}", headers=owner.headers)
    assert got.json()["status"] == "reconciled"


def test_a_reconciled_transaction_needs_force_true(client: TestClient, owner: Caller) -> None:
    bank = _bank(client, owner)
    tx = _tx(client, owner, bank, "10.00")
    assert _reconcile(client, owner, bank, "90.00").status_code == 201
    url = f"{owner.workspace}/transactions/{tx['id']}"
    version = client.get(url, headers=owner.headers).headers["etag"]
    match = {**owner.headers, "If-Match": version}
    refused = client.patch(url, json={"amount": "11.00"}, headers=match)
    assert refused.status_code == 409
    assert "reconciled" in refused.json()["detail"]
    assert client.delete(url, headers=match).status_code == 409
    edited = client.patch(url, params={"force": "true"}, json={"amount": "11.00"}, headers=match)
    assert edited.status_code == 200, edited.text
    match = {**owner.headers, "If-Match": edited.headers["etag"]}
    assert client.delete(url, params={"force": "true"}, headers=match).status_code == 204


def test_a_viewer_is_refused_and_another_workspace_s_account_is_404(
    ctx: AppContext, client: TestClient, owner: Caller
) -> None:
    bank = _bank(client, owner)
    viewer = make_member(ctx, owner, Role.VIEWER)
    assert _reconcile(client, viewer, bank, "100.00").status_code == 403
    listed = client.get(
        f"{viewer.workspace}/accounts/{bank}/reconciliations", headers=viewer.headers
    )
    assert listed.status_code == 200
    stranger = make_owner(ctx)
    assert _reconcile(client, stranger, bank, "100.00").status_code == 404
    other = client.get(
        f"{stranger.workspace}/accounts/{bank}/reconciliations", headers=stranger.headers
    )
    assert other.status_code == 404
