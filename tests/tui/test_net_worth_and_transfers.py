"""Net worth on the dashboard, and transfers recorded, shown and edited through the form."""

from __future__ import annotations

import asyncio
from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from fopymes_cli.tui.app import FopymesApp
from fopymes_cli.tui.formatting import money
from fopymes_cli.tui.screens.dashboard import DashboardScreen
from fopymes_cli.tui.screens.transaction_form import TransactionForm
from fopymes_cli.tui.widgets.net_worth import NetWorthPanel
from fopymes_cli.tui.widgets.transaction_table import TransactionTable
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import NetWorth
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions import summary
from fopymes_server.transactions.schemas import Kind
from tests.factories import move, record
from tests.tui.books import open_accounts
from tests.tui.conftest import World
from tests.tui.helpers import settle, type_into, wait_for

SIZE = (100, 32)
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def _panel(app: FopymesApp) -> str:
    return str(app.screen.query_one(NetWorthPanel).render())


def _sheet(world: World) -> tuple[dict[str, str], list[NetWorth]]:
    with world.ctx.uow(write=False) as uow:
        sheet = accounts.balance_sheet(uow, world.principal)
    return {line.name: money(line.balance, line.currency) for line in sheet.accounts}, sheet.totals


def _shows(text: str, totals: list[NetWorth]) -> bool:
    """One line per currency, in order: net worth, assets, liabilities (columns padded)."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return lines == [
        f"{money(t.net_worth, t.currency)} assets {money(t.assets, t.currency)} "
        f"liabilities {money(t.liabilities, t.currency)}"
        for t in totals
    ]


def test_the_net_worth_panel_shows_the_balance_sheet_totals_and_follows_changes(
    world: World,
) -> None:
    open_accounts(world.ctx, world.principal)
    record(world.ctx, world.principal, "120.00", payment_method="Card", date="2026-11-02")
    _, totals = _sheet(world)
    assert [t.currency for t in totals] == ["EUR", "USD"]

    async def scenario() -> None:
        app = world.app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: app.live_ready, "the live watcher")
            text = _panel(app)
            assert _shows(text, totals)
            assert "530.00 EUR" in text  # 1,000.00 held, 470.00 owed on the card
            assert "Net worth on 18 Nov 2026" in str(
                app.screen.query_one(NetWorthPanel).border_title
            )
            await asyncio.to_thread(
                record, world.ctx, world.principal, "30.00", payment_method="Bank"
            )
            _, after = _sheet(world)
            await wait_for(pilot, lambda: _shows(_panel(app), after), "live net worth")
            assert "500.00 EUR" in _panel(app)

    asyncio.run(scenario())


def _cards(app: FopymesApp) -> list[str]:
    """Income, expenses, net and savings rate as the cards show them."""
    return [
        str(app.screen.query_one(f"#card-{name}", Static).render())
        for name in ("income", "expense", "net", "rate")
    ]


async def _choose_transfer(pilot: Pilot[None]) -> None:
    await pilot.press("a")
    await settle(pilot)
    pilot.app.screen.query_one("#kind", Select).value = Kind.TRANSFER.value
    await settle(pilot)


def test_a_transfer_from_the_form_moves_money_and_changes_no_income_or_expense(
    sqlite_world: World,
) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    open_accounts(ctx, owner)
    record(ctx, owner, "45.00", payment_method="Bank", date="2026-11-02")
    before, _ = _sheet(sqlite_world)
    with ctx.uow(write=False) as uow:
        period = summary.totals(uow, owner, *NOVEMBER)

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            cards = _cards(app)
            assert "45.00 EUR" in cards[1]
            await _choose_transfer(pilot)
            form = app.screen
            assert isinstance(form, TransactionForm)
            assert not form.query_one("#category-row").display
            assert form.query_one("#to-row").display
            await type_into(pilot, "#amount", "100+50")
            await type_into(pilot, "#method", "Bank")
            await type_into(pilot, "#to", "Cash")
            await type_into(pilot, "#description", "To the wallet")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            after, _ = _sheet(sqlite_world)
            assert (before["Bank"], after["Bank"]) == ("955.00 EUR", "805.00 EUR")
            assert (before["Cash"], after["Cash"]) == ("0.00 EUR", "150.00 EUR")
            with ctx.uow(write=False) as uow:
                assert summary.totals(uow, owner, *NOVEMBER) == period
            assert _cards(app) == cards
            await pilot.press("t")
            await settle(pilot)
            table = app.screen.query_one(TransactionTable)
            row = [str(cell) for cell in table.get_row_at(0)]
            assert row[1:3] == ["To the wallet", "Bank → Cash"]
            assert row[-1] == "150.00 EUR"

    asyncio.run(scenario())


def test_a_bad_transfer_shows_its_error_beside_the_box_and_writes_nothing(
    sqlite_world: World,
) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    open_accounts(ctx, owner)

    def count() -> int:
        with ctx.uow(write=False) as uow:
            return len(transactions.list_transactions(uow, owner, limit=100).items)

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await _choose_transfer(pilot)
            form = app.screen
            assert isinstance(form, TransactionForm)
            await type_into(pilot, "#amount", "80")
            await type_into(pilot, "#method", "Bank")
            await type_into(pilot, "#to", "bank")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form
            error = form.query_one("#to-error", Static)
            assert error.display
            assert "a transfer needs two different accounts" in str(error.render())
            await type_into(pilot, "#to", "Travel")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form
            assert not form.query_one("#to-error", Static).display
            error = form.query_one("#to-amount-error", Static)
            assert error.display
            assert "Bank is in EUR and Travel in USD" in str(error.render())
            assert app.focused is form.query_one("#to-amount", Input)
            await type_into(pilot, "#to", "Nowhere")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "Nowhere" in str(form.query_one("#to-error", Static).render())
            assert count() == 0
            await type_into(pilot, "#to", "Travel")
            await type_into(pilot, "#to-amount", "86.40")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
        after, _ = _sheet(sqlite_world)
        assert (after["Bank"], after["Travel"]) == ("920.00 EUR", "286.40 USD")

    asyncio.run(scenario())


def test_editing_a_transfer_changes_its_description_but_not_its_accounts_or_amount(
    sqlite_world: World,
) -> None:
    ctx, owner = sqlite_world.ctx, sqlite_world.principal
    open_accounts(ctx, owner)
    sent = move(ctx, owner, "60.00", "Bank", "Cash")

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("t")
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, TransactionForm)
            for box in ("amount", "method", "to", "to-amount"):
                assert form.query_one(f"#{box}", Input).disabled
            assert form.query_one("#kind", Select).disabled
            assert form.query_one("#method", Input).value == "Bank"
            assert form.query_one("#to", Input).value == "Cash"
            await type_into(pilot, "#description", "Pocket money")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, TransactionForm)

    asyncio.run(scenario())
    with ctx.uow(write=False) as uow:
        saved = transactions.get(uow, owner, sent.id)
    assert (saved.description, saved.amount, saved.counter_account) == (
        "Pocket money",
        sent.amount,
        "Cash",
    )
