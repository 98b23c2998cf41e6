"""An injectable "now", so rules and tests never read the wall clock behind our back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime


def _system_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Clock:
    """Hands out timezone-aware UTC instants and the local calendar date.

    `today()` uses the machine's local date because a person types "today" meaning their
    own day, while stored instants stay in UTC.
    """

    now_fn: Callable[[], datetime] = field(default=_system_now)

    def now(self) -> datetime:
        value = self.now_fn()
        if value.tzinfo is None:
            raise ValueError("Clock must return timezone-aware datetimes")
        return value.astimezone(UTC)

    def today(self) -> date:
        return self.now_fn().astimezone().date()


def fixed_clock(instant: datetime) -> Clock:
    """A clock frozen at `instant`, for tests and reproducible runs."""
    return Clock(now_fn=lambda: instant)
