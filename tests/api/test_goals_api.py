"""Savings goals over REST on both databases: goals, contributions, withdrawals, the plan.

Figures are checked against what the goals service itself computes (`service.show`), so
the API is shown to carry the service's numbers unchanged (Decimals as strings).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from fopymes_server.accounts import service as accounts
from fopymes_server.categories import service as categories
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal, Role
from fopymes_server.goals import service as goals
from tests.api.conftest import Caller, make_member, make_owner
from tests.factories import at_noon, contribute, hand_clock, make_goal

TODAY = "2026-11-20"


@pytest.fixture(autouse=True)
def _frozen_today(ctx: AppContext) -> None:
    """Plans and pace count from today; pin it so the figures are exact."""
    hand_clock(ctx, at_noon(TODAY))


def url(caller: Caller, suffix: str = "") -> str:
    return f"{caller.workspace}/goals{suffix}"


def category_id(ctx: AppContext, principal: Principal, name: str) -> int:
    with ctx.uow(write=False) as uow:
        return categories.resolve(uow, principal, name).id


def cash_id(ctx: AppContext, principal: Principal) -> int:
    with ctx.uow(write=False) as uow:
        return accounts.resolve(uow, principal, "Cash").id


def show(ctx: AppContext, principal: Principal, goal_id: int) -> Any:
    with ctx.uow(write=False) as uow:
        return goals.show(uow, principal, goal_id)


def test_adding_a_goal_returns_it_with_amounts_as_strings(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    groceries = category_id(ctx, p, "Groceries")
    response = client.post(
        url(owner),
        json={
            "name": "Bike",
            "target": "1000",
            "deadline": "2027-05-20",
            "frequency": "monthly",
            "category_id": groceries,
        },
        headers=owner.headers,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"].endswith(f"/goals/{body['id']}")
    assert (body["target"], body["saved"], body["remaining"]) == ("1000.00", "0.00", "1000.00")
    assert (body["status"], body["start_date"], body["category_id"]) == (
        "active",
        TODAY,
        groceries,
    )
    stored = show(ctx, p, body["id"]).goal
    assert body["name"] == stored.name
    assert body["percent_saved"] == format(stored.percent_saved, "f")
    assert body["owner_id"] == p.user_id


def test_list_and_read_carry_etags_and_honour_if_none_match(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    bike = make_goal(ctx, p, "Bike")
    trip = make_goal(ctx, p, "Trip", "600.00")
    listed = client.get(url(owner), headers=owner.headers)
    assert [(g["id"], g["target"]) for g in listed.json()["items"]] == [
        (bike.id, "1000.00"),
        (trip.id, "600.00"),
    ]
    assert (
        client.get(
            url(owner), headers={**owner.headers, "If-None-Match": listed.headers["etag"]}
        ).status_code
        == 304
    )
    one = client.get(url(owner, f"/{bike.id}"), headers=owner.headers)
    assert one.json()["name"] == "Bike"
    contribute(ctx, p, bike.id, "10.00")
    after = client.get(
        url(owner, f"/{bike.id}"), headers={**owner.headers, "If-None-Match": one.headers["etag"]}
    )
    assert after.status_code == 200
    assert after.json()["saved"] == "10.00"


def test_contributions_and_withdrawals_move_money_and_record_transfers(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    goal = make_goal(ctx, p, "Bike", "1000.00")
    response = client.post(
        url(owner, f"/{goal.id}/contributions"),
        json={
            "amount": "250.00",
            "date": "2026-11-19",
            "payment_method_id": cash_id(ctx, p),
            "note": "November",
        },
        headers=owner.headers,
    )
    assert response.status_code == 201, response.text
    made = response.json()
    assert made["contribution"]["amount"] == "250.00"
    assert made["goal"]["saved"] == "250.00"
    assert made["goal"]["percent_saved"] == "25.0"
    assert made["milestones_reached"] == [25]
    transfer = client.get(
        f"{owner.workspace}/transactions/{made['contribution']['transaction_id']}",
        headers=owner.headers,
    ).json()
    assert (
        transfer["kind"],
        transfer["amount"],
        transfer["payment_method"],
        transfer["counter_account"],
    ) == ("transfer", "250.00", "Cash", "Bike savings")
    assert made["goal"]["account"] == "Bike savings"
    out = client.post(
        url(owner, f"/{goal.id}/withdrawals"),
        json={"amount": "40.5"},
        headers=owner.headers,
    )
    assert out.status_code == 201
    assert out.json()["contribution"]["amount"] == "-40.50"
    assert out.json()["contribution"]["transaction_id"] is None
    assert out.json()["goal"]["saved"] == "209.50"
    too_much = client.post(
        url(owner, f"/{goal.id}/withdrawals"), json={"amount": "500"}, headers=owner.headers
    )
    assert too_much.status_code == 409
    assert too_much.json()["type"] == "urn:fopymes:problem:rule-violation"
    listed = client.get(url(owner, f"/{goal.id}/contributions"), headers=owner.headers).json()
    detail = show(ctx, p, goal.id)
    assert [(c["id"], c["amount"], c["note"]) for c in listed["items"]] == [
        (c.id, format(c.amount, "f"), c.note) for c in detail.history
    ]
    assert [c["amount"] for c in listed["items"]] == ["250.00", "-40.50"]
    assert format(detail.goal.saved, "f") == "209.50"


def test_the_plan_matches_the_services_plan_pace_and_milestones(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    goal = make_goal(ctx, p, "Bike", "1200.00", deadline="2027-05-20", frequency="month")
    contribute(ctx, p, goal.id, "300.00", date="2026-11-20")
    response = client.get(url(owner, f"/{goal.id}/plan"), headers=owner.headers)
    assert response.status_code == 200
    body = response.json()
    detail = show(ctx, p, goal.id)
    assert detail.pace is not None
    assert [(i["due"], i["amount"]) for i in body["plan"]] == [
        (str(i.due), format(i.amount, "f")) for i in detail.plan
    ]
    assert body["plan"]
    assert sum(float(i["amount"]) for i in body["plan"]) == pytest.approx(900.0)
    assert body["pace"]["required_per_period"] == format(detail.pace.required_per_period, "f")
    assert body["pace"]["on_track"] is detail.pace.on_track
    assert body["milestones"] == [{"milestone": 25, "reached_on": "2026-11-20"}]
    assert body["goal"]["saved"] == "300.00"
    open_ended = make_goal(ctx, p, "Rainy day", "500.00")
    none = client.get(url(owner, f"/{open_ended.id}/plan"), headers=owner.headers).json()
    assert (none["plan"], none["pace"], none["suggestion"]) == ([], None, None)


def test_patch_changes_fields_and_null_clears_deadline_and_category(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    goal = make_goal(
        ctx, p, "Bike", "1000.00", deadline="2027-06-30", category="Groceries", frequency="week"
    )
    make_goal(ctx, p, "Trip")
    target = url(owner, f"/{goal.id}")
    changed = client.patch(
        target,
        json={"name": "E-bike", "target": "1500", "frequency": "fortnightly"},
        headers=owner.headers,
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["name"], changed.json()["target"], changed.json()["frequency"]) == (
        "E-bike",
        "1500.00",
        "fortnightly",
    )
    cleared = client.patch(
        target, json={"deadline": None, "category_id": None}, headers=owner.headers
    ).json()
    assert (cleared["deadline"], cleared["category_id"]) == (None, None)
    stored = show(ctx, p, goal.id).goal
    assert (stored.name, stored.deadline, stored.category_id) == ("E-bike", None, None)
    assert format(stored.target, "f") == "1500.00"
    empty = client.patch(target, json={}, headers=owner.headers)
    assert empty.status_code == 422
    taken = client.patch(target, json={"name": "trip"}, headers=owner.headers)
    assert taken.status_code == 409
    assert taken.json()["type"] == "urn:fopymes:problem:conflict"


def test_cancel_stops_contributions_until_restored(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    goal = make_goal(ctx, owner.person.principal, "Bike")
    cancelled = client.post(url(owner, f"/{goal.id}/cancel"), headers=owner.headers)
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    refused = client.post(
        url(owner, f"/{goal.id}/contributions"), json={"amount": "5"}, headers=owner.headers
    )
    assert refused.status_code == 409
    restored = client.post(url(owner, f"/{goal.id}/restore"), headers=owner.headers)
    assert restored.json()["status"] == "active"
    assert (
        client.post(
            url(owner, f"/{goal.id}/contributions"), json={"amount": "5"}, headers=owner.headers
        ).status_code
        == 201
    )


def test_delete_removes_the_goal_and_keeps_the_transfers_it_recorded(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    goal = make_goal(ctx, p, "Bike")
    made = contribute(ctx, p, goal.id, "50.00", payment_method="Cash")
    assert made.contribution.transaction_id is not None
    transfer = f"{owner.workspace}/transactions/{made.contribution.transaction_id}"
    assert client.get(transfer, headers=owner.headers).status_code == 200
    assert client.delete(url(owner, f"/{goal.id}"), headers=owner.headers).status_code == 204
    assert client.get(url(owner, f"/{goal.id}"), headers=owner.headers).status_code == 404
    assert client.get(transfer, headers=owner.headers).json()["counter_account"] == "Bike savings"
    assert client.delete(url(owner, f"/{goal.id}"), headers=owner.headers).status_code == 404


def test_bad_input_is_a_422_problem_naming_the_field_and_stores_nothing(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    other = make_owner(ctx)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"name": "Bike", "target": "12.345"}, "target"),
        ({"name": "Bike", "target": 100}, "target"),
        ({"name": "Bike", "target": "0"}, "target"),
        ({"name": "", "target": "100"}, "name"),
        ({"name": "123", "target": "100"}, "name"),
        ({"name": "Bike", "target": "100", "deadline": "2026-01-01"}, "deadline"),
        ({"name": "Bike", "target": "100", "frequency": "daily"}, "frequency"),
        ({"name": "Bike", "target": "100", "category_id": 2_000_000}, "category_id"),
        (
            {
                "name": "Bike",
                "target": "100",
                "category_id": category_id(ctx, other.person.principal, "Groceries"),
            },
            "category_id",
        ),
        (
            {"name": "Bike", "target": "100", "category_id": category_id(ctx, p, "Salary")},
            "category",
        ),
    ]
    for body, field in cases:
        response = client.post(url(owner), json=body, headers=owner.headers)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "urn:fopymes:problem:validation"
        assert response.json()["errors"][0]["field"] == field, body
    assert client.get(url(owner), headers=owner.headers).json()["items"] == []
    goal = make_goal(ctx, p, "Bike")
    for body, field in [
        ({"amount": "1.001"}, "amount"),
        ({"amount": "-3"}, "amount"),
        ({"amount": "5", "payment_method_id": 2_000_000}, "payment_method_id"),
        ({"amount": "5", "date": "2026-13-01"}, "date"),
    ]:
        response = client.post(
            url(owner, f"/{goal.id}/contributions"), json=body, headers=owner.headers
        )
        assert response.status_code == 422, body
        assert response.json()["errors"][0]["field"] == field, body
    unknown = client.patch(
        url(owner, f"/{goal.id}"), json={"category_id": 2_000_000}, headers=owner.headers
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "category_id"
    assert show(ctx, p, goal.id).history == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("id", 1), ("workspace_id", 999), ("created_by", 1), ("owner_id", 1), ("saved", "9")],
)
def test_fields_a_client_must_not_set_are_refused(
    client: TestClient, ctx: AppContext, owner: Caller, field: str, value: object
) -> None:
    goal = make_goal(ctx, owner.person.principal, "Bike")
    for method, suffix, body in [
        ("POST", "", {"name": "Trip", "target": "10"}),
        ("PATCH", f"/{goal.id}", {"target": "10"}),
        ("POST", f"/{goal.id}/contributions", {"amount": "10"}),
        ("POST", f"/{goal.id}/withdrawals", {"amount": "10"}),
    ]:
        response = client.request(
            method, url(owner, suffix), json={**body, field: value}, headers=owner.headers
        )
        assert response.status_code == 422, (method, suffix)
        assert response.json()["errors"][0]["field"] == field
    stored = show(ctx, owner.person.principal, goal.id)
    assert (format(stored.goal.target, "f"), stored.history) == ("1000.00", [])
    assert [g["id"] for g in client.get(url(owner), headers=owner.headers).json()["items"]] == [
        goal.id
    ]


def test_another_workspaces_goal_is_404_like_a_missing_one(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    stranger = make_owner(ctx)
    goal = make_goal(ctx, owner.person.principal, "Bike")
    contribute(ctx, owner.person.principal, goal.id, "100.00")
    calls: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", f"/{goal.id}", None),
        ("GET", f"/{goal.id}/plan", None),
        ("GET", f"/{goal.id}/contributions", None),
        ("PATCH", f"/{goal.id}", {"target": "1.00"}),
        ("PATCH", f"/{goal.id}", {"category_id": 2_000_000}),
        ("POST", f"/{goal.id}/contributions", {"amount": "1.00"}),
        ("POST", f"/{goal.id}/withdrawals", {"amount": "1.00"}),
        ("POST", f"/{goal.id}/cancel", None),
        ("POST", f"/{goal.id}/restore", None),
        ("DELETE", f"/{goal.id}", None),
    ]
    for method, suffix, body in calls:
        theirs = client.request(method, url(stranger, suffix), json=body, headers=stranger.headers)
        assert theirs.status_code == 404, (method, suffix, theirs.text)
        missing = client.request(
            method,
            url(stranger, suffix.replace(str(goal.id), "2147483000")),
            json=body,
            headers=stranger.headers,
        )
        assert theirs.json()["type"] == missing.json()["type"] == "urn:fopymes:problem:not-found"
        direct = client.request(method, url(owner, suffix), json=body, headers=stranger.headers)
        assert direct.status_code == 404, (method, suffix)
    detail = show(ctx, owner.person.principal, goal.id)
    assert (detail.goal.status.value, format(detail.goal.saved, "f")) == ("active", "100.00")


def test_viewers_read_but_cannot_write(client: TestClient, ctx: AppContext, owner: Caller) -> None:
    viewer = make_member(ctx, owner, Role.VIEWER)
    goal = make_goal(ctx, owner.person.principal, "Bike")
    contribute(ctx, owner.person.principal, goal.id, "100.00")
    for suffix in ("", f"/{goal.id}", f"/{goal.id}/plan", f"/{goal.id}/contributions"):
        assert client.get(url(viewer, suffix), headers=viewer.headers).status_code == 200
    for method, suffix, body in [
        ("POST", "", {"name": "Trip", "target": "10"}),
        ("PATCH", f"/{goal.id}", {"target": "10"}),
        ("POST", f"/{goal.id}/contributions", {"amount": "10"}),
        ("POST", f"/{goal.id}/withdrawals", {"amount": "10"}),
        ("POST", f"/{goal.id}/cancel", None),
        ("POST", f"/{goal.id}/restore", None),
        ("DELETE", f"/{goal.id}", None),
    ]:
        response = client.request(method, url(viewer, suffix), json=body, headers=viewer.headers)
        assert response.status_code == 403, (method, suffix)
        assert response.json()["type"] == "urn:fopymes:problem:forbidden"
    detail = show(ctx, owner.person.principal, goal.id)
    assert (detail.goal.name, len(detail.history)) == ("Bike", 1)
    assert format(detail.goal.target, "f") == "1000.00"


def test_an_idempotency_key_replays_the_first_answer_and_acts_once(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    created = [
        client.post(
            url(owner),
            json={"name": "Bike", "target": "300"},
            headers={**owner.headers, "Idempotency-Key": "goal-add-1"},
        )
        for _ in range(2)
    ]
    assert [r.status_code for r in created] == [201, 201]
    assert created[1].json() == created[0].json()
    assert created[1].headers["idempotent-replayed"] == "true"
    goal_id = created[0].json()["id"]
    assert len(client.get(url(owner), headers=owner.headers).json()["items"]) == 1
    paid = [
        client.post(
            url(owner, f"/{goal_id}/contributions"),
            json={"amount": "75.00", "payment_method_id": cash_id(ctx, p)},
            headers={**owner.headers, "Idempotency-Key": "goal-pay-1"},
        )
        for _ in range(2)
    ]
    assert [r.status_code for r in paid] == [201, 201]
    assert paid[1].json() == paid[0].json()
    assert "idempotent-replayed" not in paid[0].headers
    detail = show(ctx, p, goal_id)
    assert [format(c.amount, "f") for c in detail.history] == ["75.00"]
    assert format(detail.goal.saved, "f") == "75.00"
    transfers = client.get(f"{owner.workspace}/transactions", headers=owner.headers).json()
    assert [t["amount"] for t in transfers["items"]] == ["75.00"]
    cancels = [
        client.post(
            url(owner, f"/{goal_id}/cancel"),
            headers={**owner.headers, "Idempotency-Key": "goal-cancel-1"},
        )
        for _ in range(2)
    ]
    assert [r.status_code for r in cancels] == [200, 200]
    assert cancels[1].json() == cancels[0].json()
    reused = client.post(
        url(owner, f"/{goal_id}/contributions"),
        json={"amount": "1.00"},
        headers={**owner.headers, "Idempotency-Key": "goal-pay-1"},
    )
    assert reused.status_code == 422
