"""Dates on the command line: one range (1900-01-01 to 2999-12-31) for every date and
period, arithmetic that stops at its edge, and a note for a date far from today."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.cli.conftest import Terminal

RANGE = "is outside 1900-01-01 to 2999-12-31"


@pytest.mark.parametrize("day", ["0001-01-01", "0226-11-01", "1899-12-31", "9999-12-31"])
def test_a_transaction_date_outside_the_range_is_refused_and_nothing_is_recorded(
    me: Terminal, day: str
) -> None:
    result = me("tx", "add", "5", "-c", "Groceries", "-D", "Bread", "--date", day)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: date: {day} {RANGE}"
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("tx", "list", "--from", "0001-01-01"), "from"),
        (("tx", "list", "--month", "9999-12"), "month"),
        (
            ("export", "transactions", "-f", "csv", "--to", "9999-12-31", "--from", "2026-01-01"),
            "to",
        ),
        (("report", "show", "--period", "9999-12"), "period"),
        (("report", "show", "--from", "1800-01-01"), "from"),
        (("budget", "status", "--period", "0001-01"), "period"),
        (("schedule", "add", "Rent", "700", "--start", "3000-01-01"), "start"),
        (("debt", "add", "Ana", "100", "--owed-to-me", "--due", "9999-12-31"), "due"),
        (("goal", "add", "Bike", "100", "--by", "9999-01-01"), "deadline"),
    ],
)
def test_every_date_and_period_option_keeps_to_the_range(
    me: Terminal, args: tuple[str, ...], field: str
) -> None:
    me.ok("contact", "add", "Ana")
    result = me(*args)
    assert result.exit_code == 2, result.stderr
    assert f"Error: {field}: " in result.stderr
    assert RANGE in result.stderr
    assert "Traceback" not in result.stderr


def test_the_last_day_of_the_range_works_in_schedules_reports_and_budgets(me: Terminal) -> None:
    me.ok("schedule", "add", "Rent", "700", "--every", "month", "--start", "2999-12-31")
    shown = json.loads(me.ok("schedule", "show", "Rent", "-o", "json").stdout)
    assert shown["next_dates"] == ["2999-12-31"]
    me.ok("tx", "add", "5", "-c", "Groceries", "-D", "Bread", "--date", "2999-12-31")
    me.ok("report", "show", "--period", "2999-12")
    me.ok("budget", "set", "Groceries", "400", "--period", "yearly")
    me.ok("budget", "status", "--period", "2999-12")


def test_a_repayment_plan_that_would_run_past_the_range_is_refused(me: Terminal) -> None:
    me.ok("contact", "add", "Ana")
    result = me(
        "debt", "add", "Ana", "1200", "--i-owe", "--start", "2999-06-01", "--instalments", "12"
    )
    assert result.exit_code == 1
    assert "would run past 2999-12-31" in result.stderr


def test_a_date_more_than_a_year_away_is_recorded_with_a_note(me: Terminal) -> None:
    far = (date.today() + timedelta(days=400)).isoformat()
    added = me.ok("tx", "add", "5", "-c", "Groceries", "-D", "Bread", "--date", far)
    assert f"on {far}. (note: {far} is more than a year from today)" in added.stderr
    near = (date.today() - timedelta(days=30)).isoformat()
    assert (
        "note:"
        not in me.ok("tx", "add", "5", "-c", "Groceries", "-D", "Milk", "--date", near).stderr
    )
