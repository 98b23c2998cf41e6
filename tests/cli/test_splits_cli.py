"""`fopymes tx add/edit --split`, `tx show` and `tx list` of split transactions, end to end."""

from __future__ import annotations

import csv
import io
import json

from tests.cli.conftest import Terminal


def _receipt(me: Terminal, *extra: str) -> int:
    me.ok("category", "add", "Household")
    me.ok("account", "add", "Card", "--type", "credit_card", "--opening-date", "2026-01-01")
    added = me.ok(
        "tx",
        "add",
        "85.40",
        "--account",
        "Card",
        "--split",
        "Groceries=60:fruit and veg",
        "--split",
        "Household=25.40",
        "-D",
        "Mercadona",
        "--date",
        "2026-11-03",
        *extra,
    )
    return int(added.stdout.strip())


def test_a_split_is_recorded_and_shown_with_its_parts(me: Terminal) -> None:
    tx_id = _receipt(me)
    shown = json.loads(me.ok("tx", "show", str(tx_id), "-o", "json").stdout)
    assert (shown["category"], shown["amount"], shown["payment_method"]) == (
        None,
        "85.40",
        "Card",
    )
    assert [(p["category"], p["amount"], p["note"]) for p in shown["splits"]] == [
        ("Groceries", "60.00", "fruit and veg"),
        ("Household", "25.40", None),
    ]
    table = me.ok("tx", "show", str(tx_id)).stdout
    assert "Groceries=60.00:fruit and veg" in table
    assert "Household=25.40" in table


def test_tx_list_shows_a_split_as_split_and_json_carries_the_parts(me: Terminal) -> None:
    tx_id = _receipt(me)
    table = me.ok("tx", "list").stdout
    assert "(split)" in table
    [listed] = json.loads(me.ok("tx", "list", "-o", "json").stdout)
    assert (listed["id"], len(listed["splits"])) == (tx_id, 2)
    [row] = csv.DictReader(io.StringIO(me.ok("tx", "list", "-o", "csv").stdout))
    assert row["splits"] == "Groceries=60.00:fruit and veg\nHousehold=25.40"
    household = json.loads(me.ok("tx", "list", "-c", "Household", "-o", "json").stdout)
    assert [(t["id"], t["amount"]) for t in household] == [(tx_id, "25.40")]


def test_parts_that_do_not_add_up_are_refused_on_one_line(me: Terminal) -> None:
    me.ok("category", "add", "Household")
    result = me(
        "tx", "add", "85.40", "--split", "Groceries=60", "--split", "Household=20", "-D", "M"
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "splits: the parts add up to 80.00, 5.40 less than the total 85.40" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []


def test_tx_edit_replaces_the_parts_and_refuses_a_lone_amount(me: Terminal) -> None:
    tx_id = _receipt(me)
    me.ok("tx", "edit", str(tx_id), "--split", "Household=5.40", "--split", "Groceries=")
    shown = json.loads(me.ok("tx", "show", str(tx_id), "-o", "json").stdout)
    assert [(p["category"], p["amount"]) for p in shown["splits"]] == [
        ("Household", "5.40"),
        ("Groceries", "80.00"),
    ]
    refused = me("tx", "edit", str(tx_id), "--amount", "90")
    assert refused.exit_code == 2
    assert "the parts of a split transaction add up to its amount" in refused.stderr
    me.ok(
        "tx",
        "edit",
        str(tx_id),
        "--amount",
        "90",
        "--split",
        "Groceries=60",
        "--split",
        "Household=",
    )
    me.ok("tx", "edit", str(tx_id), "--category", "Groceries")
    plain = json.loads(me.ok("tx", "show", str(tx_id), "-o", "json").stdout)
    assert (plain["category"], plain["amount"], plain["splits"]) == ("Groceries", "90.00", [])


def test_a_split_needs_a_category_in_each_part(me: Terminal) -> None:
    result = me("tx", "add", "10", "--split", "=5", "--split", "Groceries=5", "-D", "M")
    assert result.exit_code == 2
    assert "'=5' has no category" in result.stderr
