"""`fopymes goal ...` end to end: formats, exit codes, stdout/stderr, viewers."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.cli.conftest import Terminal
from tests.factories import random_email


def _goals(me: Terminal) -> list[dict[str, object]]:
    return json.loads(me.ok("goal", "list", "-o", "json").stdout)  # type: ignore[no-any-return]


def test_add_contribute_show_withdraw_edit_cancel_and_rm(me: Terminal) -> None:
    deadline = (date.today() + timedelta(days=200)).isoformat()
    goal_id = me.ok("goal", "add", "Bike", "1000", "--by", deadline, "--every", "month")
    assert goal_id.stdout.strip().isdigit()
    saved = me.ok("goal", "contribute", "bike", "300", "--from", "Cash")
    assert saved.stdout == ""
    assert "Milestone: 25%" in saved.stderr
    me.ok("goal", "withdraw", "Bike", "50.25", "--note", "repair")

    shown = json.loads(me.ok("goal", "show", "Bike", "-o", "json").stdout)
    assert (shown["goal"]["saved"], shown["goal"]["percent_saved"]) == ("249.75", "25.0")
    plan = [Decimal(i["amount"]) for i in shown["plan"]]
    assert sum(plan) == Decimal("750.25")
    assert max(plan) - min(plan) <= Decimal("0.01")
    assert [m["milestone"] for m in shown["milestones"]] == [25]
    assert shown["pace"]["required_per_period"] == str(max(plan))
    assert shown["history"][0]["transaction_id"] is not None

    transfer = json.loads(me.ok("tx", "list", "-o", "json").stdout)[0]
    assert (transfer["description"], transfer["amount"], transfer["kind"]) == (
        "Savings: Bike",
        "300.00",
        "transfer",
    )
    assert transfer["counter_account"] == shown["goal"]["account"] == "Bike savings"
    table = me.ok("goal", "show", goal_id.stdout.strip())
    assert "Plan" in table.stdout
    assert "█" in table.stdout

    me.ok("goal", "edit", "Bike", "--name", "Road bike", "--target", "1200", "--no-deadline")
    me.ok("goal", "cancel", "road bike")
    assert _goals(me)[0]["status"] == "cancelled"
    refused = me("goal", "contribute", "Road bike", "5")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert "--restore" in refused.stderr
    me.ok("goal", "cancel", "Road bike", "--restore")
    me.ok("goal", "rm", "Road bike", "--yes")
    assert _goals(me) == []
    kept = json.loads(me.ok("tx", "list", "-o", "json").stdout)
    assert [t["id"] for t in kept] == [transfer["id"]]


def test_list_in_every_format(me: Terminal) -> None:
    me.ok("goal", "add", "Rainy day", "500")
    me.ok("goal", "contribute", "Rainy day", "125", "--date", "yesterday")
    table = me.ok("goal", "list")
    assert "Rainy day" in table.stdout
    assert "25.0%" in table.stdout
    csv_out = me.ok("goal", "list", "-o", "csv").stdout.splitlines()
    assert csv_out[0].startswith("id,name,status,target,saved")
    assert _goals(me)[0]["saved"] == "125.00"
    result = me.ok("goal", "contribute", "Rainy day", "1", "-o", "json")
    assert json.loads(result.stdout)["goal"]["saved"] == "126.00"


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("goal", "add", "Car", "abc"), 2, "target"),
        (("goal", "add", "Car", "100", "--by", "2001-01-01"), 2, "deadline"),
        (("goal", "add", "Car", "100", "--every", "day"), 2, "frequency"),
        (("goal", "add", "Car", "100", "--category", "Salary"), 2, "category"),
        (("goal", "contribute", "Bike", "5.001"), 2, "more decimals"),
        (("goal", "contribute", "Bike", "5", "--from-method", "Nope"), 1, "account"),
        (("goal", "contribute", "Bkie", "5"), 1, "Bike"),
        (("goal", "withdraw", "Bike", "5"), 1, "holds only"),
        (("goal", "edit", "Bike"), 2, "nothing to change"),
        (("goal", "show", "999999"), 1, "no goal"),
    ],
)
def test_bad_input_gets_one_message_an_exit_code_and_an_empty_stdout(
    me: Terminal, args: tuple[str, ...], code: int, fragment: str
) -> None:
    me.ok("goal", "add", "Bike", "100")
    result = me(*args)
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert [g["name"] for g in _goals(me)] == ["Bike"]
    assert _goals(me)[0]["saved"] == "0.00"
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []


def test_a_viewer_reads_goals_but_cannot_change_them(
    me: Terminal, make_terminal: Callable[..., Terminal]
) -> None:
    email = random_email()
    password = me.ok("member", "add", email, "--role", "viewer").stdout.strip()
    me.ok("goal", "add", "Bike", "100")
    viewer = make_terminal(signed_up=False)
    viewer.ok("login", "--email", email, "--password-stdin", input=password + "\n")
    viewer.ok("goal", "show", "Bike")
    assert len(json.loads(viewer.ok("goal", "list", "-o", "json").stdout)) == 1
    for args in (
        ("goal", "add", "Car", "5"),
        ("goal", "contribute", "Bike", "5"),
        ("goal", "withdraw", "Bike", "5"),
        ("goal", "edit", "Bike", "--target", "5"),
        ("goal", "cancel", "Bike"),
        ("goal", "rm", "Bike", "--yes"),
    ):
        refused = viewer(*args)
        assert refused.exit_code == 1, args
        assert "viewer" in refused.stderr
        assert refused.stdout == ""
    assert _goals(me)[0]["target"] == "100.00"
