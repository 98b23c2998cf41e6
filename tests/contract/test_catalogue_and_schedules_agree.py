"""Categories, contacts, schedules, their reminders and the forecast through both front ends."""

from __future__ import annotations

from tests.contract.conftest import BothEnds


def test_categories_agree_archived_and_sub_categories_included(both: BothEnds) -> None:
    both.cli.ok("category", "add", "Coffee", "--parent", "Groceries")
    both.cli.ok("category", "add", "Old")
    both.cli.ok("category", "archive", "Old")

    listed = both.cli_json("category", "list", "--all")
    assert listed == both.api_json("categories", include_archived="true")["items"]
    coffee = next(c for c in listed if c["name"] == "Coffee")
    assert coffee["parent"] == "Groceries"
    assert both.api_json(f"categories/{coffee['id']}") == coffee
    assert any(c["name"] == "Old" and c["archived"] for c in listed)


def test_contacts_agree(both: BothEnds) -> None:
    both.cli.ok("contact", "add", "Ana", "--email", "ana@example.com")
    both.cli.ok("contact", "add", "Bank loan")

    listed = both.cli_json("contact", "list")
    assert listed == both.api_json("contacts")["items"]
    assert [c["name"] for c in listed] == ["Ana", "Bank loan"]
    assert both.api_json(f"contacts/{listed[0]['id']}") == listed[0]


def test_schedules_their_forecast_and_pending_reminders_agree(both: BothEnds) -> None:
    both.cli.ok("account", "add", "Bank", "--opening", "1000")
    both.cli.ok("schedule", "add", "Rent", "850", "-c", "Housing", "-m", "Bank", "--every", "month")
    both.cli.ok(
        "schedule",
        "add",
        "To savings",
        "100",
        "--from",
        "Bank",
        "--to",
        "Cash",
        "--every",
        "week",
    )
    both.cli.ok(
        "schedule",
        "add",
        "Power",
        "60",
        "-c",
        "Utilities",
        "--every",
        "month",
        "--remind",
        "--start",
        "2020-01-05",
        "--backfill",
    )
    both.cli.ok("jobs", "run-due")

    listed = both.cli_json("schedule", "list")
    assert listed == both.api_json("schedules")["items"]
    rent = next(s for s in listed if s["name"] == "Rent")
    assert rent["amount"] == "850.00"
    shown = both.cli_json("schedule", "show", "Rent")
    assert shown == both.api_json(f"schedules/{rent['id']}")
    assert len(shown["next_dates"]) == 10

    forecast = both.cli_json("schedule", "upcoming", "--days", "45")
    assert forecast == both.api_json("schedules/upcoming", days=45)
    assert {item["schedule"] for item in forecast["items"]} >= {"Rent", "To savings"}

    pending = both.cli_json("schedule", "pending")
    assert pending == both.api_json("schedules/pending")["items"]
    assert pending
    assert all(o["schedule"] == "Power" for o in pending)
