"""/workspaces/{workspace_id}/notifications: your own inbox and notification preferences.

The principal (the token's user in this workspace) decides whose notifications a request
reaches; no path or body names a user, and another member's notification id answers 404
exactly like a missing one. The service lets every member, viewers included, mark their
own notifications read and choose their own preferences: those change nothing of the
workspace's books, only the person's inbox. Notifications carry no version, so reads get a
content ETag.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT64, FlagParam
from fopymes_server.api.bodies.notifications import (
    MarkedReadOut,
    NotificationPageOut,
    PreferencesIn,
    PreferencesPatch,
    UnreadCountOut,
)
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications import steps as notification_steps
from fopymes_server.notifications.schemas import NotificationOut, PreferencesOut

router = APIRouter(prefix="/workspaces/{workspace_id}/notifications", tags=["notifications"])

NotificationId = Annotated[int, Path(ge=1, le=MAX_INT64, description="Your notification's id.")]
OWN = (401, 404, 413, 422, 503)
"""What a change to one's own notifications can answer: never 403 (see the module doc)."""


@router.get(
    "",
    response_model=NotificationPageOut,
    summary="Your notifications in this workspace, newest first, one page at a time",
    responses=problems.responses(304, *problems.READ),
)
def list_notifications(
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    unread: Annotated[FlagParam, Query(description="Only the unread ones.")] = False,
    limit: Annotated[int, Query(ge=1, le=notifications.MAX_LISTED)] = 50,
    cursor: Annotated[
        str | None, Query(max_length=200, description="A page's next_cursor.")
    ] = None,
) -> Response:
    """Like `fopymes notifications [--unread] [--limit N]`, keyset-paginated on the id, so
    notifications arriving while you page never repeat or skip one."""
    page = notifications.list_page(uow, principal, unread_only=unread, limit=limit, cursor=cursor)
    body = NotificationPageOut(items=page.items, next_cursor=page.next_cursor)
    return etag.json_read(request, body.model_dump_json())


@router.get(
    "/unread-count",
    response_model=UnreadCountOut,
    summary="How many of your notifications are unread",
    responses=problems.responses(304, *problems.READ),
)
def unread_count(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    body = UnreadCountOut(unread=notifications.unread_count(uow, principal))
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "/read-all",
    response_model=MarkedReadOut,
    summary="Mark every one of your unread notifications read",
    responses=problems.responses(*OWN),
)
def mark_all_read(
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Like `fopymes notifications read --all`; 0 when nothing was unread. Viewers may
    (it is their own inbox)."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=None,
        action=lambda: MarkedReadOut(marked=notification_steps.mark_all_read(uow, principal)),
        status_code=200,
    )


@router.get(
    "/preferences",
    response_model=PreferencesOut,
    summary="Which of your notifications also go by e-mail, and quiet mode",
    responses=problems.responses(304, *problems.READ),
)
def get_preferences(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    """Preferences follow the person: the same in every workspace they are in."""
    body = notifications.preferences(uow, principal)
    return etag.json_read(request, body.model_dump_json())


@router.put(
    "/preferences",
    response_model=PreferencesOut,
    summary="Replace your notification preferences",
    responses=problems.responses(*OWN),
)
def replace_preferences(
    body: PreferencesIn, uow: UowDep, principal: PrincipalDep
) -> PreferencesOut:
    """Both fields are required; an empty `email_types` means no e-mail for any type."""
    return notifications.set_preferences(uow, principal, email_types=body.types(), quiet=body.quiet)


@router.patch(
    "/preferences",
    response_model=PreferencesOut,
    summary="Change some of your notification preferences",
    responses=problems.responses(*OWN),
)
def change_preferences(
    body: PreferencesPatch, uow: UowDep, principal: PrincipalDep
) -> PreferencesOut:
    """Like `fopymes notifications prefs [--email ...] [--quiet/--no-quiet]`: a field left
    out (or null) keeps its value."""
    return notifications.set_preferences(uow, principal, email_types=body.types(), quiet=body.quiet)


@router.post(
    "/{notification_id}/read",
    response_model=NotificationOut,
    summary="Mark one of your notifications read",
    responses=problems.responses(*OWN),
)
def mark_read(
    notification_id: NotificationId,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Reading twice is fine (the first `read_at` stays). Another member's notification,
    or one of another workspace, is 404 like a missing one."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=None,
        action=lambda: notification_steps.mark_read(uow, principal, notification_id),
        status_code=200,
    )
