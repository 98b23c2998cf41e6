"""`fopymes budget ...` end to end: formats, exit codes, stdout/stderr, viewers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Terminal
from tests.factories import random_email


def _status(me: Terminal, *args: str) -> list[dict[str, object]]:
    return json.loads(me.ok("budget", "status", "-o", "json", *args).stdout)  # type: ignore[no-any-return]


def test_set_list_status_history_and_rm(me: Terminal) -> None:
    me.ok("budget", "set", "groceries", "400", "--from", "2026-09-01")
    me.ok("budget", "set", "Groceries", "500", "--from", "2026-11-01")
    me.ok("budget", "set", "all", "1200", "--anchor-day", "25", "--from", "2026-10-25")
    me.ok("tx", "add", "120.50", "-c", "Groceries", "-D", "shop", "--date", "2026-11-03")
    me.ok("tx", "add", "30", "-c", "Leisure", "-D", "cinema", "--date", "2026-11-04")

    listed = json.loads(me.ok("budget", "list", "-o", "json").stdout)
    assert [(b["category"], b["period"], b["anchor_day"]) for b in listed] == [
        ("All expenses", "monthly", 25),
        ("Groceries", "monthly", 1),
    ]
    assert listed[1]["limits"] == [
        {"effective_from": "2026-09-01", "amount": "400.00"},
        {"effective_from": "2026-11-01", "amount": "500.00"},
    ]

    november = {s["category"]: s for s in _status(me, "--period", "2026-11")}
    assert november["Groceries"]["spent"] == "120.50"
    assert november["Groceries"]["limit"] == "500.00"
    assert (november["All expenses"]["period_start"], november["All expenses"]["spent"]) == (
        "2026-11-01",
        "150.50",
    )
    table = me.ok("budget", "status", "--date", "2026-11-03")
    assert "Groceries" in table.stdout
    assert "█" in table.stdout or "░" in table.stdout
    rows = list(
        csv.DictReader(
            io.StringIO(me.ok("budget", "status", "--period", "2026-11", "-o", "csv").stdout)
        )
    )
    assert rows[0]["thresholds"] == "[80,100]"

    history = json.loads(
        me.ok("budget", "history", "Groceries", "--last", "24", "-o", "json").stdout
    )
    september = [h for h in history if h["period_start"] == "2026-09-01"]
    assert [h["limit"] for h in september] == ["400.00"]

    refused = me("budget", "rm", "Groceries")
    assert refused.exit_code == 2
    me.ok("budget", "rm", "groceries", "--yes")
    assert [b["category"] for b in json.loads(me.ok("budget", "list", "-o", "json").stdout)] == [
        "All expenses"
    ]


def _payday_books(me: Terminal) -> None:
    """A 25th-24th budget of 3000 with rent paid on 1 Nov and on 1 Dec (December's money)."""
    me.ok("budget", "set", "all", "3000", "--anchor-day", "25", "--from", "2026-10-25")
    me.ok("tx", "add", "900", "-c", "Housing", "-D", "rent nov", "--date", "2026-11-01")
    me.ok("tx", "add", "100", "-c", "Groceries", "-D", "shop", "--date", "2026-11-20")
    me.ok("tx", "add", "50", "-c", "Groceries", "-D", "shop", "--date", "2026-11-27")
    me.ok("tx", "add", "900", "-c", "Housing", "-D", "rent dec", "--date", "2026-12-01")


def test_a_month_of_a_payday_budget_counts_that_months_money_and_a_pro_rata_limit(
    me: Terminal,
) -> None:
    _payday_books(me)
    (november,) = _status(me, "--period", "2026-11")
    assert (november["period_start"], november["period_end"]) == ("2026-11-01", "2026-11-30")
    assert november["spent"] == "1050.00"  # not December's rent, though 1 Dec is in 25 Nov-24 Dec
    # 24 of the 31 days of 25 Oct-24 Nov and 6 of the 30 days of 25 Nov-24 Dec.
    assert november["limit"] == "2922.58"
    assert november["prorated"] is True
    shown = me.ok("budget", "status", "--period", "2026-11")
    assert "pro rata" in shown.stderr
    assert "Budgets cover the month's dates only" in shown.stderr  # not "the report's"
    (whole,) = _status(me, "--date", "2026-11-03")
    assert (whole["period_start"], whole["spent"], whole["prorated"]) == (
        "2026-10-25",
        "1000.00",
        False,
    )


def test_the_month_report_and_budget_status_period_show_the_same_budget(me: Terminal) -> None:
    _payday_books(me)
    report = json.loads(me.ok("report", "show", "--period", "2026-11", "-o", "json").stdout)
    (line,) = report["budgets"]
    (status,) = _status(me, "--period", "2026-11")
    assert (line["period_start"], line["period_end"]) == ("2026-11-01", "2026-11-30")
    assert (line["limit"], line["spent"], line["status"], line["prorated"]) == (
        status["limit"],
        status["spent"],
        status["verdict"],
        True,
    )
    october = json.loads(me.ok("report", "show", "--period", "2026-10", "-o", "json").stdout)
    (early,) = october["budgets"]
    # The budget began on 25 Oct: October shows its first 7 days, none of November's money.
    assert (early["period_start"], early["spent"], early["limit"]) == (
        "2026-10-25",
        "0.00",
        "677.42",
    )
    assert "pro rata" in me.ok("report", "show", "--period", "2026-11").stdout


def test_an_empty_status_says_so_on_stderr_and_json_is_an_empty_list(me: Terminal) -> None:
    result = me.ok("budget", "status")
    assert result.stdout == ""
    assert "budget set" in result.stderr
    assert _status(me) == []


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("budget", "set", "Groceries", "abc"), 2, "amount"),
        (("budget", "set", "Groceries", "-5"), 2, ""),
        (("budget", "set", "Salary", "100"), 2, "category"),
        (("budget", "set", "Grocries", "100"), 1, "Groceries"),
        (("budget", "set", "Groceries", "100", "--period", "daily"), 2, "period"),
        (("budget", "set", "Groceries", "100", "--anchor-day", "40"), 2, "anchor_day"),
        (("budget", "set", "Groceries", "100", "--rollover", "maybe"), 2, "rollover"),
        (("budget", "set", "Groceries", "100", "--alert", "80,x"), 2, "alert"),
        (("budget", "set", "Groceries", "100", "--cap", "1.234"), 2, "rollover_cap"),
        (("budget", "status", "--period", "2026-13"), 2, "period"),
        (("budget", "status", "--period", "2026-11", "--date", "today"), 2, "period"),
        (("budget", "history", "Groceries"), 1, "no budget"),
        (("budget", "history", "all", "--last", "0"), 2, "last"),
        (("budget", "rm", "Groceries", "--yes"), 1, "no budget"),
    ],
)
def test_bad_input_gets_one_message_an_exit_code_and_an_empty_stdout(
    me: Terminal, args: tuple[str, ...], code: int, fragment: str
) -> None:
    result = me(*args)
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(me.ok("budget", "list", "-o", "json").stdout) == []


def test_changing_the_period_of_a_budget_is_refused(me: Terminal) -> None:
    me.ok("budget", "set", "Groceries", "100")
    result = me("budget", "set", "Groceries", "100", "--period", "weekly")
    assert result.exit_code == 1
    assert "budget rm" in result.stderr
    assert result.stdout == ""


def test_a_viewer_reads_budgets_but_cannot_change_them(
    me: Terminal, make_terminal: Callable[..., Terminal]
) -> None:
    email = random_email()
    password = me.ok("member", "add", email, "--role", "viewer").stdout.strip()
    me.ok("budget", "set", "Groceries", "100")
    viewer = make_terminal(signed_up=False)
    viewer.ok("login", "--email", email, "--password-stdin", input=password + "\n")
    assert len(json.loads(viewer.ok("budget", "list", "-o", "json").stdout)) == 1
    viewer.ok("budget", "status")
    viewer.ok("budget", "history", "Groceries")
    for args in (("budget", "set", "Groceries", "5"), ("budget", "rm", "Groceries", "--yes")):
        refused = viewer(*args)
        assert refused.exit_code == 1
        assert "viewer" in refused.stderr
        assert refused.stdout == ""
    assert json.loads(me.ok("budget", "list", "-o", "json").stdout)[0]["limit"] == "100.00"
