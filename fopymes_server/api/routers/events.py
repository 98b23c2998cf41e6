"""/workspaces/{workspace_id}/events: the change log, for clients that cannot hold a WebSocket."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT64
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.events import service as events
from fopymes_server.events.schemas import EventList

router = APIRouter(prefix="/workspaces/{workspace_id}/events", tags=["events"])


@router.get(
    "",
    response_model=EventList,
    summary="Events after an id, oldest first",
    responses=problems.responses(304, *problems.READ),
)
def list_events(
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    after: Annotated[int, Query(ge=0, le=MAX_INT64, description="The last id you saw.")] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> Response:
    """The same events the WebSocket pushes, personal ones to their user only: poll with
    the last id you saw."""
    page = events.feed(uow, principal, after, limit=limit)
    return etag.json_read(request, page.model_dump_json())
