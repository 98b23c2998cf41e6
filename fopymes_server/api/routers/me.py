"""/me and /tokens: the signed-in user, their password and personal access tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT32
from fopymes_server.api.bodies.identity import PasswordChangeIn, TokenIn, TokenList
from fopymes_server.api.deps import NO_STORE, IdentityDep, UowDep
from fopymes_server.identity import service as identity
from fopymes_server.identity.schemas import Me, TokenCreated

router = APIRouter(tags=["me"])
TokenId = Annotated[int, Path(ge=1, le=MAX_INT32, description="One of your token ids.")]


@router.get(
    "/me",
    response_model=Me,
    summary="Who you are and your workspaces",
    responses=problems.responses(304, 401, 503),
)
def me(request: Request, uow: UowDep, signed_in: IdentityDep) -> Response:
    return etag.json_read(request, identity.me(uow, signed_in.user.id).model_dump_json())


@router.post(
    "/me/password",
    status_code=204,
    response_class=Response,
    summary="Change your password",
    responses=problems.responses(401, 413, 422, 503),
)
def change_password(body: PasswordChangeIn, uow: UowDep, signed_in: IdentityDep) -> Response:
    """Every session, sign-in and personal access token of yours ends; sign in again."""
    identity.change_password(
        uow, signed_in.user.id, current=body.current_password, new=body.new_password
    )
    return Response(status_code=204)


@router.get(
    "/tokens",
    response_model=TokenList,
    summary="Your personal access tokens (never their secrets)",
    responses=problems.responses(304, 401, 503),
)
def list_tokens(request: Request, uow: UowDep, signed_in: IdentityDep) -> Response:
    items = identity.tokens(uow, signed_in.user.id)
    return etag.json_read(request, TokenList(items=items).model_dump_json())


@router.post(
    "/tokens",
    status_code=201,
    response_model=TokenCreated,
    dependencies=NO_STORE,
    summary="Create a personal access token (fop_...), shown once",
    responses=problems.responses(401, 413, 422, 503),
)
def create_token(body: TokenIn, uow: UowDep, signed_in: IdentityDep) -> TokenCreated:
    """Not idempotent on purpose: a stored replay would keep the secret in the database."""
    return identity.create_token(
        uow, signed_in.user.id, name=body.name, expires_in_days=body.expires_in_days
    )


@router.delete(
    "/tokens/{token_id}",
    status_code=204,
    response_class=Response,
    summary="Revoke one of your tokens",
    responses=problems.responses(401, 404, 422, 503),
)
def revoke_token(token_id: TokenId, uow: UowDep, signed_in: IdentityDep) -> Response:
    identity.revoke_token(uow, signed_in.user.id, token_id)
    return Response(status_code=204)
