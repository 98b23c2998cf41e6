"""Transactions over REST on both databases: create, read with ETags, page, edit, delete."""

from __future__ import annotations

from fastapi.testclient import TestClient

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from tests.api.conftest import Caller, make_member
from tests.factories import record

EXPENSE = {"amount": "45.20", "date": "2026-11-02", "description": "Mercadona"}


def test_recording_returns_the_transaction_with_amount_as_a_string(
    client: TestClient, owner: Caller
) -> None:
    response = client.post(f"{owner.workspace}/transactions", json=EXPENSE, headers=owner.headers)
    assert response.status_code == 201
    body = response.json()
    assert body["amount"] == "45.20"
    assert body["currency"] == "EUR"
    assert body["version"] == 1
    assert response.headers["location"].endswith(f"/transactions/{body['id']}")


def test_a_read_carries_the_version_as_etag_and_honours_if_none_match(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    tx = record(ctx, owner.person.principal)
    url = f"{owner.workspace}/transactions/{tx.id}"
    first = client.get(url, headers=owner.headers)
    assert first.headers["etag"] == '"v1"'
    again = client.get(url, headers={**owner.headers, "If-None-Match": '"v1"'})
    assert again.status_code == 304


def test_edits_need_if_match_and_refuse_a_stale_one(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    tx = record(ctx, owner.person.principal)
    url = f"{owner.workspace}/transactions/{tx.id}"
    missing = client.patch(url, json={"note": "x"}, headers=owner.headers)
    assert missing.status_code == 428
    assert missing.headers["content-type"] == "application/problem+json"
    done = client.patch(url, json={"note": "x"}, headers={**owner.headers, "If-Match": '"v1"'})
    assert done.status_code == 200
    assert done.headers["etag"] == '"v2"'
    stale = client.patch(url, json={"note": "y"}, headers={**owner.headers, "If-Match": '"v1"'})
    assert stale.status_code == 412
    assert client.get(url, headers=owner.headers).json()["note"] == "x"


def test_patch_null_clears_the_category_and_delete_needs_the_current_version(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    tx = record(ctx, owner.person.principal)
    url = f"{owner.workspace}/transactions/{tx.id}"
    cleared = client.patch(
        url, json={"category_id": None}, headers={**owner.headers, "If-Match": '"v1"'}
    )
    assert cleared.json()["category_id"] is None
    assert client.delete(url, headers={**owner.headers, "If-Match": '"v1"'}).status_code == 412
    assert client.delete(url, headers={**owner.headers, "If-Match": '"v2"'}).status_code == 204
    assert client.get(url, headers=owner.headers).status_code == 404


def test_lists_filter_and_page_with_a_stable_keyset_cursor(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    for day in range(1, 8):
        record(ctx, p, f"{day}.00", date=f"2026-10-{day:02d}")
    record(ctx, p, "99.00", category="Restaurants", date="2026-09-30")
    url = f"{owner.workspace}/transactions"
    seen: list[int] = []
    cursor = None
    while True:
        params = {"limit": 3, "month": "2026-10", **({"cursor": cursor} if cursor else {})}
        page = client.get(url, params=params, headers=owner.headers).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 7 == len(set(seen))
    dates = [client.get(f"{url}/{i}", headers=owner.headers).json()["date"] for i in seen]
    assert dates == sorted(dates, reverse=True)
    big = client.get(url, params={"min_amount": "50"}, headers=owner.headers).json()
    assert [item["amount"] for item in big["items"]] == ["99.00"]
    assert big["totals"][0]["expense"] == "99.00"


def test_bad_input_is_a_422_problem_naming_each_field(client: TestClient, owner: Caller) -> None:
    response = client.post(
        f"{owner.workspace}/transactions",
        json={"amount": "12.345", "description": "x"},
        headers=owner.headers,
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "urn:fopymes:problem:validation"
    assert problem["errors"] == [
        {"field": "amount", "message": "12.345 has more decimals than EUR allows (2)"}
    ]
    shape = client.post(
        f"{owner.workspace}/transactions", json={"amount": 12.5}, headers=owner.headers
    ).json()
    assert {e["field"] for e in shape["errors"]} == {"amount", "description"}
    limit = client.get(f"{owner.workspace}/transactions?limit=501", headers=owner.headers)
    assert limit.status_code == 422


def test_fields_a_client_must_not_set_are_refused_and_never_stored(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    other = make_member(ctx, owner, Role.EDITOR)
    for field, value in [
        ("id", 1),
        ("workspace_id", 999),
        ("created_by", other.person.principal.user_id),
        ("version", 7),
        ("role", "owner"),
    ]:
        body = {**EXPENSE, field: value}
        response = client.post(f"{owner.workspace}/transactions", json=body, headers=owner.headers)
        assert response.status_code == 422, field
        assert response.json()["errors"][0]["field"] == field
    listed = client.get(f"{owner.workspace}/transactions", headers=owner.headers).json()
    assert listed["items"] == []


def test_viewers_read_but_cannot_write(client: TestClient, ctx: AppContext, owner: Caller) -> None:
    viewer = make_member(ctx, owner, Role.VIEWER)
    tx = record(ctx, owner.person.principal)
    assert (
        client.get(f"{viewer.workspace}/transactions/{tx.id}", headers=viewer.headers).status_code
        == 200
    )
    created = client.post(f"{viewer.workspace}/transactions", json=EXPENSE, headers=viewer.headers)
    assert created.status_code == 403
    assert created.json()["hint"] == "ask an owner to make you an editor"


def test_the_list_filters_uncategorised_rows_and_searches_without_accents(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    record(ctx, owner.person.principal, description="Café Central")
    client.post(
        f"{owner.workspace}/transactions",
        json={**EXPENSE, "description": "Loose café"},
        headers=owner.headers,
    )
    url = f"{owner.workspace}/transactions"
    loose = client.get(url, params={"uncategorised": "true"}, headers=owner.headers).json()
    assert [tx["description"] for tx in loose["items"]] == ["Loose café"]
    found = client.get(url, params={"search": "CAFE"}, headers=owner.headers).json()
    assert sorted(tx["description"] for tx in found["items"]) == ["Café Central", "Loose café"]
