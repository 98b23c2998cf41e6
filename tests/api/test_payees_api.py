"""Payees and tags over REST on both databases: list, rename, merge, filters, roles."""

from __future__ import annotations

from fastapi.testclient import TestClient

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from tests.api.conftest import Caller, make_member
from tests.factories import record


def test_a_transaction_takes_a_payee_and_tags_and_the_list_filters_by_them(
    client: TestClient, owner: Caller
) -> None:
    body = {
        "amount": "3.20",
        "date": "2026-11-02",
        "description": "Coffee",
        "payee": "CAFÉ  Central",
        "tags": ["work", "#trip"],
    }
    made = client.post(f"{owner.workspace}/transactions", json=body, headers=owner.headers).json()
    assert (made["payee"], made["tags"]) == ("CAFÉ Central", ["trip", "work"])
    client.post(
        f"{owner.workspace}/transactions",
        json={"amount": "1", "date": "2026-11-02", "description": "Other"},
        headers=owner.headers,
    )
    by_tag = client.get(f"{owner.workspace}/transactions?tag=TRIP", headers=owner.headers).json()
    assert [tx["id"] for tx in by_tag["items"]] == [made["id"]]
    by_payee = client.get(
        f"{owner.workspace}/transactions?payee_id={made['payee_id']}", headers=owner.headers
    ).json()
    assert [tx["id"] for tx in by_payee["items"]] == [made["id"]]
    bad = client.post(
        f"{owner.workspace}/transactions",
        json={**body, "tags": ["two words"]},
        headers=owner.headers,
    )
    assert bad.status_code == 422
    assert "letters a-z" in bad.text


def test_patch_null_clears_the_payee_and_tags_replace_the_set(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    tx = record(ctx, owner.person.principal, payee="Shop", tags=["a"])
    url = f"{owner.workspace}/transactions/{tx.id}"
    changed = client.patch(
        url, json={"payee": None, "tags": ["b", "c"]}, headers={**owner.headers, "If-Match": '"v1"'}
    ).json()
    assert (changed["payee"], changed["tags"]) == (None, ["b", "c"])


def test_payees_are_listed_renamed_and_merged(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    kept = record(ctx, owner.person.principal, "4.00", payee="Mercadona")
    gone = record(ctx, owner.person.principal, "1.00", payee="Mercadona SA")
    listed = client.get(f"{owner.workspace}/payees", headers=owner.headers).json()["items"]
    assert [(p["name"], p["transactions"]) for p in listed] == [
        ("Mercadona", 1),
        ("Mercadona SA", 1),
    ]
    clash = client.patch(
        f"{owner.workspace}/payees/{gone.payee_id}",
        json={"name": "MERCADONA"},
        headers=owner.headers,
    )
    assert clash.status_code == 409
    assert "merge" in clash.json()["hint"]
    merged = client.post(
        f"{owner.workspace}/payees/{gone.payee_id}/merge",
        json={"into_id": kept.payee_id},
        headers=owner.headers,
    )
    assert merged.status_code == 200
    assert merged.json()["payee"]["totals"][0]["expense"] == "5.00"
    assert merged.json()["transactions_moved"] == 1
    renamed = client.patch(
        f"{owner.workspace}/payees/{kept.payee_id}",
        json={"name": "Mercadona Centro"},
        headers=owner.headers,
    )
    assert renamed.json()["name"] == "Mercadona Centro"


def test_tags_are_listed_renamed_and_deleted(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    record(ctx, owner.person.principal, tags=["trip"])
    [tag] = client.get(f"{owner.workspace}/tags", headers=owner.headers).json()["items"]
    assert (tag["name"], tag["transactions"]) == ("trip", 1)
    url = f"{owner.workspace}/tags/{tag['id']}"
    assert client.patch(url, json={"name": "trip-2026"}, headers=owner.headers).status_code == 200
    assert client.delete(url, headers=owner.headers).status_code == 204
    assert client.get(f"{owner.workspace}/tags", headers=owner.headers).json()["items"] == []


def test_a_viewer_reads_payees_but_cannot_rename_or_merge(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    tx = record(ctx, owner.person.principal, payee="Shop")
    viewer = make_member(ctx, owner, Role.VIEWER)
    assert client.get(f"{owner.workspace}/payees", headers=viewer.headers).status_code == 200
    url = f"{owner.workspace}/payees/{tx.payee_id}"
    assert client.patch(url, json={"name": "X"}, headers=viewer.headers).status_code == 403
    merge = client.post(f"{url}/merge", json={"into_id": tx.payee_id}, headers=viewer.headers)
    assert merge.status_code == 403


def test_the_report_endpoint_groups_by_payee_or_tag(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    record(ctx, owner.person.principal, "8.00", payee="Shop", tags=["x"], date="2026-11-05")
    url = f"{owner.workspace}/reports?month=2026-11"
    by_payee = client.get(f"{url}&by=payee", headers=owner.headers).json()
    assert by_payee["by"] == "payee"
    assert [(x["name"], x["expense"]) for x in by_payee["lines"]] == [("Shop", "8.00")]
    by_tag = client.get(f"{url}&by=tag&limit=1", headers=owner.headers).json()
    assert [x["name"] for x in by_tag["lines"]] == ["x"]
    assert "kpis" in client.get(url, headers=owner.headers).json()
    assert client.get(f"{url}&by=color", headers=owner.headers).status_code == 422
