"""TUI fixtures: a real database, a frozen clock and a person with a workspace.

The dashboard runs against the same migrated databases as the service tests. Its clock is
frozen at NOW so "this month", the demo year and every date on screen are the same on
every run; snapshot tests also get a database of their own, so even row ids repeat.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fopymes_cli.tui.app import FopymesApp
from fopymes_server.core.clock import fixed_clock
from fopymes_server.core.context import AppContext
from fopymes_server.core.database import Database
from fopymes_server.core.principal import Principal
from fopymes_server.core.settings import Settings
from fopymes_server.demo import service as demo
from tests.conftest import Databases
from tests.factories import new_owner
from tests.tui.plans import add_plans

# Noon UTC is the same calendar day in every time zone from UTC-11 to UTC+11.
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


@dataclass
class World:
    """A person's workspace on one database, seen through a frozen clock."""

    ctx: AppContext
    principal: Principal

    def app(self, *, live_updates: bool = True) -> FopymesApp:
        """The dashboard as `fopymes tui` builds it, tuned for tests (fast poll, no blink)."""
        return FopymesApp(
            self.ctx,
            self.principal,
            live_updates=live_updates,
            poll_interval=0.2,
            cursor_blink=False,
        )


def frozen_context(url: str, home: Path) -> AppContext:
    return AppContext(Settings(database_url=url, home=home), Database(url), fixed_clock(NOW))


def _world(url: str, home: Path) -> Iterator[World]:
    ctx = frozen_context(url, home)
    try:
        yield World(ctx, new_owner(ctx).principal)
    finally:
        ctx.close()


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> Iterator[World]:
    """A fresh workspace on SQLite and on PostgreSQL (parametrised by `backend`)."""
    yield from _world(database_url, tmp_path)


@pytest.fixture
def sqlite_world(databases: Databases, tmp_path: Path) -> Iterator[World]:
    """A fresh workspace on the session's SQLite database (flows the backends share)."""
    yield from _world(databases.url("sqlite"), tmp_path)


@pytest.fixture
def demo_world(databases: Databases, tmp_path: Path) -> Iterator[World]:
    """A database of its own holding only the demo year (seed 7) up to NOW, with budgets,
    goals, a debt, schedules and notifications (tests/tui/plans.py)."""
    for world in _world(databases.fresh("sqlite"), tmp_path):
        with world.ctx.uow() as uow:
            demo.populate(uow, world.principal, months=12, seed=7)
        add_plans(world.ctx, world.principal)
        yield world
