"""`fopymes token list` and GET /tokens are one JSON document (never a secret)."""

from __future__ import annotations

from tests.contract.conftest import BothEnds


def test_the_token_list_is_the_apis_list(both: BothEnds) -> None:
    both.cli.ok("token", "create", "--name", "cron", "--expires", "30")
    listed = both.cli_json("token", "list")
    assert [t["name"] for t in listed] == ["agreement", "cron"]
    assert listed[1]["expires_at"] is not None
    api = both.api_json("/api/v1/tokens")["items"]
    # reading the list through the API uses the token that reads it, so it moves on
    assert [{**t, "last_used_at": None} for t in listed] == [
        {**t, "last_used_at": None} for t in api
    ]
