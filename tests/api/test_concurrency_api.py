"""Concurrent requests against a real uvicorn: idempotency keys and If-Match hold.

The guarantees come from the database (a unique key, `UPDATE ... WHERE version = ...`),
not from a lock in this process, so they hold across server instances as well.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx2

from fopymes_server.core.context import AppContext
from fopymes_server.transactions import service as transactions
from tests.api.conftest import Caller, LiveServer
from tests.factories import record

BODY = {"amount": "9.99", "date": "2026-11-03", "description": "Retried"}


def test_fifty_concurrent_posts_with_one_key_create_exactly_one_transaction(
    ctx: AppContext, owner: Caller, live_server: Callable[..., LiveServer]
) -> None:
    server = live_server()
    url = f"{server.url}{owner.workspace}/transactions"
    headers = {**owner.headers, "Idempotency-Key": "same-key-for-all"}
    with httpx2.Client(timeout=120) as http, ThreadPoolExecutor(50) as pool:
        responses = list(pool.map(lambda _: http.post(url, json=BODY, headers=headers), range(50)))
    assert Counter(r.status_code for r in responses) == {201: 50}
    assert len({r.json()["id"] for r in responses}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 49
    with ctx.uow(write=False) as uow:
        page = transactions.list_transactions(uow, owner.person.principal)
    assert [tx.description for tx in page.items] == ["Retried"]


def test_twenty_concurrent_patches_with_one_if_match_let_exactly_one_win(
    ctx: AppContext, owner: Caller, live_server: Callable[..., LiveServer]
) -> None:
    server = live_server()
    tx = record(ctx, owner.person.principal)
    url = f"{server.url}{owner.workspace}/transactions/{tx.id}"

    def patch(n: int) -> httpx2.Response:
        return http.patch(
            url, json={"note": f"writer {n}"}, headers={**owner.headers, "If-Match": '"v1"'}
        )

    with httpx2.Client(timeout=120) as http, ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(patch, range(20)))
    assert Counter(r.status_code for r in responses) == {200: 1, 412: 19}
    winner = next(r for r in responses if r.status_code == 200).json()
    with ctx.uow(write=False) as uow:
        stored = transactions.get(uow, owner.person.principal, tx.id)
    assert (stored.version, stored.note) == (2, winner["note"])
