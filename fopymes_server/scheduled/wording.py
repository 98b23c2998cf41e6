"""How people write recurrence rules and how fopymes shows them back (pure).

The CLI (`--every "2 weeks" --on mon,thu --day last`), the TUI form and the API's schemas parse
with these functions, and every list of schedules shows `describe`, so all front ends accept and
print the same words. English only, and independent of the process locale on purpose
(`calendar.month_abbr` follows the locale, so it is not used).
"""

from __future__ import annotations

import re
from typing import Final

from fopymes_server.core.errors import ValidationError
from fopymes_server.scheduled.rules import LAST_DAY, MAX_INTERVAL, DayOfMonth, Frequency, Recurrence

WEEKDAY_NAMES: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES: Final = (
    *("Jan", "Feb", "Mar", "Apr", "May", "Jun"),
    *("Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
)

_UNITS: Final = {
    "day": Frequency.DAILY,
    "week": Frequency.WEEKLY,
    "month": Frequency.MONTHLY,
    "year": Frequency.YEARLY,
}
_UNIT_OF: Final = {frequency: unit for unit, frequency in _UNITS.items()}
_ADVERBS: Final = {
    "daily": (Frequency.DAILY, 1),
    "weekly": (Frequency.WEEKLY, 1),
    "fortnightly": (Frequency.WEEKLY, 2),
    "monthly": (Frequency.MONTHLY, 1),
    "quarterly": (Frequency.MONTHLY, 3),
    "yearly": (Frequency.YEARLY, 1),
    "annually": (Frequency.YEARLY, 1),
}
_EVERY: Final = re.compile(r"(?:(\d{1,9}) ?)?(day|week|month|year)s?")
_WEEKDAY_WORDS: Final = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_WEEKDAY_GROUPS: Final = {
    "weekdays": frozenset(range(5)),
    "weekend": frozenset({5, 6}),
    "weekends": frozenset({5, 6}),
}
_DAY: Final = re.compile(r"(\d{1,9})(?:st|nd|rd|th)?")


def _and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe(rec: Recurrence, *, bounds: bool = True) -> str:
    """One line of English for a rule, e.g. "every month on day 31 (last day in shorter months)".

    With `bounds`, the start and the end follow: ", from 2026-01-31 until 2026-12-31" or
    ", from 2026-01-31, 12 times". Never raises for a valid Recurrence.
    """
    unit = _UNIT_OF[rec.frequency]
    text = f"every {unit}" if rec.interval == 1 else f"every {rec.interval} {unit}s"
    day = rec.day
    if rec.frequency is Frequency.WEEKLY:
        text += " on " + _and_list([WEEKDAY_NAMES[d] for d in sorted(rec.weekdays)])
    elif rec.frequency is Frequency.MONTHLY:
        if isinstance(day, int):
            text += f" on day {day}" + (" (last day in shorter months)" if day >= 29 else "")
        else:
            text += " on the last day"
    elif rec.frequency is Frequency.YEARLY:
        month = MONTH_NAMES[(rec.month or rec.start.month) - 1]
        if isinstance(day, int):
            leap_note = " (Feb 28 in non-leap years)" if (month, day) == ("Feb", 29) else ""
            text += f" on {month} {day}{leap_note}"
        else:
            text += f" on the last day of {month}"
    if bounds:
        text += f", from {rec.start.isoformat()}"
        if rec.until is not None:
            text += f" until {rec.until.isoformat()}"
        elif rec.count is not None:
            text += ", once" if rec.count == 1 else f", {rec.count} times"
    return text


def parse_every(text: str, *, field: str = "every") -> tuple[Frequency, int]:
    """Parse a repetition into (frequency, interval).

    Accepts a unit with an optional number and an optional leading "every", singular or
    plural ("day", "week", "2 weeks", "month", "3 months", "every year"; not "2w"), and the
    adverbs daily, weekly, fortnightly, monthly, quarterly, yearly, annually. Case and
    spacing do not matter. Raises ValidationError naming `field` for anything else or for an
    interval outside 1..1000.
    """
    words = " ".join(text.lower().split()).removeprefix("every ")
    if words in _ADVERBS:
        return _ADVERBS[words]
    match = _EVERY.fullmatch(words)
    if match is None:
        raise ValidationError(
            field,
            f"'{text}' is not a repetition",
            hint="use e.g. day, 2 weeks, month, 3 months, year, daily, weekly, monthly, yearly",
        )
    interval = int(match.group(1) or 1)
    if not 1 <= interval <= MAX_INTERVAL:
        raise ValidationError(field, f"the interval must be 1 to {MAX_INTERVAL}, not {interval}")
    return _UNITS[match.group(2)], interval


def _weekday(word: str, field: str) -> int:
    # Any prefix of two letters or more names one weekday: mo, tu, we, th, fr, sa, su are unique.
    found = [i for i, name in enumerate(_WEEKDAY_WORDS) if len(word) >= 2 and name.startswith(word)]
    if len(found) != 1:
        raise ValidationError(
            field, f"'{word}' is not a weekday", hint="use mon, tue, wed, thu, fri, sat, sun"
        )
    return found[0]


def parse_weekdays(text: str, *, field: str = "weekdays") -> frozenset[int]:
    """Parse weekday names into `date.weekday()` numbers (Monday 0 ... Sunday 6).

    Names are separated by commas, spaces or "+" ("mon,thu", "Mon Thu", "monday+thursday"); any
    prefix of two letters or more counts ("tu", "tues", "thurs"). A range wraps around the week
    ("mon-fri", "fri-mon"), and "weekdays" / "weekend" name Mon-Fri / Sat+Sun. Raises
    ValidationError naming `field` for an unknown name or when no weekday is given.
    """
    days: set[int] = set()
    for word in re.split(r"[\s,+]+", text.strip().lower()):
        if not word:
            continue
        if word in _WEEKDAY_GROUPS:
            days |= _WEEKDAY_GROUPS[word]
        elif "-" in word:
            first_word, _, last_word = word.partition("-")
            first, last = _weekday(first_word, field), _weekday(last_word, field)
            days.update((first + i) % 7 for i in range((last - first) % 7 + 1))
        else:
            days.add(_weekday(word, field))
    if not days:
        raise ValidationError(field, "name at least one weekday", hint="e.g. mon,thu")
    return frozenset(days)


def parse_day(text: str, *, field: str = "day") -> DayOfMonth:
    """Parse a day of the month: 1 to 31 (with or without "st"/"nd"/"rd"/"th") or "last".

    Raises ValidationError naming `field` for anything else.
    """
    word = text.strip().lower()
    if word == LAST_DAY:
        return LAST_DAY
    match = _DAY.fullmatch(word)
    if match is None or not 1 <= int(match.group(1)) <= 31:
        raise ValidationError(field, f"'{text}' is not a day of the month (use 1 to 31 or last)")
    return int(match.group(1))
