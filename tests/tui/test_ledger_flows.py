"""The transactions screen: lazy pages, filters, sorting, editing and deleting."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, Select, Static

from fopymes_cli.tui.app import FopymesApp
from fopymes_cli.tui.screens.confirm import ConfirmScreen
from fopymes_cli.tui.screens.transaction_form import TransactionForm
from fopymes_cli.tui.screens.transactions import PAGE_SIZE, TransactionsScreen
from fopymes_cli.tui.widgets.filter_bar import UNCATEGORISED
from fopymes_cli.tui.widgets.transaction_table import SortKey, TransactionTable
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import Kind, TransactionCreate
from tests.factories import record
from tests.tui.conftest import World
from tests.tui.helpers import settle, type_into, wait_for

SIZE = (100, 32)


def _table(app: FopymesApp) -> TransactionTable:
    assert isinstance(app.screen, TransactionsScreen)
    return app.screen.query_one(TransactionTable)


def _status(app: FopymesApp) -> str:
    return str(app.screen.query_one("#ledger-status", Static).render())


def _descriptions(app: FopymesApp) -> list[str]:
    table = _table(app)
    return [str(table.get_row_at(row)[1]) for row in range(table.row_count)]


def test_the_ledger_loads_one_page_then_the_next_near_the_bottom(demo_world: World) -> None:
    async def scenario() -> None:
        app = demo_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("t")
            await settle(pilot)
            table = _table(app)
            assert table.row_count == PAGE_SIZE
            assert "more below" in _status(app)
            table.move_cursor(row=PAGE_SIZE - 1)
            await settle(pilot)
            assert table.row_count == 2 * PAGE_SIZE
            table.move_cursor(row=table.row_count - 1)
            await settle(pilot)
            table.move_cursor(row=table.row_count - 1)
            await settle(pilot)
            assert "all" in _status(app)
            assert "more below" not in _status(app)
            with demo_world.ctx.uow(write=False) as uow:
                everything = transactions.list_transactions(
                    uow, demo_world.principal, limit=transactions.MAX_PAGE_SIZE
                )
            assert table.row_count == len(everything.items)
            net = everything.totals[0].net
            assert f"net {net:,.2f} EUR" in _status(app)

    asyncio.run(scenario())


def test_filters_narrow_the_table_and_totals_follow(sqlite_world: World) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    record(ctx, owner, "950.00", category="Housing", description="Rent", date="2026-11-01")
    record(ctx, owner, "950.00", category="Housing", description="Rent", date="2026-10-01")
    record(ctx, owner, "12.40", category="Groceries", description="Bakery", date="2026-11-03")
    record(ctx, owner, "2450", kind=Kind.INCOME, description="Salary", date="2026-11-27")

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("t")
            await settle(pilot)
            assert _table(app).row_count == 4
            await pilot.press("slash", *"rent")
            await wait_for(pilot, lambda: _table(app).row_count == 2, "the text filter")
            await settle(pilot)
            assert "out 1,900.00 EUR" in _status(app)
            await type_into(pilot, "#filter-period", "2026-11")
            await pilot.press("enter")
            await settle(pilot)
            assert _descriptions(app) == ["Rent"]
            await pilot.press("escape")
            await settle(pilot)
            assert _table(app).row_count == 4
            await type_into(pilot, "#filter-category", "Grocerys")
            await pilot.press("enter")
            await settle(pilot)
            error = str(app.screen.query_one("#filter-error", Static).render())
            assert "no category 'Grocerys'" in error
            assert "Groceries" in error
            await type_into(pilot, "#filter-period", "2026-13")
            await pilot.press("enter")
            await settle(pilot)
            error = str(app.screen.query_one("#filter-error", Static).render())
            assert "period: '2026-13' is not a period" in error

    asyncio.run(scenario())


def test_the_kind_box_lists_the_uncategorised_and_search_ignores_accents(
    sqlite_world: World,
) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    record(ctx, owner, "3.10", category="Restaurants", description="CAFÉ Central")
    with ctx.uow() as uow:
        transactions.record(
            uow,
            owner,
            data=TransactionCreate(amount="2.50", description="Loose", date="2026-11-02"),
        )

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("t")
            await settle(pilot)
            assert _table(app).row_count == 2
            app.screen.query_one("#filter-kind", Select).value = UNCATEGORISED
            await wait_for(pilot, lambda: _table(app).row_count == 1, "the kind box")
            assert _descriptions(app) == ["Loose"]
            app.screen.query_one("#filter-kind", Select).clear()
            await wait_for(pilot, lambda: _table(app).row_count == 2, "any kind")
            await pilot.press("slash", *"cafe")
            await wait_for(pilot, lambda: _table(app).row_count == 1, "the text filter")
            assert _descriptions(app) == ["CAFÉ Central"]

    asyncio.run(scenario())


def test_sorting_reorders_the_loaded_rows(sqlite_world: World) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    record(ctx, owner, "5.00", description="small", date="2026-11-03")
    record(ctx, owner, "500.00", description="large", date="2026-11-01")
    record(ctx, owner, "50.00", description="medium", date="2026-11-02")

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("t")
            await settle(pilot)
            assert _descriptions(app) == ["small", "medium", "large"]
            _table(app).sort_by(SortKey.AMOUNT)  # as clicking the Amount header does
            await settle(pilot)
            # Expenses are negative, so the largest expense sorts lowest.
            assert _descriptions(app) == ["small", "medium", "large"]
            _table(app).sort_by(SortKey.AMOUNT)
            assert _descriptions(app) == ["large", "medium", "small"]
            await pilot.press("s")  # amount -> the next column in the cycle
            await settle(pilot)
            assert _table(app).sort_key is SortKey.DATE
            assert _descriptions(app) == ["small", "medium", "large"]

    asyncio.run(scenario())


def test_edit_and_delete_from_the_table(sqlite_world: World) -> None:
    record(sqlite_world.ctx, sqlite_world.principal, "8.00", description="Tea")

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("t")
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, TransactionForm)
            assert app.screen.query_one("#amount", Input).value == "8.00"
            await type_into(pilot, "#amount", "8*2")
            await type_into(pilot, "#note", "two cups")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, TransactionsScreen)
            await wait_for(pilot, lambda: "out 16.00 EUR" in _status(app), "the edited row")
            await pilot.press("delete")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(pilot)
            await wait_for(pilot, lambda: _table(app).row_count == 0, "the deleted row")

    asyncio.run(scenario())
    with sqlite_world.ctx.uow(write=False) as uow:
        assert transactions.list_transactions(uow, sqlite_world.principal).items == []
