"""`fopymes account reconcile`, `tx add/edit --pending/--cleared` and `--force`, end to end."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.cli.conftest import Terminal
from tests.factories import random_email


def _bank(me: Terminal) -> None:
    me.ok("account", "add", "Bank", "--opening", "100", "--opening-date", "2026-01-01")


def _tx(me: Terminal, amount: str, day: str, *extra: str) -> int:
    out = me.ok(
        "tx",
        "add",
        amount,
        "-c",
        "Groceries",
        "--account",
        "Bank",
        "-D",
        "x",
        "--date",
        day,
        *extra,
    )
    return int(out.stdout.strip())


def _status(me: Terminal, tx_id: int) -> str:
    return str(json.loads(me.ok("tx", "show", str(tx_id), "-o", "json").stdout)["status"])


def test_account_list_shows_the_cleared_balance_beside_the_balance(me: Terminal) -> None:
    _bank(me)
    _tx(me, "10", "2026-01-05")
    pending = _tx(me, "5", "2026-01-06", "--pending")
    assert _status(me, pending) == "pending"
    rows = json.loads(me.ok("account", "list", "-o", "json").stdout)
    bank = next(row for row in rows if row["name"] == "Bank")
    assert (bank["balance"], bank["cleared_balance"]) == ("85.00", "90.00")
    table = me.ok("account", "list").stdout
    assert "Cleared" in table
    assert "90.00" in table
    me.ok("tx", "edit", str(pending), "--cleared")
    assert _status(me, pending) == "cleared"


def test_a_matching_reconcile_marks_the_lines_and_says_so(me: Terminal) -> None:
    _bank(me)
    first = _tx(me, "10", "2026-01-05")
    pending = _tx(me, "5", "2026-01-06", "--pending")
    later = _tx(me, "1", "2026-02-06")
    done = me.ok("account", "reconcile", "Bank", "--balance", "90.00", "--on", "2026-01-31")
    assert "Reconciled Bank on 2026-01-31" in done.stderr
    assert "1 transaction(s) marked reconciled" in done.stderr
    assert [_status(me, i) for i in (first, pending, later)] == [
        "reconciled",
        "pending",
        "cleared",
    ]
    listed = json.loads(me.ok("account", "reconciliations", "Bank", "-o", "json").stdout)
    assert [(r["on"], r["statement_balance"], r["marked"]) for r in listed] == [
        ("2026-01-31", "90.00", 1)
    ]


def test_a_mismatch_prints_the_difference_and_pending_lines_and_exits_1(me: Terminal) -> None:
    _bank(me)
    first = _tx(me, "10", "2026-01-05")
    pending = _tx(me, "5", "2026-01-06", "--pending")
    result = me("account", "reconcile", "Bank", "--balance", "85.00", "--on", "2026-01-31")
    assert result.exit_code == 1
    assert "difference -5.00" in result.stderr
    assert "nothing was changed" in result.stderr
    assert str(pending) in result.stdout
    assert "-5.00" in result.stdout
    assert [_status(me, i) for i in (first, pending)] == ["cleared", "pending"]
    assert json.loads(me.ok("account", "reconciliations", "Bank", "-o", "json").stdout) == []


def test_changing_a_reconciled_transaction_without_a_terminal_needs_force(me: Terminal) -> None:
    _bank(me)
    tx = _tx(me, "10", "2026-01-05")
    me.ok("account", "reconcile", "Bank", "--balance", "90", "--on", "2026-01-31")
    refused = me("tx", "edit", str(tx), "--amount", "11")
    assert refused.exit_code == 1
    assert "is reconciled" in refused.stderr
    assert "--force" in refused.stderr
    gone = me("tx", "rm", str(tx), "--yes")
    assert gone.exit_code == 1
    assert "--force" in gone.stderr
    me.ok("tx", "edit", str(tx), "--amount", "11", "--force")
    me.ok("tx", "rm", str(tx), "--yes", "--force")
    assert me("tx", "show", str(tx)).exit_code == 1


def test_a_viewer_cannot_reconcile_and_another_workspace_is_not_found(
    me: Terminal, make_terminal: Callable[..., Terminal]
) -> None:
    _bank(me)
    viewer_email = random_email("viewer")
    added = me.ok("member", "add", viewer_email, "--role", "viewer")
    viewer = make_terminal(signed_up=False)
    viewer.ok(
        "login", "--email", viewer_email, "--password-stdin", input=added.stdout.strip() + "\n"
    )
    refused = viewer("account", "reconcile", "Bank", "--balance", "100", "--on", "2026-01-31")
    assert refused.exit_code == 1
    assert "viewer" in refused.stderr
    stranger = make_terminal()
    rows = json.loads(me.ok("account", "list", "-o", "json").stdout)
    bank = next(row["id"] for row in rows if row["name"] == "Bank")
    result = stranger("account", "reconcile", str(bank), "--balance", "100", "--on", "2026-01-31")
    assert result.exit_code == 1
    assert "no account" in result.stderr.lower()
    assert stranger("account", "reconciliations", str(bank)).exit_code == 1
