"""The event hub: one background thread per server process turns committed events into
WebSocket messages for the clients connected to this process.

It never keeps events of its own: the events table is the source. Events that say a
user's access changed (a token revoked, a member removed) are not forwarded: that user's
connections re-check their credentials at once and are closed if they no longer hold.
On PostgreSQL the thread LISTENs (`events.feed.ChangeFeed`), so a commit from any process
(the CLI, another instance, the scheduler) wakes it within milliseconds, and it then reads
the new rows with `events.service.since`. SQLite cannot push, so there the same loop
polls. A missed wake-up delays an event (a full re-read runs every few seconds) but never
loses it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from dataclasses import dataclass, field

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.events import service as events
from fopymes_server.events.feed import ChangeFeed
from fopymes_server.events.schemas import EventOut

log = logging.getLogger("fopymes.api.hub")

OVERFLOW = "\x00overflow"
SHUTDOWN = "\x00shutdown"
RECHECK = "\x00recheck"
"""Told to a user's connections when their access changed (events.ACCESS_CHANGES): the
connection re-checks its token and membership now, as it would at its next heartbeat."""
QUEUE_SIZE = 1000
FULL_POLL_SECONDS = 5.0
WAIT_SECONDS = 1.0


@dataclass(eq=False)
class Subscriber:
    """One WebSocket connection's mailbox; filled from the hub thread, read on the loop."""

    principal: Principal
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[str] = field(default_factory=lambda: asyncio.Queue(QUEUE_SIZE))

    def offer(self, message: str) -> None:
        """Runs on the event loop. A client that cannot keep up is told so and dropped."""
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(OVERFLOW)

    def post(self, message: str) -> None:
        """Thread-safe `offer`."""
        with contextlib.suppress(RuntimeError):  # a closed loop: the connection is gone
            self.loop.call_soon_threadsafe(self.offer, message)


def event_message(event: EventOut) -> str:
    return json.dumps(
        {
            "type": event.type,
            "event_id": event.id,
            "workspace_id": event.workspace_id,
            "entity_id": event.entity_id,
            "version": event.version,
            "actor_id": event.actor_id,
            "created_at": event.created_at.isoformat(),
        }
    )


class EventHub:
    def __init__(self, ctx: AppContext, *, poll_seconds: float) -> None:
        self._ctx = ctx
        self._feed = ChangeFeed(ctx.database, poll_interval=poll_seconds)
        self._lock = threading.Lock()
        self._subscribers: dict[int, set[Subscriber]] = {}
        self._cursors: dict[int, int] = {}
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._full_poll_due = True

    # --- connections (called from request threads) ----------------------------------
    def subscribe(self, principal: Principal, loop: asyncio.AbstractEventLoop) -> Subscriber:
        subscriber = Subscriber(principal=principal, loop=loop)
        with self._ctx.uow(write=False) as uow:
            start = events.latest_id(uow, principal)
        with self._lock:
            workspace = principal.workspace_id
            self._subscribers.setdefault(workspace, set()).add(subscriber)
            self._cursors.setdefault(workspace, start)
            self._full_poll_due = True
        self._wake.set()
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            workspace = subscriber.principal.workspace_id
            group = self._subscribers.get(workspace, set())
            group.discard(subscriber)
            if not group:
                self._subscribers.pop(workspace, None)
                self._cursors.pop(workspace, None)

    # --- the thread -------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="fopymes-event-hub", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Tell every client the server is going away, then end the thread."""
        self._stop.set()
        self._wake.set()
        with self._lock:
            everyone = [s for group in self._subscribers.values() for s in group]
        for subscriber in everyone:
            subscriber.post(SHUTDOWN)
        if self._thread is not None:
            self._thread.join(timeout=WAIT_SECONDS + 5)
        self._feed.close()

    def _run(self) -> None:
        last_full = 0.0
        while not self._stop.is_set():
            if not self._subscribers:
                self._wake.wait(WAIT_SECONDS)
                self._wake.clear()
                continue
            try:
                notes = self._feed.wait(WAIT_SECONDS if self._feed.pushes else 60.0)
            except Exception as exc:  # a lost LISTEN connection: reconnect, then re-read all
                log.warning("event feed interrupted (%s); reconnecting", type(exc).__name__)
                self._full_poll_due = True
                self._stop.wait(WAIT_SECONDS)
                continue
            now = time.monotonic()
            full = (
                not self._feed.pushes or self._full_poll_due or now - last_full > FULL_POLL_SECONDS
            )
            if full:
                self._full_poll_due = False
                last_full = now
            try:
                self._deliver(None if full else _announced(notes))
            except Exception:
                log.exception("could not read new events; retrying")
                self._full_poll_due = True
                self._stop.wait(WAIT_SECONDS)

    def _deliver(self, workspaces: set[int] | None) -> None:
        """Read the events after each subscribed workspace's cursor and post them."""
        with self._lock:
            targets = {
                ws: (next(iter(group)).principal, self._cursors.get(ws, 0), list(group))
                for ws, group in self._subscribers.items()
                if group and (workspaces is None or ws in workspaces)
            }
        if not targets:
            return
        with self._ctx.uow(write=False) as uow:
            for workspace, (principal, cursor, group) in targets.items():
                found = events.since(uow, principal, cursor, limit=500)
                while found:
                    _fan_out(group, [(recipient(e), _message(e)) for e in found])
                    cursor = found[-1].id
                    found = (
                        events.since(uow, principal, cursor, limit=500) if len(found) == 500 else []
                    )
                with self._lock:
                    if workspace in self._cursors:
                        self._cursors[workspace] = max(self._cursors[workspace], cursor)


def _message(event: EventOut) -> str:
    """What a subscriber is sent for `event`: the event, or a re-check of its access."""
    return RECHECK if event.type in events.ACCESS_CHANGES else event_message(event)


def recipient(event: EventOut) -> int | None:
    """The one user a personal event is for (a notification), or None: the workspace's.

    Another member must not learn even that someone else got a notification, or its id.
    """
    user_id = event.payload.get("user_id")
    return user_id if isinstance(user_id, int) else None


def _fan_out(group: list[Subscriber], messages: list[tuple[int | None, str]]) -> None:
    """One wake-up per event loop for the whole group, not one per client and message.

    Each message goes to every subscriber, or only to its user's when it is personal.
    """
    by_loop: dict[asyncio.AbstractEventLoop, list[Subscriber]] = {}
    for subscriber in group:
        by_loop.setdefault(subscriber.loop, []).append(subscriber)
    for loop, subscribers in by_loop.items():

        def offer_all(subscribers: list[Subscriber] = subscribers) -> None:
            for subscriber in subscribers:
                for user_id, message in messages:
                    if user_id is None or user_id == subscriber.principal.user_id:
                        subscriber.offer(message)

        try:
            loop.call_soon_threadsafe(offer_all)
        except RuntimeError:  # that loop has closed: its connections are gone
            continue


def _announced(notes: list[str]) -> set[int] | None:
    """Workspaces named in PostgreSQL announcements; None (read all) if one is unreadable."""
    if not notes:
        return set()
    found: set[int] = set()
    for note in notes:
        try:
            found.add(int(json.loads(note)["workspace_id"]))
        except (ValueError, KeyError, TypeError):
            return None
    return found
