"""SVG snapshots of every screen with the demo year and a frozen clock.

Each test gets a database of its own holding only the demo data (seed 7, up to NOW), the
cursor does not blink and the live watcher is off, so a snapshot changes only when what the
screen draws changes. Review a changed snapshot in the HTML report, then accept it with
`pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

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


def _matches(snap_compare: Compare, world: World, step: Step, **options: Any) -> bool:
    app = world.app(live_updates=False)
    return snap_compare(app, terminal_size=options.pop("size", (100, 32)), run_before=step)


def test_dashboard(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys())


def test_dashboard_previous_quarter(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("p", "left"))


def test_dashboard_at_80_by_24(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys(), size=(80, 24))


def test_dashboard_light_theme(snap_compare: Compare, demo_world: World) -> None:
    async def light(pilot: Pilot[None]) -> None:
        pilot.app.theme = LIGHT
        await settle(pilot)

    assert _matches(snap_compare, demo_world, light)


def test_transactions(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("t"))


def test_transactions_searched(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("t", "slash", *"rent", "enter"))


def test_categories(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("c"))


def test_new_transaction_form(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("a", *"12.50+3"))


def test_edit_transaction_form(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("t", "e"))


def test_help(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("question_mark"))


def test_workspace_switcher(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("w"))


def test_budgets(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("b"))


def test_goals(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("g"))


def test_goal_contribution_form(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("g", "m", *"50+25"))


def test_debts(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("o"))


def test_schedules(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("u"))


def test_notifications(snap_compare: Compare, demo_world: World) -> None:
    assert _matches(snap_compare, demo_world, _keys("n"))
