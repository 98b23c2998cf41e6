"""Recurrence rules of scheduled transactions: which calendar dates a schedule falls on (pure).

The scheduled service stores a `Recurrence`, the materialisation job asks `occurrences` for the
dates due in a window, and edits use `split_at` so that only future dates change. How rules are
typed and shown (`parse_every`, `describe`, ...) lives in `scheduled/wording.py`. Nothing here
reads a clock, a database or a time zone: dates are `datetime.date`, so there is no DST.

Conventions:

- `start` anchors the rule and is its lower bound. Period k is: day `start + k*interval`; the
  Monday-to-Sunday week `k*interval` weeks after the week of `start`; the month or year
  `k*interval` after the month or year of `start`. `start` itself is an occurrence only when it
  matches the rule (monthly on day 10 starting on the 15th begins in the next period).
- Monthly and yearly dates come from the anchor month plus `k*interval`, never from the previous
  date, so clamping never drifts: day 31 gives Jan 31, Feb 28/29, Mar 31, Apr 30, May 31.
  Yearly on Feb 29 gives Feb 28 in non-leap years.
- `until` is inclusive; `count` counts occurrences from the first; at most one of them is given.
- Weekdays are `date.weekday()` numbers: Monday 0 ... Sunday 6.
- Sequences end silently at the end of the calendar (9999-12-31).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from itertools import islice
from typing import Final, Literal, TypeGuard

from fopymes_server.core.dates import LAST_DAY as RANGE_END
from fopymes_server.core.errors import ValidationError

LAST_DAY: Final = "last"
"""The `day` of a monthly or yearly rule that means the last day of the month."""

DayOfMonth = int | Literal["last"]
MAX_INTERVAL: Final = 1000

_MAX_ORDINAL: Final = RANGE_END.toordinal()
"""Sequences end quietly at the last day fopymes knows (core.dates), never past it."""


class Frequency(StrEnum):
    """The unit a recurrence counts its interval in; the values are what storage keeps."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    YEARLY = "yearly"


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Recurrence:
    """When a scheduled transaction falls due: a rule, its anchor `start` and an optional end.

    `day` (monthly, yearly) and `month` (yearly) default to those of `start` and are filled in on
    construction, so a rule never depends on `start` for them again (`split_at` relies on it).
    Raises ValidationError naming the field when: `frequency` is unknown; `interval` is not
    1..1000; a weekly rule has no weekdays or one outside 0..6; `day` is not 1..31 or "last";
    `month` is not 1..12, or the yearly day never exists in it (Apr 31; Feb 29 is fine); a
    field is given that the frequency does not use; `count` < 1; `until` is before `start`;
    both `until` and `count` are given.
    """

    frequency: Frequency
    start: date
    interval: int = 1
    weekdays: frozenset[int] = frozenset()
    day: DayOfMonth | None = None
    month: int | None = None
    until: date | None = None
    count: int | None = None

    def __post_init__(self) -> None:
        # A frozen dataclass normalises through object.__setattr__; it runs again on replace().
        try:
            frequency = Frequency(self.frequency)
        except ValueError:
            choices = ", ".join(Frequency)
            raise ValidationError("frequency", f"must be one of {choices}") from None
        object.__setattr__(self, "frequency", frequency)
        object.__setattr__(self, "weekdays", frozenset(self.weekdays))
        if not _is_int(self.interval) or not 1 <= self.interval <= MAX_INTERVAL:
            raise ValidationError("interval", f"must be a whole number from 1 to {MAX_INTERVAL}")
        if frequency is Frequency.WEEKLY:
            if not self.weekdays:
                raise ValidationError("weekdays", "a weekly schedule needs at least one weekday")
            if any(not _is_int(d) or not 0 <= d <= 6 for d in self.weekdays):
                raise ValidationError("weekdays", "must be 0 (Monday) to 6 (Sunday)")
        elif self.weekdays:
            raise ValidationError("weekdays", "only weekly schedules take weekdays")
        if frequency in (Frequency.MONTHLY, Frequency.YEARLY):
            day = self.start.day if self.day is None else self.day
            if not (day == LAST_DAY or (_is_int(day) and 1 <= day <= 31)):
                raise ValidationError("day", "must be 1 to 31 or 'last'")
            object.__setattr__(self, "day", day)
        elif self.day is not None:
            raise ValidationError("day", "only monthly and yearly schedules take a day")
        if frequency is Frequency.YEARLY:
            month = self.start.month if self.month is None else self.month
            if not _is_int(month) or not 1 <= month <= 12:
                raise ValidationError("month", "must be 1 to 12")
            if _is_int(self.day) and self.day > calendar.monthrange(2000, month)[1]:
                raise ValidationError("day", f"month {month} never has a day {self.day}")
            object.__setattr__(self, "month", month)
        elif self.month is not None:
            raise ValidationError("month", "only yearly schedules take a month")
        if self.until is not None and self.count is not None:
            raise ValidationError("count", "give an end date or a count, not both")
        if self.count is not None and (not _is_int(self.count) or self.count < 1):
            raise ValidationError("count", "must be a whole number of 1 or more")
        if self.until is not None and self.until < self.start:
            raise ValidationError("until", "the end date is before the start date")


def _on_day(year: int, month: int, day: DayOfMonth | None) -> date:
    """The given day of the month, clamped to its last day (so 31 is Feb 28 or 29)."""
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last) if isinstance(day, int) else last)


def _period_dates(rec: Recurrence, k: int) -> list[date] | None:
    """Dates of period k, in order; period 0 drops those before `start`; None past the
    range's last day."""
    start, step = rec.start, k * rec.interval
    if rec.frequency is Frequency.DAILY:
        ordinal = start.toordinal() + step
        return [date.fromordinal(ordinal)] if ordinal <= _MAX_ORDINAL else None
    if rec.frequency is Frequency.WEEKLY:
        monday = start.toordinal() - start.weekday() + 7 * step
        if monday > _MAX_ORDINAL:
            return None
        offsets = sorted(rec.weekdays)
        dates = [date.fromordinal(monday + d) for d in offsets if monday + d <= _MAX_ORDINAL]
    else:
        if rec.frequency is Frequency.MONTHLY:
            year, month0 = divmod(start.year * 12 + start.month - 1 + step, 12)
            month = month0 + 1
        else:
            year, month = start.year + step, rec.month or start.month
        if year > RANGE_END.year:
            return None
        dates = [_on_day(year, month, rec.day)]
    return dates if k > 0 else [d for d in dates if d >= start]


def _period_on_or_before(rec: Recurrence, day: date) -> int:
    """The last period that begins on or before `day` (which is on or after `start`)."""
    start = rec.start
    if rec.frequency is Frequency.DAILY:
        units = (day - start).days
    elif rec.frequency is Frequency.WEEKLY:
        units = ((day - start).days + start.weekday() - day.weekday()) // 7
    elif rec.frequency is Frequency.MONTHLY:
        units = (day.year - start.year) * 12 + day.month - start.month
    else:
        units = day.year - start.year
    return units // rec.interval


def _count_before_period(rec: Recurrence, k: int) -> int:
    """Occurrences in periods 0..k-1, ignoring `until` and `count` (closed form, no loop)."""
    if k == 0:
        return 0
    per_period = len(rec.weekdays) if rec.frequency is Frequency.WEEKLY else 1
    return len(_period_dates(rec, 0) or []) + (k - 1) * per_period


def _unbounded_before(rec: Recurrence, day: date) -> int:
    if day <= rec.start:
        return 0
    k = _period_on_or_before(rec, day)
    in_period = sum(1 for d in _period_dates(rec, k) or [] if d < day)
    return _count_before_period(rec, k) + in_period


def _matches(rec: Recurrence, day: date) -> bool:
    """Whether `day` is on the rule, ignoring `until` and `count`."""
    return day >= rec.start and day in (_period_dates(rec, _period_on_or_before(rec, day)) or [])


def occurrences(rec: Recurrence, start_inclusive: date, end_inclusive: date) -> Iterator[date]:
    """The occurrences inside the inclusive window, in increasing order.

    Dates outside the rule's own `start`/`until` are left out, and `count` is respected even when
    the window starts late (the occurrences before the window are counted, not listed). An empty
    or inverted window yields nothing. Lazy: cost grows with the dates yielded, not the gap.
    """
    low = max(start_inclusive, rec.start)
    high = end_inclusive if rec.until is None else min(end_inclusive, rec.until)
    if low > high:
        return
    k = _period_on_or_before(rec, low)
    index = _count_before_period(rec, k)
    while (dates := _period_dates(rec, k)) is not None:
        for day in dates:
            if day > high or (rec.count is not None and index >= rec.count):
                return
            if day >= low:
                yield day
            index += 1
        k += 1


def next_occurrences(rec: Recurrence, after: date, n: int) -> list[date]:
    """The first `n` occurrences strictly after `after` (fewer if the rule ends first).

    Raises ValidationError on `n` when it is negative.
    """
    if n < 0:
        raise ValidationError("n", "must be 0 or more")
    if after >= RANGE_END:
        return []
    return list(islice(occurrences(rec, after + timedelta(days=1), RANGE_END), n))


def count_before(rec: Recurrence, day: date) -> int:
    """How many occurrences fall strictly before `day`, within `until` and `count`."""
    if rec.until is not None and day > rec.until:
        counted = _unbounded_before(rec, rec.until) + _matches(rec, rec.until)
    else:
        counted = _unbounded_before(rec, day)
    return counted if rec.count is None else min(counted, rec.count)


def occurrence_index(rec: Recurrence, day: date) -> int | None:
    """The 0-based position of `day` in the rule's sequence, or None if it is not an occurrence.

    None also when `day` is past `until` or past the `count`-th occurrence, so a job can check
    "is this date still due under the count limit?" without listing the dates before it.
    """
    if not _matches(rec, day) or (rec.until is not None and day > rec.until):
        return None
    index = _unbounded_before(rec, day)
    return None if rec.count is not None and index >= rec.count else index


MAX_CATCH_UP: Final = 366
"""Dates a new schedule may have before today: they are all recorded on the next run, so a
typo such as 1900 for 2026 in a daily schedule would otherwise ask for 46,000 of them."""
MAX_BACKFILL: Final = 3660
"""Dates before today a new schedule may have when the caller asks for a backfill."""


def check_catch_up(rec: Recurrence, today: date, *, backfill: bool) -> None:
    """ValidationError("start") when the rule has more dates up to today than allowed.

    Counted in closed form (count_before), so even a start in 1900 costs nothing to check.
    """
    due = count_before(rec, today + timedelta(days=1))
    limit = MAX_BACKFILL if backfill else MAX_CATCH_UP
    if due <= limit:
        return
    if backfill:
        raise ValidationError(
            "start", f"from {rec.start} to today is {due} dates; a backfill records at most {limit}"
        )
    raise ValidationError(
        "start",
        f"from {rec.start} to today is {due} dates to record; at most {limit} without a backfill",
        hint=f"to record that many on purpose, add --backfill (at most {MAX_BACKFILL} dates)",
    )


def split_at(rec: Recurrence, day: date) -> tuple[Recurrence | None, Recurrence | None]:
    """Cut a rule at `day` so an edit changes only occurrences on or after it.

    Returns `(before, after)`: `before` has exactly the occurrences before `day` (its `until`
    becomes the day before, or its `count` the number already passed); `after` has exactly the
    rest, the same rule restarted at its first occurrence on or after `day`, so the period
    phase (every 2 weeks, every 3 months) and the remaining `count` carry over. Either side is
    None when it has no occurrences. To change the rule itself from `day` on, keep `before` and
    build a new Recurrence whose `start` is `day`.
    """
    passed = count_before(rec, day)
    before: Recurrence | None = None
    if passed and rec.count is not None:
        before = replace(rec, count=passed)
    elif passed:
        end = day - timedelta(days=1)
        before = replace(rec, until=end if rec.until is None else min(rec.until, end))
    first = next(occurrences(rec, day, RANGE_END), None)
    if first is None:
        return before, None
    remaining = None if rec.count is None else rec.count - passed
    return before, replace(rec, start=first, count=remaining)
