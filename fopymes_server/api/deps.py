"""Request dependencies as Annotated aliases: the context, a unit of work, who is asking.

Each request gets one unit of work (read-only for GET, so SQLite takes no write lock),
shared by authentication, the workspace check and the route, so a request holds one
database connection. Authorization itself stays in the services: these only identify the
user and pick the workspace through `accounts.service.principal_for`, which answers a
workspace you are not in exactly like one that does not exist.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from fopymes_server.api.bodies.common import MAX_INT32
from fopymes_server.api.config import ApiSettings
from fopymes_server.api.idempotency import RequestUnitOfWork
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import AuthenticationError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity import refresh
from fopymes_server.identity.schemas import Identity

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(
    auto_error=False,
    description="An access token from POST /api/v1/auth/login, or a personal access token "
    "(fop_...) from POST /api/v1/tokens or `fopymes token create`.",
)


def get_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


def get_options(request: Request) -> ApiSettings:
    options: ApiSettings = request.app.state.options
    return options


CtxDep = Annotated[AppContext, Depends(get_ctx)]
OptionsDep = Annotated[ApiSettings, Depends(get_options)]


async def get_uow(request: Request, ctx: CtxDep) -> AsyncIterator[UnitOfWork]:
    """A slot, then a unit of work, both taken and given back on the event loop.

    A request hops between pool threads (authentication, workspace, route) while it holds
    a connection and perhaps a row lock. If more requests were admitted than the
    connection pool holds, every thread could end up waiting for a connection that only
    a request needing a thread can return: a deadlock until the pool times out. So
    requests queue on the loop for one of `db_slots` (fewer than the pool's connections),
    and the unit of work is closed here rather than in a thread.
    """
    slots: asyncio.Semaphore = request.app.state.db_slots
    async with slots:
        ctx.database.check_schema()
        with RequestUnitOfWork(
            ctx.database, ctx.clock, write=request.method not in SAFE_METHODS
        ) as uow:
            yield uow


UowDep = Annotated[UnitOfWork, Depends(get_uow)]


CredentialsDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def get_identity(uow: UowDep, credentials: CredentialsDep, options: OptionsDep) -> Identity:
    if credentials is None or not credentials.credentials:
        raise AuthenticationError(
            "this needs Authorization: Bearer <token>",
            hint="sign in with POST /api/v1/auth/login",
        )
    return refresh.authenticate_bearer(
        uow, credentials.credentials, access_lifetime=options.access_lifetime
    )


IdentityDep = Annotated[Identity, Depends(get_identity)]

WorkspaceId = Annotated[
    int, Path(ge=1, le=MAX_INT32, description="A workspace you are a member of.")
]


def _principal(
    uow: UnitOfWork, credentials: CredentialsDep, workspace_id: int, options: ApiSettings
) -> Principal:
    if credentials is None or not credentials.credentials:
        get_identity(uow, credentials, options)  # raises the missing-credentials 401
    assert credentials is not None
    return refresh.principal_for_bearer(
        uow, credentials.credentials, workspace_id, access_lifetime=options.access_lifetime
    )


async def get_principal(
    uow: UowDep, credentials: CredentialsDep, workspace_id: WorkspaceId, options: OptionsDep
) -> Principal:
    """Who is asking, in which workspace: both lookups in one trip to a worker thread.

    Sync dependencies each take their own hop to the thread pool; under load every hop
    waits its turn, so authentication and the membership check share one.
    """
    return await run_in_threadpool(_principal, uow, credentials, workspace_id, options)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def no_store(response: Response) -> None:
    """For answers that carry a secret (tokens, a first password): no cache may keep them.

    RFC 6749 asks token responses for `Cache-Control: no-store` and `Pragma: no-cache`.
    """
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"


NO_STORE = [Depends(no_store)]
"""`dependencies=NO_STORE` on a route whose answer holds a secret."""
