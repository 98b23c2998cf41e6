"""Notifications over REST on both databases: a private inbox, keyset pages, preferences.

Whose notifications a request reaches is decided by the token alone; another member's ids
answer 404 like missing ones, and marking or choosing preferences touches only oneself.
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal, Role
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.schemas import NotificationDraft
from tests.api.conftest import Caller, make_member, make_owner


def _notify(ctx: AppContext, actor: Principal, recipients: list[int], key: str) -> None:
    """Raise one notification per recipient through the service, as a rule would."""
    with ctx.uow() as uow:
        notifications.notify(
            uow,
            actor,
            recipients=recipients,
            draft=NotificationDraft(
                type="budget.threshold",
                title=f"Budget {key}",
                body="Groceries: 80.00 EUR of 100.00 EUR.",
                dedupe_key=key,
                entity_type="budget",
                entity_id=1,
            ),
        )
        uow.commit()


def _inbox(ctx: AppContext, who: Principal, *, unread_only: bool = False) -> list[int]:
    with ctx.uow(write=False) as uow:
        items = notifications.list_notifications(uow, who, unread_only=unread_only, limit=500)
    return [n.id for n in items]


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    return body


def _all_pages(client: TestClient, caller: Caller, **params: Any) -> list[int]:
    seen: list[int] = []
    cursor = None
    for _ in range(100):
        query = {**params, **({"cursor": cursor} if cursor else {})}
        page = client.get(
            f"{caller.workspace}/notifications", params=query, headers=caller.headers
        ).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("the pages never ended")


def test_the_inbox_pages_newest_first_without_gaps_or_repeats(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    for n in range(7):
        _notify(ctx, p, [p.user_id], f"k{n}")
    seen = _all_pages(client, owner, limit=3)
    assert seen == _inbox(ctx, p)
    assert len(seen) == 7 == len(set(seen))
    assert seen == sorted(seen, reverse=True)
    first = client.get(f"{owner.workspace}/notifications", headers=owner.headers).json()
    item = first["items"][0]
    assert item["title"] == "Budget k6"
    assert (item["read"], item["read_at"], item["entity_type"]) == (False, None, "budget")
    assert first["next_cursor"] is None


def test_a_notification_arriving_between_pages_neither_repeats_nor_shifts_a_page(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    for n in range(5):
        _notify(ctx, p, [p.user_id], f"k{n}")
    url = f"{owner.workspace}/notifications"
    page = client.get(url, params={"limit": 2}, headers=owner.headers).json()
    _notify(ctx, p, [p.user_id], "late")
    rest = _all_pages_from(client, owner, page["next_cursor"])
    ids = [i["id"] for i in page["items"]] + rest
    assert len(ids) == 5 == len(set(ids))
    assert ids == _inbox(ctx, p)[1:]  # the late one is newest, so it is on a new first page


def _all_pages_from(client: TestClient, caller: Caller, cursor: str | None) -> list[int]:
    seen: list[int] = []
    while cursor is not None:
        page = client.get(
            f"{caller.workspace}/notifications",
            params={"limit": 2, "cursor": cursor},
            headers=caller.headers,
        ).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
    return seen


def test_unread_filter_count_and_marking_one_read(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    for n in range(3):
        _notify(ctx, p, [p.user_id], f"k{n}")
    url = f"{owner.workspace}/notifications"
    newest = _inbox(ctx, p)[0]
    assert client.get(f"{url}/unread-count", headers=owner.headers).json() == {"unread": 3}
    marked = client.post(f"{url}/{newest}/read", headers=owner.headers)
    assert marked.status_code == 200
    assert marked.json()["read"] is True
    assert marked.json()["read_at"] is not None
    again = client.post(f"{url}/{newest}/read", headers=owner.headers)
    assert again.json()["read_at"] == marked.json()["read_at"]
    assert client.get(f"{url}/unread-count", headers=owner.headers).json() == {"unread": 2}
    unread = _all_pages(client, owner, unread="true", limit=1)
    assert unread == _inbox(ctx, p, unread_only=True)
    assert newest not in unread
    assert len(unread) == 2


def test_mark_all_read_counts_what_it_marked_and_replays_with_its_key(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    for n in range(4):
        _notify(ctx, p, [p.user_id], f"k{n}")
    url = f"{owner.workspace}/notifications/read-all"
    headers = {**owner.headers, "Idempotency-Key": "read-all-1"}
    first = client.post(url, headers=headers)
    assert first.status_code == 200
    assert first.json() == {"marked": 4}
    replay = client.post(url, headers=headers)
    assert replay.json() == {"marked": 4}
    assert replay.headers["idempotent-replayed"] == "true"
    assert client.post(url, headers=owner.headers).json() == {"marked": 0}
    assert _inbox(ctx, p, unread_only=True) == []


def test_marking_one_read_replays_with_its_idempotency_key(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    _notify(ctx, p, [p.user_id], "k")
    [one] = _inbox(ctx, p)
    url = f"{owner.workspace}/notifications/{one}/read"
    headers = {**owner.headers, "Idempotency-Key": "mark-1"}
    first = client.post(url, headers=headers)
    replay = client.post(url, headers=headers)
    assert replay.json() == first.json()
    assert replay.headers["idempotent-replayed"] == "true"


def test_a_member_never_sees_or_marks_another_members_notifications(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    editor = make_member(ctx, owner, Role.EDITOR)
    _notify(ctx, p, [p.user_id], "owner-only")
    _notify(ctx, p, [editor.person.principal.user_id], "editor-only")
    [owners] = _inbox(ctx, p)
    [editors] = _inbox(ctx, editor.person.principal)
    base = f"{editor.workspace}/notifications"

    listed = client.get(base, headers=editor.headers).json()
    assert [i["id"] for i in listed["items"]] == [editors]
    theirs = _problem(client.post(f"{base}/{owners}/read", headers=editor.headers), 404)
    missing = _problem(client.post(f"{base}/999999999/read", headers=editor.headers), 404)
    assert theirs["type"] == missing["type"]
    assert client.post(f"{base}/read-all", headers=editor.headers).json() == {"marked": 1}
    assert _inbox(ctx, p, unread_only=True) == [owners]


def test_strangers_get_404_for_the_workspace_and_for_its_ids(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    _notify(ctx, p, [p.user_id], "k")
    [one] = _inbox(ctx, p)
    stranger = make_owner(ctx)
    for base in (owner.workspace, stranger.workspace):
        url = f"{base}/notifications"
        _problem(client.post(f"{url}/{one}/read", headers=stranger.headers), 404)
    for method, path, body in [
        ("GET", "", None),
        ("GET", "/unread-count", None),
        ("POST", "/read-all", None),
        ("GET", "/preferences", None),
        ("PATCH", "/preferences", {"quiet": True}),
    ]:
        response = client.request(
            method, f"{owner.workspace}/notifications{path}", json=body, headers=stranger.headers
        )
        _problem(response, 404)
    assert _inbox(ctx, p, unread_only=True) == [one]


def test_viewers_mark_their_own_notifications_and_choose_their_preferences(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    """The service lets every member manage their own inbox: it changes no books."""
    viewer = make_member(ctx, owner, Role.VIEWER)
    v = viewer.person.principal
    _notify(ctx, owner.person.principal, [v.user_id], "k1")
    _notify(ctx, owner.person.principal, [v.user_id], "k2")
    newest, older = _inbox(ctx, v)
    url = f"{viewer.workspace}/notifications"
    assert client.post(f"{url}/{newest}/read", headers=viewer.headers).status_code == 200
    assert client.post(f"{url}/read-all", headers=viewer.headers).json() == {"marked": 1}
    changed = client.patch(f"{url}/preferences", json={"quiet": True}, headers=viewer.headers)
    assert changed.status_code == 200
    assert changed.json()["quiet"] is True
    assert older in _inbox(ctx, v)


def test_preferences_are_per_user_with_put_and_patch(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    editor = make_member(ctx, owner, Role.EDITOR)
    url = f"{owner.workspace}/notifications/preferences"
    default = client.get(url, headers=owner.headers)
    assert default.json() == {"email_types": [], "quiet": False}
    assert (
        client.get(
            url, headers={**owner.headers, "If-None-Match": default.headers["etag"]}
        ).status_code
        == 304
    )

    put = client.put(
        url,
        json={"email_types": ["debt.overdue", "budget.exceeded", "debt.overdue"], "quiet": False},
        headers=owner.headers,
    )
    assert put.status_code == 200
    assert put.json() == {"email_types": ["budget.exceeded", "debt.overdue"], "quiet": False}
    patched = client.patch(url, json={"quiet": True}, headers=owner.headers).json()
    assert patched == {"email_types": ["budget.exceeded", "debt.overdue"], "quiet": True}
    cleared = client.patch(url, json={"email_types": []}, headers=owner.headers).json()
    assert cleared == {"email_types": [], "quiet": True}
    with ctx.uow(write=False) as uow:
        stored = notifications.preferences(uow, owner.person.principal)
    assert (stored.email_types, stored.quiet) == ([], True)

    theirs = client.get(f"{editor.workspace}/notifications/preferences", headers=editor.headers)
    assert theirs.json() == {"email_types": [], "quiet": False}
    with ctx.uow(write=False) as uow:
        assert notifications.preferences(uow, editor.person.principal).quiet is False


def test_bad_input_is_a_422_problem_naming_the_field(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    editor = make_member(ctx, owner, Role.EDITOR)
    url = f"{owner.workspace}/notifications"
    prefs = f"{url}/preferences"
    unknown = _problem(
        client.put(
            prefs, json={"email_types": ["budget.nope"], "quiet": False}, headers=owner.headers
        ),
        422,
    )
    assert unknown["errors"][0]["field"] == "email_types.0"
    partial = _problem(client.put(prefs, json={"quiet": True}, headers=owner.headers), 422)
    assert partial["errors"][0]["field"] == "email_types"
    smuggled = _problem(
        client.patch(
            prefs,
            json={"quiet": True, "user_id": editor.person.principal.user_id},
            headers=owner.headers,
        ),
        422,
    )
    assert smuggled["errors"][0]["field"] == "user_id"
    with ctx.uow(write=False) as uow:
        assert notifications.preferences(uow, editor.person.principal).quiet is False
        assert notifications.preferences(uow, owner.person.principal).quiet is False
    limit = _problem(client.get(url, params={"limit": 501}, headers=owner.headers), 422)
    assert limit["errors"][0]["field"] == "limit"
    cursor = _problem(client.get(url, params={"cursor": "bogus!"}, headers=owner.headers), 422)
    assert cursor["errors"][0]["field"] == "cursor"
    _problem(client.post(f"{url}/0/read", headers=owner.headers), 422)
    _problem(client.post(f"{url}/abc/read", headers=owner.headers), 422)
