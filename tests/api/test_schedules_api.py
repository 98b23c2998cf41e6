"""Schedules over REST on both databases: plan, read with ETags, versioned edits, actions,
reminders and the forecast, each checked against what the services themselves answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx2
from fastapi.testclient import TestClient

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from fopymes_server.scheduled import forecast
from fopymes_server.scheduled import service as scheduled
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import Kind
from tests.api.conftest import Caller, LiveServer, make_member, make_owner
from tests.factories import make_schedule, record

RENT = {"name": "Rent", "amount": "850.00", "every": "month", "day": "1"}


def _today(ctx: AppContext) -> date:
    return ctx.clock.today()


def _create(client: TestClient, caller: Caller, **fields: Any) -> dict[str, Any]:
    response = client.post(
        f"{caller.workspace}/schedules", json={**RENT, **fields}, headers=caller.headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _pending_reminder(
    client: TestClient, ctx: AppContext, caller: Caller, name: str = "Power"
) -> list[dict[str, Any]]:
    """A remind schedule that started two days ago; an edit catches up its due dates."""
    start = (_today(ctx) - timedelta(days=2)).isoformat()
    made = _create(
        client,
        caller,
        name=name,
        amount="60.00",
        every="day",
        day=None,
        start=start,
        count=5,
        mode="remind",
    )
    edited = client.patch(
        f"{caller.workspace}/schedules/{made['id']}",
        json={"description": f"{name} bill"},
        headers={**caller.headers, "If-Match": '"v1"'},
    )
    assert edited.status_code == 200, edited.text
    pending = client.get(f"{caller.workspace}/schedules/pending", headers=caller.headers)
    items: list[dict[str, Any]] = pending.json()["items"]
    return [item for item in items if item["schedule_id"] == made["id"]]


def test_planning_returns_the_schedule_the_service_shows(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    start = (_today(ctx) + timedelta(days=3)).isoformat()
    response = client.post(
        f"{owner.workspace}/schedules",
        json={**RENT, "start": start, "category_id": None, "description": "Flat"},
        headers=owner.headers,
    )
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"].endswith(f"/schedules/{body['id']}")
    with ctx.uow(write=False) as uow:
        shown = scheduled.show(uow, owner.person.principal, body["id"])
    assert body["amount"] == "850.00" == str(shown.amount)
    assert shown.next_due is not None
    assert body["next_due"] == shown.next_due.isoformat()
    assert (body["rule"], body["description"], body["version"]) == (shown.rule, "Flat", 1)
    assert (body["kind"], body["mode"], body["paused"]) == ("expense", "post", False)
    listed = client.get(f"{owner.workspace}/schedules", headers=owner.headers).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]


def test_a_read_has_next_dates_and_the_version_as_etag(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    made = _create(client, owner)
    url = f"{owner.workspace}/schedules/{made['id']}"
    first = client.get(url, params={"dates": 4}, headers=owner.headers)
    assert first.status_code == 200
    assert first.headers["etag"] == '"v1"'
    with ctx.uow(write=False) as uow:
        shown = scheduled.show(uow, owner.person.principal, made["id"], dates=4)
    assert first.json()["next_dates"] == [d.isoformat() for d in shown.next_dates]
    assert len(shown.next_dates) == 4
    again = client.get(url, params={"dates": 4}, headers={**owner.headers, "If-None-Match": '"v1"'})
    assert again.status_code == 304


def test_a_moved_next_date_is_a_new_version_never_a_stale_304(
    client: TestClient, owner: Caller
) -> None:
    made = _create(client, owner)
    url = f"{owner.workspace}/schedules/{made['id']}"
    first = client.get(url, headers=owner.headers)
    assert client.post(f"{url}/skip-next", headers=owner.headers).status_code == 200
    again = client.get(url, headers={**owner.headers, "If-None-Match": first.headers["etag"]})
    assert again.status_code == 200
    assert again.json()["next_due"] != first.json()["next_due"]
    stale = client.patch(
        url, json={"amount": "1.00"}, headers={**owner.headers, "If-Match": first.headers["etag"]}
    )
    assert stale.status_code == 412


def test_edits_need_if_match_and_a_stale_one_is_refused(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    made = _create(client, owner)
    url = f"{owner.workspace}/schedules/{made['id']}"
    missing = client.patch(url, json={"amount": "875.00"}, headers=owner.headers)
    assert missing.status_code == 428
    assert missing.headers["content-type"] == "application/problem+json"
    done = client.patch(
        url, json={"amount": "875.00"}, headers={**owner.headers, "If-Match": '"v1"'}
    )
    assert done.status_code == 200
    assert done.headers["etag"] == '"v2"'
    assert done.json()["amount"] == "875.00"
    stale = client.patch(
        url, json={"amount": "900.00"}, headers={**owner.headers, "If-Match": '"v1"'}
    )
    assert stale.status_code == 412
    assert stale.json()["type"] == "urn:fopymes:problem:stale-version"
    with ctx.uow(write=False) as uow:
        assert scheduled.show(uow, owner.person.principal, made["id"]).amount == Decimal("875.00")
    anything = client.patch(url, json={"every": "week"}, headers={**owner.headers, "If-Match": "*"})
    assert anything.status_code == 200
    assert anything.json()["frequency"] == "weekly"


def test_delete_needs_the_current_version(client: TestClient, owner: Caller) -> None:
    made = _create(client, owner)
    url = f"{owner.workspace}/schedules/{made['id']}"
    assert client.delete(url, headers=owner.headers).status_code == 428
    client.post(f"{url}/pause", headers=owner.headers)  # a change: version 2
    assert client.delete(url, headers={**owner.headers, "If-Match": '"v1"'}).status_code == 412
    assert client.delete(url, headers={**owner.headers, "If-Match": '"v2"'}).status_code == 204
    assert client.get(url, headers=owner.headers).status_code == 404


def test_pause_resume_and_skip_next_act_like_the_services(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    made = _create(client, owner, every="week", day=None)
    url = f"{owner.workspace}/schedules/{made['id']}"
    paused = client.post(f"{url}/pause", headers=owner.headers)
    assert paused.status_code == 200
    assert (paused.json()["paused"], paused.json()["pause_reason"]) == (True, "paused by hand")
    assert client.post(f"{url}/resume", headers=owner.headers).json()["paused"] is False
    again = client.post(f"{url}/resume", headers=owner.headers)
    assert again.status_code == 409
    with ctx.uow(write=False) as uow:
        before = scheduled.show(uow, owner.person.principal, made["id"], dates=2)
    skipped = client.post(f"{url}/skip-next", headers=owner.headers)
    assert skipped.status_code == 200
    assert skipped.json()["skipped"] == before.next_dates[0].isoformat()
    assert skipped.json()["schedule"]["next_due"] == before.next_dates[1].isoformat()


def test_reminders_are_confirmed_or_skipped_once(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    waiting = _pending_reminder(client, ctx, owner)
    today = _today(ctx)
    assert [w["date"] for w in waiting] == [
        (today - timedelta(days=2)).isoformat(),
        (today - timedelta(days=1)).isoformat(),
    ]
    assert all(w["status"] == "pending" and w["amount"] == "60.00" for w in waiting)
    base = f"{owner.workspace}/schedules/occurrences"
    done = client.post(
        f"{base}/{waiting[0]['id']}/confirm", json={"amount": "64.10"}, headers=owner.headers
    )
    assert done.status_code == 200
    assert done.json()["status"] == "confirmed"
    with ctx.uow(write=False) as uow:
        tx = transactions.get(uow, owner.person.principal, done.json()["transaction_id"])
    assert (tx.amount, tx.date.isoformat()) == (Decimal("64.10"), waiting[0]["date"])
    twice = client.post(f"{base}/{waiting[0]['id']}/confirm", json={}, headers=owner.headers)
    assert twice.status_code == 409
    skipped = client.post(f"{base}/{waiting[1]['id']}/skip", headers=owner.headers)
    assert skipped.json()["status"] == "skipped"
    left = client.get(f"{owner.workspace}/schedules/pending", headers=owner.headers).json()
    assert left["items"] == []


def test_upcoming_is_the_services_forecast_with_running_balances(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    today = _today(ctx)
    record(ctx, p, "100.00", kind=Kind.INCOME, date=today.isoformat(), payment_method="Cash")
    _create(
        client,
        owner,
        name="Gym",
        amount="60.00",
        every="week",
        day=None,
        start=(today + timedelta(days=1)).isoformat(),
        payment_method_id=_cash(client, owner),
    )
    response = client.get(
        f"{owner.workspace}/schedules/upcoming", params={"days": 15}, headers=owner.headers
    )
    assert response.status_code == 200
    body = response.json()
    with ctx.uow(write=False) as uow:
        expected = forecast.upcoming(uow, p, days=15)
    assert [(i["date"], i["balance"], i["lowest"]) for i in body["items"]] == [
        (i.date.isoformat(), str(i.balance), i.lowest) for i in expected.items
    ]
    # Weekly from tomorrow over 15 days (both ends included): days 1, 8 and 15.
    assert [i["balance"] for i in body["items"]] == ["40.00", "-20.00", "-80.00"]
    cash = next(m for m in body["methods"] if m["payment_method"] == "Cash")
    assert (cash["opening"], cash["lowest"]) == ("100.00", body["items"][-1]["balance"])
    too_far = client.get(
        f"{owner.workspace}/schedules/upcoming", params={"days": 400}, headers=owner.headers
    )
    assert too_far.status_code == 422


def _cash(client: TestClient, caller: Caller) -> int:
    methods = client.get(f"{caller.workspace}/payment-methods", headers=caller.headers).json()
    return int(next(m["id"] for m in methods["items"] if m["name"] == "Cash"))


def test_bad_input_is_a_422_naming_the_field(client: TestClient, owner: Caller) -> None:
    url = f"{owner.workspace}/schedules"
    decimals = client.post(url, json={**RENT, "amount": "12.345"}, headers=owner.headers)
    assert decimals.status_code == 422
    assert decimals.json()["errors"][0]["field"] == "amount"
    every = client.post(url, json={**RENT, "every": "sometimes"}, headers=owner.headers)
    assert (every.status_code, every.json()["errors"][0]["field"]) == (422, "every")
    far = client.post(url, json={**RENT, "start": "9999-12-31"}, headers=owner.headers)
    assert far.status_code == 422
    made = _create(client, owner)
    null = client.patch(
        f"{url}/{made['id']}",
        json={"category_id": None},
        headers={**owner.headers, "If-Match": "*"},
    )
    assert null.status_code == 422
    nothing = client.patch(
        f"{url}/{made['id']}", json={}, headers={**owner.headers, "If-Match": "*"}
    )
    assert nothing.status_code == 422
    assert client.get(url, headers=owner.headers).json()["items"][0]["version"] == 1


def test_fields_a_client_must_not_set_are_refused(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    other = make_member(ctx, owner, Role.EDITOR)
    for field, value in [
        ("id", 1),
        ("workspace_id", 999),
        ("created_by", other.person.principal.user_id),
        ("owner_id", other.person.principal.user_id),
        ("version", 7),
    ]:
        response = client.post(
            f"{owner.workspace}/schedules", json={**RENT, field: value}, headers=owner.headers
        )
        assert response.status_code == 422, field
        assert response.json()["errors"][0]["field"] == field
    assert client.get(f"{owner.workspace}/schedules", headers=owner.headers).json()["items"] == []


def test_another_workspaces_ids_are_404_like_missing_ones(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    waiting = _pending_reminder(client, ctx, owner)
    schedule_id = waiting[0]["schedule_id"]
    stranger = make_owner(ctx)
    with ctx.uow(write=False) as uow:
        before = scheduled.show(uow, owner.person.principal, schedule_id).version
    mine = f"{stranger.workspace}/schedules/{schedule_id}"
    headers = {**stranger.headers, "If-Match": "*"}
    answers = [
        client.get(mine, headers=headers),
        client.patch(mine, json={"amount": "1.00"}, headers=headers),
        client.delete(mine, headers=headers),
        client.post(f"{mine}/pause", headers=headers),
        client.post(f"{mine}/skip-next", headers=headers),
        client.post(
            f"{stranger.workspace}/schedules/occurrences/{waiting[0]['id']}/confirm",
            json={},
            headers=headers,
        ),
        client.post(
            f"{stranger.workspace}/schedules/occurrences/{waiting[0]['id']}/skip", headers=headers
        ),
        client.get(f"{owner.workspace}/schedules/{schedule_id}", headers=stranger.headers),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)
    missing = client.get(f"{stranger.workspace}/schedules/2147483000", headers=stranger.headers)
    assert answers[0].json()["type"] == missing.json()["type"]
    with ctx.uow(write=False) as uow:
        still = scheduled.show(uow, owner.person.principal, schedule_id)
    assert (still.paused, still.version) == (False, before)


def test_viewers_read_but_cannot_write(client: TestClient, ctx: AppContext, owner: Caller) -> None:
    waiting = _pending_reminder(client, ctx, owner)
    viewer = make_member(ctx, owner, Role.VIEWER)
    url = f"{viewer.workspace}/schedules/{waiting[0]['schedule_id']}"
    headers = {**viewer.headers, "If-Match": "*"}
    assert client.get(url, headers=viewer.headers).status_code == 200
    assert client.get(f"{viewer.workspace}/schedules/upcoming", headers=headers).status_code == 200
    refused = [
        client.post(f"{viewer.workspace}/schedules", json=RENT, headers=headers),
        client.patch(url, json={"amount": "1.00"}, headers=headers),
        client.delete(url, headers=headers),
        client.post(f"{url}/pause", headers=headers),
        client.post(
            f"{viewer.workspace}/schedules/occurrences/{waiting[0]['id']}/confirm",
            json={},
            headers=headers,
        ),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused)
    assert refused[0].json()["hint"] == "ask an owner to make you an editor"


def test_an_idempotency_key_replays_the_first_answer(client: TestClient, owner: Caller) -> None:
    headers = {**owner.headers, "Idempotency-Key": "plan-rent-1"}
    first = client.post(f"{owner.workspace}/schedules", json=RENT, headers=headers)
    again = client.post(f"{owner.workspace}/schedules", json=RENT, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    listed = client.get(f"{owner.workspace}/schedules", headers=owner.headers).json()["items"]
    assert len(listed) == 1
    other = client.post(
        f"{owner.workspace}/schedules", json={**RENT, "name": "Other"}, headers=headers
    )
    assert other.status_code == 422
    url = f"{owner.workspace}/schedules/{first.json()['id']}/skip-next"
    skip_headers = {**owner.headers, "Idempotency-Key": "skip-1"}
    skips = [client.post(url, headers=skip_headers).json() for _ in range(2)]
    assert skips[0] == skips[1]
    fresh = client.get(f"{owner.workspace}/schedules/{first.json()['id']}", headers=owner.headers)
    assert fresh.json()["next_due"] == skips[0]["schedule"]["next_due"]


def test_ten_concurrent_edits_with_one_if_match_let_exactly_one_win(
    ctx: AppContext, owner: Caller, live_server: Callable[..., LiveServer]
) -> None:
    """The version is checked by the database in the statement that locks the row, so
    it holds across requests (and server instances), not just inside one session."""
    server = live_server()
    made = make_schedule(ctx, owner.person.principal, "Gym", "30.00")
    url = f"{server.url}{owner.workspace}/schedules/{made.id}"

    def patch(n: int) -> httpx2.Response:
        return http.patch(
            url, json={"amount": f"{40 + n}.00"}, headers={**owner.headers, "If-Match": '"v1"'}
        )

    with httpx2.Client(timeout=120) as http, ThreadPoolExecutor(10) as pool:
        responses = list(pool.map(patch, range(10)))
    assert Counter(r.status_code for r in responses) == {200: 1, 412: 9}
    winner = next(r for r in responses if r.status_code == 200).json()
    with ctx.uow(write=False) as uow:
        stored = scheduled.show(uow, owner.person.principal, made.id)
    assert (stored.version, str(stored.amount)) == (2, winner["amount"])
