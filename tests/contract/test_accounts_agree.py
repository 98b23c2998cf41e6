"""An account, its register and the net-worth months read through both front ends agree."""

from __future__ import annotations

from tests.contract.conftest import BothEnds


def test_an_accounts_register_and_the_net_worth_months_agree(both: BothEnds) -> None:
    both.cli.ok("account", "add", "Bank", "--type", "checking", "--opening", "500")
    both.cli.ok("tx", "add", "12.50", "-c", "Groceries", "-m", "Bank", "-D", "Bread")
    both.cli.ok("transfer", "100", "--from", "Bank", "--to", "Cash")

    shown = both.cli_json("account", "show", "Bank")
    bank = shown["account"]
    assert both.api_json(f"accounts/{bank['id']}") == bank
    assert shown == both.api_json(f"accounts/{bank['id']}/register")
    assert [line["balance"] for line in shown["items"]] == ["387.50", "487.50"]
    listed = both.api_json("accounts")["items"]
    assert bank in listed

    months = both.cli_json("report", "networth", "--monthly")
    assert months == both.api_json("accounts/networth")["items"]
    assert months[-1]["net_worth"] == "487.50"
