"""Payee and tags in the transaction form (with payee completion) and the ledger's tag filter."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, Static

from fopymes_cli.tui.app import FopymesApp
from fopymes_cli.tui.screens.transaction_form import TransactionForm
from fopymes_cli.tui.screens.transactions import TransactionsScreen
from fopymes_cli.tui.widgets.transaction_table import TransactionTable
from fopymes_server.transactions import service as transactions
from tests.factories import record
from tests.tui.conftest import World
from tests.tui.helpers import settle, type_into, wait_for

SIZE = (100, 32)


def _table(app: FopymesApp) -> TransactionTable:
    assert isinstance(app.screen, TransactionsScreen)
    return app.screen.query_one(TransactionTable)


def test_the_form_completes_a_known_payee_and_saves_payee_and_tags(sqlite_world: World) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    record(ctx, owner, "3.00", payee="Café Central")

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, TransactionForm)
            app.screen.query_one("#amount", Input).value = "4.50"
            app.screen.query_one("#description", Input).value = "Breakfast"
            await type_into(pilot, "#payee", "caf")
            await wait_for(
                pilot,
                lambda: bool(app.screen.query_one("#payee", Input)._suggestion),
                "the payee suggestion",
            )
            await pilot.press("right")
            assert app.screen.query_one("#payee", Input).value.casefold() == "café central"
            await type_into(pilot, "#tags", "trip-2026 work")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, TransactionForm)

    asyncio.run(scenario())
    with ctx.uow(write=False) as uow:
        newest = transactions.list_transactions(uow, owner).items[0]
    assert (newest.description, newest.payee, newest.tags) == (
        "Breakfast",
        "Café Central",
        ["trip-2026", "work"],
    )


def test_a_bad_tag_is_shown_beside_the_tags_box(sqlite_world: World) -> None:
    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            app.screen.query_one("#amount", Input).value = "1"
            app.screen.query_one("#description", Input).value = "x"
            await type_into(pilot, "#tags", "café")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, TransactionForm)
            line = app.screen.query_one("#tags-error", Static)
            assert line.display
            assert "letters a-z" in str(line.render())

    asyncio.run(scenario())


def test_the_ledger_filters_by_tag_and_names_an_unknown_one(sqlite_world: World) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    record(ctx, owner, "10.00", description="Hotel", tags=["trip"])
    record(ctx, owner, "5.00", description="Bakery")

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("t")
            await settle(pilot)
            assert _table(app).row_count == 2
            await type_into(pilot, "#filter-tag", "TRIP")
            await pilot.press("enter")
            await settle(pilot)
            assert _table(app).row_count == 1
            await type_into(pilot, "#filter-tag", "trp")
            await pilot.press("enter")
            await settle(pilot)
            error = str(app.screen.query_one("#filter-error", Static).render())
            assert "no tag 'trp'" in error
            assert "trip" in error

    asyncio.run(scenario())
