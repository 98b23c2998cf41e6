"""WebSocket /api/v1/ws: live events of one workspace for one authenticated client.

Authenticate with a first message `{"type": "auth", "token": ..., "workspace_id": ...}`
(`workspace_id` optional; default: your first workspace). That is the preferred way: a
token in the URL (`?token=`, still accepted for clients that cannot send a first message)
ends up in proxies' and browsers' histories even though this server masks it in its logs.
The server answers `welcome`, then sends every event of that workspace
(`transaction.created|updated|deleted`, and the other `<entity>.<verb>` events as features
record them) with entity id and version, and a `heartbeat` every few seconds. A revoked
token, a sign-in that ended or a removed member is disconnected at once on every instance
(close code 4401 or 4403): those changes are events the hub turns into a re-check; each
heartbeat re-checks too. A client may send `{"type": "auth", "token": ...}` again to swap
in a fresh access token, and `{"type": "ping"}` to get a `pong`."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from fopymes_server.api.config import ApiSettings
from fopymes_server.api.hub import OVERFLOW, RECHECK, SHUTDOWN, EventHub, Subscriber
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import AuthenticationError, FopymesError
from fopymes_server.core.principal import Principal
from fopymes_server.identity import refresh
from fopymes_server.identity import service as identity

router = APIRouter()
log = logging.getLogger("fopymes.api.ws")
AUTH_TIMEOUT_SECONDS = 10.0
CLOSE_UNAUTHENTICATED = 4401
CLOSE_NOT_A_MEMBER = 4403


def _authorize(websocket: WebSocket, token: str, workspace: int | None) -> Principal:
    ctx: AppContext = websocket.app.state.ctx
    options: ApiSettings = websocket.app.state.options
    with ctx.uow(write=False) as uow:
        signed_in = refresh.authenticate_bearer(uow, token, access_lifetime=options.access_lifetime)
        return identity.principal_for(uow, signed_in.user.id, workspace)


async def _first_auth(websocket: WebSocket) -> dict[str, Any]:
    try:
        message = await asyncio.wait_for(websocket.receive_json(), AUTH_TIMEOUT_SECONDS)
    except (TimeoutError, ValueError):
        message = None
    if not isinstance(message, dict) or message.get("type") != "auth":
        raise AuthenticationError('send {"type": "auth", "token": "..."} first')
    return message


async def _refuse(websocket: WebSocket, error: FopymesError) -> None:
    code = CLOSE_UNAUTHENTICATED if isinstance(error, AuthenticationError) else CLOSE_NOT_A_MEMBER
    await websocket.send_json({"type": "error", "detail": error.message})
    await websocket.close(code)


@router.websocket("/api/v1/ws")
async def events_socket(
    websocket: WebSocket, token: str | None = None, workspace_id: int | None = None
) -> None:
    hub: EventHub = websocket.app.state.hub
    heartbeat: float = websocket.app.state.options.heartbeat_seconds
    await websocket.accept()
    try:
        if token is None:
            first = await _first_auth(websocket)
            token, workspace_id = str(first.get("token", "")), first.get("workspace_id")
        principal = await run_in_threadpool(_authorize, websocket, token, workspace_id)
    except FopymesError as exc:
        await _refuse(websocket, exc)
        return
    except WebSocketDisconnect:
        return
    subscriber = await run_in_threadpool(hub.subscribe, principal, asyncio.get_running_loop())
    state = {"token": token}
    log.info(
        json.dumps(
            {"event": "ws.open", "user": principal.user_id, "workspace": principal.workspace_id}
        )
    )
    try:
        await websocket.send_json(
            {
                "type": "welcome",
                "user_id": principal.user_id,
                "workspace_id": principal.workspace_id,
                "role": principal.role.value,
                "heartbeat_seconds": heartbeat,
            }
        )
        reader = asyncio.create_task(_read(websocket, subscriber, state))
        writer = asyncio.create_task(_write(websocket, subscriber, state, heartbeat))
        done, pending = await asyncio.wait({reader, writer}, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        for task in done:
            failure = None if task.cancelled() else task.exception()
            if failure is not None and not isinstance(failure, WebSocketDisconnect):
                raise failure
    except WebSocketDisconnect:
        pass
    finally:
        hub.unsubscribe(subscriber)
        log.info(json.dumps({"event": "ws.close", "user": principal.user_id}))


async def _read(websocket: WebSocket, subscriber: Subscriber, state: dict[str, str]) -> None:
    """Client messages: ping, and auth to swap tokens. Replies go through the mailbox so
    that only the writer task ever sends."""
    workspace = subscriber.principal.workspace_id
    while True:
        try:
            message = await websocket.receive_json()
        except ValueError:
            continue
        if not isinstance(message, dict):
            continue
        if message.get("type") == "ping":
            subscriber.offer(json.dumps({"type": "pong"}))
        elif message.get("type") == "auth":
            token = str(message.get("token", ""))
            try:
                subscriber.principal = await run_in_threadpool(
                    _authorize, websocket, token, workspace
                )
            except FopymesError as exc:
                subscriber.offer(json.dumps({"type": "error", "detail": exc.message}))
                continue
            state["token"] = token
            subscriber.offer(json.dumps({"type": "auth", "status": "ok"}))


async def _write(
    websocket: WebSocket, subscriber: Subscriber, state: dict[str, str], heartbeat: float
) -> None:
    """The only task that sends. A heartbeat, and a RECHECK from the hub (the user's access
    changed on some instance), both re-check the token and membership first."""
    loop = asyncio.get_running_loop()
    next_beat = loop.time() + heartbeat
    while True:
        try:
            message = await asyncio.wait_for(
                subscriber.queue.get(), max(0.0, next_beat - loop.time())
            )
        except TimeoutError:
            if not await _still_allowed(websocket, subscriber, state):
                return
            await websocket.send_json({"type": "heartbeat"})
            next_beat = loop.time() + heartbeat
            continue
        if message == RECHECK:
            if not await _still_allowed(websocket, subscriber, state):
                return
            continue
        if message == OVERFLOW:
            await websocket.close(1013, "too slow to keep up; reconnect")
            return
        if message == SHUTDOWN:
            await websocket.close(1001, "server shutting down")
            return
        await websocket.send_text(message)


async def _still_allowed(
    websocket: WebSocket, subscriber: Subscriber, state: dict[str, str]
) -> bool:
    """Re-authorize the connection's token in its workspace; refuse and close if not."""
    workspace = subscriber.principal.workspace_id
    try:
        subscriber.principal = await run_in_threadpool(
            _authorize, websocket, state["token"], workspace
        )
    except FopymesError as exc:
        await _refuse(websocket, exc)
        return False
    return True
