"""Events are recorded with the change that caused them, announced on commit, scoped."""

from __future__ import annotations

import threading

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import ValidationError
from fopymes_server.events import service as events
from fopymes_server.events.feed import ChangeFeed
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import TransactionCreate, TransactionUpdate
from tests.factories import new_owner, record


def _since(ctx: AppContext, principal, after: int = 0):  # type: ignore[no-untyped-def]
    with ctx.uow(write=False) as uow:
        return events.since(uow, principal, after)


def test_transaction_changes_are_recorded_as_events_with_versions(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    created = record(ctx, owner.principal)
    with ctx.uow() as uow:
        transactions.edit(uow, owner.principal, created.id, changes=TransactionUpdate(note="n"))
    with ctx.uow() as uow:
        transactions.delete(uow, owner.principal, created.id)
    seen = [(e.type, e.entity_id, e.version) for e in _since(ctx, owner.principal)]
    assert seen == [
        ("transaction.created", created.id, 1),
        ("transaction.updated", created.id, 2),
        ("transaction.deleted", created.id, 2),
    ]


def test_a_failed_change_records_no_event(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with pytest.raises(ValidationError), ctx.uow() as uow:
        transactions.record(
            uow, owner.principal, data=TransactionCreate(amount="x", description="bad")
        )
    assert _since(ctx, owner.principal) == []


def test_events_of_one_workspace_never_reach_another(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    stranger = new_owner(ctx)
    record(ctx, owner.principal)
    assert _since(ctx, stranger.principal) == []
    with ctx.uow(write=False) as uow:
        assert events.latest_id(uow, owner.principal) > 0
        assert events.latest_id(uow, stranger.principal) == 0


def test_postgresql_announces_a_commit_to_a_listener_in_another_connection(
    ctx: AppContext, backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite readers poll; there is nothing to announce")
    owner = new_owner(ctx)
    feed = ChangeFeed(ctx.database)
    try:
        feed.wait(0.01)  # connect and LISTEN before the change
        writer = threading.Thread(target=record, args=(ctx, owner.principal))
        writer.start()
        writer.join()
        received = feed.wait(10)
    finally:
        feed.close()
    assert received
    assert f'"workspace_id": {owner.principal.workspace_id}' in received[0]
