"""`fopymes rule list`/`rule add -o json` and GET /rules are one JSON document."""

from __future__ import annotations

from tests.contract.conftest import BothEnds


def test_the_rule_list_is_the_apis_list(both: BothEnds) -> None:
    added = both.cli_json(
        "rule", "add", "--if", 'description ~ "MERCADONA"', "--set-category", "Groceries"
    )
    both.cli.ok("rule", "add", "--if", "amount > 100", "--set-description", "Big")
    listed = both.cli_json("rule", "list")
    assert [r["position"] for r in listed] == [1, 2]
    assert listed == both.api_json("rules")["items"]
    assert added == both.api_json(f"rules/{added['id']}") == listed[0]
