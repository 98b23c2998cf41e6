"""`fopymes rule list`/`rule add -o json` and GET /rules are one JSON document."""

from __future__ import annotations

from tests.api.conftest import API
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


def test_the_rule_apply_preview_is_the_apis(both: BothEnds) -> None:
    both.cli.ok("tx", "add", "12.99", "-D", "NETFLIX.COM", "--date", "2026-11-05")
    both.cli.ok("rule", "add", "--if", 'description ~ "netflix"', "--set-category", "Leisure")
    preview = both.cli_json("rule", "apply", "--dry-run", "--from", "2026-11-01")
    url = f"{API}/workspaces/{both.workspace_id}/rules/apply"
    answer = both.api.post(url, json={"date_from": "2026-11-01"}, headers=both.headers)
    assert answer.status_code == 200, answer.text
    assert preview == answer.json()
    assert preview["changes"][0]["new_category"] == "Leisure"
