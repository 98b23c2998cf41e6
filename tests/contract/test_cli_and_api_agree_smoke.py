"""The harness itself: a category read through both front ends is one JSON document."""

from __future__ import annotations

from tests.contract.conftest import BothEnds


def test_both_ends_see_the_same_workspace(both: BothEnds) -> None:
    workspaces = both.api_json("/api/v1/workspaces")["items"]
    assert [w["id"] for w in workspaces] == [both.workspace_id]
    assert both.cli_json("workspace", "list")
