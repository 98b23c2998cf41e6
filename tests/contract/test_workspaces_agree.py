"""`fopymes workspace list` and GET /workspaces are one JSON document, whoami agrees with
GET /workspaces/{id} on the current workspace."""

from __future__ import annotations

from tests.contract.conftest import BothEnds


def test_the_workspace_list_is_the_apis_list(both: BothEnds) -> None:
    both.cli.ok("workspace", "create", "Corner Shop", "--template", "business", "--no-use")
    listed = both.cli_json("workspace", "list")
    assert [w["name"] for w in listed] == ["Books", "Corner Shop"]
    assert listed == both.api_json("/api/v1/workspaces")["items"]


def test_whoami_names_the_workspace_the_api_shows(both: BothEnds) -> None:
    me = both.cli_json("whoami")
    workspace = both.api_json(f"/api/v1/workspaces/{both.workspace_id}")
    assert (me["workspace_id"], me["workspace"], me["currency"], me["role"]) == (
        workspace["id"],
        workspace["name"],
        workspace["currency"],
        workspace["role"],
    )
