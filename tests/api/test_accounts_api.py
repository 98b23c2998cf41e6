"""Accounts, balances and transfers over REST on both databases (and the old paths)."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from tests.api.conftest import Caller, make_member, make_owner


def _add(client: TestClient, owner: Caller, **body: object) -> dict[str, object]:
    response = client.post(f"{owner.workspace}/accounts", json=body, headers=owner.headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _cash(client: TestClient, owner: Caller) -> int:
    items = client.get(f"{owner.workspace}/accounts", headers=owner.headers).json()["items"]
    return int(next(a["id"] for a in items if a["name"] == "Cash"))


def test_an_account_is_created_read_and_listed_under_both_names(
    client: TestClient, owner: Caller
) -> None:
    made = _add(
        client,
        owner,
        name="Visa",
        type="credit_card",
        opening_balance="-350.00",
        opening_date="2026-01-01",
        last_four="4242",
    )
    assert (made["type"], made["liability"], made["opening_balance"]) == (
        "credit_card",
        True,
        "-350.00",
    )
    for path in ("accounts", "payment-methods"):
        got = client.get(f"{owner.workspace}/{path}/{made['id']}", headers=owner.headers)
        assert got.status_code == 200
        assert got.json() == made
    old = client.post(
        f"{owner.workspace}/payment-methods",
        json={"name": "Old bank", "type": "bank_account"},
        headers=owner.headers,
    )
    assert old.status_code == 201, old.text
    assert old.json()["type"] == "checking"


def test_balances_and_net_worth_follow_a_transfer(client: TestClient, owner: Caller) -> None:
    bank = _add(client, owner, name="Bank", opening_balance="1000", opening_date="2026-01-01")
    key = {"Idempotency-Key": uuid.uuid4().hex}
    body = {
        "amount": "250.00",
        "from_account_id": bank["id"],
        "to_account_id": _cash(client, owner),
        "date": "2026-02-01",
    }
    first = client.post(f"{owner.workspace}/transfers", json=body, headers={**owner.headers, **key})
    assert first.status_code == 201, first.text
    again = client.post(f"{owner.workspace}/transfers", json=body, headers={**owner.headers, **key})
    assert again.json()["id"] == first.json()["id"]
    assert (first.json()["kind"], first.json()["movement"]) == ("transfer", "transfer")
    sheet = client.get(
        f"{owner.workspace}/accounts/balances", params={"on": "2026-02-01"}, headers=owner.headers
    ).json()
    assert {a["name"]: a["balance"] for a in sheet["accounts"]} == {
        "Bank": "750.00",
        "Cash": "250.00",
    }
    assert sheet["totals"] == [
        {"currency": "EUR", "assets": "1000.00", "liabilities": "0.00", "net_worth": "1000.00"}
    ]
    page = client.get(f"{owner.workspace}/transactions", headers=owner.headers).json()
    assert [(t["income"], t["expense"]) for t in page["totals"]] == [("0.00", "0.00")]
    register = client.get(
        f"{owner.workspace}/accounts/{bank['id']}/register", headers=owner.headers
    ).json()
    assert [(i["amount"], i["balance"]) for i in register["items"]] == [("-250.00", "750.00")]


def test_a_patch_changes_fields_and_archives_together(client: TestClient, owner: Caller) -> None:
    bank = _add(client, owner, name="Bank")
    changed = client.patch(
        f"{owner.workspace}/accounts/{bank['id']}",
        json={"institution": "Caixa", "type": "savings", "archived": True},
        headers=owner.headers,
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["institution"], changed.json()["type"], changed.json()["archived"]) == (
        "Caixa",
        "savings",
        True,
    )


def test_a_transfer_between_currencies_without_the_arriving_amount_is_a_422(
    client: TestClient, owner: Caller
) -> None:
    broker = _add(client, owner, name="Broker", currency="USD", type="other_asset")
    refused = client.post(
        f"{owner.workspace}/transfers",
        json={
            "amount": "10",
            "from_account_id": _cash(client, owner),
            "to_account_id": broker["id"],
        },
        headers=owner.headers,
    )
    assert refused.status_code == 422
    assert "to amount" in refused.text


def test_a_stranger_gets_404_and_a_viewer_403_on_writes(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    bank = _add(client, owner, name="Bank")
    stranger = make_owner(ctx)
    for path in (f"accounts/{bank['id']}", f"accounts/{bank['id']}/register"):
        seen = client.get(f"{stranger.workspace}/{path}", headers=stranger.headers)
        assert seen.status_code == 404, path
    moved = client.post(
        f"{stranger.workspace}/transfers",
        json={"amount": "1", "from_account_id": bank["id"], "to_account_id": _cash(client, owner)},
        headers=stranger.headers,
    )
    # Ids in a body that are not the workspace's are unknown references (as for every body).
    assert moved.status_code == 422
    assert "Bank" not in moved.text
    viewer = make_member(ctx, owner, Role.VIEWER)
    assert (
        client.get(f"{owner.workspace}/accounts/balances", headers=viewer.headers).status_code
        == 200
    )
    for method, path, body in (
        ("post", "accounts", {"name": "Mine"}),
        ("patch", f"accounts/{bank['id']}", {"institution": "X"}),
        (
            "post",
            "transfers",
            {"amount": "1", "from_account_id": bank["id"], "to_account_id": _cash(client, owner)},
        ),
    ):
        response = client.request(
            method, f"{owner.workspace}/{path}", json=body, headers=viewer.headers
        )
        assert response.status_code == 403, (path, response.text)


def test_a_transfer_cannot_be_posted_as_a_plain_transaction(
    client: TestClient, owner: Caller
) -> None:
    refused = client.post(
        f"{owner.workspace}/transactions",
        json={"kind": "transfer", "amount": "5", "description": "x"},
        headers=owner.headers,
    )
    assert refused.status_code == 422
    assert "fopymes transfer" in refused.text


def test_net_worth_by_month_over_rest(client: TestClient, owner: Caller) -> None:
    _add(client, owner, name="Bank", opening_balance="100", opening_date="2026-01-15")
    rows = client.get(
        f"{owner.workspace}/accounts/networth",
        params={"from": "2026-01-01", "to": "2026-02-28"},
        headers=owner.headers,
    )
    assert rows.status_code == 200, rows.text
    assert [(r["month"], r["net_worth"]) for r in rows.json()["items"]] == [
        ("2026-01", "100.00"),
        ("2026-02", "100.00"),
    ]
    backwards = client.get(
        f"{owner.workspace}/accounts/networth",
        params={"from": "2026-03-01", "to": "2026-02-28"},
        headers=owner.headers,
    )
    assert backwards.status_code == 422
