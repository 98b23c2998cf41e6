"""`fopymes account`, its old name `fopymes method`, and `fopymes transfer` end to end."""

from __future__ import annotations

import json

from tests.cli.conftest import Terminal
from tests.factories import random_email


def _balances(me: Terminal, *extra: str) -> dict[str, str]:
    rows = json.loads(me.ok("account", "list", "-o", "json", *extra).stdout)
    return {row["name"]: row["balance"] for row in rows}


def test_account_add_list_shows_balances_and_net_worth(me: Terminal) -> None:
    me.ok(
        "account",
        "add",
        "Bank",
        "--type",
        "checking",
        "--opening",
        "1000",
        "--opening-date",
        "2026-01-01",
        "--institution",
        "Caixa",
    )
    me.ok(
        "account",
        "add",
        "Visa",
        "--type",
        "credit_card",
        "--opening",
        "-200",
        "--opening-date",
        "2026-01-01",
        "--last-four",
        "4242",
    )
    me.ok(
        "tx",
        "add",
        "50",
        "--category",
        "Groceries",
        "--account",
        "Visa",
        "-D",
        "x",
        "--date",
        "2026-02-01",
    )
    me.ok(
        "tx",
        "add",
        "30",
        "--category",
        "Groceries",
        "--method",
        "Bank",
        "-D",
        "x",
        "--date",
        "2026-02-02",
    )
    by_name = {
        row["name"]: row for row in json.loads(me.ok("account", "list", "-o", "json").stdout)
    }
    assert by_name["Bank"]["balance"] == "970.00"
    assert by_name["Visa"]["balance"] == "-250.00"
    assert by_name["Visa"]["liability"] is True
    assert json.loads(me.ok("account", "list", "--totals", "-o", "json").stdout) == [
        {"currency": "EUR", "assets": "970.00", "liabilities": "250.00", "net_worth": "720.00"}
    ]
    table = me.ok("account", "list").stdout
    assert "Net worth" in table
    assert "720.00" in table


def test_account_list_on_a_past_date_leaves_later_rows_out(me: Terminal) -> None:
    me.ok("account", "add", "Bank", "--opening", "100", "--opening-date", "2026-01-01")
    me.ok(
        "tx",
        "add",
        "40",
        "--income",
        "--category",
        "Salary",
        "--account",
        "Bank",
        "-D",
        "Pay",
        "--date",
        "2026-03-01",
    )
    assert _balances(me, "--on", "2026-02-28")["Bank"] == "100.00"
    assert _balances(me, "--on", "2026-03-01")["Bank"] == "140.00"
    assert _balances(me, "--on", "2025-12-31")["Bank"] == "0.00"


def test_transfer_moves_money_and_is_no_income_or_expense(me: Terminal) -> None:
    me.ok("account", "add", "Bank", "--opening", "500", "--opening-date", "2026-01-01")
    made = me.ok("transfer", "200", "--from", "Bank", "--to", "Cash", "--date", "2026-02-01")
    assert "Transferred 200.00 EUR from Bank to Cash" in made.stderr
    balances = _balances(me)
    assert (balances["Bank"], balances["Cash"]) == ("300.00", "200.00")
    listed = json.loads(me.ok("tx", "list", "-o", "json").stdout)
    assert [(r["kind"], r["movement"], r["counter_account"]) for r in listed] == [
        ("transfer", "transfer", "Cash")
    ]
    totals = me.ok("tx", "list").stderr
    assert "income €0.00" in totals or "income 0.00" in totals
    assert "Cash" in me.ok("tx", "list", "--account", "Cash", "-o", "json").stdout


def test_a_transfer_between_currencies_needs_the_amount_that_arrives(me: Terminal) -> None:
    me.ok("account", "add", "Broker", "--type", "other_asset", "--currency", "USD")
    refused = me("transfer", "100", "--from", "Cash", "--to", "Broker")
    assert refused.exit_code == 2
    assert "--to-amount" in refused.stderr
    made = json.loads(
        me.ok(
            "transfer",
            "100",
            "--from",
            "Cash",
            "--to",
            "Broker",
            "--to-amount",
            "108.35",
            "-o",
            "json",
        ).stdout
    )
    assert (made["counter_amount"], made["counter_currency"], made["rate"]) == (
        "108.35",
        "USD",
        "1.0835",
    )
    totals = json.loads(me.ok("account", "list", "--totals", "-o", "json").stdout)
    assert {t["currency"]: t["net_worth"] for t in totals} == {
        "EUR": "-100.00",
        "USD": "108.35",
    }


def test_a_transfer_to_the_same_account_is_refused(me: Terminal) -> None:
    refused = me("transfer", "10", "--from", "Cash", "--to", "cash")
    assert refused.exit_code == 2
    assert "two different accounts" in refused.stderr


def test_account_show_prints_the_register_with_a_running_balance(me: Terminal) -> None:
    me.ok("account", "add", "Bank", "--opening", "100", "--opening-date", "2026-01-01")
    for day, amount in (("2026-01-02", "10"), ("2026-01-03", "20"), ("2026-01-04", "30")):
        me.ok(
            "tx",
            "add",
            amount,
            "--category",
            "Groceries",
            "--account",
            "Bank",
            "-D",
            "x",
            "--date",
            day,
        )
    me.ok("transfer", "5", "--from", "Cash", "--to", "Bank", "--date", "2026-01-05")
    first = json.loads(me.ok("account", "show", "Bank", "--limit", "2", "-o", "json").stdout)
    assert [(i["amount"], i["balance"]) for i in first["items"]] == [
        ("5.00", "45.00"),
        ("-30.00", "40.00"),
    ]
    assert first["items"][0]["counterpart"] == "Cash"
    older = json.loads(
        me.ok(
            "account",
            "show",
            "Bank",
            "--limit",
            "2",
            "--cursor",
            first["next_cursor"],
            "-o",
            "json",
        ).stdout
    )
    assert [(i["amount"], i["balance"]) for i in older["items"]] == [
        ("-20.00", "70.00"),
        ("-10.00", "90.00"),
    ]
    assert older["next_cursor"] is None or older["items"]
    table = me.ok("account", "show", "Bank")
    assert "Bank" in table.stdout
    assert "45.00" in table.stdout


def test_account_edit_and_archive(me: Terminal) -> None:
    me.ok("account", "add", "Bank")
    me.ok(
        "account", "edit", "Bank", "--institution", "Caixa", "--type", "savings", "--opening", "25"
    )
    shown = json.loads(me.ok("account", "show", "Bank", "-o", "json").stdout)["account"]
    assert (shown["institution"], shown["type"], shown["opening_balance"]) == (
        "Caixa",
        "savings",
        "25.00",
    )
    me.ok("account", "archive", "Bank")
    assert "Bank" not in _balances(me)
    refused = me("account", "add", "Loan", "--type", "boat")
    assert refused.exit_code == 2
    assert "type" in refused.stderr


def test_the_old_method_commands_and_types_keep_working(me: Terminal) -> None:
    me.ok("method", "add", "Old card", "--type", "debit_card", "--last-four", "1234")
    listed = json.loads(me.ok("method", "list", "-o", "json").stdout)
    assert {row["name"]: row["type"] for row in listed}["Old card"] == "checking"


def test_a_viewer_reads_accounts_but_cannot_add_or_transfer(
    me: Terminal,
    make_terminal,  # type: ignore[no-untyped-def]
) -> None:
    viewer_email = random_email()
    added = me.ok("member", "add", viewer_email, "--role", "viewer")
    first_password = added.stdout.strip()
    viewer = make_terminal(signed_up=False)
    viewer.ok("login", "--email", viewer_email, "--password-stdin", input=first_password + "\n")
    me.ok("account", "add", "Bank")
    refused = viewer("account", "add", "Mine")
    assert refused.exit_code == 1
    assert "viewer" in refused.stderr
    refused = viewer("transfer", "5", "--from", "Cash", "--to", "Bank")
    assert refused.exit_code == 1
    assert "viewer" in refused.stderr
    assert "Bank" in viewer.ok("account", "list").stdout


def test_another_workspace_s_accounts_are_not_found(me: Terminal, make_terminal) -> None:  # type: ignore[no-untyped-def]
    me.ok("account", "add", "Secret bank")
    stranger = make_terminal()
    refused = stranger("account", "show", "Secret bank")
    assert refused.exit_code == 1
    refused = stranger("transfer", "5", "--from", "Cash", "--to", "Secret bank")
    assert refused.exit_code != 0
    assert "Secret bank" not in stranger.ok("account", "list").stdout


def test_a_transfer_keeps_its_accounts_and_amounts_but_its_text_can_change(me: Terminal) -> None:
    me.ok("account", "add", "Bank")
    made = me.ok("transfer", "20", "--from", "Cash", "--to", "Bank").stdout.strip().splitlines()
    transfer_id = made[-1]
    refused = me("tx", "edit", transfer_id, "--amount", "5")
    assert refused.exit_code == 2
    assert "record the transfer again" in refused.stderr
    me.ok("tx", "edit", transfer_id, "--description", "ATM")


def test_report_networth_monthly_prints_each_month_end(me: Terminal) -> None:
    me.ok("account", "add", "Bank", "--opening", "100", "--opening-date", "2026-01-15")
    me.ok("transfer", "30", "--from", "Bank", "--to", "Cash", "--date", "2026-02-10")
    rows = json.loads(
        me.ok(
            "report",
            "networth",
            "--monthly",
            "--from",
            "2026-01-01",
            "--to",
            "2026-02-28",
            "-o",
            "json",
        ).stdout
    )
    assert [(r["month"], r["net_worth"]) for r in rows] == [
        ("2026-01", "100.00"),
        ("2026-02", "100.00"),
    ]
