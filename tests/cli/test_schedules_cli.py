"""`fopymes schedule` and `fopymes jobs run-due` as a person and cron use them."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.cli.conftest import Terminal


def test_add_list_and_show_a_schedule(me: Terminal) -> None:
    new_id = me.ok(
        "schedule",
        "add",
        "Rent",
        "800",
        "-c",
        "Housing",
        "-m",
        "Cash",
        "--every",
        "month",
        "--day",
        "31",
        "--start",
        "2030-01-31",
        "--count",
        "12",
    ).stdout.strip()
    assert new_id.isdigit()
    listed = json.loads(me.ok("schedule", "list", "-o", "json").stdout)
    assert [(s["name"], s["amount"], s["day"], s["count"]) for s in listed] == [
        ("Rent", "800.00", "31", 12)
    ]
    shown = json.loads(me.ok("schedule", "show", "rent", "-o", "json").stdout)
    assert shown["next_dates"][:3] == ["2030-01-31", "2030-02-28", "2030-03-31"]
    assert "Rent" in me.ok("schedule", "list").stdout


def test_bad_input_exits_2_with_stdout_empty_and_names_the_field(me: Terminal) -> None:
    result = me("schedule", "add", "Gym", "30", "--every", "fortnite")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "every: 'fortnite' is not a repetition" in result.stderr
    clash = me("schedule", "add", "Gym", "30", "--until", "2030-01-01", "--count", "3")
    assert clash.exit_code == 2
    assert "count" in clash.stderr


def test_remind_schedules_wait_for_confirm_or_skip_after_run_due(me: Terminal) -> None:
    me.ok(
        "schedule",
        "add",
        "Power",
        "60",
        "-c",
        "Utilities",
        "--remind",
        "--start",
        "2020-01-01",
        "--count",
        "2",
    )
    run = me("jobs", "run-due")
    assert run.exit_code == 0, run.stderr
    assert "materialise_recurring: ok" in run.stderr
    pending = json.loads(me.ok("schedule", "pending", "-o", "json").stdout)
    assert [p["date"] for p in pending] == ["2020-01-01", "2020-02-01"]
    tx_id = me.ok("schedule", "confirm", str(pending[0]["id"]), "--amount", "61.5").stdout
    shown = json.loads(me.ok("tx", "show", tx_id.strip(), "-o", "json").stdout)
    assert (shown["amount"], shown["date"]) == ("61.50", "2020-01-01")
    me.ok("schedule", "skip", str(pending[1]["id"]))
    assert json.loads(me.ok("schedule", "pending", "-o", "json").stdout) == []
    again = me("schedule", "skip", str(pending[1]["id"]))
    assert again.exit_code == 1
    assert "already skipped" in again.stderr


def test_pause_resume_skip_next_edit_and_rm(me: Terminal) -> None:
    me.ok(
        "schedule",
        "add",
        "Gym",
        "35",
        "-c",
        "Leisure",
        "--every",
        "week",
        "--on",
        "mon",
        "--start",
        "2030-01-07",
    )
    assert "Skipped the occurrence of 2030-01-07" in me.ok("schedule", "skip-next", "gym").stderr
    me.ok("schedule", "pause", "gym")
    assert json.loads(me.ok("schedule", "show", "gym", "-o", "json").stdout)["paused"]
    me.ok("schedule", "resume", "gym")
    me.ok("schedule", "edit", "gym", "--amount", "40", "--on", "mon,thu")
    shown = json.loads(me.ok("schedule", "show", "gym", "-o", "json").stdout)
    assert (shown["amount"], shown["weekdays"]) == ("40.00", [0, 3])
    refused = me("schedule", "rm", "gym")
    assert refused.exit_code == 2  # no terminal to confirm on: --yes is required
    me.ok("schedule", "rm", "gym", "--yes")
    assert json.loads(me.ok("schedule", "list", "-o", "json").stdout) == []


def test_upcoming_shows_the_running_balance_and_its_lowest_point(me: Terminal) -> None:
    me.ok("tx", "add", "100", "--income", "-c", "Salary", "-m", "Cash", "-D", "Pay")
    me.ok(
        "schedule",
        "add",
        "Lunch",
        "30",
        "-c",
        "Restaurants",
        "-m",
        "Cash",
        "--every",
        "day",
        "--start",
        "tomorrow",
        "--count",
        "5",
    )
    planned = json.loads(me.ok("schedule", "upcoming", "--days", "10", "-o", "json").stdout)
    cash = next(m for m in planned["methods"] if m["payment_method"] == "Cash")
    assert (cash["opening"], cash["lowest"], cash["closing"]) == ("100.00", "-50.00", "-50.00")
    table = me.ok("schedule", "upcoming", "--days", "10")
    assert "<- lowest" in table.stdout
    assert "Cash: 100.00 EUR today, lowest -50.00 EUR" in table.stderr


def test_a_scheduled_transfer_moves_both_accounts_in_the_forecast(me: Terminal) -> None:
    me.ok("account", "add", "Savings", "--type", "savings")
    me.ok(
        "schedule",
        "add",
        "To savings",
        "200",
        "--from",
        "Cash",
        "--to",
        "Savings",
        "--start",
        "tomorrow",
        "--count",
        "1",
    )
    [made] = json.loads(me.ok("schedule", "list", "-o", "json").stdout)
    assert (made["kind"], made["payment_method"], made["counter_account"]) == (
        "transfer",
        "Cash",
        "Savings",
    )
    planned = json.loads(me.ok("schedule", "upcoming", "--days", "5", "-o", "json").stdout)
    assert [(i["payment_method"], i["change"], i["balance"]) for i in planned["items"]] == [
        ("Cash", "-200.00", "-200.00"),
        ("Savings", "200.00", "200.00"),
    ]
    table = me.ok("schedule", "upcoming", "--days", "5").stdout
    assert "-200.00" in table
    assert "+200.00" in table
    refused = me("schedule", "add", "Odd", "5", "--income", "--to", "Savings")
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert "kind" in refused.stderr


def test_jobs_list_names_every_job(me: Terminal) -> None:
    listed = json.loads(me.ok("jobs", "list", "-o", "json").stdout)
    assert [j["job"] for j in listed] == [
        "materialise_recurring",
        "alerts",
        "monthly_summary",
        "report_emails",
        "deliver_outbox",
        "prune",
    ]
    unknown = me("jobs", "run-due", "--job", "nope")
    assert unknown.exit_code == 2
    assert unknown.stdout == ""


def test_a_daily_schedule_from_1900_is_refused_unless_backfilled_within_its_limit(
    me: Terminal,
) -> None:
    refused = me("schedule", "add", "Coffee", "2.50", "--every", "day", "--start", "1900-01-01")
    assert refused.exit_code == 2
    assert "start: from 1900-01-01 to today is" in refused.stderr
    assert "--backfill" in refused.stderr
    assert json.loads(me.ok("schedule", "list", "-o", "json").stdout) == []
    two_years_ago = (date.today() - timedelta(days=730)).isoformat()
    me.ok(
        "schedule",
        "add",
        "Coffee",
        "2.50",
        "--every",
        "day",
        "--start",
        two_years_ago,
        "--backfill",
    )
