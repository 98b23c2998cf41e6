"""Categorisation rules over REST on both databases: add, list, read, delete, and what an
import does with them; bad conditions, other workspaces' ids and viewers refused."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from fopymes_server.imports import service_rules
from tests.api.conftest import Caller, make_member, make_owner
from tests.api.test_imports_api import BANK, MAPPING


def _ids(client: TestClient, caller: Caller, feature: str) -> dict[str, int]:
    listing = client.get(f"{caller.workspace}/{feature}", headers=caller.headers).json()
    return {item["name"]: item["id"] for item in listing["items"]}


def _rule(client: TestClient, caller: Caller, **body: Any) -> Any:
    return client.post(f"{caller.workspace}/rules", json=body, headers=caller.headers)


def test_rules_are_added_in_order_read_and_deleted(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    categories = _ids(client, owner, "categories")
    first = _rule(
        client,
        owner,
        condition='description ~  "MERCADONA|CARREFOUR"',
        set_category_id=categories["Groceries"],
    )
    assert first.status_code == 201, first.text
    made = first.json()
    assert first.headers["location"].endswith(f"/rules/{made['id']}")
    assert made["condition"] == 'description ~ "MERCADONA|CARREFOUR"'  # spacing normalised
    assert (made["set_category"], made["set_category_id"]) == ("Groceries", categories["Groceries"])
    second = _rule(
        client, owner, condition='description contains "cafe"', set_description="Coffee"
    ).json()
    listed = client.get(f"{owner.workspace}/rules", headers=owner.headers).json()["items"]
    with ctx.uow(write=False) as uow:
        expected = service_rules.list_rules(uow, owner.person.principal)
    assert [(r["id"], r["position"]) for r in listed] == [(r.id, r.position) for r in expected]
    assert [r["id"] for r in listed] == [made["id"], second["id"]]
    one = client.get(f"{owner.workspace}/rules/{made['id']}", headers=owner.headers)
    assert one.json() == made
    url = f"{owner.workspace}/rules/{second['id']}"
    assert client.delete(url, headers=owner.headers).status_code == 204
    assert client.get(url, headers=owner.headers).status_code == 404
    assert client.delete(url, headers=owner.headers).status_code == 404


def test_an_import_preview_applies_the_rules(client: TestClient, owner: Caller) -> None:
    categories = _ids(client, owner, "categories")
    _rule(
        client,
        owner,
        condition='description ~ "MERCADONA|CARREFOUR"',
        set_category_id=categories["Groceries"],
    )
    _rule(client, owner, condition='description contains "carrefour"', set_description="Carrefour")
    client.post(
        f"{owner.workspace}/imports/profiles",
        json={"name": "caixa", "mapping": MAPPING},
        headers=owner.headers,
    )
    preview = client.post(
        f"{owner.workspace}/imports/csv?profile=caixa",
        content=BANK,
        headers={**owner.headers, "Content-Type": "text/csv"},
    ).json()
    lines = {line["line"]: (line["description"], line["category"]) for line in preview["lines"]}
    assert lines[4] == ("MERCADONA VALENCIA", "Groceries")
    assert lines[5] == ("Carrefour", "Groceries")
    assert lines[6] == ("ALQUILER PISO", None)


def test_bad_rules_are_refused_naming_the_problem(client: TestClient, owner: Caller) -> None:
    bad_syntax = _rule(client, owner, condition="description ~", set_description="x")
    assert (bad_syntax.status_code, bad_syntax.json()["errors"][0]["field"]) == (422, "condition")
    nothing = _rule(client, owner, condition='kind = "expense"')
    assert (nothing.status_code, nothing.json()["errors"][0]["field"]) == (422, "rule")
    unknown = _rule(client, owner, condition='kind = "expense"', set_category_id=2147483000)
    assert (unknown.status_code, unknown.json()["errors"][0]["field"]) == (422, "set_category_id")
    lookahead = _rule(client, owner, condition='description ~ "a(?=b)"', set_description="x")
    assert lookahead.status_code == 422
    assert lookahead.json()["errors"][0]["field"] == "condition"
    assert "lookaround or backreference" in lookahead.json()["errors"][0]["message"]
    for field, value in [("id", 1), ("workspace_id", 999), ("created_by", 1), ("position", 1)]:
        body = {"condition": 'kind = "expense"', "set_description": "x", field: value}
        response = _rule(client, owner, **body)
        assert (response.status_code, response.json()["errors"][0]["field"]) == (422, field)
    assert client.get(f"{owner.workspace}/rules", headers=owner.headers).json()["items"] == []


def test_another_workspaces_rule_ids_are_404(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    made = _rule(client, owner, condition='kind = "expense"', set_description="x").json()
    stranger = make_owner(ctx)
    theirs = f"{stranger.workspace}/rules/{made['id']}"
    assert client.get(theirs, headers=stranger.headers).status_code == 404
    assert client.delete(theirs, headers=stranger.headers).status_code == 404
    owners = f"{owner.workspace}/rules/{made['id']}"
    assert client.get(owners, headers=stranger.headers).status_code == 404
    with_their_method = _rule(
        client,
        stranger,
        condition='kind = "expense"',
        set_method_id=_ids(client, owner, "payment-methods")["Cash"],
    )
    assert (with_their_method.status_code, with_their_method.json()["errors"][0]["field"]) == (
        422,
        "set_method_id",
    )
    assert client.get(owners, headers=owner.headers).status_code == 200


def test_viewers_read_rules_but_cannot_change_them(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    made = _rule(client, owner, condition='kind = "expense"', set_description="x").json()
    viewer = make_member(ctx, owner, Role.VIEWER)
    url = f"{viewer.workspace}/rules/{made['id']}"
    assert client.get(url, headers=viewer.headers).json() == made
    added = _rule(client, viewer, condition='kind = "income"', set_description="y")
    assert added.status_code == 403
    assert client.delete(url, headers=viewer.headers).status_code == 403
    assert len(client.get(f"{owner.workspace}/rules", headers=owner.headers).json()["items"]) == 1


def test_an_idempotency_key_adds_a_rule_once(client: TestClient, owner: Caller) -> None:
    body = {"condition": 'kind = "expense"', "set_description": "x"}
    headers = {**owner.headers, "Idempotency-Key": "rule-1"}
    first = client.post(f"{owner.workspace}/rules", json=body, headers=headers)
    again = client.post(f"{owner.workspace}/rules", json=body, headers=headers)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert len(client.get(f"{owner.workspace}/rules", headers=owner.headers).json()["items"]) == 1


def test_rules_apply_previews_for_viewers_and_applies_for_editors(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    categories = _ids(client, owner, "categories")
    _rule(client, owner, condition='description ~ "netflix"', set_category_id=categories["Leisure"])
    made = client.post(
        f"{owner.workspace}/transactions",
        json={"amount": "12.99", "date": "2026-11-02", "description": "NETFLIX.COM"},
        headers=owner.headers,
    ).json()
    url = f"{owner.workspace}/rules/apply"
    viewer = make_member(ctx, owner, Role.VIEWER)
    preview = client.post(url, json={}, headers=viewer.headers)
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert (body["dry_run"], body["changed"]) == (True, 1)
    assert body["changes"][0] == {
        **body["changes"][0],
        "id": made["id"],
        "category": None,
        "new_category": "Leisure",
        "amount": "12.99",
    }
    refused = client.post(url, json={"dry_run": False}, headers=viewer.headers)
    assert refused.status_code == 403
    editor = make_member(ctx, owner, Role.EDITOR)
    applied = client.post(url, json={"dry_run": False}, headers=editor.headers)
    assert (applied.status_code, applied.json()["changed"]) == (200, 1)
    read = client.get(f"{owner.workspace}/transactions/{made['id']}", headers=owner.headers)
    assert (read.json()["category"], read.json()["version"]) == ("Leisure", 2)
    stranger = make_owner(ctx)
    assert client.post(url, json={}, headers=stranger.headers).status_code == 404
    bad = client.post(
        url, json={"date_from": "2026-12-01", "date_to": "2026-11-01"}, headers=owner.headers
    )
    assert bad.status_code == 422
