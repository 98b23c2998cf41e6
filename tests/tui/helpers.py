"""Waiting on the dashboard without sleeping blindly: for its workers, or for a condition."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input

from fopymes_cli.tui.app import FopymesApp


def _busy(app: FopymesApp) -> list[object]:
    return [w for w in app.workers if w.group != "live" and not w.is_finished]


async def settle(pilot: Pilot[None], timeout: float = 15.0) -> None:
    """Wait until every worker but the live watcher has finished and its messages are handled.

    Loading one thing can start another (a page, then its names), so this repeats until a
    pause finds nothing running.
    """
    app = pilot.app
    assert isinstance(app, FopymesApp)
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()
        busy = _busy(app)
        if not busy:
            await pilot.pause()
            if not _busy(app):
                return
            continue
        await app.workers.wait_for_complete(busy)  # type: ignore[arg-type]
        assert time.monotonic() < deadline, f"workers still running: {_busy(app)}"


async def wait_for(
    pilot: Pilot[None], condition: Callable[[], bool], what: str, timeout: float = 15.0
) -> None:
    """Let the app run until `condition()` holds; fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.05)


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    """Focus the box and type `text` key by key, as a person would."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)
