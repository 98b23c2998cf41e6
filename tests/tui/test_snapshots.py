"""SVG snapshots of every screen with the demo year and a frozen clock.

Each test gets a database of its own holding only the demo data (seed 7, up to NOW), the
cursor does not blink and the live watcher is off, so a snapshot changes only when what the
screen draws changes. Every screen is taken at 80x24 (the smallest the dashboard supports)
and at 160x45 (a wide terminal, whose width the screens use). Review a changed snapshot in
the HTML report, then accept it with `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from fopymes_cli.tui.app import LIGHT
from tests.tui.conftest import World
from tests.tui.helpers import settle

Compare = Callable[..., bool]
Step = Callable[[Pilot[None]], Awaitable[None]]


def _keys(*keys: str) -> Step:
    """Press `keys`, letting every worker finish after each one (screens load on show)."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])


def _matches(
    snap_compare: Compare, world: World, step: Step, size: tuple[int, int], **options: Any
) -> bool:
    app = world.app(live_updates=False)
    return snap_compare(app, terminal_size=size, run_before=step, **options)


@SIZES
def test_dashboard(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys(), size)


@SIZES
def test_dashboard_previous_quarter(
    snap_compare: Compare, demo_world: World, size: tuple[int, int]
) -> None:
    assert _matches(snap_compare, demo_world, _keys("p", "left"), size)


@SIZES
def test_dashboard_light_theme(
    snap_compare: Compare, demo_world: World, size: tuple[int, int]
) -> None:
    async def light(pilot: Pilot[None]) -> None:
        pilot.app.theme = LIGHT
        await settle(pilot)

    assert _matches(snap_compare, demo_world, light, size)


@SIZES
def test_transactions(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys("t"), size)


@SIZES
def test_transactions_searched(
    snap_compare: Compare, demo_world: World, size: tuple[int, int]
) -> None:
    assert _matches(snap_compare, demo_world, _keys("t", "slash", *"rent", "enter"), size)


@SIZES
def test_categories(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys("c"), size)


@SIZES
def test_new_category_form(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys("c", "a", *"Pets"), size)


@SIZES
def test_delete_confirmation(
    snap_compare: Compare, demo_world: World, size: tuple[int, int]
) -> None:
    assert _matches(snap_compare, demo_world, _keys("c", "delete"), size)


@SIZES
def test_new_transaction_form(
    snap_compare: Compare, demo_world: World, size: tuple[int, int]
) -> None:
    assert _matches(snap_compare, demo_world, _keys("a", *"12.50+3"), size)


@SIZES
def test_split_transaction_form(
    snap_compare: Compare, demo_world: World, size: tuple[int, int]
) -> None:
    keys = ("a", *"85.40", "ctrl+n", *"Groceries", "tab", *"60")
    assert _matches(snap_compare, demo_world, _keys(*keys), size)


@SIZES
def test_edit_transaction_form(
    snap_compare: Compare, demo_world: World, size: tuple[int, int]
) -> None:
    assert _matches(snap_compare, demo_world, _keys("t", "e"), size)


@SIZES
def test_help(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys("question_mark"), size)


@SIZES
def test_workspace_switcher(
    snap_compare: Compare, demo_world: World, size: tuple[int, int]
) -> None:
    assert _matches(snap_compare, demo_world, _keys("w"), size)


@SIZES
def test_budgets(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys("b"), size)


@SIZES
def test_goals(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys("g"), size)


@SIZES
def test_goal_contribution_form(
    snap_compare: Compare, demo_world: World, size: tuple[int, int]
) -> None:
    assert _matches(snap_compare, demo_world, _keys("g", "m", *"50+25"), size)


@SIZES
def test_debts(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys("o"), size)


@SIZES
def test_accounts(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys("l"), size)


@SIZES
def test_account_register(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys("l", "enter"), size)


@SIZES
def test_new_transfer_form(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    keys = ("a", "shift+tab", "enter", "down", "down", "enter", "tab", *"250")
    assert _matches(snap_compare, demo_world, _keys(*keys), size)


@SIZES
def test_schedules(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys("u"), size)


@SIZES
def test_notifications(snap_compare: Compare, demo_world: World, size: tuple[int, int]) -> None:
    assert _matches(snap_compare, demo_world, _keys("n"), size)
