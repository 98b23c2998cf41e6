"""Debts, a debt shown and its repayment plan read through both front ends are one document."""

from __future__ import annotations

from tests.contract.conftest import BothEnds


def test_debts_a_debt_shown_and_its_plan_agree(both: BothEnds) -> None:
    ana = both.cli.ok("contact", "add", "Ana").stdout.strip()
    loan = both.cli.ok(
        "debt",
        "add",
        ana,
        "1200",
        "--i-owe",
        "--start",
        "2026-01-15",
        "--rate",
        "6",
        "--instalments",
        "12",
        "-D",
        "Car loan",
    ).stdout.strip()
    both.cli.ok("debt", "add", ana, "250", "--owed-to-me", "--due", "2099-01-01")
    both.cli.ok("debt", "pay", loan, "100", "--date", "2026-02-15", "--method", "Cash")

    debts = both.cli_json("debt", "list")
    assert len(debts) == 2
    assert debts == both.api_json("debts")["items"]
    assert (
        both.cli_json("debt", "list", "--open", "--i-owe")
        == both.api_json("debts", open="true", direction="i_owe")["items"]
    )

    shown = both.cli_json("debt", "show", loan, "--date", "2026-11-15")
    assert shown["debt"]["balance"] == "1155.75"
    assert shown == both.api_json(f"debts/{loan}", on="2026-11-15")
    assert shown["payments"] == both.api_json(f"debts/{loan}/payments")["items"]

    plan = both.cli_json("debt", "schedule", loan)
    assert len(plan) == 12
    assert plan == both.api_json(f"debts/{loan}/schedule")["items"]
