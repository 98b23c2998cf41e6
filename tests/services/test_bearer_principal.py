"""One query answers a personal access token's request, with the long way's every refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import AuthenticationError, FopymesError, NotFoundError
from fopymes_server.core.principal import Principal, Role
from fopymes_server.identity import refresh
from fopymes_server.identity import service as identity
from tests.factories import add_member, at_noon, hand_clock, new_owner

ACCESS = refresh.Lifetimes().access


def _token(ctx: AppContext, user_id: int, days: int | None = None) -> tuple[int, str]:
    with ctx.uow() as uow:
        made = identity.create_token(uow, user_id, name="t", expires_in_days=days)
    return made.token.id, made.secret


def _principal(ctx: AppContext, token: str, workspace_id: int, *, write: bool = False) -> Principal:
    with ctx.uow(write=write) as uow:
        principal = refresh.principal_for_bearer(uow, token, workspace_id, access_lifetime=ACCESS)
        uow.commit()
        return principal


def _long_way(ctx: AppContext, token: str, workspace_id: int) -> Principal:
    with ctx.uow(write=False) as uow:
        signed_in = refresh.authenticate_bearer(uow, token, access_lifetime=ACCESS)
        return identity.principal_for(uow, signed_in.user.id, workspace_id)


def _refusal(call, *args) -> tuple[type[FopymesError], str]:  # type: ignore[no-untyped-def]
    with pytest.raises(FopymesError) as refused:
        call(*args)
    return type(refused.value), refused.value.message


def test_a_members_token_gives_their_role_in_each_workspace(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    viewer = add_member(ctx, owner, Role.VIEWER)
    _, secret = _token(ctx, viewer.principal.user_id)
    workspace = owner.principal.workspace_id
    assert _principal(ctx, secret, workspace) == _long_way(ctx, secret, workspace)
    assert _principal(ctx, secret, workspace).role is Role.VIEWER


def test_every_refusal_is_the_long_ways_own(ctx: AppContext) -> None:
    hand = hand_clock(ctx, at_noon("2026-11-01"))
    owner = new_owner(ctx)
    stranger = new_owner(ctx)
    workspace = owner.principal.workspace_id
    _, strangers = _token(ctx, stranger.principal.user_id)
    token_id, revoked = _token(ctx, owner.principal.user_id)
    with ctx.uow() as uow:
        identity.revoke_token(uow, owner.principal.user_id, token_id)
    _, expiring = _token(ctx, owner.principal.user_id, days=1)
    hand.move_to(at_noon("2026-11-01") + timedelta(days=2))
    cases = {
        strangers: NotFoundError,  # a workspace they are not in: like a missing one
        revoked: AuthenticationError,
        expiring: AuthenticationError,
        "fop_never-issued": AuthenticationError,
    }
    for secret, kind in cases.items():
        fast = _refusal(_principal, ctx, secret, workspace)
        assert fast == _refusal(_long_way, ctx, secret, workspace)
        assert fast[0] is kind


def test_a_write_request_records_when_the_token_was_last_used(ctx: AppContext) -> None:
    hand_clock(ctx, at_noon("2026-11-03"))
    owner = new_owner(ctx)
    _, secret = _token(ctx, owner.principal.user_id)
    _principal(ctx, secret, owner.principal.workspace_id, write=True)
    with ctx.uow(write=False) as uow:
        [*_, listed] = identity.tokens(uow, owner.principal.user_id)
    assert listed.last_used_at == at_noon("2026-11-03")


def test_last_use_is_recorded_once_a_minute_not_on_every_write(ctx: AppContext) -> None:
    hand = hand_clock(ctx, at_noon("2026-11-03"))
    owner = new_owner(ctx)
    _, secret = _token(ctx, owner.principal.user_id)
    workspace = owner.principal.workspace_id
    seen = []
    for seconds in (0, 30, 31):
        hand.advance(seconds=seconds)
        _principal(ctx, secret, workspace, write=True)
        with ctx.uow(write=False) as uow:
            [*_, listed] = identity.tokens(uow, owner.principal.user_id)
        seen.append(listed.last_used_at)
    noon = at_noon("2026-11-03")
    assert seen == [noon, noon, noon + timedelta(seconds=61)]
