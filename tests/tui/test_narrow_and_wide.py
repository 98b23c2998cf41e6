"""The screens at 80x24 keep their money and statuses; at 160 columns text shows whole."""

from __future__ import annotations

import asyncio

from fopymes_cli.table_fit import Fit, distribute
from fopymes_cli.tui.widgets.fitted_table import FittedTable
from fopymes_server.budgets import service as budgets
from fopymes_server.budgets.schemas import BudgetSet
from tests.factories import record
from tests.tui.conftest import World
from tests.tui.helpers import settle


def _shown(table: FittedTable) -> tuple[list[str], list[str]]:
    """Column headers and every cell's text as drawn (cut cells end in an ellipsis)."""
    headers = [str(column.label.plain) for column in table.ordered_columns]
    cells = [
        str(getattr(cell, "plain", cell))
        for row in range(table.row_count)
        for cell in table.get_row_at(row)
    ]
    return headers, cells


def _books(world: World) -> None:
    with world.ctx.uow() as uow:
        budgets.set_budget(uow, world.principal, data=BudgetSet(category=None, amount="102500"))
    record(
        world.ctx,
        world.principal,
        "102173.76",
        category="Housing",
        date="2026-11-10",
        description="A very long description of the yearly rent paid in one go at the start",
    )


def test_at_80_columns_transactions_keep_the_amount_and_budgets_their_figures(
    sqlite_world: World,
) -> None:
    _books(sqlite_world)

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("t")
            await settle(pilot)
            headers, cells = _shown(app.screen.query_one(FittedTable))
            assert headers[-1] == "Amount"
            assert "-102,173.76 EUR" in cells
            assert any(c.startswith("A very long") and c.endswith("…") for c in cells)
            await pilot.press("b")
            await settle(pilot)
            headers, cells = _shown(app.screen.query_one(FittedTable))
            assert {"Limit", "Spent", "Left", "Status"} <= set(headers)
            assert "All expenses" in cells
            assert {"102,500.00", "102,173.76", "326.24", "1–30 Nov", "at risk"} <= set(cells)

    asyncio.run(scenario())


def test_at_160_columns_the_description_shows_whole(sqlite_world: World) -> None:
    _books(sqlite_world)

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press("t")
            await settle(pilot)
            headers, cells = _shown(app.screen.query_one(FittedTable))
            assert headers == ["Date", "Description", "Category", "Method", "Amount"]
            assert "A very long description of the yearly rent paid in one go at the start" in cells

    asyncio.run(scenario())


def test_columns_give_way_descriptions_first_then_optional_ones_never_the_money() -> None:
    natural = [10, 40, 12, 12, 15]
    fits = [Fit.KEEP, Fit.SHRINK, Fit.KEEP, Fit.KEEP, Fit.KEEP]
    optional = [False, False, False, True, False]
    roomy = distribute(natural, fits, optional, 120, per_column=2, grow=True)
    assert roomy == [(0, 10), (1, 61), (2, 12), (3, 12), (4, 15)]
    narrow = distribute(natural, fits, optional, 80, per_column=2)
    assert narrow == [(0, 10), (1, 21), (2, 12), (3, 12), (4, 15)]
    tight = distribute(natural, fits, optional, 60, per_column=2)
    assert tight == [(0, 10), (1, 15), (2, 12), (4, 15)]


def _justified(table: FittedTable, header: str) -> set[str]:
    """How each cell of the column `header` is justified, as drawn."""
    headers = [str(column.label.plain) for column in table.ordered_columns]
    at = headers.index(header)
    return {
        str(getattr(table.get_row_at(row)[at], "justify", "left")) for row in range(table.row_count)
    }


def test_money_is_right_aligned_so_decimals_line_up(sqlite_world: World) -> None:
    _books(sqlite_world)
    record(
        sqlite_world.ctx, sqlite_world.principal, "4.50", category="Groceries", date="2026-11-11"
    )

    async def scenario() -> None:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press("t")
            await settle(pilot)
            table = app.screen.query_one(FittedTable)
            assert table.row_count == 2
            assert _justified(table, "Amount") == {"right"}
            await pilot.press("b")
            await settle(pilot)
            table = app.screen.query_one(FittedTable)
            for header in ("Limit", "Spent", "Left"):
                assert _justified(table, header) == {"right"}, header

    asyncio.run(scenario())


LONG_MESSAGE = (
    "Groceries has used 80 % of its 600.00 EUR limit with twelve days of November still to go"
)


def _long_notification(world: World) -> None:
    from fopymes_server.notifications import service as notifications
    from fopymes_server.notifications.schemas import NotificationDraft

    with world.ctx.uow() as uow:
        notifications.notify(
            uow,
            world.principal,
            recipients=[world.principal.user_id],
            draft=NotificationDraft(
                type="budget.threshold",
                title="Groceries at 80 %",
                body=LONG_MESSAGE,
                dedupe_key="groceries-80",
            ),
        )
        uow.commit()


def test_a_notifications_message_shows_whole_when_wide_and_gives_way_when_narrow(
    sqlite_world: World,
) -> None:
    _long_notification(sqlite_world)

    async def scenario(size: tuple[int, int]) -> list[str]:
        app = sqlite_world.app(live_updates=False)
        async with app.run_test(size=size) as pilot:
            await pilot.press("n")
            await settle(pilot)
            return _shown(app.screen.query_one(FittedTable))[1]

    wide = asyncio.run(scenario((160, 45)))
    assert LONG_MESSAGE in wide
    assert "Groceries at 80 %" in wide
    narrow = asyncio.run(scenario((80, 24)))
    assert any(c.startswith("Groceries has used") and c.endswith("…") for c in narrow)
    assert any(len(c) == 16 and c.startswith("20") for c in narrow)  # the time stays whole
