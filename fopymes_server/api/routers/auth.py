"""/auth: login, refresh rotation, logout and (when allowed) sign-up."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from fopymes_server.api import problems
from fopymes_server.api.bodies.auth import LoginIn, RefreshIn, SignupIn
from fopymes_server.api.deps import NO_STORE, CtxDep, OptionsDep, UowDep
from fopymes_server.identity import refresh
from fopymes_server.identity.schemas import SignedUp, TokenPairOut

router = APIRouter(prefix="/auth", tags=["auth"])
_AUTH_ERRORS = problems.responses(401, 413, 422, 503)


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.post(
    "/login",
    response_model=TokenPairOut,
    dependencies=NO_STORE,
    summary="Sign in with e-mail and password",
    responses=problems.responses(401, 413, 422, 429, 503),
)
def login(
    body: LoginIn, request: Request, uow: UowDep, ctx: CtxDep, options: OptionsDep
) -> TokenPairOut:
    """An access token (short-lived, for `Authorization: Bearer`) and a refresh token.

    Failed attempts are counted per account and per client address in the database, so
    every instance shares them; past the limit the answer is 429 with Retry-After.
    """
    return refresh.login(
        uow,
        email=body.email,
        password=body.password,
        address=_client(request),
        lifetimes=options.lifetimes(ctx.settings.session_lifetime),
        policy=options.throttle_policy,
    )


@router.post(
    "/refresh",
    response_model=TokenPairOut,
    dependencies=NO_STORE,
    summary="Exchange a refresh token for a new pair",
    responses=_AUTH_ERRORS,
)
def rotate(body: RefreshIn, uow: UowDep, ctx: CtxDep, options: OptionsDep) -> TokenPairOut:
    """The refresh token is single-use: presenting one twice revokes the whole sign-in."""
    return refresh.rotate(
        uow, body.refresh_token, lifetimes=options.lifetimes(ctx.settings.session_lifetime)
    )


@router.post(
    "/logout",
    status_code=204,
    response_class=Response,
    summary="End the sign-in of a refresh token",
    responses=_AUTH_ERRORS,
)
def logout(body: RefreshIn, uow: UowDep) -> Response:
    """Its refresh token and every access token of that sign-in stop working at once."""
    refresh.logout(uow, body.refresh_token)
    return Response(status_code=204)


@router.post(
    "/signup",
    status_code=201,
    response_model=SignedUp,
    summary="Open registration (off unless the server runs with --allow-signup)",
    responses=problems.responses(403, 409, 413, 422, 503),
)
def signup(body: SignupIn, uow: UowDep, options: OptionsDep) -> SignedUp:
    """A new user with a workspace of their own; sign in afterwards with /auth/login."""
    return refresh.signup(
        uow,
        allowed=options.allow_signup,
        email=body.email,
        name=body.name,
        password=body.password,
        workspace_name=body.workspace,
        currency=body.currency,
    )
