"""A budget, its status and its history read through both front ends are one JSON document."""

from __future__ import annotations

from tests.contract.conftest import BothEnds


def test_budgets_statuses_and_history_agree(both: BothEnds) -> None:
    both.cli.ok("budget", "set", "Groceries", "400", "--from", "2026-09-01", "--cap", "50")
    both.cli.ok("budget", "set", "Groceries", "450", "--from", "2026-11-01")
    both.cli.ok("budget", "set", "all", "1200", "--anchor-day", "25", "--from", "2026-10-25")
    both.cli.ok("tx", "add", "120.50", "-c", "Groceries", "-D", "shop", "--date", "2026-11-03")

    budgets = both.cli_json("budget", "list")
    assert len(budgets) == 2
    assert budgets == both.api_json("budgets")["items"]
    [groceries] = [b for b in budgets if b["category"] == "Groceries"]
    assert both.api_json(f"budgets/{groceries['id']}") == groceries

    assert (
        both.cli_json("budget", "status", "--date", "2026-11-03")
        == both.api_json("budgets/status", date="2026-11-03")["items"]
    )
    assert (
        both.cli_json("budget", "status", "--period", "2026-11")
        == both.api_json("budgets/status", period="2026-11")["items"]
    )
    history = both.cli_json("budget", "history", "Groceries", "--last", "3")
    assert history
    assert history == both.api_json(f"budgets/{groceries['id']}/history", last=3)["items"]
