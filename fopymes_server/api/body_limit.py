"""Request bodies over `max_body_bytes` are refused with 413, as problem+json.

Starlette's own limit (FastAPI's `max_body_size`) answers a body whose declared
Content-Length is too large in plain text, replacing whatever our handlers said, so the
API sets none and limits here instead: a declared size over the limit is refused before a
byte is read; a body that grows past it while streaming (chunked, or lying about its size)
raises a 413 HTTPException inside the route, which the problem handlers turn into the same
answer.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fopymes_server.api import problems

TITLE = "The request body is too large"


class BodyLimit:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _declared(scope) > self.max_body_bytes:
            response = problems.problem_response(413, "too-large", TITLE, self._detail())
            await response(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body_bytes:
                    raise HTTPException(413, TITLE)
            return message

        await self.app(scope, counted, send)

    def _detail(self) -> str:
        return f"the body may be at most {self.max_body_bytes} bytes"


def _declared(scope: Scope) -> int:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0  # malformed: the server refuses it; the count still applies
    return 0
