"""Refusals beside their field, categories, the workspace switcher, help and the palette."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import DataTable, Input, Static

from fopymes_cli.tui.app import FopymesApp
from fopymes_cli.tui.screens.categories import CategoriesScreen
from fopymes_cli.tui.screens.dashboard import DashboardScreen
from fopymes_cli.tui.screens.help import HelpScreen
from fopymes_cli.tui.screens.transaction_form import TransactionForm
from fopymes_server.categories import service as categories
from fopymes_server.identity import service as identity
from fopymes_server.transactions import service as transactions
from tests.factories import record
from tests.tui.conftest import World
from tests.tui.helpers import settle, type_into, wait_for

SIZE = (100, 32)


def _error(app: FopymesApp, box: str) -> str:
    line = app.screen.query_one(f"#{box}-error", Static)
    return str(line.render()) if line.display else ""


@pytest.mark.parametrize(
    ("box", "typed", "expected"),
    [
        ("amount", "10.005", "more decimals than EUR allows"),
        ("amount", "12+", "the expression ends too early"),
        ("date", "2026-02-30", "'2026-02-30' is not a date"),
        ("category", "Grocerys", "did you mean 'Groceries'?"),
        ("category", "Salary", "'Salary' is an income category, not expense"),
        ("method", "Wallet", "no account 'Wallet'"),
        ("description", "   ", "must not be empty"),
    ],
)
def test_a_refusal_shows_beside_its_field_and_writes_nothing(
    sqlite_world: World, box: str, typed: str, expected: str
) -> None:
    values = {"amount": "4.20", "description": "Coffee", box: typed}

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            for name, text in values.items():
                app.screen.query_one(f"#{name}", Input).value = text
            await type_into(pilot, f"#{box}", typed)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, TransactionForm)
            assert expected in _error(app, box)
            assert app.screen.focused is not None
            assert app.screen.focused.id == box
            others = {"amount", "date", "category", "method", "description"} - {box}
            assert all(_error(app, other) == "" for other in others)

    asyncio.run(scenario())
    with sqlite_world.ctx.uow(write=False) as uow:
        assert transactions.list_transactions(uow, sqlite_world.principal).items == []


def test_the_amount_box_previews_a_sum(sqlite_world: World) -> None:
    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            await type_into(pilot, "#amount", "(20-4.5)/2")
            assert _error(app, "amount") == "= 7.75"
            await pilot.press("escape")
            assert isinstance(app.screen, DashboardScreen)

    asyncio.run(scenario())


def test_categories_can_be_added_renamed_archived_and_refused(sqlite_world: World) -> None:
    record(sqlite_world.ctx, sqlite_world.principal, "30.00", category="Groceries")

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("c")
            await settle(pilot)
            assert isinstance(app.screen, CategoriesScreen)
            await pilot.press("a")
            await settle(pilot)
            await type_into(pilot, "#name", "Bakery")
            await type_into(pilot, "#parent", "groceries")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, CategoriesScreen)
            await pilot.press("a")
            await settle(pilot)
            await type_into(pilot, "#name", "bakery")
            await pilot.press("enter")
            await settle(pilot)
            assert "already exists" in _error(app, "name")
            await pilot.press("escape")
            screen = app.screen
            assert isinstance(screen, CategoriesScreen)
            table = screen.query_one(DataTable)
            groceries = next(c for c in screen._items.values() if c.name == "Groceries")
            table.move_cursor(row=table.get_row_index(str(groceries.id)))
            await pilot.press("delete")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert len(app._notifications) >= 1
            assert any("in use" in str(n.message) for n in app._notifications)
            await pilot.press("x")
            await settle(pilot)

    asyncio.run(scenario())
    with sqlite_world.ctx.uow(write=False) as uow:
        names = {
            c.name: c
            for c in categories.list_categories(uow, sqlite_world.principal, include_archived=True)
        }
    assert names["Bakery"].parent == "Groceries"
    assert names["Groceries"].archived


def test_switching_workspace_shows_that_workspaces_figures(sqlite_world: World) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    record(ctx, owner, "70.00")
    with ctx.uow() as uow:
        shop = identity.create_workspace(uow, owner.user_id, name="Shop", currency="USD")

    async def scenario() -> None:
        app = sqlite_world.app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            await pilot.press("down", "enter")
            await settle(pilot)
            assert app.principal.workspace_id == shop.id
            assert app.sub_title == "Shop · USD"
            dashboard = app.screen
            assert isinstance(dashboard, DashboardScreen)
            await wait_for(
                pilot,
                lambda: dashboard.shown is not None and dashboard.shown.currency == "USD",
                "Shop",
            )
            assert dashboard.shown is not None
            assert dashboard.shown.totals == []
            await wait_for(pilot, lambda: app.live_ready, "the live watcher in Shop")

    asyncio.run(scenario())


def test_help_lists_the_keys_and_the_palette_offers_every_binding(sqlite_world: World) -> None:
    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            titles = {command.title for command in app.get_system_commands(app.screen)}
            assert {"Previous", "Next", "Add", "Transactions", "Workspace", "Light/dark"} <= titles
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            text = " ".join(str(s.render()) for s in app.screen.query(Static))
            assert "The previous period" in text
            assert "Record an income, expense or transfer" in text
            await pilot.press("escape")
            await pilot.press("ctrl+t")
            assert app.theme == "textual-light"

    asyncio.run(scenario())
