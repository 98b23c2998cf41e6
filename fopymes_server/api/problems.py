"""FopymesError and every other failure -> RFC 7807 `application/problem+json`, one table.

The status of each error family is decided here and nowhere else (the CLI's twin is
`fopymes_cli/errors.py`). Validation failures are 422, whether pydantic refuses the shape
of a request or a service refuses a value: one status for "fix your input", with the field
errors in `errors`. The original API's tests asked for 400; 422 is what RFC 9110 names
for well-formed requests with invalid content and what FastAPI clients expect.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from fopymes_server.core.errors import (
    AuthenticationError,
    ConflictError,
    DatabaseUnavailableError,
    ExternalServiceError,
    FopymesError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    SchemaMismatchError,
    UnknownReferenceError,
    ValidationError,
)
from fopymes_server.identity.throttle import ThrottledError
from fopymes_server.transactions.versioned import StaleVersionError, VersionRequiredError

PROBLEM_MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("fopymes.api")

# Most specific first is not needed: lookup walks each error's MRO.
STATUS: dict[type[FopymesError], tuple[int, str, str]] = {
    ValidationError: (422, "validation", "The input is not valid"),
    UnknownReferenceError: (422, "validation", "The input is not valid"),
    NotFoundError: (404, "not-found", "Not found"),
    PermissionDeniedError: (403, "forbidden", "Not allowed"),
    AuthenticationError: (401, "unauthenticated", "Authentication failed"),
    ThrottledError: (429, "too-many-attempts", "Too many failed attempts"),
    StaleVersionError: (412, "stale-version", "The resource changed"),
    VersionRequiredError: (428, "version-required", "If-Match required"),
    RuleViolationError: (409, "rule-violation", "Refused by a rule"),
    ConflictError: (409, "conflict", "Conflict with existing data"),
    SchemaMismatchError: (503, "schema-mismatch", "Database schema mismatch"),
    DatabaseUnavailableError: (503, "database-unavailable", "Database unavailable"),
    ExternalServiceError: (502, "external-service", "An outside service failed"),
}


class FieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """RFC 7807 problem details; `errors` lists field errors of a 422."""

    type: str
    title: str
    status: int
    detail: str
    hint: str | None = None
    errors: list[FieldError] | None = None


def problem_type(slug: str) -> str:
    return f"urn:fopymes:problem:{slug}"


def problem_response(
    status: int,
    slug: str,
    title: str,
    detail: str,
    *,
    hint: str | None = None,
    errors: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = Problem(
        type=problem_type(slug), title=title, status=status, detail=detail, hint=hint, errors=errors
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=dict(headers) if headers else None,
    )


def body_field(reference: str) -> str:
    """The request body's name for a reference the services name by what it is: a body
    carries ids, so `category` arrives as `category_id`, `set_method` as `set_method_id`."""
    return reference if reference.endswith("_id") else f"{reference}_id"


def status_of(error: FopymesError) -> tuple[int, str, str]:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 400, "refused", "Refused"


# A 503 tells the client when to come back and nothing else: the real message names the
# database (host, port, role, database name) and quotes the driver, which only the
# operator may see, so it goes to the log (masked, see log_redaction) instead.
RETRY_AFTER_SECONDS = 5
UNAVAILABLE = {
    "schema-mismatch": "the database schema does not match this server; try again later",
    "database-unavailable": "the database is not available right now; try again shortly",
}


def _unavailable(slug: str, title: str, error: FopymesError) -> JSONResponse:
    log.warning("answering 503 %s: %s", slug, error.message)
    detail = UNAVAILABLE.get(slug, "the service is not available right now; try again shortly")
    return problem_response(
        503, slug, title, detail, headers={"Retry-After": str(RETRY_AFTER_SECONDS)}
    )


def from_error(error: FopymesError) -> JSONResponse:
    status, slug, title = status_of(error)
    if status == 503:
        return _unavailable(slug, title, error)
    headers: dict[str, str] = {}
    errors = None
    if isinstance(error, ValidationError):
        errors = [FieldError(field=error.field, message=error.rule)]
    if isinstance(error, UnknownReferenceError):
        errors = [FieldError(field=body_field(error.field), message=error.message)]
    if isinstance(error, AuthenticationError):
        headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    if isinstance(error, ThrottledError):
        headers["Retry-After"] = str(error.retry_after)
    return problem_response(
        status, slug, title, error.message, hint=error.hint, errors=errors, headers=headers
    )


def _field(location: tuple[Any, ...]) -> str:
    parts = [str(p) for p in location]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts) or "body"


def from_validation(error: RequestValidationError) -> JSONResponse:
    """Field errors from pydantic, without echoing the input (it may be a password)."""
    errors = [FieldError(field=_field(tuple(e["loc"])), message=e["msg"]) for e in error.errors()]
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors[:5])
    return problem_response(422, "validation", "The input is not valid", detail, errors=errors)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into a problem body."""

    async def on_fopymes_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, FopymesError)
        return from_error(exc)

    async def on_validation_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return from_validation(exc)

    async def on_http_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        slug = {404: "not-found", 405: "method-not-allowed", 413: "too-large"}.get(
            exc.status_code, "http"
        )
        return problem_response(
            exc.status_code, slug, str(exc.detail), str(exc.detail), headers=exc.headers
        )

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem_response(
            500, "internal", "Internal error", "the server failed; the error was logged"
        )

    app.add_exception_handler(FopymesError, on_fopymes_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)


_DESCRIPTIONS = {
    304: "Not modified (If-None-Match matched the ETag)",
    401: "Missing, invalid, expired or revoked credentials",
    403: "Your role does not allow this (viewers read only; owners manage members)",
    404: "No such thing in your workspaces (another workspace's ids answer the same)",
    409: "Conflicts with existing data or a rule",
    412: "If-Match does not match the current version",
    413: "The request body is too large",
    422: "The input is not valid; `errors` names each field",
    428: "This change needs If-Match with the ETag you read",
    429: "Too many failed attempts; see Retry-After",
    503: "The database is unreachable or its schema does not match",
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the problem statuses a route can answer."""
    documented: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        if status == 304:
            documented[status] = {"description": _DESCRIPTIONS[status]}
            continue
        documented[status] = {
            "model": Problem,
            "description": _DESCRIPTIONS[status],
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    return documented


READ = (401, 404, 422, 503)
WRITE = (401, 403, 404, 409, 413, 422, 503)
