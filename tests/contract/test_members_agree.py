"""`fopymes member list` and GET /workspaces/{id}/members are one JSON document."""

from __future__ import annotations

from tests.contract.conftest import BothEnds
from tests.factories import random_email


def test_the_member_list_is_the_apis_list(both: BothEnds) -> None:
    both.cli.ok("member", "add", random_email(), "--role", "viewer")
    listed = both.cli_json("member", "list")
    assert sorted(m["role"] for m in listed) == ["owner", "viewer"]
    assert listed == both.api_json("members")["items"]
    [viewer] = [m for m in listed if m["role"] == "viewer"]
    assert viewer == both.api_json(f"members/{viewer['user_id']}")
