"""Two processes writing at once lose nothing (SQLite with WAL + busy timeout; PostgreSQL)."""

from __future__ import annotations

import multiprocessing
from decimal import Decimal
from pathlib import Path

import pytest

from fopymes_server.core.context import AppContext
from tests.factories import new_owner

PER_PROCESS = 500


def _writer(url: str, home: str, user_id: int, workspace_id: int, tag: str) -> None:
    from fopymes_server.core.context import build_context
    from fopymes_server.core.principal import Principal, Role
    from fopymes_server.core.settings import Settings
    from fopymes_server.transactions import service
    from fopymes_server.transactions.schemas import TransactionCreate

    ctx = build_context(Settings(database_url=url, home=Path(home)))
    principal = Principal(user_id=user_id, workspace_id=workspace_id, role=Role.OWNER)
    for i in range(PER_PROCESS):
        with ctx.uow() as uow:
            service.record(
                uow,
                principal,
                data=TransactionCreate(
                    amount="1.01", description=f"{tag}-{i}", category="Groceries"
                ),
            )
    ctx.close()


@pytest.mark.slow
def test_two_processes_adding_500_transactions_each_lose_none(
    ctx: AppContext, database_url: str, tmp_path: Path
) -> None:
    owner = new_owner(ctx)
    p = owner.principal
    spawn = multiprocessing.get_context("spawn")
    workers = [
        spawn.Process(
            target=_writer, args=(database_url, str(tmp_path), p.user_id, p.workspace_id, tag)
        )
        for tag in ("a", "b")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [w.exitcode for w in workers] == [0, 0]
    from fopymes_server.transactions import service

    with ctx.uow(write=False) as uow:
        page = service.list_transactions(uow, p, limit=5000)
    descriptions = {tx.description for tx in page.items}
    assert len(page.items) == 2 * PER_PROCESS
    assert descriptions == {f"{tag}-{i}" for tag in "ab" for i in range(PER_PROCESS)}
    assert page.totals[0].expense == 2 * PER_PROCESS * Decimal("1.01")
