"""`fopymes contact ...` and `fopymes debt ...` end to end."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Terminal
from tests.factories import random_email


def _debts(me: Terminal, *args: str) -> list[dict[str, object]]:
    return json.loads(me.ok("debt", "list", "-o", "json", *args).stdout)  # type: ignore[no-any-return]


def test_contacts_debts_payments_schedule_and_summary(me: Terminal) -> None:
    contact = me.ok("contact", "add", "Ana", "--email", "ana@example.com").stdout.strip()
    me.ok("contact", "add", "Shop SL")
    assert [c["name"] for c in json.loads(me.ok("contact", "list", "-o", "json").stdout)] == [
        "Ana",
        "Shop SL",
    ]
    loan = me.ok(
        "debt",
        "add",
        contact,
        "1200",
        "--i-owe",
        "--start",
        "2026-01-15",
        "--rate",
        "6",
        "--instalments",
        "12",
        "-D",
        "Car loan",
        "--category",
        "Transport",
    ).stdout.strip()
    lent = me.ok("debt", "add", "shop sl", "250", "--owed-to-me", "--due", "2099-01-01").stdout
    paid = me.ok("debt", "pay", loan, "100", "--date", "2026-02-15", "--method", "Cash", "--record")
    assert paid.stdout == ""
    assert "balance" in paid.stderr

    shown = json.loads(me.ok("debt", "show", loan, "--date", "2026-11-15", "-o", "json").stdout)
    assert (shown["debt"]["balance"], shown["debt"]["interest_accrued"], shown["debt"]["paid"]) == (
        "1155.75",
        "55.75",
        "100.00",
    )
    assert shown["payments"][0]["payment_method"] == "Cash"
    recorded = json.loads(me.ok("tx", "list", "-o", "json").stdout)
    # 31 days of 6 % on 1,200.00 are 6.12 of interest; the rest of the 100 is principal.
    assert sorted((t["kind"], t["amount"], t["category"]) for t in recorded) == [
        ("expense", "6.12", "Transport"),
        ("transfer", "93.88", None),
    ]

    schedule = json.loads(me.ok("debt", "schedule", loan, "-o", "json").stdout)
    assert len(schedule) == 12
    assert schedule[-1]["remaining"] == "0.00"
    level = schedule[0]["payment"]
    assert {row["payment"] for row in schedule[:-1]} == {level}
    assert level in me.ok("debt", "schedule", loan).stdout

    listing = me.ok("debt", "list")
    assert "Car loan" in listing.stdout
    assert "you are owed 250.00 EUR" in listing.stderr
    assert [d["id"] for d in _debts(me, "--owed-to-me")] == [int(lent)]
    assert [d["contact"] for d in _debts(me, "--i-owe", "--open")] == ["Ana"]

    assert me("contact", "rm", "Ana").exit_code == 1
    me.ok("debt", "rm", loan, "--yes")
    me.ok("contact", "rm", "Ana")
    assert [d["contact"] for d in _debts(me)] == ["Shop SL"]
    assert len(json.loads(me.ok("tx", "list", "-o", "json").stdout)) == 2  # real money stays


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("debt", "add", "Ana", "100"), 2, "direction"),
        (("debt", "add", "Ana", "100", "--i-owe", "--owed-to-me"), 2, "direction"),
        (("debt", "add", "Ann", "100", "--i-owe"), 1, "contact"),
        (("debt", "add", "Ana", "abc", "--i-owe"), 2, "principal"),
        (("debt", "add", "Ana", "100", "--i-owe", "--rate", "1.23456"), 2, "interest_rate"),
        (("debt", "add", "Ana", "100", "--i-owe", "--interest", "daily"), 2, "interest"),
        (("debt", "add", "Ana", "100", "--i-owe", "--category", "Salary"), 2, "category"),
        (("debt", "pay", "{debt}", "50.01"), 1, "more than the balance"),
        (("debt", "pay", "{debt}", "5", "--date", "2999-01-01"), 2, "future"),
        (("debt", "pay", "{debt}", "5", "--method", "Nope"), 1, "account"),
        (("debt", "schedule", "{debt}"), 2, "instalments"),
        (("debt", "show", "999999"), 1, "no debt"),
        (("debt", "show", "abc"), 2, ""),
        (("contact", "add", "Ana"), 1, "already exists"),
        (("contact", "add", "Bo", "--member", "nobody@example.com"), 1, "no member"),
    ],
)
def test_bad_input_gets_one_message_an_exit_code_and_an_empty_stdout(
    me: Terminal, args: tuple[str, ...], code: int, fragment: str
) -> None:
    me.ok("contact", "add", "Ana")
    debt = me.ok("debt", "add", "Ana", "50", "--i-owe").stdout.strip()
    before = me.ok("debt", "list", "-o", "json").stdout
    result = me(*(part.format(debt=debt) for part in args))
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert me.ok("debt", "list", "-o", "json").stdout == before
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []
    assert len(json.loads(me.ok("contact", "list", "-o", "json").stdout)) == 1


def test_a_viewer_reads_debts_but_cannot_change_them(
    me: Terminal, make_terminal: Callable[..., Terminal]
) -> None:
    email = random_email()
    password = me.ok("member", "add", email, "--role", "viewer").stdout.strip()
    me.ok("contact", "add", "Ana")
    debt = me.ok("debt", "add", "Ana", "50", "--i-owe", "--instalments", "2").stdout.strip()
    viewer = make_terminal(signed_up=False)
    viewer.ok("login", "--email", email, "--password-stdin", input=password + "\n")
    assert len(json.loads(viewer.ok("debt", "list", "-o", "json").stdout)) == 1
    viewer.ok("debt", "show", debt)
    viewer.ok("debt", "schedule", debt)
    viewer.ok("contact", "list")
    for args in (
        ("contact", "add", "Bo"),
        ("contact", "rm", "Ana"),
        ("debt", "add", "Ana", "5", "--i-owe"),
        ("debt", "pay", debt, "5"),
        ("debt", "rm", debt, "--yes"),
    ):
        refused = viewer(*args)
        assert refused.exit_code == 1, args
        assert "viewer" in refused.stderr
        assert refused.stdout == ""
    assert _debts(me)[0]["balance"] == "50.00"
