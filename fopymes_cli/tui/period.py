"""The period the dashboard and the transactions table look at: a month, quarter or year.

← and → step through periods and `p` changes their length. This is only navigation over
the calendar (which dates does "the previous quarter" cover); the sums for the range come
from the service layer. Text in the filter bar (`2026-11`, `2026-Q3`, `2026`, or empty for
all time) parses into the same value.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fopymes_server.core.dates import add_months, month_end
from fopymes_server.core.errors import ValidationError


class Span(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def months(self) -> int:
        return {Span.MONTH: 1, Span.QUARTER: 3, Span.YEAR: 12}[self]

    def following(self) -> Span:
        """The next length in the `p` cycle: month → quarter → year → month."""
        order = list(Span)
        return order[(order.index(self) + 1) % len(order)]


@dataclass(frozen=True, slots=True)
class Period:
    """A whole calendar month, quarter or year, identified by its first day."""

    span: Span
    start: date

    @classmethod
    def containing(cls, day: date, span: Span = Span.MONTH) -> Period:
        first_month = (day.month - 1) // span.months * span.months + 1
        return cls(span, date(day.year, first_month, 1))

    @property
    def end(self) -> date:
        """The last day of the period (inclusive, as the services take it)."""
        last = self.last_month
        return month_end(last.year, last.month)

    @property
    def last_month(self) -> date:
        """The first day of the period's last month (where a 12-month trend ends)."""
        return add_months(self.start, self.span.months - 1)

    def shift(self, steps: int) -> Period:
        """The period `steps` lengths later (negative: earlier)."""
        return Period(self.span, add_months(self.start, steps * self.span.months))

    def with_span(self, span: Span) -> Period:
        """The period of length `span` that contains this one's first day."""
        return Period.containing(self.start, span)

    @property
    def label(self) -> str:
        if self.span is Span.MONTH:
            return f"{calendar.month_name[self.start.month]} {self.start.year}"
        if self.span is Span.QUARTER:
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return str(self.start.year)

    @property
    def text(self) -> str:
        """The filter-bar spelling, which `parse_period` reads back."""
        if self.span is Span.MONTH:
            return f"{self.start:%Y-%m}"
        if self.span is Span.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)


_PATTERNS = (
    (re.compile(r"(\d{4})-(\d{1,2})"), Span.MONTH),
    (re.compile(r"(\d{4})-[qQ]([1-4])"), Span.QUARTER),
    (re.compile(r"(\d{4})"), Span.YEAR),
)


def parse_period(text: str, *, field: str = "period") -> Period | None:
    """`YYYY-MM`, `YYYY-Qn` or `YYYY` as a Period; empty text is None (all time).

    Raises ValidationError naming `field` for anything else.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    for pattern, span in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        year = int(match.group(1))
        if year < 1:
            break
        if span is Span.YEAR:
            return Period(span, date(year, 1, 1))
        number = int(match.group(2))
        month = number if span is Span.MONTH else (number - 1) * 3 + 1
        if not 1 <= month <= 12:
            break
        return Period(span, date(year, month, 1))
    raise ValidationError(field, f"'{text}' is not a period (use 2026-11, 2026-Q4 or 2026)")
