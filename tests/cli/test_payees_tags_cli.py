"""`fopymes payee`, `fopymes tag` and the payee/tag options of `tx`, end to end."""

from __future__ import annotations

import json

from tests.cli.conftest import Terminal


def _add(me: Terminal, amount: str, *options: str) -> int:
    return int(me.ok("tx", "add", amount, "-c", "Groceries", "-D", "Shop", *options).stdout)


def test_tx_add_edit_and_list_carry_payee_and_tags(me: Terminal) -> None:
    first = _add(me, "3.20", "--payee", "CAFÉ  Central", "--tag", "trip", "-t", "work")
    _add(me, "9.00", "--payee", "Bakery")
    shown = json.loads(me.ok("tx", "show", str(first), "-o", "json").stdout)
    assert (shown["payee"], shown["tags"]) == ("CAFÉ Central", ["trip", "work"])
    by_payee = json.loads(me.ok("tx", "list", "--payee", "cafe central", "-o", "json").stdout)
    assert [tx["id"] for tx in by_payee] == [first]
    by_tag = json.loads(me.ok("tx", "list", "--tag", "TRIP", "-o", "json").stdout)
    assert [tx["id"] for tx in by_tag] == [first]
    me.ok("tx", "edit", str(first), "--tag", "home", "--clear-payee")
    edited = json.loads(me.ok("tx", "show", str(first), "-o", "json").stdout)
    assert (edited["payee"], edited["tags"]) == (None, ["home"])
    me.ok("tx", "edit", str(first), "--no-tags")
    assert json.loads(me.ok("tx", "show", str(first), "-o", "json").stdout)["tags"] == []


def test_a_bad_tag_is_refused_in_one_line_and_nothing_is_recorded(me: Terminal) -> None:
    result = me("tx", "add", "1", "-D", "x", "--tag", "two words")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "letters a-z" in result.stderr
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []


def test_an_unknown_payee_filter_names_the_close_ones(me: Terminal) -> None:
    _add(me, "1", "--payee", "Mercadona")
    result = me("tx", "list", "--payee", "Mercadon")
    assert result.exit_code != 0
    assert "Mercadona" in result.stderr


def test_payee_list_rename_and_merge_with_confirmation(me: Terminal) -> None:
    _add(me, "4.00", "--payee", "Mercadona")
    _add(me, "1.00", "--payee", "MERCADONA SA")
    table = me.ok("payee", "list").stdout
    assert "MERCADONA SA" in table
    assert "4.00 EUR" in table
    clash = me("payee", "rename", "mercadona sa", "mercadona")
    assert clash.exit_code == 1
    assert "payee merge" in clash.stderr
    me.ok("payee", "rename", "mercadona sa", "Mercadona S.A.")
    refused = me("payee", "merge", "Mercadona S.A.", "Mercadona", input="n\n")
    assert refused.exit_code != 0
    assert len(json.loads(me.ok("payee", "list", "-o", "json").stdout)) == 2
    merged = me.ok("payee", "merge", "Mercadona S.A.", "Mercadona", "--yes")
    assert "1 transaction(s)" in merged.stderr
    [payee] = json.loads(me.ok("payee", "list", "-o", "json").stdout)
    assert (payee["name"], payee["transactions"]) == ("Mercadona", 2)


def test_tag_list_rename_and_rm(me: Terminal) -> None:
    tx = _add(me, "1", "--tag", "trip")
    assert "trip" in me.ok("tag", "list").stdout
    me.ok("tag", "rename", "trip", "trip-2026")
    me.ok("tag", "rm", "trip-2026", "--yes")
    assert json.loads(me.ok("tag", "list", "-o", "json").stdout) == []
    assert json.loads(me.ok("tx", "show", str(tx), "-o", "json").stdout)["tags"] == []


def test_rules_can_set_a_payee_and_add_tags(me: Terminal) -> None:
    me.ok("rule", "add", "--if", 'description ~ "UBER"', "--set-payee", "Uber", "--add-tag", "taxi")
    [rule] = json.loads(me.ok("rule", "list", "-o", "json").stdout)
    assert (rule["set_payee"], rule["add_tags"]) == ("Uber", ["taxi"])


def test_report_by_payee_and_tag_leave_transfers_out(me: Terminal) -> None:
    _add(me, "12.00", "--payee", "Mercadona", "--tag", "food", "-d", "2026-11-03")
    me.ok("account", "add", "Bank")
    moved = me.ok("transfer", "50", "--from", "Cash", "--to", "Bank", "--date", "2026-11-04")
    transfer_id = moved.stdout.strip().split()[0]
    me.ok("tx", "edit", transfer_id, "--payee", "Mercadona", "--tag", "food")
    by_payee = json.loads(
        me.ok("report", "show", "--by", "payee", "--month", "2026-11", "-o", "json").stdout
    )
    assert [(x["name"], x["expense"], x["count"]) for x in by_payee["lines"]] == [
        ("Mercadona", "12.00", 1)
    ]
    table = me.ok("report", "show", "--by", "tag", "--month", "2026-11").stdout
    assert "food" in table
    assert "12.00" in table
    assert "50.00" not in table
    bad = me("report", "show", "--by", "color")
    assert bad.exit_code == 2
    assert "category, payee or tag" in bad.stderr
