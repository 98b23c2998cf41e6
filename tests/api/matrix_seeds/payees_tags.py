"""Payee and tag routes for the authorization matrix: one of each in the owner's workspace."""

from __future__ import annotations

from fopymes_server.core.context import AppContext
from tests.api.conftest import Caller
from tests.factories import record


def seed(ctx: AppContext, owner: Caller) -> dict[str, int]:
    tx = record(ctx, owner.person.principal, payee="Matrix Shop", tags=["matrix"])
    assert tx.payee_id is not None
    with ctx.uow(write=False) as uow:
        [tag] = uow.tags.with_counts(owner.person.principal.workspace_id)
    return {"payee_id": tx.payee_id, "tag_id": tag.id}
