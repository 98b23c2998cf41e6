"""Split transactions over REST on both databases: parts by category id in, parts out."""

from __future__ import annotations

from fastapi.testclient import TestClient

from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from tests.api.conftest import Caller, make_member


def _ids(ctx: AppContext, owner: Caller) -> tuple[int, int]:
    principal = owner.person.principal
    with ctx.uow() as uow:
        household = categories.add(uow, principal, name="Household", kind=CategoryKind.EXPENSE)
    with ctx.uow(write=False) as uow:
        groceries = categories.resolve(uow, principal, "Groceries")
    return groceries.id, household.id


def _receipt(groceries: int, household: int, second: str | None = "25.40") -> dict[str, object]:
    return {
        "amount": "85.40",
        "date": "2026-11-03",
        "description": "Mercadona",
        "splits": [
            {"category_id": groceries, "amount": "60", "note": "food"},
            {"category_id": household, "amount": second},
        ],
    }


def test_a_split_is_posted_by_category_ids_and_read_back(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    groceries, household = _ids(ctx, owner)
    created = client.post(
        f"{owner.workspace}/transactions",
        json=_receipt(groceries, household, second=None),
        headers=owner.headers,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["category_id"] is None
    assert body["splits"] == [
        {"category": "Groceries", "category_id": groceries, "amount": "60.00", "note": "food"},
        {"category": "Household", "category_id": household, "amount": "25.40", "note": None},
    ]
    read = client.get(f"{owner.workspace}/transactions/{body['id']}", headers=owner.headers)
    assert read.json()["splits"] == body["splits"]
    listed = client.get(
        f"{owner.workspace}/transactions", params={"category_id": household}, headers=owner.headers
    )
    assert [(t["id"], t["amount"]) for t in listed.json()["items"]] == [(body["id"], "25.40")]


def test_parts_that_do_not_add_up_are_a_422_naming_splits(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    groceries, household = _ids(ctx, owner)
    response = client.post(
        f"{owner.workspace}/transactions",
        json=_receipt(groceries, household, second="20"),
        headers=owner.headers,
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {"field": "splits", "message": "the parts add up to 80.00, 5.40 less than the total 85.40"}
    ]


def test_a_patch_replaces_the_parts_and_a_lone_amount_is_refused(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    groceries, household = _ids(ctx, owner)
    created = client.post(
        f"{owner.workspace}/transactions",
        json=_receipt(groceries, household),
        headers=owner.headers,
    ).json()
    url = f"{owner.workspace}/transactions/{created['id']}"
    match = {**owner.headers, "If-Match": '"v1"'}
    refused = client.patch(url, json={"amount": "90"}, headers=match)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "amount"
    patched = client.patch(
        url,
        json={
            "amount": "90",
            "splits": [
                {"category_id": household, "amount": "30"},
                {"category_id": groceries},
            ],
        },
        headers=match,
    )
    assert patched.status_code == 200, patched.text
    assert [(p["category"], p["amount"]) for p in patched.json()["splits"]] == [
        ("Household", "30.00"),
        ("Groceries", "60.00"),
    ]
    unsplit = client.patch(
        url,
        json={"category_id": groceries, "splits": []},
        headers={**owner.headers, "If-Match": '"v2"'},
    )
    assert (unsplit.json()["category"], unsplit.json()["splits"]) == ("Groceries", [])


def test_a_viewer_may_read_parts_but_not_post_them(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    groceries, household = _ids(ctx, owner)
    viewer = make_member(ctx, owner, Role.VIEWER)
    refused = client.post(
        f"{owner.workspace}/transactions",
        json=_receipt(groceries, household),
        headers=viewer.headers,
    )
    assert refused.status_code == 403
    created = client.post(
        f"{owner.workspace}/transactions",
        json=_receipt(groceries, household),
        headers=owner.headers,
    ).json()
    read = client.get(f"{owner.workspace}/transactions/{created['id']}", headers=viewer.headers)
    assert len(read.json()["splits"]) == 2
