"""Every command that takes an id refuses another workspace's ids, like missing ones."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Terminal


@pytest.fixture
def victim_ids(me: Terminal) -> dict[str, str]:
    tx = me.ok("tx", "add", "5", "-c", "Groceries", "-D", "private").stdout.strip()
    categories = json.loads(me.ok("category", "list", "-o", "json").stdout)
    methods = json.loads(me.ok("method", "list", "-o", "json").stdout)
    token = me.ok("token", "create", "--name", "mine")
    tokens = json.loads(me.ok("token", "list", "-o", "json").stdout)
    workspace = json.loads(me.ok("whoami", "-o", "json").stdout)["workspace_id"]
    assert token.stdout
    return {
        "tx": tx,
        "category": str(categories[0]["id"]),
        "method": str(methods[0]["id"]),
        "token": str(tokens[0]["id"]),
        "workspace": str(workspace),
    }


ATTACKS: list[tuple[str, ...]] = [
    ("tx", "show", "{tx}"),
    ("tx", "edit", "{tx}", "--description", "mine now"),
    ("tx", "rm", "{tx}", "--yes"),
    ("tx", "list", "--category", "{category}"),
    ("tx", "list", "--method", "{method}"),
    ("tx", "add", "1", "-c", "{category}", "-D", "x"),
    ("tx", "add", "1", "-m", "{method}", "-D", "x"),
    ("category", "rename", "{category}", "Mine"),
    ("category", "archive", "{category}"),
    ("category", "rm", "{category}"),
    ("category", "add", "Sub", "--parent", "{category}"),
    ("method", "rename", "{method}", "Mine"),
    ("method", "archive", "{method}"),
    ("method", "rm", "{method}"),
    ("token", "revoke", "{token}"),
    ("workspace", "use", "{workspace}"),
    ("--workspace", "{workspace}", "tx", "list"),
    ("--workspace", "{workspace}", "member", "list"),
    ("--workspace", "{workspace}", "category", "list"),
    ("--workspace", "{workspace}", "method", "list"),
    ("--workspace", "{workspace}", "member", "add", "someone@example.com"),
]


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: " ".join(a))
def test_a_second_user_cannot_reach_the_first_users_data(
    me: Terminal,
    make_terminal: Callable[..., Terminal],
    victim_ids: dict[str, str],
    attack: tuple[str, ...],
) -> None:
    stranger = make_terminal()
    before = me.ok("tx", "list", "-o", "json").stdout
    result = stranger(*(part.format(**victim_ids) for part in attack))
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert "private" not in result.stderr
    assert me.ok("tx", "list", "-o", "json").stdout == before
    assert json.loads(me.ok("token", "list", "-o", "json").stdout)[0]["revoked_at"] is None
