"""Structured access logs: one JSON line per request, never a secret.

uvicorn's own access log prints the query string, where a WebSocket client may carry its
token (`/api/v1/ws?token=...`), so `fopymes server` turns that off and logs here: method,
path without the query, status, duration, client address and a request id. Headers and
bodies (passwords, Authorization) are never read.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("fopymes.access")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _incoming_id(scope) or uuid.uuid4().hex
        outcome = {"status": 0}

        async def send_with_id(message: Message) -> None:
            kind = message["type"]
            if kind == "http.response.start":
                outcome["status"] = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            elif kind == "websocket.accept":
                outcome["status"] = 101
            elif kind == "websocket.close":
                outcome["status"] = int(message.get("code", 1000))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if log.isEnabledFor(logging.INFO):
                client = scope.get("client")
                log.info(
                    json.dumps(
                        {
                            "event": "request",
                            "method": scope.get("method", "WEBSOCKET"),
                            "path": scope.get("path", ""),
                            "status": outcome["status"],
                            "ms": round((time.perf_counter() - started) * 1000, 2),
                            "client": client[0] if client else None,
                            "request_id": request_id,
                        }
                    )
                )


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if _REQUEST_ID.match(text) else None
    return None
