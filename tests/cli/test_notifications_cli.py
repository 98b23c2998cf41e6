"""`fopymes notifications`: list, read, preferences."""

from __future__ import annotations

import json

from tests.cli.conftest import Terminal


def test_notifications_are_listed_read_and_marked(me: Terminal) -> None:
    me.ok(
        "schedule", "add", "Rent", "800", "-c", "Housing", "--start", "2020-03-01", "--count", "1"
    )
    me.ok("jobs", "run-due", "--job", "materialise_recurring")
    unread = json.loads(me.ok("notifications", "--unread", "-o", "json").stdout)
    assert [n["title"] for n in unread] == ["Recorded: Rent"]
    assert "800.00 EUR" in unread[0]["body"]
    me.ok("notifications", "read", str(unread[0]["id"]))
    assert json.loads(me.ok("notifications", "list", "--unread", "-o", "json").stdout) == []
    assert "0 notifications marked read" in me.ok("notifications", "read", "--all").stderr
    both = me("notifications", "read", "1", "--all")
    assert both.exit_code == 2


def test_preferences_choose_e_mail_types_and_quiet(me: Terminal) -> None:
    prefs = json.loads(
        me.ok(
            "notifications", "prefs", "--email", "debt.overdue,budget.exceeded", "-o", "json"
        ).stdout
    )
    assert prefs == {"email_types": ["budget.exceeded", "debt.overdue"], "quiet": False}
    quiet = json.loads(me.ok("notifications", "prefs", "--quiet", "-o", "json").stdout)
    assert quiet["quiet"] is True
    bad = me("notifications", "prefs", "--email", "budget.exeeded")
    assert bad.exit_code == 2
    assert "choose from" in bad.stderr
