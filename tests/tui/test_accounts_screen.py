"""The Accounts screen: each account's balance, cleared balance and net worth, as `account
list` gives them, and an account's register with its running balance, paged."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from decimal import Decimal

from textual.widgets import DataTable, Static

from fopymes_cli.tui.app import FopymesApp
from fopymes_cli.tui.formatting import money
from fopymes_cli.tui.screens.accounts import AccountsScreen
from fopymes_cli.tui.screens.register import PAGE_SIZE as REGISTER_PAGE
from fopymes_cli.tui.screens.register import RegisterScreen
from fopymes_cli.tui.widgets.fitted_table import FittedTable
from fopymes_server.accounts import service as accounts
from fopymes_server.transactions.schemas import Kind
from tests.factories import move, record
from tests.tui.books import open_accounts
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


def _column(app: FopymesApp, title: str) -> list[str]:
    table = app.screen.query_one(FittedTable)
    titles = [str(column.label.plain) for column in table.ordered_columns]
    index = titles.index(title)
    return [str(table.get_row_at(row)[index]) for row in range(table.row_count)]


def test_the_cleared_column_leaves_out_pending_lines(sqlite_world: World) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    open_accounts(ctx, owner)
    record(ctx, owner, "55.00", payment_method="Bank", description="Cleared one")
    record(ctx, owner, "20.00", payment_method="Bank", description="Pending", status="pending")
    with ctx.uow(write=False) as uow:
        sheet = accounts.balance_sheet(uow, owner)
    bank = next(line for line in sheet.accounts if line.name == "Bank")
    assert (bank.balance, bank.cleared_balance) == (Decimal("925.00"), Decimal("945.00"))

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            await settle(pilot)
            names = _column(app, "Account")
            assert _column(app, "Cleared") == [
                money(line.cleared_balance or Decimal(0), line.currency) for line in sheet.accounts
            ]
            assert _column(app, "Balance")[names.index("Bank")] == "925.00 EUR"
            assert _column(app, "Cleared")[names.index("Bank")] == "945.00 EUR"

    asyncio.run(scenario())


def test_enter_opens_the_register_whose_balance_runs_from_the_opening(
    sqlite_world: World,
) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    open_accounts(ctx, owner)
    record(ctx, owner, "2450", kind=Kind.INCOME, payment_method="Bank", date="2026-10-27")
    record(ctx, owner, "950.00", payment_method="Bank", description="Rent", date="2026-11-01")
    move(ctx, owner, "100.00", "Bank", "Cash", date="2026-11-03")
    move(ctx, owner, "40.00", "Card", "Bank", date="2026-11-04")

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press("l")
            await settle(pilot)
            names = _column(app, "Account")
            app.screen.query_one(FittedTable).move_cursor(row=names.index("Bank"))
            await pilot.press("enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, RegisterScreen)
            assert "opened 2026-01-01 with 1,000.00 EUR" in str(
                screen.query_one("#plan-title", Static).render()
            )
            assert _column(app, "Date") == ["2026-11-04", "2026-11-03", "2026-11-01", "2026-10-27"]
            assert _column(app, "Amount") == [
                "+40.00 EUR",
                "-100.00 EUR",
                "-950.00 EUR",
                "+2,450.00 EUR",
            ]
            assert _column(app, "Category or account")[:2] == ["← Card", "→ Cash"]
            # Newest first: each balance is the opening plus every movement up to that line.
            amounts = [Decimal("40"), Decimal("-100"), Decimal("-950"), Decimal("2450")]
            expected = [
                money(Decimal("1000.00") + sum(amounts[row:], Decimal(0)), "EUR")
                for row in range(len(amounts))
            ]
            assert _column(app, "Balance") == expected
            assert expected[0] == "2,440.00 EUR"
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, AccountsScreen)

    asyncio.run(scenario())


def test_the_register_loads_older_lines_near_the_bottom(sqlite_world: World) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    open_accounts(ctx, owner)
    count = REGISTER_PAGE + 30
    for day in range(count):
        when = date(2026, 1, 1) + timedelta(days=day)
        record(ctx, owner, f"{day + 1}.00", payment_method="Bank", date=when.isoformat())
    with ctx.uow(write=False) as uow:
        every = accounts.register(uow, owner, "Bank", limit=accounts.MAX_PAGE_SIZE).items

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press("l")
            await settle(pilot)
            names = _column(app, "Account")
            app.screen.query_one(FittedTable).move_cursor(row=names.index("Bank"))
            await pilot.press("enter")
            await settle(pilot)
            table = app.screen.query_one(FittedTable)
            status = app.screen.query_one("#register-status", Static)
            assert table.row_count == REGISTER_PAGE
            assert "older below" in str(status.render())
            table.move_cursor(row=table.row_count - 1)
            await settle(pilot)
            assert table.row_count == count
            assert "older below" not in str(status.render())
            assert _column(app, "Balance") == [money(line.balance, "EUR") for line in every]
            total = sum(range(1, count + 1))
            assert _column(app, "Balance")[-1] == money(Decimal(1000 - 1), "EUR")
            assert _column(app, "Balance")[0] == money(Decimal(1000 - total), "EUR")

    asyncio.run(scenario())
