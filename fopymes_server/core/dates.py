"""Calendar dates as people type them, the one range fopymes accepts, and month arithmetic
(pure, no I/O).

Every date fopymes stores or steps through lies between FIRST_DAY and LAST_DAY. Input
outside it is refused here (one message for every front end), and arithmetic that would
step past it stops at the edge: a period, plan or schedule near the end of the range ends
on LAST_DAY instead of leaving Python's calendar (`year 10000 is out of range`).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from fopymes_server.core.errors import ValidationError

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
RANGE_TEXT = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
"""How the range reads in messages and API descriptions."""


def check_day(day: date, *, field: str = "date") -> date:
    """`day` itself, or ValidationError naming `field` when it is outside the range."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(field, f"{day.isoformat()} is outside {RANGE_TEXT}")
    return day


def clamp_day(day: date) -> date:
    """`day` moved to the nearest edge of the range when it lies outside it."""
    return min(max(day, FIRST_DAY), LAST_DAY)


def add_days(day: date, days: int) -> date:
    """`day` plus `days` (negative: back), stopping at the range's edges."""
    ordinal = day.toordinal() + days
    return clamp_day(date.fromordinal(min(max(ordinal, 1), date.max.toordinal())))


def parse_date(text: str | date, today: date, *, field: str = "date") -> date:
    """Parse `today`, `yesterday`, `tomorrow` or an ISO date (YYYY-MM-DD) inside the range.

    Raises ValidationError naming `field` for anything else, including impossible dates
    such as 2026-02-30 and dates outside FIRST_DAY..LAST_DAY.
    """
    if isinstance(text, date):
        return check_day(text, field=field)
    word = text.strip().lower()
    relative = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if word in relative:
        return check_day(today + timedelta(days=relative[word]), field=field)
    try:
        if len(word) != 10 or not word.isascii():
            raise ValueError(word)
        day = date.fromisoformat(word)
    except ValueError:
        raise ValidationError(
            field, f"'{text}' is not a date (use YYYY-MM-DD, today or yesterday)"
        ) from None
    return check_day(day, field=field)


def parse_month(text: str, *, field: str = "month") -> tuple[date, date]:
    """Parse `YYYY-MM` into the inclusive range of that month's first and last day."""
    try:
        year_text, month_text = text.strip().split("-")
        if not (year_text + month_text).isascii() or len(year_text) != 4:
            raise ValueError(text)
        year, month = int(year_text), int(month_text)
        first = date(year, month, 1)
    except ValueError:
        raise ValidationError(field, f"'{text}' is not a month (use YYYY-MM)") from None
    check_day(first, field=field)
    return first, month_end(year, month)


def month_end(year: int, month: int) -> date:
    """The last day of the month (28 to 31); LAST_DAY for a month past the range."""
    if (year, month) > (LAST_DAY.year, LAST_DAY.month):
        return LAST_DAY
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """`day` moved `months` months forward (or back when negative), its day of the month
    clamped to the target month's length: Jan 31 + 1 month is Feb 28 (or 29). A step past
    the range stops at its edge (FIRST_DAY or LAST_DAY)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if year > LAST_DAY.year:
        return LAST_DAY
    if year < FIRST_DAY.year:
        return FIRST_DAY
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def far_from_today(day: date, today: date) -> str | None:
    """A note for a date more than a year away from today (a likely typo), else None."""
    if abs((day - today).days) > 366:
        return f"note: {day.isoformat()} is more than a year from today"
    return None
