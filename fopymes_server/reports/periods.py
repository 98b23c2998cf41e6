"""Report periods from what people type: `2026-10`, `2026Q3`, `2026`, ranges, words (pure).

    this-month  last-month  this-quarter  last-quarter  this-year  last-year
    ytd (1 January to today)  last-12-months (the 12 whole months before this one)

Each period also knows the one it is compared with, "the previous period of the same
length": the month, quarter or year before; the 12 months before; for year-to-date the
same dates a year earlier; for a free range the same number of days just before it.
Nothing here reads a clock: `today` is passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fopymes_server.core.dates import add_days, add_months, check_day, month_end, parse_date
from fopymes_server.core.errors import ValidationError

WORDS = (
    "this-month",
    "last-month",
    "this-quarter",
    "last-quarter",
    "this-year",
    "last-year",
    "ytd",
    "last-12-months",
)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    MONTHS = "months"  # a run of whole months (last-12-months)
    YEAR_TO_DATE = "ytd"
    RANGE = "range"


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """An inclusive date range with its name (`2026-10`, `2026Q3`, `2026-01-01..2026-03-31`)."""

    start: date
    end: date
    kind: PeriodKind
    label: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def month(year: int, number: int) -> ReportPeriod:
    return ReportPeriod(
        date(year, number, 1), month_end(year, number), PeriodKind.MONTH, f"{year}-{number:02d}"
    )


def quarter(year: int, number: int) -> ReportPeriod:
    first = date(year, 3 * number - 2, 1)
    return ReportPeriod(first, month_end(year, 3 * number), PeriodKind.QUARTER, f"{year}Q{number}")


def year(number: int) -> ReportPeriod:
    return ReportPeriod(date(number, 1, 1), date(number, 12, 31), PeriodKind.YEAR, str(number))


def date_range(start: date, end: date) -> ReportPeriod:
    """A free range; ValidationError when it runs backwards."""
    if start > end:
        raise ValidationError("from", f"{start} is after --to ({end})")
    return ReportPeriod(start, end, PeriodKind.RANGE, f"{start.isoformat()}..{end.isoformat()}")


def _months(first: date, count: int) -> ReportPeriod:
    last = add_months(first, count - 1)
    end = month_end(last.year, last.month)
    label = f"{first.isoformat()[:7]}..{end.isoformat()[:7]}"
    return ReportPeriod(first, end, PeriodKind.MONTHS, label)


def _word(word: str, today: date) -> ReportPeriod:
    this_quarter = (today.month - 1) // 3 + 1
    if word == "this-month":
        return month(today.year, today.month)
    if word == "last-month":
        first = add_months(today.replace(day=1), -1)
        return month(first.year, first.month)
    if word == "this-quarter":
        return quarter(today.year, this_quarter)
    if word == "last-quarter":
        return (
            quarter(today.year - 1, 4)
            if this_quarter == 1
            else quarter(today.year, this_quarter - 1)
        )
    if word == "this-year":
        return year(today.year)
    if word == "last-year":
        return year(today.year - 1)
    if word == "ytd":
        start = date(today.year, 1, 1)
        return ReportPeriod(start, today, PeriodKind.YEAR_TO_DATE, f"{today.year}-ytd")
    return _months(add_months(today.replace(day=1), -12), 12)


def parse_period(text: str, today: date, *, field: str = "period") -> ReportPeriod:
    """Read one period: a word above, `YYYY-MM`, `YYYYQn`, `YYYY` or `FROM..TO`.

    Raises ValidationError naming `field` and the accepted forms for anything else,
    including impossible months such as 2026-13.
    """
    value = text.strip().lower()
    if value in WORDS:
        return _word(value, today)
    try:
        if match := _MONTH.match(value):
            return month(int(match[1]), int(match[2]))
        if match := _QUARTER.match(value):
            return quarter(int(match[1]), int(match[2]))
        if match := _YEAR.match(value):
            return year(int(match[1]))
    except ValueError:
        pass
    else:
        if ".." in value:
            first, _, last = value.partition("..")
            return date_range(
                parse_date(first, today, field=field), parse_date(last, today, field=field)
            )
    raise ValidationError(
        field,
        f"'{text}' is not a period (use YYYY-MM, YYYYQ1..4, YYYY, FROM..TO or {', '.join(WORDS)})",
    )


def resolve(
    today: date,
    *,
    period: str | None = None,
    month_text: str | None = None,
    quarter_text: str | None = None,
    year_text: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> ReportPeriod:
    """The one period that the command-line options name; `this-month` when none do.

    `--from` alone runs to today. Raises ValidationError when two ways are mixed (e.g.
    `--month` with `--from`), when `--to` comes without `--from`, when a value is bad, or
    when the period lies outside the date range (core.dates). Its comparison period and
    12-month trend stop at the range's first day.
    """
    chosen = _resolve(
        today,
        period=period,
        month_text=month_text,
        quarter_text=quarter_text,
        year_text=year_text,
        date_from=date_from,
        date_to=date_to,
    )
    check_day(chosen.start, field="period")
    check_day(chosen.end, field="period")
    return chosen


def _resolve(
    today: date,
    *,
    period: str | None = None,
    month_text: str | None = None,
    quarter_text: str | None = None,
    year_text: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> ReportPeriod:
    given = [
        name
        for name, value in (
            ("--period", period),
            ("--month", month_text),
            ("--quarter", quarter_text),
            ("--year", year_text),
            ("--from/--to", date_from or date_to),
        )
        if value
    ]
    if len(given) > 1:
        raise ValidationError("period", f"use one of {' or '.join(given)}")
    if period:
        return parse_period(period, today)
    if month_text:
        if not _MONTH.match(month_text.strip()):
            raise ValidationError("month", f"'{month_text}' is not a month (use YYYY-MM)")
        return parse_period(month_text, today, field="month")
    if quarter_text:
        if not _QUARTER.match(quarter_text.strip()):
            raise ValidationError("quarter", f"'{quarter_text}' is not a quarter (use 2026Q3)")
        return parse_period(quarter_text, today, field="quarter")
    if year_text:
        if not _YEAR.match(year_text.strip()):
            raise ValidationError("year", f"'{year_text}' is not a year (use YYYY)")
        return parse_period(year_text, today, field="year")
    if date_to and not date_from:
        raise ValidationError("to", "needs --from as well")
    if date_from:
        start = parse_date(date_from, today, field="from")
        end = parse_date(date_to, today, field="to") if date_to else today
        return date_range(start, end)
    return _word("this-month", today)


def previous(period: ReportPeriod) -> ReportPeriod:
    """The period this one is compared with (see the module docstring)."""
    if period.kind is PeriodKind.MONTH:
        first = add_months(period.start, -1)
        return month(first.year, first.month)
    if period.kind is PeriodKind.QUARTER:
        number = (period.start.month - 1) // 3 + 1
        return (
            quarter(period.start.year - 1, 4)
            if number == 1
            else quarter(period.start.year, number - 1)
        )
    if period.kind is PeriodKind.YEAR:
        return year(period.start.year - 1)
    if period.kind is PeriodKind.MONTHS:
        count = (
            (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
        )
        return _months(add_months(period.start, -count), count)
    if period.kind is PeriodKind.YEAR_TO_DATE:
        end = (
            period.end.replace(year=period.end.year - 1, day=min(period.end.day, 28))
            if (period.end.month == 2 and period.end.day == 29)
            else period.end.replace(year=period.end.year - 1)
        )
        start = date(end.year, 1, 1)
        return ReportPeriod(start, end, PeriodKind.YEAR_TO_DATE, f"{end.year}-ytd")
    end = add_days(period.start, -1)  # both stop at the range's first day
    return date_range(add_days(end, 1 - period.days), end)
