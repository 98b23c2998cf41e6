"""Every command that takes an id refuses another workspace's ids, like missing ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

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
    rule = me.ok("rule", "add", "--if", 'kind = "expense"', "--set-category", "Groceries")
    schedule = me.ok("report", "schedule", "add", "--monthly", "--to", "me@example.com")
    me.ok("budget", "set", str(categories[0]["id"]), "100")
    goal = me.ok("goal", "add", "private fund", "500").stdout.strip()
    me.ok("goal", "contribute", goal, "50")
    contact = me.ok("contact", "add", "private contact").stdout.strip()
    debt = me.ok("debt", "add", contact, "90", "--i-owe", "--instalments", "3").stdout.strip()
    return _LazyIds(
        {
            "goal": goal,
            "contact": contact,
            "debt": debt,
            "rule": rule.stdout.strip(),
            "schedule": schedule.stdout.strip(),
            "ofx": str(Path(__file__).resolve().parents[1] / "data" / "statement.ofx"),
            "tx": tx,
            "category": str(categories[0]["id"]),
            "method": str(methods[0]["id"]),
            "token": str(tokens[0]["id"]),
            "workspace": str(workspace),
        },
        lambda: _scheduled_ids(me),
    )


class _LazyIds(dict[str, str]):
    """Ids of the scheduling features, made only for the rows that use them (they need a
    `jobs run-due`, which every other row would otherwise pay for)."""

    def __init__(self, ids: dict[str, str], make: Callable[[], dict[str, str]]) -> None:
        super().__init__(ids)
        self._make = make

    def __missing__(self, key: str) -> str:
        self.update(self._make())
        return self[key]


def _scheduled_ids(me: Terminal) -> dict[str, str]:
    remind = ("--remind", "--start", "2020-01-01", "--count", "1")
    recurring = me.ok("schedule", "add", "private rent", "7", "-c", "Housing", *remind)
    me.ok("notifications", "prefs", "--email", "schedule.reminder")
    me.ok("jobs", "run-due", "--job", "materialise_recurring")
    occurrence = json.loads(me.ok("schedule", "pending", "-o", "json").stdout)[0]["id"]
    notification = json.loads(me.ok("notifications", "-o", "json").stdout)[0]["id"]
    mail = json.loads(me.ok("mail", "outbox", "-o", "json").stdout)[0]["id"]
    return {
        "recurring": recurring.stdout.strip(),
        "occurrence": str(occurrence),
        "notification": str(notification),
        "mail": str(mail),
    }


ATTACKS: list[tuple[str, ...]] = [
    ("schedule", "show", "{recurring}"),
    ("schedule", "edit", "{recurring}", "--amount", "1"),
    ("schedule", "pause", "{recurring}"),
    ("schedule", "resume", "{recurring}"),
    ("schedule", "skip-next", "{recurring}"),
    ("schedule", "rm", "{recurring}", "--yes"),
    ("schedule", "confirm", "{occurrence}"),
    ("schedule", "skip", "{occurrence}"),
    ("notifications", "read", "{notification}"),
    ("mail", "retry", "{mail}"),
    ("rule", "rm", "{rule}"),
    ("rule", "add", "--if", 'kind = "expense"', "--set-category", "{category}"),
    ("rule", "add", "--if", 'kind = "expense"', "--set-method", "{method}"),
    ("report", "schedule", "rm", "{schedule}"),
    ("import", "ofx", "{ofx}", "--method", "{method}"),
    ("export", "transactions", "--category", "{category}"),
    ("export", "transactions", "--method", "{method}"),
    ("--workspace", "{workspace}", "report", "show"),
    ("--workspace", "{workspace}", "report", "export", "--output", "{ofx}.d"),
    ("--workspace", "{workspace}", "export", "transactions"),
    ("--workspace", "{workspace}", "rule", "list"),
    ("--workspace", "{workspace}", "import", "profile", "list"),
    ("--workspace", "{workspace}", "report", "schedule", "list"),
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
    ("budget", "set", "{category}", "10"),
    ("budget", "history", "{category}"),
    ("budget", "rm", "{category}", "--yes"),
    ("--workspace", "{workspace}", "budget", "list"),
    ("--workspace", "{workspace}", "budget", "status"),
    ("goal", "show", "{goal}"),
    ("goal", "contribute", "{goal}", "1"),
    ("goal", "withdraw", "{goal}", "1"),
    ("goal", "edit", "{goal}", "--name", "Mine"),
    ("goal", "cancel", "{goal}"),
    ("goal", "rm", "{goal}", "--yes"),
    ("goal", "add", "Mine", "10", "--category", "{category}"),
    ("--workspace", "{workspace}", "goal", "list"),
    ("contact", "rm", "{contact}"),
    ("--workspace", "{workspace}", "contact", "list"),
    ("debt", "add", "{contact}", "10", "--i-owe"),
    ("debt", "show", "{debt}"),
    ("debt", "pay", "{debt}", "1"),
    ("debt", "schedule", "{debt}"),
    ("debt", "rm", "{debt}", "--yes"),
    ("--workspace", "{workspace}", "debt", "list"),
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
    result = stranger(*(part.format_map(victim_ids) for part in attack))
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert "private" not in result.stderr
    assert me.ok("tx", "list", "-o", "json").stdout == before
    assert json.loads(me.ok("token", "list", "-o", "json").stdout)[0]["revoked_at"] is None
