"""The API gives the one definition of income, expense and transfer the services give.

The workspace of `tests/services/test_movements.py` (every kind of money movement: by hand,
goals, debt principal and interest, transfers by hand and by a schedule, an import) read
over REST: the transaction list's totals and the report's figures are the ones every other
front end shows.
"""

from __future__ import annotations

from decimal import Decimal

from fastapi.testclient import TestClient

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.identity import service as identity
from tests.api.conftest import API
from tests.services.test_movements import EXPENSE, INCOME, books

__all__ = ["books"]


def test_the_api_counts_income_and_expense_as_every_front_end_does(
    client: TestClient, ctx: AppContext, books: Principal
) -> None:
    with ctx.uow() as uow:
        token = identity.create_token(uow, books.user_id, name="t", expires_in_days=None).secret
    headers = {"Authorization": f"Bearer {token}"}
    base = f"{API}/workspaces/{books.workspace_id}"
    page = client.get(f"{base}/transactions", params={"month": "2026-11"}, headers=headers)
    assert page.status_code == 200, page.text
    [totals] = page.json()["totals"]
    assert (Decimal(totals["income"]), Decimal(totals["expense"])) == (INCOME, EXPENSE)
    kinds = sorted(item["movement"] for item in page.json()["items"])
    assert kinds.count("transfer") == 6
    report = client.get(f"{base}/reports", params={"month": "2026-11"}, headers=headers).json()
    kpis = report["kpis"]
    assert (Decimal(kpis["income"]), Decimal(kpis["expense"])) == (INCOME, EXPENSE)
