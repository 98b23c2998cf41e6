"""The dashboard's main flows, driven with Textual's Pilot against a real database."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

from textual.widgets import Static

from fopymes_cli.tui.app import FopymesApp
from fopymes_cli.tui.period import Period, Span
from fopymes_cli.tui.screens.dashboard import DashboardScreen
from fopymes_cli.tui.screens.transaction_form import TransactionForm
from fopymes_server.core.principal import Principal, Role
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import Kind
from tests.factories import record
from tests.tui.conftest import World
from tests.tui.helpers import settle, type_into, wait_for

SIZE = (100, 32)


def _dashboard(app: FopymesApp) -> DashboardScreen:
    screen = app.get_screen_stack("dashboard")[0]
    assert isinstance(screen, DashboardScreen)
    return screen


def _expense_shown(app: FopymesApp) -> Decimal | None:
    shown = _dashboard(app).shown
    if shown is None:
        return None
    eur = [t for t in shown.totals if t.currency == "EUR"]
    return eur[0].expense if eur else Decimal(0)


def _card(app: FopymesApp, name: str) -> str:
    return str(_dashboard(app).query_one(f"#card-{name}", Static).render())


def test_adding_a_transaction_from_the_form_updates_the_dashboard(sqlite_world: World) -> None:
    record(sqlite_world.ctx, sqlite_world.principal, "2000", kind=Kind.INCOME, date="2026-11-05")

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert _expense_shown(app) == Decimal(0)
            assert "2,000.00 EUR" in _card(app, "income")
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, TransactionForm)
            await type_into(pilot, "#amount", "12.50+3")
            await type_into(pilot, "#category", "groceries")
            await type_into(pilot, "#description", "Market [bold]stall[/]")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            await wait_for(pilot, lambda: _expense_shown(app) == Decimal("15.50"), "new total")
            assert "15.50 EUR" in _card(app, "expense")
            assert "99.2 %" in _card(app, "rate")

    asyncio.run(scenario())
    with sqlite_world.ctx.uow(write=False) as uow:
        page = transactions.list_transactions(uow, sqlite_world.principal)
    added = page.items[0]
    assert (added.amount, added.category, added.description) == (
        Decimal("15.50"),
        "Groceries",
        "Market [bold]stall[/]",
    )


def test_left_moves_to_the_previous_month_and_right_comes_back(sqlite_world: World) -> None:
    record(sqlite_world.ctx, sqlite_world.principal, "40.00", date="2026-10-20")
    record(sqlite_world.ctx, sqlite_world.principal, "7.00", date="2026-11-02")

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert _expense_shown(app) == Decimal("7.00")
            await pilot.press("left")
            await settle(pilot)
            shown = _dashboard(app).shown
            assert shown is not None
            assert shown.period.label == "October 2026"
            assert _expense_shown(app) == Decimal("40.00")
            await pilot.press("right", "p")
            await settle(pilot)
            assert _dashboard(app).period == Period(Span.QUARTER, date(2026, 10, 1))
            assert _expense_shown(app) == Decimal("47.00")

    asyncio.run(scenario())


def test_a_change_made_elsewhere_appears_without_a_key_press(world: World) -> None:
    """Another thread records through the service; PostgreSQL pushes it, SQLite polls it."""

    async def scenario() -> None:
        app = world.app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: app.live_ready, "the live watcher")
            assert _expense_shown(app) == Decimal(0)
            await asyncio.to_thread(record, world.ctx, world.principal, "33.30", date="2026-11-10")
            await wait_for(pilot, lambda: _expense_shown(app) == Decimal("33.30"), "live update")
            assert "33.30 EUR" in _card(app, "expense")

    asyncio.run(scenario())


def test_a_refused_write_is_a_message_never_a_crash(sqlite_world: World) -> None:
    owner = sqlite_world.principal
    viewer = Principal(owner.user_id, owner.workspace_id, Role.VIEWER)
    app = FopymesApp(sqlite_world.ctx, viewer, live_updates=False, cursor_blink=False)

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            await type_into(pilot, "#amount", "5")
            await type_into(pilot, "#description", "Coffee")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, TransactionForm)
            error = str(app.screen.query_one("#form-error", Static).render())
            assert "viewers can read this workspace" in error

    asyncio.run(scenario())
