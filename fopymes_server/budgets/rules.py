"""Budget periods, rollover, status and alert thresholds (pure, no I/O).

`budgets/service.py` and the budget-alert job call these rules with amounts already summed in
SQL; nothing here reads a clock or a database. Periods are inclusive date ranges that tile the
calendar without gap or overlap, so every transaction date falls in exactly one period.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from fopymes_server.core.dates import month_end
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import exponent

DEFAULT_THRESHOLDS = (80, 100)
_ONE_DAY = timedelta(days=1)
_A_MONDAY = date(1970, 1, 5)  # origin of weekly periods without an anchor date


class PeriodKind(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


_DAYS_LONG = {PeriodKind.WEEKLY: 7, PeriodKind.FORTNIGHTLY: 14}
_MONTHS_LONG = {PeriodKind.MONTHLY: 1, PeriodKind.QUARTERLY: 3, PeriodKind.YEARLY: 12}


class Rollover(StrEnum):
    """What a period's leftover does to the next period's limit."""

    NONE = "none"
    UNSPENT = "unspent"  # money not spent raises the next limit
    OVERSPENT = "overspent"  # money spent over the limit lowers the next limit
    BOTH = "both"


class Verdict(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"  # the linear projection ends the period over the limit
    OVER = "over"  # already spent more than the limit


@dataclass(frozen=True, slots=True)
class PeriodSpec:
    """How a budget cuts the calendar into periods.

    - weekly: 7 days starting on `week_start` (0 Monday .. 6 Sunday), or on the weekday of
      `anchor_date` when one is given (the anchor date wins).
    - fortnightly: 14 days; `anchor_date` (required) is the first day of one of them.
    - monthly, quarterly, yearly: 1, 3 or 12 months, each starting on `anchor_day` (1..31) of
      its first month. A month shorter than `anchor_day` starts on its last day (31 gives
      Feb 28/29, then Mar 31). Quarters and years begin in `anchor_month` (1..12) and every
      3 or 12 months from it: quarterly with anchor_month 2 starts in Feb, May, Aug and Nov.

    Raises ValidationError naming the field when an anchor is out of range, a fortnightly
    spec has no anchor date, or a month-based spec is given an anchor date.
    """

    kind: PeriodKind
    anchor_day: int = 1
    anchor_month: int = 1
    week_start: int = 0
    anchor_date: date | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.anchor_day <= 31:
            raise ValidationError("anchor_day", "must be a day of the month from 1 to 31")
        if not 1 <= self.anchor_month <= 12:
            raise ValidationError("anchor_month", "must be a month from 1 to 12")
        if not 0 <= self.week_start <= 6:
            raise ValidationError("week_start", "must be a weekday from 0 (Monday) to 6 (Sunday)")
        if self.kind is PeriodKind.FORTNIGHTLY and self.anchor_date is None:
            raise ValidationError(
                "anchor_date", "fortnightly periods need the first day of one fortnight"
            )
        if self.kind in _MONTHS_LONG and self.anchor_date is not None:
            raise ValidationError(
                "anchor_date", f"{self.kind} periods use anchor_day/anchor_month, not a date"
            )


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive range of calendar dates."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def _month_start(month_index: int, anchor_day: int) -> date:
    """First day of a month-based period whose first month is `month_index` (year*12+month-1)."""
    year, month0 = divmod(month_index, 12)
    return date(year, month0 + 1, min(anchor_day, month_end(year, month0 + 1).day))


def period_containing(spec: PeriodSpec, day: date) -> Period:
    """The one period of `spec` that contains `day`."""
    if spec.kind in _DAYS_LONG:
        length = _DAYS_LONG[spec.kind]
        origin = spec.anchor_date or _A_MONDAY + timedelta(days=spec.week_start)
        start = origin + timedelta(days=(day - origin).days // length * length)
        return Period(start, start + timedelta(days=length - 1))
    step = _MONTHS_LONG[spec.kind]
    index = day.year * 12 + day.month - 1
    first = index - (index - (spec.anchor_month - 1)) % step
    if _month_start(first, spec.anchor_day) > day:
        first -= step
    return Period(
        _month_start(first, spec.anchor_day), _month_start(first + step, spec.anchor_day) - _ONE_DAY
    )


def next_period(spec: PeriodSpec, period: Period) -> Period:
    """The period that starts the day after `period` ends (`period` must be one of `spec`)."""
    return period_containing(spec, period.end + _ONE_DAY)


def previous_period(spec: PeriodSpec, period: Period) -> Period:
    """The period that ends the day before `period` starts."""
    return period_containing(spec, period.start - _ONE_DAY)


def periods_between(spec: PeriodSpec, start: date, end: date) -> list[Period]:
    """Every period that overlaps the inclusive range `start`..`end`, in order.

    The first period contains `start` and the last contains `end`, so they may reach outside
    the range. Raises ValidationError("until") when `end` is before `start`.
    """
    if end < start:
        raise ValidationError("until", f"{end} is before the start {start}")
    periods = [period_containing(spec, start)]
    while periods[-1].end < end:
        periods.append(next_period(spec, periods[-1]))
    return periods


def effective_limits(
    base_limits: Sequence[Decimal],
    spent: Sequence[Decimal],
    rollover: Rollover = Rollover.NONE,
    cap: Decimal | None = None,
) -> list[Decimal]:
    """The limit of each of N consecutive periods once rollover is applied.

    `base_limits[i]` is the limit that was in force in period i (editing a budget never
    rewrites earlier periods), `spent[i]` what was spent in it; the spent amount of the last
    period may be left out since nothing carries out of it. Each period's leftover is
    `effective - spent`; a positive leftover carries into the next period under UNSPENT or
    BOTH, a negative one under OVERSPENT or BOTH, and `cap` bounds the carried amount in
    absolute value. Carries compound: a carried amount is part of the next leftover. An
    effective limit can therefore be negative after a large overspend.

    Raises ValidationError for a negative base limit or cap, ValueError when `spent` is
    shorter than N - 1 or longer than N.
    """
    if not len(base_limits) - 1 <= len(spent) <= len(base_limits):
        raise ValueError("spent must give one amount per period (the last may be omitted)")
    if any(limit < 0 for limit in base_limits):
        raise ValidationError("limit", "must not be negative")
    if cap is not None and cap < 0:
        raise ValidationError("rollover_cap", "must not be negative")
    carries_unspent = rollover in (Rollover.UNSPENT, Rollover.BOTH)
    carries_over = rollover in (Rollover.OVERSPENT, Rollover.BOTH)
    limits: list[Decimal] = []
    carry = Decimal(0)
    for index, base in enumerate(base_limits):
        limit = base + carry
        limits.append(limit)
        if index == len(spent):
            break
        leftover = limit - spent[index]
        if (leftover > 0 and carries_unspent) or (leftover < 0 and carries_over):
            carry = leftover if cap is None else max(-cap, min(cap, leftover))
        else:
            carry = Decimal(0)
    return limits


@dataclass(frozen=True, slots=True)
class BudgetStatus:
    """Where a budget stands within one period.

    `percent_used` is None when the limit is zero or negative. `days_elapsed` counts the days
    up to and including today; `days_left` the days after today, so they add up to the
    period's length. `projected_spend` extends the spending rate linearly to the period end.
    """

    period: Period
    limit: Decimal
    spent: Decimal
    remaining: Decimal
    percent_used: Decimal | None
    days_elapsed: int
    days_left: int
    projected_spend: Decimal
    verdict: Verdict


def budget_status(
    period: Period, limit: Decimal, spent: Decimal, today: date, currency: str
) -> BudgetStatus:
    """Status of `period` on `today` (which may lie before, inside or after it).

    The projection is `spent / days_elapsed * days`, rounded half-up to the currency's minor
    unit; before the period starts it is `spent`. The verdict is OVER when spent > limit,
    AT_RISK when the projection is over the limit, ON_TRACK otherwise.
    """
    elapsed = min(max((today - period.start).days + 1, 0), period.days)
    quantum = Decimal(1).scaleb(-exponent(currency))
    projected = spent if elapsed == 0 else spent * period.days / elapsed
    projected = projected.quantize(quantum, ROUND_HALF_UP)
    percent = None
    if limit > 0:
        percent = (spent * 100 / limit).quantize(Decimal("0.1"), ROUND_HALF_UP)
    verdict = Verdict.ON_TRACK
    if spent > limit:
        verdict = Verdict.OVER
    elif projected > limit:
        verdict = Verdict.AT_RISK
    return BudgetStatus(
        period=period,
        limit=limit,
        spent=spent,
        remaining=limit - spent,
        percent_used=percent,
        days_elapsed=elapsed,
        days_left=period.days - elapsed,
        projected_spend=projected,
        verdict=verdict,
    )


def prorate(limit: Decimal, period: Period, window: Period, currency: str) -> Decimal:
    """The part of `period`'s `limit` that falls in `window`: limit x shared days / days.

    A period wholly inside the window keeps its limit, one outside it gives zero; the
    share is rounded half-up to the currency's minor unit. This is how a report on other
    dates than a budget's own periods (a calendar month against a 25th-24th payday
    budget) counts only the limit of its own dates.
    """
    first, last = max(period.start, window.start), min(period.end, window.end)
    if last < first:
        return Decimal(0).quantize(Decimal(1).scaleb(-exponent(currency)))
    shared = (last - first).days + 1
    if shared == period.days:
        return limit
    quantum = Decimal(1).scaleb(-exponent(currency))
    return (limit * shared / period.days).quantize(quantum, ROUND_HALF_UP)


def crossed_thresholds(
    spent: Decimal, limit: Decimal, thresholds: Sequence[int] = DEFAULT_THRESHOLDS
) -> list[int]:
    """The thresholds (percent of the limit) that `spent` has reached, ascending.

    A threshold t is crossed when spent >= t% of the limit, compared exactly (no rounded
    percentage). Nothing is crossed while nothing is spent; with a zero or negative limit
    any spending crosses every threshold.
    """
    if spent <= 0:
        return []
    return sorted(t for t in set(thresholds) if spent * 100 >= limit * t)


def parse_period_kind(text: str, *, field: str = "period") -> PeriodKind:
    """`weekly`, `fortnightly`, `monthly`, `quarterly` or `yearly` (any case).

    Raises ValidationError naming `field` for anything else.
    """
    try:
        return PeriodKind(text.strip().lower())
    except ValueError:
        choices = ", ".join(kind.value for kind in PeriodKind)
        raise ValidationError(field, f"'{text}' is not a period (use {choices})") from None


def parse_rollover(text: str, *, field: str = "rollover") -> Rollover:
    """`none`, `unspent`, `overspent` or `both` (any case); ValidationError otherwise."""
    try:
        return Rollover(text.strip().lower())
    except ValueError:
        choices = ", ".join(mode.value for mode in Rollover)
        raise ValidationError(field, f"'{text}' is not a rollover mode (use {choices})") from None


def parse_thresholds(text: str, *, field: str = "thresholds") -> tuple[int, ...]:
    """Comma-separated whole percentages such as `80,100` or `50%, 90%`, sorted, no repeats.

    Raises ValidationError naming `field` when the list is empty or an item is not a whole
    number from 1 to 1000.
    """
    items = [item.strip().removesuffix("%").strip() for item in text.split(",")]
    if not any(items):
        raise ValidationError(field, "give at least one percentage, e.g. 80,100")
    values: set[int] = set()
    for item in items:
        if not item.isdecimal() or not 1 <= int(item) <= 1000:
            raise ValidationError(field, f"'{item}' is not a whole percentage from 1 to 1000")
        values.add(int(item))
    return tuple(sorted(values))
