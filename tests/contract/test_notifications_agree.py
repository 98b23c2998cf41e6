"""A person's notifications and preferences read through both front ends are one document."""

from __future__ import annotations

from tests.contract.conftest import BothEnds


def test_notifications_and_preferences_agree(both: BothEnds) -> None:
    for name in ("Rent", "Power"):
        both.cli.ok(
            "schedule", "add", name, "80", "-c", "Housing", "--start", "2020-03-01", "--count", "1"
        )
    both.cli.ok("jobs", "run-due", "--job", "materialise_recurring")
    listed = both.cli_json("notifications", "list")
    assert len(listed) == 2
    assert listed == both.api_json("notifications")["items"]
    both.cli.ok("notifications", "read", str(listed[0]["id"]))
    listed = both.cli_json("notifications", "list")
    assert [n["read"] for n in listed] == [True, False]
    assert listed == both.api_json("notifications")["items"]
    assert (
        both.cli_json("notifications", "list", "--unread")
        == both.api_json("notifications", unread="true")["items"]
    )

    both.cli.ok("notifications", "prefs", "--email", "debt.overdue,budget.exceeded")
    assert both.cli_json("notifications", "prefs") == both.api_json("notifications/preferences")
