"""The Accounts screen: each account's balance and net worth, as `account list` gives them."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Static

from fopymes_cli.tui.app import FopymesApp
from fopymes_cli.tui.formatting import money
from fopymes_cli.tui.screens.accounts import AccountsScreen
from fopymes_server.accounts import service as accounts
from fopymes_server.transactions.schemas import Kind
from tests.factories import record
from tests.tui.conftest import World
from tests.tui.helpers import settle


def _rows(app: FopymesApp) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [" | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def test_the_accounts_screen_shows_the_balances_of_account_list(sqlite_world: World) -> None:
    record(sqlite_world.ctx, sqlite_world.principal, "55.00", category="Restaurants")
    record(sqlite_world.ctx, sqlite_world.principal, "1200.00", kind=Kind.INCOME)
    with sqlite_world.ctx.uow(write=False) as uow:
        sheet = accounts.balance_sheet(uow, sqlite_world.principal)
    assert sheet.accounts

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press("l")
            await settle(pilot)
            assert isinstance(app.screen, AccountsScreen)
            rows = _rows(app)
            assert len(rows) == len(sheet.accounts)
            for row, line in zip(rows, sheet.accounts, strict=True):
                assert row.startswith(line.name)
                assert row.endswith(money(line.balance, line.currency))
            title = str(app.screen.query_one("#plan-title", Static).render())
            for total in sheet.totals:
                assert f"net worth {money(total.net_worth, total.currency)}" in title

    asyncio.run(scenario())
