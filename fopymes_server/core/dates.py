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
    last = date(year, month, calendar.monthrange(year, month)[1])
    return first, last
