"""Keep open screens current when data changes anywhere: the CLI, a colleague, the scheduler.

Runs in the app's "live" thread worker for as long as the dashboard is open. It blocks on
`events.feed.ChangeFeed` (PostgreSQL LISTEN/NOTIFY wakes it at once; on SQLite it wakes every
poll interval), then asks `events.service.since` what changed in this workspace after the
last event it saw and posts one DataChanged for the batch. A missed wake-up only delays an
update, because the events table, not the notification, is the source of truth.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.worker import Worker

from fopymes_cli.tui.messages import DataChanged, ServiceFailed
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.events import service as events
from fopymes_server.events.feed import ChangeFeed

RETRY_SECONDS = 5.0


def _pause(worker: Worker[None], seconds: float) -> None:
    """Sleep in short steps so cancelling the worker (quit, workspace switch) is prompt."""
    deadline = time.monotonic() + seconds
    while not worker.is_cancelled and time.monotonic() < deadline:
        time.sleep(0.1)


def watch(
    worker: Worker[None],
    target: MessagePump,
    ctx: AppContext,
    principal: Principal,
    *,
    poll_interval: float,
    on_ready: Callable[[], None] | None = None,
) -> None:
    """Post DataChanged to `target` after every batch of new events, until cancelled.

    `on_ready` is called once the starting point is known and the feed is listening, so a
    change committed after that moment is guaranteed to be seen.
    """
    feed = ChangeFeed(ctx.database, poll_interval=poll_interval)
    last_seen: int | None = None
    failing = False
    try:
        while not worker.is_cancelled:
            try:
                if last_seen is None:
                    feed.wait(0)  # LISTEN before reading the starting point: no gap
                    with ctx.uow(write=False) as uow:
                        last_seen = events.latest_id(uow, principal)
                    if on_ready is not None:
                        on_ready()
                feed.wait(poll_interval)
                with ctx.uow(write=False) as uow:
                    fresh = events.since(uow, principal, last_seen)
            # The listener's connection can drop (server restart, network): say so once,
            # then retry; losing live updates must never take the dashboard down.
            except Exception as error:
                if not failing:
                    target.post_message(
                        ServiceFailed(None, summary=f"live updates paused ({error}); retrying")
                    )
                failing = True
                feed.close()
                _pause(worker, RETRY_SECONDS)
                continue
            failing = False
            if fresh and not worker.is_cancelled:
                last_seen = fresh[-1].id
                target.post_message(DataChanged(tuple(event.type for event in fresh)))
    finally:
        feed.close()
