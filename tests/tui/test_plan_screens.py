"""Budgets, goals, debts, schedules and notifications on screen, and the writes they offer."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from textual.widgets import DataTable, Static

from fopymes_cli.tui.app import FopymesApp
from fopymes_cli.tui.screens.amount_form import AmountForm
from fopymes_cli.tui.screens.dashboard import DashboardScreen
from fopymes_cli.tui.screens.table_screen import TableScreen
from fopymes_server.debts import service as debts
from fopymes_server.goals import service as goals
from fopymes_server.notifications import service as notifications
from fopymes_server.scheduled import service as scheduled
from tests.factories import record
from tests.tui.conftest import World
from tests.tui.helpers import settle, type_into
from tests.tui.plans import add_plans

SIZE = (100, 32)


def _rows(app: FopymesApp) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [" | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def _error(app: FopymesApp, box: str) -> str:
    line = app.screen.query_one(f"#{box}-error", Static)
    return str(line.render()) if line.display else ""


def test_the_dashboard_shows_budgets_goals_upcoming_and_unread(sqlite_world: World) -> None:
    record(sqlite_world.ctx, sqlite_world.principal, "55.00", category="Restaurants")
    add_plans(sqlite_world.ctx, sqlite_world.principal)

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            shown = screen.plans
            assert shown is not None
            verdicts = {b.category: b.verdict.value for b in shown.budgets}
            assert verdicts == {
                "Groceries": "on_track",
                "Restaurants": "over",
                "Transport": "on_track",
            }
            assert [g.name for g, _ in shown.goals] == ["Holiday", "New laptop"]
            assert [item.schedule for item in shown.upcoming] == ["Gym", "Salary", "Rent"]
            assert shown.unread == 2
            assert "2 unread (n)" in str(screen.query_one("#period-bar", Static).render())

    asyncio.run(scenario())


def test_budgets_and_schedules_screens(sqlite_world: World) -> None:
    add_plans(sqlite_world.ctx, sqlite_world.principal)

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("b")
            await settle(pilot)
            assert any(row.startswith("Groceries") and "on track" in row for row in _rows(app))
            await pilot.press("u")
            await settle(pilot)
            assert [row.split(" | ")[0] for row in _rows(app)] == ["Gym", "Salary", "Rent"]
            await pilot.press("x")  # pause Gym
            await settle(pilot)
            assert any(row.startswith("Gym") and row.endswith("paused") for row in _rows(app))

    asyncio.run(scenario())
    with sqlite_world.ctx.uow(write=False) as uow:
        paused = [s.name for s in scheduled.list_schedules(uow, sqlite_world.principal) if s.paused]
    assert paused == ["Gym"]


def test_contributing_to_a_goal_from_its_screen(sqlite_world: World) -> None:
    add_plans(sqlite_world.ctx, sqlite_world.principal)

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("g")
            await settle(pilot)
            await pilot.press("m")
            await settle(pilot)
            assert isinstance(app.screen, AmountForm)
            await type_into(pilot, "#amount", "100+50")
            await type_into(pilot, "#method", "Wallet")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "no account 'Wallet'" in _error(app, "method")
            await type_into(pilot, "#method", "")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, TableScreen)
            assert "1,350.00 EUR" in _rows(app)[0]

    asyncio.run(scenario())
    with sqlite_world.ctx.uow(write=False) as uow:
        holiday = goals.list_goals(uow, sqlite_world.principal)[0]
    assert holiday.saved == Decimal("1350.00")


def test_paying_a_debt_and_refusing_more_than_its_balance(sqlite_world: World) -> None:
    add_plans(sqlite_world.ctx, sqlite_world.principal)

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("o")
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            await type_into(pilot, "#amount", "900")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, AmountForm)
            assert "more than" in _error(app, "form")
            await type_into(pilot, "#amount", "200")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, TableScreen)
            assert "600.00 EUR" in _rows(app)[0]

    asyncio.run(scenario())
    with sqlite_world.ctx.uow(write=False) as uow:
        sofa = debts.list_debts(uow, sqlite_world.principal).items[0]
    assert sofa.balance == Decimal("600.00")


def test_notifications_are_marked_read(sqlite_world: World) -> None:
    add_plans(sqlite_world.ctx, sqlite_world.principal)

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await settle(pilot)
            assert str(app.screen.query_one("#plan-title", Static).render()) == "2 unread of 2"
            await pilot.press("enter")
            await settle(pilot)
            assert str(app.screen.query_one("#plan-title", Static).render()) == "1 unread of 2"
            await pilot.press("A")
            await settle(pilot)
            assert str(app.screen.query_one("#plan-title", Static).render()) == "0 unread of 2"

    asyncio.run(scenario())
    with sqlite_world.ctx.uow(write=False) as uow:
        assert notifications.unread_count(uow, sqlite_world.principal) == 0
