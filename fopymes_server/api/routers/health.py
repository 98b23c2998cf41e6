"""Liveness and readiness probes for load balancers and orchestrators (no authentication)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from fopymes_server.api import problems
from fopymes_server.api.deps import CtxDep
from fopymes_server.core.errors import DatabaseUnavailableError, SchemaMismatchError
from fopymes_server.migrations.revisions import HEAD_REVISION

router = APIRouter(tags=["health"])


class HealthOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: str


class ReadyOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "ready", "schema_revision": "0004_api"}]}
    )

    status: str
    schema_revision: str | None = None


@router.get("/healthz", response_model=HealthOut, summary="The process is up")
async def healthz() -> HealthOut:
    """Answers while the process runs, whatever the database does."""
    return HealthOut(status="ok")


@router.get(
    "/readyz",
    response_model=ReadyOut,
    summary="The database is reachable and its schema is the one this server knows",
    responses=problems.responses(503),
)
def readyz(ctx: CtxDep) -> ReadyOut | JSONResponse:
    """Asks the database every time (no cache), so a schema upgraded or downgraded under a
    running server, or a lost database, takes the instance out of rotation."""
    try:
        revision = ctx.database.current_revision()
    except DatabaseUnavailableError as exc:
        return problems.from_error(exc)
    if revision != HEAD_REVISION:
        return problems.from_error(
            SchemaMismatchError(
                f"the database schema is {revision or 'missing'}, this server needs "
                f"{HEAD_REVISION}",
                hint="run 'fopymes db upgrade' (or upgrade fopymes)",
            )
        )
    return ReadyOut(status="ready", schema_revision=revision)
