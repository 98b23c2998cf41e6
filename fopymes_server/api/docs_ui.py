"""/docs: Swagger UI served by the server itself, so it works without internet.

FastAPI's own page loads Swagger UI from a CDN at a floating major version, which leaves
`/docs` blank on an offline network and runs whatever that CDN serves today. The assets
come instead from the pinned `fastapi-offline` package (pyproject.toml), mounted under
`/docs/assets`, and the page gets headers that keep it from being framed or sniffed:
a Content-Security-Policy that allows only this server's scripts plus the one inline
start-up script (by its hash), `frame-ancestors 'none'` and `X-Content-Type-Options`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DOCS_PATH = "/docs"
ASSETS_PATH = "/docs/assets"
ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
NOSNIFF = {"X-Content-Type-Options": "nosniff"}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _digest(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def content_security_policy(html: str) -> str:
    """Only this origin, plus the page's own inline scripts by hash; never in a frame."""
    hashes = " ".join(f"'sha256-{_digest(s)}'" for s in _INLINE_SCRIPT.findall(html))
    return (
        "default-src 'none'; "
        f"script-src 'self' {hashes}; "
        "style-src 'self' 'unsafe-inline'; "  # Swagger UI sets style attributes
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


class _WithHeaders:
    """Adds fixed headers to every response of the wrapped ASGI app (the static assets)."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(app: FastAPI) -> None:
    """Serve /docs and its assets from this process; create the app with docs_url=None."""
    app.mount(
        ASSETS_PATH, _WithHeaders(StaticFiles(directory=ASSETS_DIR), NOSNIFF), name="docs-assets"
    )

    @app.get(DOCS_PATH, include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        page = get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} API",
            swagger_js_url=f"{root}{ASSETS_PATH}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS_PATH}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS_PATH}/favicon.png",
        )
        html = bytes(page.body).decode()
        headers = {**NOSNIFF, "Content-Security-Policy": content_security_policy(html)}
        return HTMLResponse(html, headers=headers)
