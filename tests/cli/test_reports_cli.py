"""`fopymes report ...` end to end: terminal, JSON, cron exports, exit codes, schedules."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Terminal
from tests.factories import random_email


def _books(me: Terminal) -> None:
    me.ok("tx", "add", "2000", "--income", "-c", "Salary", "-D", "Pay", "--date", "2026-10-27")
    me.ok(
        "tx", "add", "45.20", "-c", "Groceries", "-D", "[bold]Shop[/bold]", "--date", "2026-10-02"
    )
    me.ok("tx", "add", "10", "-c", "Groceries", "-D", "Shop", "--date", "2026-09-02")


def test_report_show_draws_kpis_tables_and_bars_without_interpreting_markup(me: Terminal) -> None:
    _books(me)
    shown = me.ok("report", "show", "--month", "2026-10")
    assert "2026-10" in shown.stdout
    assert "2,000.00" in shown.stdout
    assert "[bold]Shop[/bold]" in shown.stdout
    assert "█" in shown.stdout
    assert shown.stderr == ""


def test_report_show_json_is_the_whole_model(me: Terminal) -> None:
    _books(me)
    data = json.loads(me.ok("report", "show", "--period", "2026-10", "-o", "json").stdout)
    assert data["kpis"]["expense"] == "45.20"
    assert data["previous_kpis"]["expense"] == "10.00"
    assert data["expenses_by_category"][0]["name"] == "Groceries"
    assert len(data["trend"]) == 12


def test_report_export_for_cron_writes_one_file_and_one_line(me: Terminal, tmp_path: Path) -> None:
    _books(me)
    token = me.ok("token", "create", "--name", "cron").stdout.strip()
    cron = Terminal(home=tmp_path / "cron-home", database_url=me.database_url)
    result = cron.ok(
        "report",
        "export",
        "--period",
        "2026-10",
        "--format",
        "pdf",
        "--output",
        str(tmp_path),
        FOPYMES_TOKEN=token,
    )
    written = tmp_path / "fopymes-books-2026-10.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(written) in result.stderr
    assert "\x1b[" not in result.stderr


def test_report_export_exit_codes_a_cron_job_can_trust(me: Terminal, tmp_path: Path) -> None:
    bad_period = me("report", "export", "--period", "2026-13", "--output", str(tmp_path))
    assert (bad_period.exit_code, bad_period.stdout) == (2, "")
    bad_format = me("report", "export", "--format", "docx", "--output", str(tmp_path))
    assert bad_format.exit_code == 2
    stranger = Terminal(home=tmp_path / "nobody", database_url=me.database_url)
    unsigned = stranger("report", "export", "--output", str(tmp_path))
    assert unsigned.exit_code == 1
    assert "signed in" in unsigned.stderr
    assert list(tmp_path.glob("*.pdf")) == []


def test_report_export_csv_tables_and_email(me: Terminal, tmp_path: Path) -> None:
    _books(me)
    me.ok("report", "export", "-p", "2026-10", "-f", "csv", "--output", str(tmp_path))
    assert (tmp_path / "fopymes-books-2026-10-summary.csv").exists()
    one = me.ok(
        "report",
        "export",
        "-p",
        "2026-10",
        "-f",
        "csv",
        "--table",
        "trend",
        "--output",
        str(tmp_path / "t"),
    )
    assert "fopymes-books-2026-10-trend.csv" in one.stderr
    emailed = me.ok(
        "report", "export", "-p", "2026-10", "-f", "xlsx", "--email-to", "boss@example.com"
    )
    assert "queued for boss@example.com" in emailed.stderr


def test_report_schedules_are_added_listed_and_removed(me: Terminal) -> None:
    schedule_id = me.ok(
        "report", "schedule", "add", "--monthly", "--to", "me@example.com", "--format", "pdf"
    ).stdout.strip()
    listed = json.loads(me.ok("report", "schedule", "list", "-o", "json").stdout)
    assert [(s["id"], s["period"], s["to"]) for s in listed] == [
        (int(schedule_id), "last-month", "me@example.com")
    ]
    both = me("report", "schedule", "add", "--monthly", "--yearly", "--to", "me@example.com")
    assert both.exit_code == 2
    me.ok("report", "schedule", "rm", schedule_id)
    assert json.loads(me.ok("report", "schedule", "list", "-o", "json").stdout) == []


def test_a_viewer_may_export_a_report_but_not_e_mail_it(
    me: Terminal, make_terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    _books(me)
    email = random_email()
    password = me.ok("member", "add", email, "--role", "viewer").stdout.strip()
    viewer = make_terminal(signed_up=False)
    viewer.ok("login", "--email", email, "--password-stdin", input=password + "\n")
    viewer.ok("report", "export", "-p", "2026-10", "-f", "csv", "--output", str(tmp_path / "ok"))
    refused = viewer(
        "report", "export", "-p", "2026-10", "--email-to", "x@example.com", "-O", str(tmp_path)
    )
    assert refused.exit_code == 1
    assert "viewer" in refused.stderr
    assert list(tmp_path.glob("*.pdf")) == []
