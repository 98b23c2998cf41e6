"""Workspaces, members, categories and payment methods over REST, plus the probes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from tests.api.conftest import API, Caller, make_member
from tests.factories import random_email, record


def test_health_and_readiness_answer_without_credentials(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready"


def test_unknown_routes_and_methods_are_problems_too(client: TestClient) -> None:
    missing = client.get(f"{API}/nothing-here")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert client.put(f"{API}/me").status_code == 405


def test_a_body_over_the_limit_is_413(client: TestClient, owner: Caller) -> None:
    response = client.post(
        f"{owner.workspace}/categories",
        content=b'{"name": "' + b"x" * 1_100_000 + b'"}',
        headers={**owner.headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_workspaces_are_listed_created_and_seeded(client: TestClient, owner: Caller) -> None:
    made = client.post(
        f"{API}/workspaces", json={"name": "Shop", "currency": "usd"}, headers=owner.headers
    )
    assert made.status_code == 201
    workspace = made.json()
    assert (workspace["currency"], workspace["role"]) == ("USD", "owner")
    names = {
        w["name"] for w in client.get(f"{API}/workspaces", headers=owner.headers).json()["items"]
    }
    assert names == {"Books", "Shop"}
    methods = client.get(
        f"{API}/workspaces/{workspace['id']}/payment-methods", headers=owner.headers
    )
    assert [m["name"] for m in methods.json()["items"]] == ["Cash"]


def _category_names(client: TestClient, owner: Caller, workspace_id: int) -> set[str]:
    listed = client.get(f"{API}/workspaces/{workspace_id}/categories", headers=owner.headers)
    return {c["name"] for c in listed.json()["items"]}


def test_a_workspace_starts_with_the_categories_of_its_template(
    client: TestClient, owner: Caller
) -> None:
    shop = client.post(
        f"{API}/workspaces",
        json={"name": "Corner Shop", "template": "business"},
        headers=owner.headers,
    )
    assert shop.status_code == 201, shop.text
    names = _category_names(client, owner, shop.json()["id"])
    assert {"Sales", "Services", "Suppliers", "Payroll", "Rent", "Taxes", "Fees"} <= names
    assert "Groceries" not in names
    home = client.post(f"{API}/workspaces", json={"name": "Home"}, headers=owner.headers)
    assert {"Groceries", "Salary"} <= _category_names(client, owner, home.json()["id"])


def test_an_unknown_template_is_a_422_naming_the_field_and_makes_nothing(
    client: TestClient, owner: Caller
) -> None:
    refused = client.post(
        f"{API}/workspaces", json={"name": "Odd", "template": "castle"}, headers=owner.headers
    )
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["template"]
    listed = client.get(f"{API}/workspaces", headers=owner.headers).json()["items"]
    assert "Odd" not in {w["name"] for w in listed}


def test_owners_manage_members_and_the_last_owner_stays(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    members = f"{owner.workspace}/members"
    added = client.post(
        members, json={"email": random_email(), "role": "viewer"}, headers=owner.headers
    )
    assert added.status_code == 201
    assert added.json()["initial_password"]
    user_id = added.json()["member"]["user_id"]
    promoted = client.patch(f"{members}/{user_id}", json={"role": "editor"}, headers=owner.headers)
    assert promoted.json()["role"] == "editor"
    me = owner.person.principal.user_id
    last = client.patch(f"{members}/{me}", json={"role": "viewer"}, headers=owner.headers)
    assert last.status_code == 409
    editor = make_member(ctx, owner, Role.EDITOR)
    refused = client.delete(f"{members}/{user_id}", headers=editor.headers)
    assert refused.status_code == 403
    assert client.delete(f"{members}/{user_id}", headers=owner.headers).status_code == 204
    assert client.get(f"{members}/{user_id}", headers=owner.headers).status_code == 404


def test_categories_are_added_renamed_archived_and_removed(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    url = f"{owner.workspace}/categories"
    made = client.post(url, json={"name": "Coffee", "kind": "expense"}, headers=owner.headers)
    assert made.status_code == 201
    cid = made.json()["id"]
    assert client.post(url, json={"name": "coffee"}, headers=owner.headers).status_code == 409
    both = client.patch(
        f"{url}/{cid}", json={"name": "Cafés", "archived": True}, headers=owner.headers
    )
    assert (both.json()["name"], both.json()["archived"]) == ("Cafés", True)
    listed = client.get(url, headers=owner.headers).json()["items"]
    assert "Cafés" not in {c["name"] for c in listed}
    record(ctx, owner.person.principal, category="Groceries")
    groceries = next(c for c in listed if c["name"] == "Groceries")
    in_use = client.delete(f"{url}/{groceries['id']}", headers=owner.headers)
    assert in_use.status_code == 409
    assert "archive it instead" in in_use.json()["hint"]
    assert client.delete(f"{url}/{cid}", headers=owner.headers).status_code == 204


def test_payment_methods_check_their_last_four_digits(client: TestClient, owner: Caller) -> None:
    url = f"{owner.workspace}/payment-methods"
    bad = client.post(
        url, json={"name": "Visa", "type": "credit_card", "last_four": "42"}, headers=owner.headers
    )
    assert bad.status_code == 422
    made = client.post(
        url,
        json={"name": "Visa", "type": "credit_card", "last_four": "4242"},
        headers=owner.headers,
    )
    assert made.json()["last_four"] == "4242"
    renamed = client.patch(
        f"{url}/{made.json()['id']}", json={"name": "Visa Gold"}, headers=owner.headers
    )
    assert renamed.json()["name"] == "Visa Gold"
    assert (
        client.patch(f"{url}/{made.json()['id']}", json={}, headers=owner.headers).status_code
        == 422
    )


def test_the_events_feed_lists_changes_after_an_id(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    tx = record(ctx, owner.person.principal)
    events = client.get(f"{owner.workspace}/events", headers=owner.headers).json()["items"]
    assert [(e["type"], e["entity_id"], e["version"]) for e in events] == [
        ("transaction.created", tx.id, 1)
    ]
    after = client.get(
        f"{owner.workspace}/events", params={"after": events[-1]["id"]}, headers=owner.headers
    )
    assert after.json()["items"] == []
