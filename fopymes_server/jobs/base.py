"""What every job is: a name, how often it runs, and `run(ctx, now) -> summary`.

Jobs are plain functions over the AppContext and an explicit instant, so tests call them
with a clock they move through months, and cron (`jobs run-due`) and the foreground loop
(`scheduler`) run exactly the same code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import ValidationError

JobFunction = Callable[[AppContext, datetime], str]


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: JobFunction
    description: str


@dataclass(frozen=True)
class JobResult:
    job: str
    ok: bool
    summary: str
    seconds: float


def local_today(ctx: AppContext, now: datetime) -> date:
    """The calendar day of `now` in the configured time zone (else the machine's).

    Raises ValidationError when FOPYMES_TIMEZONE names no IANA zone.
    """
    name = ctx.settings.timezone
    if not name:
        return now.astimezone().date()
    try:
        return now.astimezone(ZoneInfo(name)).date()
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("timezone", f"'{name}' is not an IANA time zone") from None
