"""The FastAPI application factory. No module-level app: every caller builds its own.

`create_app(ctx)` is what tests and `fopymes server` (one worker) use; uvicorn workers of
`fopymes server --workers N` call `app_from_environment()`, which builds the context from
the same settings the CLI reads. The lifespan refuses to start on a schema it does not
know or, on PostgreSQL, on a weak signing secret, and runs the event hub thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from fopymes_server import __version__
from fopymes_server.api import docs_ui, problems, ws
from fopymes_server.api.access_log import AccessLogMiddleware
from fopymes_server.api.body_limit import BodyLimit
from fopymes_server.api.config import ApiSettings
from fopymes_server.api.hub import EventHub
from fopymes_server.api.routers import (
    accounts,
    auth,
    budgets,
    categories,
    contacts,
    debts,
    events,
    goals,
    health,
    imports,
    me,
    notifications,
    payees,
    reconciliations,
    reports,
    rules,
    schedules,
    transactions,
    workspaces,
)
from fopymes_server.core.context import AppContext, build_context
from fopymes_server.core.settings import load_settings
from fopymes_server.identity import instance

DESCRIPTION = """
Finance management for individuals and small businesses: the same rules as the `fopymes`
CLI, over HTTP.

* **Auth**: `POST /api/v1/auth/login` gives an access token (minutes) and a refresh token;
  send `Authorization: Bearer <access token>`; personal access tokens (`fop_...`) work too.
* **Workspaces** are in the path: `/api/v1/workspaces/{workspace_id}/transactions`. Another
  workspace's ids answer 404, exactly like missing ones; viewers get 403 on writes.
* **Money** is a decimal string (`"45.20"`), never a JSON number.
* **Errors** are `application/problem+json` (RFC 7807); invalid input is 422 with `errors`.
* **Writes**: POST takes `Idempotency-Key`; transactions carry an ETag (`"v3"`) and PATCH or
  DELETE need `If-Match` (412 when stale, 428 when missing).
* **Live events**: WebSocket `/api/v1/ws`; authenticate with a first message
  `{"type": "auth", "token": ..., "workspace_id": ...}` rather than a `?token=` query, which
  proxies may log. See `docs/reference/api.md`.
"""

TAGS = [
    {"name": "auth", "description": "Sign in, rotate refresh tokens, sign out."},
    {"name": "me", "description": "You, your password and personal access tokens."},
    {"name": "workspaces", "description": "Workspaces and their members."},
    {"name": "categories", "description": "Income and expense categories."},
    {"name": "payment methods", "description": "Cash, cards and accounts."},
    {"name": "transactions", "description": "Incomes and expenses."},
    {"name": "payees", "description": "Who transactions were with, and their tags."},
    {"name": "budgets", "description": "Spending limits per category, status and history."},
    {"name": "goals", "description": "Savings goals, contributions and plans."},
    {"name": "contacts", "description": "People and businesses you lend to or owe."},
    {"name": "debts", "description": "Money owed each way, payments and schedules."},
    {"name": "schedules", "description": "Recurring transactions and the forecast."},
    {"name": "notifications", "description": "Your alerts and e-mail preferences."},
    {"name": "reports", "description": "Period reports as JSON, PDF, XLSX or CSV."},
    {"name": "imports", "description": "Bank statements (CSV, OFX), dry-run first."},
    {"name": "rules", "description": "Categorisation rules applied on import."},
    {"name": "events", "description": "What changed, for polling clients."},
    {"name": "health", "description": "Probes for load balancers."},
]


def _startup_checks(ctx: AppContext) -> None:
    with ctx.uow() as uow:
        instance.ensure_signing_secret(uow)


def create_app(
    ctx: AppContext, options: ApiSettings | None = None, *, owns_context: bool = False
) -> FastAPI:
    """The API over `ctx`; `owns_context` closes it on shutdown (worker processes)."""
    options = options or ApiSettings()
    hub = EventHub(ctx, poll_seconds=options.poll_seconds)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(_startup_checks, ctx)
        hub.start()
        try:
            yield
        finally:
            await run_in_threadpool(hub.stop)
            if owns_context:
                ctx.close()

    app = FastAPI(
        title="fopymes",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        docs_url=None,  # docs_ui serves /docs from installed assets, not a CDN
        redoc_url=None,
    )
    app.state.ctx = ctx
    app.state.options = options
    app.state.hub = hub
    app.state.db_slots = asyncio.Semaphore(options.concurrent_requests)
    problems.install(app)
    docs_ui.install(app)
    if options.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(options.cors_origins),
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "If-Match"],
            expose_headers=["ETag", "Location", "Retry-After", "X-Request-ID"],
        )
    app.add_middleware(BodyLimit, max_body_bytes=options.max_body_bytes)
    app.add_middleware(AccessLogMiddleware)
    app.include_router(health.router)
    api = APIRouter(prefix="/api/v1")
    features = (
        auth,
        me,
        workspaces,
        categories,
        accounts,
        reconciliations,
        transactions,
        payees,
        budgets,
        goals,
        contacts,
        debts,
        schedules,
        notifications,
        reports,
        imports,
        rules,
        events,
    )
    for feature in features:
        api.include_router(feature.router)
    app.include_router(api)
    app.include_router(ws.router)
    return app


def app_from_environment() -> FastAPI:
    """Factory for uvicorn worker processes: settings from FOPYMES_* and config.toml."""
    ctx = build_context(load_settings())
    return create_app(ctx, ApiSettings(), owns_context=True)
