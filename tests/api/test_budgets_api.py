"""Budgets over REST on both databases: set, list, status, history, change and removal.

Figures are checked against what the budgets service itself computes for the same
workspace, so the API is shown to add nothing and lose nothing (Decimals as strings).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from fopymes_server.budgets import service as budgets
from fopymes_server.budgets import status as budget_status
from fopymes_server.categories import service as categories
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal, Role
from tests.api.conftest import Caller, make_member, make_owner
from tests.factories import at_noon, hand_clock, make_budget, record

TODAY = "2026-11-20"


@pytest.fixture(autouse=True)
def _frozen_today(ctx: AppContext) -> None:
    """Status and history count days against today; pin it so the figures are exact."""
    hand_clock(ctx, at_noon(TODAY))


def category_id(ctx: AppContext, principal: Principal, name: str) -> int:
    with ctx.uow(write=False) as uow:
        return categories.resolve(uow, principal, name).id


def url(caller: Caller, suffix: str = "") -> str:
    return f"{caller.workspace}/budgets{suffix}"


def post_budget(client: TestClient, caller: Caller, body: dict[str, Any], **headers: str) -> Any:
    return client.post(url(caller), json=body, headers={**caller.headers, **headers})


def test_setting_a_budget_returns_it_with_amounts_as_strings(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    groceries = category_id(ctx, owner.person.principal, "Groceries")
    response = post_budget(
        client,
        owner,
        {
            "category_id": groceries,
            "amount": "400.00",
            "anchor_day": 25,
            "rollover": "unspent",
            "rollover_cap": "50.5",
            "thresholds": [100, 50, 80],
            "effective_from": "2026-10-25",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"].endswith(f"/budgets/{body['id']}")
    assert body["category"] == "Groceries"
    assert body["limit"] == "400.00"
    assert body["rollover_cap"] == "50.50"
    assert body["thresholds"] == [50, 80, 100]
    assert body["limits"] == [{"effective_from": "2026-10-25", "amount": "400.00"}]
    with ctx.uow(write=False) as uow:
        stored = budgets.get(uow, owner.person.principal, groceries)
    assert body["id"] == stored.id
    assert body["period"] == stored.period.value == "monthly"
    assert body["anchor_day"] == stored.anchor_day == 25


def test_posting_for_a_category_with_a_budget_changes_it_from_that_period_on(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    first = make_budget(ctx, owner.person.principal, "Groceries", effective_from="2026-09-01")
    groceries = category_id(ctx, owner.person.principal, "Groceries")
    response = post_budget(
        client,
        owner,
        {"category_id": groceries, "amount": "450.00", "effective_from": "2026-11-10"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == first.id
    assert body["limit"] == "450.00"
    assert body["limits"] == [
        {"effective_from": "2026-09-01", "amount": "400.00"},
        {"effective_from": "2026-11-01", "amount": "450.00"},
    ]
    refused = post_budget(
        client, owner, {"category_id": groceries, "amount": "450.00", "period": "weekly"}
    )
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"] == "urn:fopymes:problem:rule-violation"


def test_the_all_expenses_budget_has_no_category(client: TestClient, owner: Caller) -> None:
    response = post_budget(client, owner, {"amount": "1500", "currency": "usd"})
    assert response.status_code == 201
    body = response.json()
    assert (body["category_id"], body["category"], body["currency"]) == (
        None,
        "All expenses",
        "USD",
    )
    assert body["limit"] == "1500.00"


def test_list_and_read_carry_etags_and_honour_if_none_match(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    food = make_budget(ctx, p, "Groceries", "400.00")
    everything = make_budget(ctx, p, None, "2000.00")
    listed = client.get(url(owner), headers=owner.headers)
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()["items"]] == [everything.id, food.id]
    assert [item["limit"] for item in listed.json()["items"]] == ["2000.00", "400.00"]
    tag = listed.headers["etag"]
    again = client.get(url(owner), headers={**owner.headers, "If-None-Match": tag})
    assert again.status_code == 304
    one = client.get(url(owner, f"/{food.id}"), headers=owner.headers)
    assert one.json()["limit"] == format(food.limit, "f") == "400.00"
    assert (
        client.get(
            url(owner, f"/{food.id}"),
            headers={**owner.headers, "If-None-Match": one.headers["etag"]},
        ).status_code
        == 304
    )
    make_budget(ctx, p, "Groceries", "420.00")
    changed = client.get(url(owner, f"/{food.id}"), headers=owner.headers)
    assert changed.headers["etag"] != one.headers["etag"]


def test_status_matches_the_service_and_takes_a_period_or_a_date(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    make_budget(ctx, p, "Groceries", "400.00", effective_from="2026-10-01", rollover="unspent")
    make_budget(ctx, p, None, "1000.00", effective_from="2026-10-01")
    record(ctx, p, "100.00", date="2026-10-05")
    record(ctx, p, "45.20", date="2026-11-02")
    record(ctx, p, "30.00", category="Restaurants", date="2026-11-03")
    now = client.get(url(owner, "/status"), headers=owner.headers)
    assert now.status_code == 200
    items = now.json()["items"]
    with ctx.uow(write=False) as uow:
        expected = budget_status.status(uow, p)
    assert [item["budget_id"] for item in items] == [s.budget_id for s in expected]
    for item, service_item in zip(items, expected, strict=True):
        for field in ("limit", "spent", "remaining", "carried", "projected_spend"):
            assert item[field] == format(getattr(service_item, field), "f"), field
        assert service_item.percent_used is not None
        assert item["percent_used"] == format(service_item.percent_used, "f")
        assert item["verdict"] == service_item.verdict.value
        assert item["days_left"] == service_item.days_left
    everything, food = items
    assert (everything["spent"], everything["limit"]) == ("75.20", "1000.00")
    assert (food["spent"], food["carried"], food["limit"]) == ("45.20", "300.00", "700.00")
    assert food["period_start"] == "2026-11-01"
    october = client.get(url(owner, "/status?period=2026-10"), headers=owner.headers).json()
    assert [item["spent"] for item in october["items"]] == ["100.00", "100.00"]
    by_date = client.get(url(owner, "/status?date=2026-10-31"), headers=owner.headers).json()
    assert by_date == october
    before = client.get(url(owner, "/status?period=2026-09"), headers=owner.headers).json()
    assert before["items"] == []


@pytest.mark.parametrize(
    "query",
    ["period=2026-13", "period=26-11", "date=2026-02-30", "period=2026-11&date=2026-11-01"],
)
def test_status_refuses_a_bad_period_or_date_with_a_422_problem(
    client: TestClient, owner: Caller, query: str
) -> None:
    response = client.get(url(owner, f"/status?{query}"), headers=owner.headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] in {"period", "date"}


def test_history_lists_periods_with_the_limit_each_had(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    budget = make_budget(ctx, p, "Groceries", "400.00", effective_from="2026-08-01")
    make_budget(ctx, p, "Groceries", "500.00", effective_from="2026-10-01")
    record(ctx, p, "120.00", date="2026-09-10")
    record(ctx, p, "80.00", date="2026-11-02")
    response = client.get(url(owner, f"/{budget.id}/history?last=3"), headers=owner.headers)
    assert response.status_code == 200
    items = response.json()["items"]
    with ctx.uow(write=False) as uow:
        expected = budget_status.history(uow, p, "Groceries", last=3)
    assert [(i["period_start"], i["limit"], i["spent"]) for i in items] == [
        (str(s.period_start), format(s.limit, "f"), format(s.spent, "f")) for s in expected
    ]
    assert [(i["period_start"], i["limit"], i["spent"]) for i in items] == [
        ("2026-09-01", "400.00", "120.00"),
        ("2026-10-01", "500.00", "0.00"),
        ("2026-11-01", "500.00", "80.00"),
    ]
    all_of_it = client.get(url(owner, f"/{budget.id}/history"), headers=owner.headers).json()
    assert all_of_it["items"][0]["period_start"] == "2026-08-01"
    assert len(all_of_it["items"]) == 4
    back_then = client.get(
        url(owner, f"/{budget.id}/history?last=1&date=2026-09-15"), headers=owner.headers
    ).json()
    assert [i["spent"] for i in back_then["items"]] == ["120.00"]
    for bad in ("last=0", "last=121", "date=1800-01-01"):
        refused = client.get(url(owner, f"/{budget.id}/history?{bad}"), headers=owner.headers)
        assert refused.status_code == 422, bad


def test_patch_changes_the_limit_from_a_period_and_clears_the_cap(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    budget = make_budget(
        ctx, p, "Groceries", "400.00", effective_from="2026-09-01", rollover_cap="80"
    )
    target = url(owner, f"/{budget.id}")
    changed = client.patch(
        target,
        json={"amount": "350.00", "effective_from": "2026-11-15", "thresholds": [90]},
        headers=owner.headers,
    )
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["limit"] == "350.00"
    assert body["thresholds"] == [90]
    assert body["rollover_cap"] == "80.00"
    assert [x["amount"] for x in body["limits"]] == ["400.00", "350.00"]
    cleared = client.patch(target, json={"rollover_cap": None}, headers=owner.headers)
    assert cleared.json()["rollover_cap"] is None
    with ctx.uow(write=False) as uow:
        stored = budgets.get_by_id(uow, p, budget.id)
    assert stored.rollover_cap is None
    assert format(stored.limit, "f") == "350.00"
    empty = client.patch(target, json={}, headers=owner.headers)
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "changes"
    fixed = client.patch(target, json={"period": "weekly"}, headers=owner.headers)
    assert fixed.status_code == 422
    assert fixed.json()["errors"][0]["field"] == "period"


def test_delete_removes_the_budget_and_keeps_the_transactions(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    budget = make_budget(ctx, p, "Groceries")
    tx = record(ctx, p, "12.00")
    assert client.delete(url(owner, f"/{budget.id}"), headers=owner.headers).status_code == 204
    assert client.get(url(owner, f"/{budget.id}"), headers=owner.headers).status_code == 404
    assert client.delete(url(owner, f"/{budget.id}"), headers=owner.headers).status_code == 404
    assert client.get(url(owner), headers=owner.headers).json()["items"] == []
    kept = client.get(f"{owner.workspace}/transactions/{tx.id}", headers=owner.headers)
    assert kept.status_code == 200


def test_bad_input_is_a_422_problem_naming_the_field_and_stores_nothing(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    groceries = category_id(ctx, p, "Groceries")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"category_id": groceries, "amount": "12.345"}, "amount"),
        ({"category_id": groceries, "amount": 12.5}, "amount"),
        ({"category_id": groceries, "amount": "-5"}, "amount"),
        ({"category_id": 2_000_000, "amount": "10"}, "category_id"),
        ({"category_id": category_id(ctx, p, "Salary"), "amount": "10"}, "category"),
        ({"category_id": groceries, "amount": "10", "thresholds": [0]}, "thresholds.0"),
        ({"category_id": groceries, "amount": "10", "period": "daily"}, "period"),
        ({"category_id": groceries, "amount": "10", "anchor_date": "0001-01-01"}, "anchor_date"),
    ]
    for body, field in cases:
        response = post_budget(client, owner, body)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "urn:fopymes:problem:validation"
        assert response.json()["errors"][0]["field"] == field, body
    other = make_owner(ctx)
    theirs = category_id(ctx, other.person.principal, "Groceries")
    foreign = post_budget(client, owner, {"category_id": theirs, "amount": "10"})
    assert foreign.status_code == 422
    assert foreign.json()["errors"][0]["field"] == "category_id"
    assert client.get(url(owner), headers=owner.headers).json()["items"] == []


@pytest.mark.parametrize(
    ("field", "value"), [("id", 1), ("workspace_id", 999), ("created_by", 1), ("limits", [])]
)
def test_fields_a_client_must_not_set_are_refused(
    client: TestClient, ctx: AppContext, owner: Caller, field: str, value: object
) -> None:
    budget = make_budget(ctx, owner.person.principal, "Groceries")
    created = post_budget(client, owner, {"amount": "10", field: value})
    assert created.status_code == 422
    assert created.json()["errors"][0]["field"] == field
    patched = client.patch(
        url(owner, f"/{budget.id}"), json={"amount": "10", field: value}, headers=owner.headers
    )
    assert patched.status_code == 422
    assert [b["id"] for b in client.get(url(owner), headers=owner.headers).json()["items"]] == [
        budget.id
    ]


def test_another_workspaces_budget_is_404_like_a_missing_one(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    stranger = make_owner(ctx)
    budget = make_budget(ctx, owner.person.principal, "Groceries")
    for method, suffix, body in [
        ("GET", f"/{budget.id}", None),
        ("GET", f"/{budget.id}/history", None),
        ("PATCH", f"/{budget.id}", {"amount": "1.00"}),
        ("DELETE", f"/{budget.id}", None),
    ]:
        theirs = client.request(method, url(stranger, suffix), json=body, headers=stranger.headers)
        assert theirs.status_code == 404, (method, suffix)
        missing = client.request(
            method,
            url(stranger, suffix.replace(str(budget.id), "2147483000")),
            json=body,
            headers=stranger.headers,
        )
        assert theirs.json()["type"] == missing.json()["type"] == "urn:fopymes:problem:not-found"
        direct = client.request(method, url(owner, suffix), json=body, headers=stranger.headers)
        assert direct.status_code == 404
    with ctx.uow(write=False) as uow:
        kept = budgets.get_by_id(uow, owner.person.principal, budget.id)
    assert format(kept.limit, "f") == "400.00"


def test_viewers_read_but_cannot_write(client: TestClient, ctx: AppContext, owner: Caller) -> None:
    viewer = make_member(ctx, owner, Role.VIEWER)
    budget = make_budget(ctx, owner.person.principal, "Groceries")
    for suffix in ("", "/status", f"/{budget.id}", f"/{budget.id}/history"):
        assert client.get(url(viewer, suffix), headers=viewer.headers).status_code == 200
    writes = [
        client.post(url(viewer), json={"amount": "5"}, headers=viewer.headers),
        client.patch(url(viewer, f"/{budget.id}"), json={"amount": "5"}, headers=viewer.headers),
        client.delete(url(viewer, f"/{budget.id}"), headers=viewer.headers),
    ]
    for response in writes:
        assert response.status_code == 403
        assert response.json()["type"] == "urn:fopymes:problem:forbidden"
    with ctx.uow(write=False) as uow:
        assert [b.id for b in budgets.list_budgets(uow, owner.person.principal)] == [budget.id]


def test_an_idempotency_key_replays_the_first_answer_and_sets_once(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    groceries = category_id(ctx, owner.person.principal, "Groceries")
    body = {"category_id": groceries, "amount": "400.00", "effective_from": "2026-10-01"}
    first = post_budget(client, owner, body, **{"Idempotency-Key": "budget-key-1"})
    assert first.status_code == 201
    budget_id = first.json()["id"]
    client.patch(
        url(owner, f"/{budget_id}"),
        json={"amount": "500.00", "effective_from": "2026-10-01"},
        headers=owner.headers,
    )
    again = post_budget(client, owner, body, **{"Idempotency-Key": "budget-key-1"})
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    listed = client.get(url(owner), headers=owner.headers).json()["items"]
    assert [(b["id"], b["limit"]) for b in listed] == [(budget_id, "500.00")]
    other_body = post_budget(
        client, owner, {**body, "amount": "1.00"}, **{"Idempotency-Key": "budget-key-1"}
    )
    assert other_body.status_code == 422
