"""GET .../events, the change log for polling clients, keeps the WebSocket's promises:
a personal event (a notification, a change to someone's access) reaches only its user."""

from __future__ import annotations

from fastapi.testclient import TestClient

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from fopymes_server.identity import service as identity
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.schemas import NotificationDraft
from tests.api.conftest import Caller, make_member
from tests.factories import record


def _types(client: TestClient, caller: Caller) -> list[str]:
    response = client.get(f"{caller.workspace}/events", headers=caller.headers)
    assert response.status_code == 200
    return [item["type"] for item in response.json()["items"]]


def test_the_event_log_never_shows_a_member_someone_elses_personal_events(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    books = owner.person.principal
    editor = make_member(ctx, owner, Role.EDITOR)
    with ctx.uow() as uow:
        notifications.notify(
            uow,
            books,
            recipients=[books.user_id],
            draft=NotificationDraft(
                type="summary.monthly", title="October", body="-", dedupe_key="events-api"
            ),
        )
        uow.commit()
    with ctx.uow() as uow:
        token_id = identity.tokens(uow, books.user_id)[0].id
    with ctx.uow() as uow:
        identity.revoke_token(uow, books.user_id, token_id)
    record(ctx, books)
    seen_by_editor = _types(client, editor)
    assert "transaction.created" in seen_by_editor
    assert "notification.created" not in seen_by_editor
    assert "access.ended" not in seen_by_editor
