"""The period the dashboard and the transactions table look at: a month, quarter or year,
or any other range the reports accept.

← and → step through periods and `p` changes their length. This is only navigation over
the calendar (which dates does "the previous quarter" cover); the sums for the range come
from the service layer. Text in the filter bar is read by the reports' own parser
(`reports.periods.parse_period`), so it accepts exactly what `fopymes report --period`
accepts: `2026-11`, `2026Q3` or `2026-Q3`, `2026`, `FROM..TO`, words such as `last-month`
or `ytd`; empty text is all time.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from fopymes_server.core.dates import add_months, month_end
from fopymes_server.reports import periods


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
    """A whole calendar month, quarter or year, identified by its first day; or, with
    `last`, any range from `start` to `last` (year to date, twelve months, FROM..TO),
    whose `span` is the length `p` switches to first."""

    span: Span
    start: date
    last: date | None = None

    @classmethod
    def containing(cls, day: date, span: Span = Span.MONTH) -> Period:
        first_month = (day.month - 1) // span.months * span.months + 1
        return cls(span, date(day.year, first_month, 1))

    @property
    def end(self) -> date:
        """The last day of the period (inclusive, as the services take it)."""
        if self.last is not None:
            return self.last
        last = self.last_month
        return month_end(last.year, last.month)

    @property
    def last_month(self) -> date:
        """The first day of the period's last month (where a 12-month trend ends)."""
        if self.last is not None:
            return self.last.replace(day=1)
        return add_months(self.start, self.span.months - 1)

    def shift(self, steps: int) -> Period:
        """The period `steps` lengths later (negative: earlier); a range moves by its
        number of days."""
        if self.last is not None:
            days = timedelta(days=steps * ((self.last - self.start).days + 1))
            return Period(self.span, self.start + days, self.last + days)
        return Period(self.span, add_months(self.start, steps * self.span.months))

    def with_span(self, span: Span) -> Period:
        """The period of length `span` that contains this one's first day."""
        return Period.containing(self.start, span)

    @property
    def label(self) -> str:
        if self.last is not None:
            return f"{self.start.isoformat()} to {self.last.isoformat()}"
        if self.span is Span.MONTH:
            return f"{calendar.month_name[self.start.month]} {self.start.year}"
        if self.span is Span.QUARTER:
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return str(self.start.year)

    @property
    def text(self) -> str:
        """The filter-bar spelling, which `parse_period` reads back."""
        if self.last is not None:
            return f"{self.start.isoformat()}..{self.last.isoformat()}"
        if self.span is Span.MONTH:
            return f"{self.start:%Y-%m}"
        if self.span is Span.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)


_SPANS = {
    periods.PeriodKind.MONTH: Span.MONTH,
    periods.PeriodKind.QUARTER: Span.QUARTER,
    periods.PeriodKind.YEAR: Span.YEAR,
}


def parse_period(text: str, *, field: str = "period", today: date | None = None) -> Period | None:
    """The period `text` names, read by the reports' parser; empty text is None (all time).

    `today` anchors words such as `last-month` (default: the system date). Raises
    ValidationError naming `field` for anything `fopymes report --period` refuses.
    """
    if not text.strip():
        return None
    chosen = periods.parse_period(text, today or date.today(), field=field)
    span = _SPANS.get(chosen.kind)
    if span is not None:
        return Period(span, chosen.start)
    return Period(Span.MONTH, chosen.start, chosen.end)
