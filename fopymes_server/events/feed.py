"""A blocking "something may have changed" signal for live readers (dashboard, WebSocket hub).

On PostgreSQL it LISTENs on the events channel, so a commit from any process (the CLI on a
laptop, another server instance, the scheduler) wakes it at once; on SQLite, which has no
notifications, it simply waits for the poll interval. Readers then fetch the actual events
with `events.service.since`, so a missed wake-up can delay an update but never lose one.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from fopymes_server.core.database import Database
from fopymes_server.events.schemas import NOTIFY_CHANNEL


class ChangeFeed:
    def __init__(self, database: Database, *, poll_interval: float = 1.0) -> None:
        self._database = database
        self._poll_interval = poll_interval
        self._connection: Any = None

    @property
    def pushes(self) -> bool:
        """True where changes are pushed (PostgreSQL) rather than polled."""
        return self._database.dialect == "postgresql"

    def _connect(self) -> Any:
        import psycopg

        url = self._database.url.set(drivername="postgresql")
        connection = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
        connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
        return connection

    def wait(self, timeout: float) -> list[str]:
        """Block up to `timeout` seconds; return the announcements received (may be empty).

        On SQLite it sleeps min(timeout, poll interval) and returns an empty list: the caller
        checks for new events after every wake-up either way.
        """
        if not self.pushes:
            time.sleep(min(timeout, self._poll_interval))
            return []
        if self._connection is None:
            self._connection = self._connect()
        try:
            return [n.payload for n in self._connection.notifies(timeout=timeout, stop_after=1)]
        except Exception:
            self.close()  # reconnect on the next wait; events are re-read from the table
            raise

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None
