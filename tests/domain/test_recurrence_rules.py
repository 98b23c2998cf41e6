"""Recurrence rules of scheduled transactions: worked examples, then hypothesis properties."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fopymes_server.core.errors import ValidationError
from fopymes_server.scheduled.rules import (
    LAST_DAY,
    DayOfMonth,
    Frequency,
    Recurrence,
    count_before,
    next_occurrences,
    occurrence_index,
    occurrences,
    split_at,
)
from fopymes_server.scheduled.wording import describe, parse_day, parse_every, parse_weekdays

MONTHLY, WEEKLY, DAILY, YEARLY = (
    Frequency.MONTHLY,
    Frequency.WEEKLY,
    Frequency.DAILY,
    Frequency.YEARLY,
)
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
FOREVER = date.max


def listed(rec: Recurrence, low: date, high: date) -> list[date]:
    return list(occurrences(rec, low, high))


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def clamped(year: int, month: int, day: DayOfMonth) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last) if isinstance(day, int) else last)


# --- worked examples -------------------------------------------------------------------------


def test_monthly_on_the_31st_clamps_to_each_months_last_day_without_drifting() -> None:
    rec = Recurrence(MONTHLY, date(2023, 1, 31))
    assert listed(rec, date(2023, 1, 1), date(2023, 6, 30)) == [
        date(2023, 1, 31),
        date(2023, 2, 28),
        date(2023, 3, 31),
        date(2023, 4, 30),
        date(2023, 5, 31),
        date(2023, 6, 30),
    ]


def test_monthly_on_the_last_day_follows_february_in_a_leap_year() -> None:
    rec = Recurrence(MONTHLY, date(2024, 1, 1), day=LAST_DAY)
    assert listed(rec, date(2024, 1, 1), date(2024, 3, 31)) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
    ]


def test_a_monthly_day_before_the_start_day_begins_in_the_next_period() -> None:
    rec = Recurrence(MONTHLY, date(2026, 1, 15), day=10, interval=2)
    assert next_occurrences(rec, date(2000, 1, 1), 3) == [
        date(2026, 3, 10),
        date(2026, 5, 10),
        date(2026, 7, 10),
    ]


def test_day_and_month_default_to_those_of_the_start_date() -> None:
    assert Recurrence(MONTHLY, date(2026, 3, 17)).day == 17
    yearly = Recurrence(YEARLY, date(2026, 3, 17))
    assert (yearly.month, yearly.day) == (3, 17)


def test_yearly_on_february_29_falls_on_february_28_in_non_leap_years() -> None:
    rec = Recurrence(YEARLY, date(2024, 2, 29))
    assert next_occurrences(rec, date(2024, 1, 1), 5) == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


def test_every_two_weeks_on_monday_and_thursday_skips_the_weeks_between() -> None:
    rec = Recurrence(WEEKLY, date(2026, 1, 1), interval=2, weekdays=frozenset({MON, THU}))
    assert listed(rec, date(2025, 1, 1), date(2026, 1, 31)) == [
        date(2026, 1, 1),
        date(2026, 1, 12),
        date(2026, 1, 15),
        date(2026, 1, 26),
        date(2026, 1, 29),
    ]


def test_every_three_days_counts_from_the_start_date() -> None:
    rec = Recurrence(DAILY, date(2026, 2, 26), interval=3)
    assert next_occurrences(rec, date(2026, 2, 26), 2) == [date(2026, 3, 1), date(2026, 3, 4)]


def test_the_end_date_is_inclusive() -> None:
    rec = Recurrence(MONTHLY, date(2026, 1, 5), until=date(2026, 3, 5))
    assert listed(rec, date(2026, 1, 1), FOREVER) == [
        date(2026, 1, 5),
        date(2026, 2, 5),
        date(2026, 3, 5),
    ]


def test_a_count_limit_holds_when_the_window_starts_after_some_occurrences() -> None:
    rec = Recurrence(MONTHLY, date(2026, 1, 1), count=3)
    assert listed(rec, date(2026, 2, 15), FOREVER) == [date(2026, 3, 1)]
    assert listed(rec, date(2026, 3, 2), FOREVER) == []


def test_an_inverted_window_yields_nothing() -> None:
    rec = Recurrence(DAILY, date(2026, 1, 1))
    assert listed(rec, date(2026, 5, 1), date(2026, 4, 1)) == []


def test_next_occurrences_are_strictly_after_the_given_date_and_stop_when_the_rule_ends() -> None:
    rec = Recurrence(DAILY, date(2026, 1, 1), count=3)
    assert next_occurrences(rec, date(2026, 1, 1), 10) == [date(2026, 1, 2), date(2026, 1, 3)]
    assert next_occurrences(rec, date(2026, 1, 1), 0) == []


def test_asking_for_a_negative_number_of_occurrences_names_n() -> None:
    with pytest.raises(ValidationError) as caught:
        next_occurrences(Recurrence(DAILY, date(2026, 1, 1)), date(2026, 1, 1), -1)
    assert caught.value.field == "n"


def test_occurrence_index_counts_from_the_first_and_refuses_dates_off_the_rule() -> None:
    rec = Recurrence(WEEKLY, date(2026, 1, 1), weekdays=frozenset({MON, THU}), count=4)
    assert occurrence_index(rec, date(2026, 1, 1)) == 0
    assert occurrence_index(rec, date(2026, 1, 8)) == 2
    assert occurrence_index(rec, date(2026, 1, 9)) is None
    assert occurrence_index(rec, date(2026, 1, 15)) is None  # the fifth: past the count
    assert count_before(rec, date(2030, 1, 1)) == 4


def test_sequences_stop_quietly_at_the_end_of_the_supported_range() -> None:
    assert listed(Recurrence(DAILY, date(2999, 12, 30)), date(2999, 1, 1), FOREVER) == [
        date(2999, 12, 30),
        date(2999, 12, 31),
    ]
    weekly = Recurrence(WEEKLY, date(2999, 12, 27), weekdays=frozenset({FRI, SAT}))
    assert listed(weekly, date(2999, 1, 1), FOREVER) == [date(2999, 12, 27), date(2999, 12, 28)]
    assert next_occurrences(Recurrence(YEARLY, date(2999, 1, 1)), date(2999, 6, 1), 3) == []
    monthly = Recurrence(MONTHLY, date(2999, 11, 30))
    assert next_occurrences(monthly, date(2999, 11, 30), 3) == [date(2999, 12, 30)]
    assert next_occurrences(Recurrence(DAILY, date(2026, 1, 1)), FOREVER, 3) == []


def test_split_at_ends_the_old_rule_the_day_before_and_restarts_it_in_phase() -> None:
    rec = Recurrence(MONTHLY, date(2026, 1, 31), interval=2)
    before, after = split_at(rec, date(2026, 4, 1))
    assert before == Recurrence(MONTHLY, date(2026, 1, 31), interval=2, until=date(2026, 3, 31))
    assert after == Recurrence(MONTHLY, date(2026, 5, 31), interval=2, day=31)


def test_split_at_shares_a_count_between_the_two_sides() -> None:
    rec = Recurrence(DAILY, date(2026, 1, 1), count=5)
    before, after = split_at(rec, date(2026, 1, 3))
    assert before is not None
    assert before.count == 2
    assert after is not None
    assert (after.start, after.count) == (date(2026, 1, 3), 3)
    assert split_at(rec, date(2026, 1, 1))[0] is None
    assert split_at(rec, date(2026, 2, 1))[1] is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"frequency": "hourly"}, "frequency"),
        ({"interval": 0}, "interval"),
        ({"interval": 1001}, "interval"),
        ({"frequency": WEEKLY}, "weekdays"),
        ({"frequency": WEEKLY, "weekdays": frozenset({7})}, "weekdays"),
        ({"weekdays": frozenset({MON})}, "weekdays"),
        ({"day": 0}, "day"),
        ({"day": 32}, "day"),
        ({"day": "first"}, "day"),
        ({"frequency": DAILY, "day": 3}, "day"),
        ({"frequency": YEARLY, "month": 13}, "month"),
        ({"frequency": YEARLY, "month": 4, "day": 31}, "day"),
        ({"month": 2}, "month"),
        ({"count": 0}, "count"),
        ({"count": 3, "until": date(2027, 1, 1)}, "count"),
        ({"until": date(2025, 12, 31)}, "until"),
    ],
)
def test_a_broken_rule_raises_a_validation_error_naming_the_field(
    kwargs: dict[str, Any], field: str
) -> None:
    arguments: dict[str, Any] = {"frequency": MONTHLY, "start": date(2026, 1, 1)} | kwargs
    with pytest.raises(ValidationError) as caught:
        Recurrence(**arguments)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("rec", "text"),
    [
        (Recurrence(DAILY, date(2026, 1, 1)), "every day, from 2026-01-01"),
        (
            Recurrence(WEEKLY, date(2026, 1, 1), interval=2, weekdays=frozenset({THU, MON, FRI})),
            "every 2 weeks on Mon, Thu and Fri, from 2026-01-01",
        ),
        (
            Recurrence(MONTHLY, date(2026, 1, 31), count=12),
            "every month on day 31 (last day in shorter months), from 2026-01-31, 12 times",
        ),
        (
            Recurrence(MONTHLY, date(2026, 1, 1), interval=3, day=LAST_DAY, until=date(2027, 1, 1)),
            "every 3 months on the last day, from 2026-01-01 until 2027-01-01",
        ),
        (
            Recurrence(YEARLY, date(2024, 2, 29), count=1),
            "every year on Feb 29 (Feb 28 in non-leap years), from 2024-02-29, once",
        ),
        (
            Recurrence(YEARLY, date(2026, 1, 1), month=4, day=LAST_DAY),
            "every year on the last day of Apr, from 2026-01-01",
        ),
    ],
)
def test_describe_writes_one_line_of_english(rec: Recurrence, text: str) -> None:
    assert describe(rec) == text


def test_describe_can_leave_out_the_start_and_end() -> None:
    rec = Recurrence(MONTHLY, date(2026, 1, 31), count=3)
    assert describe(rec, bounds=False) == "every month on day 31 (last day in shorter months)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("day", (DAILY, 1)),
        ("daily", (DAILY, 1)),
        ("week", (WEEKLY, 1)),
        ("2 weeks", (WEEKLY, 2)),
        ("Every 2 Weeks", (WEEKLY, 2)),
        ("fortnightly", (WEEKLY, 2)),
        ("month", (MONTHLY, 1)),
        ("monthly", (MONTHLY, 1)),
        ("3 months", (MONTHLY, 3)),
        ("quarterly", (MONTHLY, 3)),
        ("year", (YEARLY, 1)),
        ("yearly", (YEARLY, 1)),
        ("10years", (YEARLY, 10)),
    ],
)
def test_parse_every_reads_the_cli_words(text: str, expected: tuple[Frequency, int]) -> None:
    assert parse_every(text) == expected


@pytest.mark.parametrize("text", ["", "hourly", "0 days", "1001 days", "2w", "two weeks", "-1 day"])
def test_parse_every_refuses_anything_else_naming_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_every(text, field="--every")
    assert caught.value.field == "--every"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon,thu", {MON, THU}),
        ("Mon Thu", {MON, THU}),
        ("monday+thursday", {MON, THU}),
        ("tu, tues, Tuesday", {TUE}),
        ("mon-fri", {MON, TUE, WED, THU, FRI}),
        ("fri-mon", {FRI, SAT, SUN, MON}),
        ("weekdays", {MON, TUE, WED, THU, FRI}),
        ("weekend", {SAT, SUN}),
    ],
)
def test_parse_weekdays_reads_names_prefixes_and_ranges(text: str, expected: set[int]) -> None:
    assert parse_weekdays(text) == frozenset(expected)


@pytest.mark.parametrize("text", ["", " , ", "t", "s", "funday", "mon,xyz", "mon-"])
def test_parse_weekdays_refuses_unknown_or_missing_names(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_weekdays(text)
    assert caught.value.field == "weekdays"


def test_parse_day_reads_numbers_ordinals_and_last() -> None:
    assert [parse_day(t) for t in ("1", "31st", " Last ")] == [1, 31, LAST_DAY]
    for bad in ("0", "32", "first", ""):
        with pytest.raises(ValidationError):
            parse_day(bad)


# --- properties ------------------------------------------------------------------------------

FAST = settings(max_examples=200, deadline=None)
DATES = st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31))
DAYS: st.SearchStrategy[DayOfMonth] = st.integers(1, 31) | st.just(LAST_DAY)
INTERVALS = st.integers(1, 12)
WEEKDAY_SETS = st.frozensets(st.integers(0, 6), min_size=1)


@st.composite
def recurrences(draw: st.DrawFn, *, ends: bool = True) -> Recurrence:
    frequency = draw(st.sampled_from(Frequency))
    start = draw(DATES)
    fields: dict[str, Any] = {"interval": draw(INTERVALS)}
    if frequency is WEEKLY:
        fields["weekdays"] = draw(WEEKDAY_SETS)
    if frequency in (MONTHLY, YEARLY):
        fields["day"] = draw(DAYS)
    if frequency is YEARLY:
        fields["month"] = month = draw(st.integers(1, 12))
        if isinstance(fields["day"], int):
            fields["day"] = min(fields["day"], calendar.monthrange(2000, month)[1])
    end = draw(st.sampled_from(["none", "until", "count"])) if ends else "none"
    if end == "until":
        fields["until"] = start + timedelta(days=draw(st.integers(0, 3000)))
    elif end == "count":
        fields["count"] = draw(st.integers(1, 60))
    return Recurrence(frequency, start, **fields)


def horizon_of(rec: Recurrence) -> date:
    return rec.start + timedelta(days=3000)


@FAST
@given(start=DATES, day=st.sampled_from([31, LAST_DAY]), months=st.integers(1, 60))
def test_monthly_on_the_31st_or_the_last_day_falls_once_in_every_month(
    start: date, day: DayOfMonth, months: int
) -> None:
    rec = Recurrence(MONTHLY, start, day=day)
    year, month0 = divmod(month_index(start) + months, 12)
    end = clamped(year, month0 + 1, LAST_DAY)
    dates = listed(rec, start, end)
    assert [month_index(d) for d in dates] == list(range(month_index(start), month_index(end) + 1))
    assert all(d == clamped(d.year, d.month, LAST_DAY) for d in dates)


@FAST
@given(start=DATES, day=DAYS)
def test_a_hundred_years_of_monthly_dates_are_exactly_1200(start: date, day: DayOfMonth) -> None:
    first = start.replace(day=1)
    rec = Recurrence(MONTHLY, first, day=day)
    last = first.replace(year=first.year + 100) - timedelta(days=1)
    assert len(listed(rec, first, last)) == 1200


@FAST
@given(start=DATES, day=DAYS, interval=INTERVALS)
def test_every_n_months_lands_exactly_n_months_apart_on_the_clamped_day(
    start: date, day: DayOfMonth, interval: int
) -> None:
    rec = Recurrence(MONTHLY, start, day=day, interval=interval)
    dates = next_occurrences(rec, start - timedelta(days=1), 40)
    assert len(dates) == 40
    gaps = {month_index(b) - month_index(a) for a, b in pairwise(dates)}
    assert gaps == {interval}
    in_start_month = clamped(start.year, start.month, day)
    assert month_index(dates[0]) - month_index(start) == (
        0 if in_start_month >= start else interval
    )
    assert all(d == clamped(d.year, d.month, day) for d in dates)


@FAST
@given(start=DATES, weekdays=WEEKDAY_SETS, interval=INTERVALS)
def test_weekly_dates_are_exactly_the_chosen_weekdays_of_every_nth_week(
    start: date, weekdays: frozenset[int], interval: int
) -> None:
    rec = Recurrence(WEEKLY, start, interval=interval, weekdays=weekdays)
    dates = next_occurrences(rec, start - timedelta(days=1), 60)
    assert {d.weekday() for d in dates} == set(weekdays)
    anchor = start - timedelta(days=start.weekday())
    assert all(((d - anchor).days // 7) % interval == 0 for d in dates)
    on_rule = [
        d
        for d in (start + timedelta(days=i) for i in range((dates[-1] - start).days + 1))
        if d.weekday() in weekdays and ((d - anchor).days // 7) % interval == 0
    ]
    assert dates == on_rule


@FAST
@given(rec=recurrences())
def test_dates_are_strictly_increasing_and_within_the_rules_own_bounds(rec: Recurrence) -> None:
    dates = listed(rec, date.min, horizon_of(rec))
    assert all(a < b for a, b in pairwise(dates))
    assert all(d >= rec.start and (rec.until is None or d <= rec.until) for d in dates)
    assert describe(rec).startswith("every ")


@FAST
@given(rec=recurrences(ends=False), count=st.integers(1, 60))
def test_a_count_limited_rule_produces_exactly_count_dates(rec: Recurrence, count: int) -> None:
    limited = replace(rec, count=count)
    dates = listed(limited, date.min, FOREVER)
    assert len(dates) == count
    assert dates == next_occurrences(rec, rec.start - timedelta(days=1), count)


@FAST
@given(rec=recurrences(), data=st.data())
def test_a_window_gives_the_full_sequence_filtered_to_that_window(
    rec: Recurrence, data: st.DataObject
) -> None:
    horizon = horizon_of(rec)
    full = listed(rec, rec.start, horizon)
    window = st.dates(min_value=rec.start - timedelta(days=40), max_value=horizon)
    low, high = sorted((data.draw(window), data.draw(window)))
    assert listed(rec, low, high) == [d for d in full if low <= d <= high]


@FAST
@given(rec=recurrences(), data=st.data())
def test_index_and_count_before_agree_with_the_listed_sequence(
    rec: Recurrence, data: st.DataObject
) -> None:
    horizon = horizon_of(rec)
    full = listed(rec, rec.start, horizon)
    for position, day in enumerate(full[:50]):
        assert occurrence_index(rec, day) == position
        assert count_before(rec, day) == position
    probe = data.draw(st.dates(min_value=rec.start - timedelta(days=40), max_value=horizon))
    assert count_before(rec, probe) == sum(1 for d in full if d < probe)
    assert (occurrence_index(rec, probe) is None) == (probe not in full)


@FAST
@given(rec=recurrences(), data=st.data())
def test_split_at_puts_every_date_on_exactly_one_side(rec: Recurrence, data: st.DataObject) -> None:
    horizon = horizon_of(rec)
    cut = data.draw(st.dates(min_value=rec.start - timedelta(days=40), max_value=horizon))
    before, after = split_at(rec, cut)
    left = listed(before, date.min, horizon) if before else []
    right = listed(after, date.min, horizon) if after else []
    assert all(d < cut for d in left)
    assert all(d >= cut for d in right)
    assert left + right == listed(rec, date.min, horizon)


@FAST
@given(frequency=st.sampled_from(Frequency), interval=st.integers(1, 1000))
def test_parse_every_reads_back_any_unit_and_interval(frequency: Frequency, interval: int) -> None:
    unit = {DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year"}[frequency]
    assert parse_every(f"{interval} {unit}s") == (frequency, interval)
