"""The transaction form splits an amount among categories; the ledger shows the parts.

Parts are added with ctrl+n (the first press gives two: a split has at least two), removed
with their × button, and the line below them says what is left to assign of the amount.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

from textual.widgets import Button, Input, Static

from fopymes_cli.tui.app import FopymesApp
from fopymes_cli.tui.screens.transaction_form import TransactionForm
from fopymes_cli.tui.screens.transactions import TransactionsScreen
from fopymes_cli.tui.widgets.split_parts import PartRow, SplitParts
from fopymes_cli.tui.widgets.transaction_table import TransactionTable
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import SplitCreate, TransactionCreate
from tests.tui.conftest import World
from tests.tui.helpers import settle, type_into

SIZE = (100, 40)


def _household(world: World) -> None:
    with world.ctx.uow() as uow:
        categories.add(uow, world.principal, name="Household", kind=CategoryKind.EXPENSE)


def _left(app: FopymesApp) -> str:
    return str(app.screen.query_one("#split-left", Static).render())


def _rows(app: FopymesApp) -> list[PartRow]:
    return app.screen.query_one(SplitParts).rows


async def _fill(app: FopymesApp, row: PartRow, category: str, amount: str) -> None:
    row.query_one(".part-category", Input).value = category
    row.query_one(".part-amount", Input).value = amount
    await asyncio.sleep(0)


def test_a_split_is_added_in_the_form_with_what_is_left_shown(world: World) -> None:
    _household(world)

    async def scenario() -> None:
        app = world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, TransactionForm)
            await type_into(pilot, "#amount", "85.40")
            app.screen.query_one("#description", Input).value = "Mercadona"
            await pilot.press("ctrl+n")
            await settle(pilot)
            rows = _rows(app)
            assert len(rows) == 2
            assert not app.screen.query_one("#category-row").display
            await _fill(app, rows[0], "Groceries", "60")
            await settle(pilot)
            assert _left(app) == "the blank part takes 25.40"
            await _fill(app, rows[1], "Household", "30")
            await settle(pilot)
            assert _left(app) == "4.60 over the total"
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert len(_rows(app)) == 3
            await pilot.click(_rows(app)[2].query_one(Button))
            await settle(pilot)
            assert len(_rows(app)) == 2
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, TransactionForm)
            error = app.screen.query_one("#parts-error", Static)
            assert "the parts add up to 90.00, 4.60 more than the total 85.40" in str(
                error.render()
            )
            await _fill(app, _rows(app)[1], "Household", "25.40")
            await settle(pilot)
            assert _left(app) == "all assigned"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, TransactionForm)

    asyncio.run(scenario())
    with world.ctx.uow(write=False) as uow:
        [saved] = transactions.list_transactions(uow, world.principal).items
    assert [(p.category, p.amount) for p in saved.splits] == [
        ("Groceries", Decimal("60.00")),
        ("Household", Decimal("25.40")),
    ]


def test_editing_a_split_shows_its_parts_and_removing_them_unsplits_it(world: World) -> None:
    _household(world)
    with world.ctx.uow() as uow:
        recorded = transactions.record(
            uow,
            world.principal,
            data=TransactionCreate(
                amount="85.40",
                date="2026-11-03",
                description="Mercadona",
                splits=[
                    SplitCreate(category="Groceries", amount="60"),
                    SplitCreate(category="Household"),
                ],
            ),
        )

    async def scenario() -> None:
        app = world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("t")
            await settle(pilot)
            assert isinstance(app.screen, TransactionsScreen)
            table = app.screen.query_one(TransactionTable)
            row = table.get_row(str(recorded.id))
            assert "Split: Groceries, Household" in str(row[2])
            await app.push_screen(TransactionForm(table.items[recorded.id]))
            await settle(pilot)
            rows = _rows(app)
            assert [r.text()[:2] for r in rows] == [("Groceries", "60.00"), ("Household", "25.40")]
            for part in rows:
                await pilot.click(part.query_one(Button))
                await settle(pilot)
            assert app.screen.query_one("#category-row").display
            await type_into(pilot, "#category", "Groceries")
            await pilot.press("ctrl+s")
            await settle(pilot)

    asyncio.run(scenario())
    with world.ctx.uow(write=False) as uow:
        saved = transactions.get(uow, world.principal, recorded.id)
    assert (saved.category, saved.splits) == ("Groceries", [])
