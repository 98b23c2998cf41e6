"""Calendar dates as people type them, and month ranges (pure, no I/O)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from fopymes_server.core.errors import ValidationError


def parse_date(text: str | date, today: date, *, field: str = "date") -> date:
    """Parse `today`, `yesterday`, `tomorrow` or an ISO date (YYYY-MM-DD).

    Raises ValidationError naming `field` for anything else, including impossible dates
    such as 2026-02-30.
    """
    if isinstance(text, date):
        return text
    word = text.strip().lower()
    relative = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if word in relative:
        return today + timedelta(days=relative[word])
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise ValidationError(
            field, f"'{text}' is not a date (use YYYY-MM-DD, today or yesterday)"
        ) from None


def parse_month(text: str, *, field: str = "month") -> tuple[date, date]:
    """Parse `YYYY-MM` into the inclusive range of that month's first and last day."""
    try:
        year_text, month_text = text.strip().split("-")
        year, month = int(year_text), int(month_text)
        first = date(year, month, 1)
    except ValueError:
        raise ValidationError(field, f"'{text}' is not a month (use YYYY-MM)") from None
    return first, month_end(year, month)


def month_end(year: int, month: int) -> date:
    """The last day of the month (28 to 31)."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """`day` moved `months` months forward (or back when negative), its day of the month
    clamped to the target month's length: Jan 31 + 1 month is Feb 28 (or 29)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))
