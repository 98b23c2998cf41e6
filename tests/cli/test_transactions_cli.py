"""`fopymes tx ...` end to end: parsing, output formats, exit codes, stdout/stderr split."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.conftest import Terminal


def test_tx_add_prints_the_new_id_and_list_shows_it(me: Terminal) -> None:
    added = me.ok(
        "tx",
        "add",
        "45.20",
        "--category",
        "Groceries",
        "--method",
        "Cash",
        "--description",
        "Mercadona",
        "--note",
        "weekly shop",
        "--date",
        "2026-11-02",
    )
    tx_id = int(added.stdout.strip())
    listed = json.loads(me.ok("tx", "list", "-o", "json").stdout)
    assert listed == [
        {
            **listed[0],
            "id": tx_id,
            "date": "2026-11-02",
            "kind": "expense",
            "amount": "45.20",
            "currency": "EUR",
            "category": "Groceries",
            "payment_method": "Cash",
            "description": "Mercadona",
            "note": "weekly shop",
        }
    ]


def test_an_income_and_today_and_yesterday_are_understood(me: Terminal) -> None:
    me.ok("tx", "add", "2000", "--income", "-c", "salary", "-D", "Pay", "--date", "yesterday")
    me.ok("tx", "add", "3", "-c", "Transport", "-D", "Bus")
    rows = json.loads(me.ok("tx", "list", "-o", "json").stdout)
    assert [(r["kind"], r["category"]) for r in rows] == [
        ("expense", "Transport"),
        ("income", "Salary"),
    ]


def test_table_output_shows_totals_of_what_is_listed_on_stderr(me: Terminal) -> None:
    me.ok("tx", "add", "0.10", "-c", "Groceries", "-D", "a")
    me.ok("tx", "add", "0.20", "-c", "Groceries", "-D", "b")
    result = me.ok("tx", "list")
    assert "Groceries" in result.stdout
    assert "expenses 0.30 EUR" in result.stderr


def test_csv_output_is_stable_with_exact_amounts(me: Terminal) -> None:
    me.ok("tx", "add", "1234.56", "-c", "Housing", "-D", "=HYPERLINK(evil)")
    rows = list(csv.DictReader(io.StringIO(me.ok("tx", "list", "-o", "csv").stdout)))
    assert rows[0]["amount"] == "1234.56"
    assert rows[0]["description"] == "'=HYPERLINK(evil)"
    assert list(rows[0])[:8] == [
        "id",
        "date",
        "kind",
        "amount",
        "currency",
        "category",
        "payment_method",
        "description",
    ]


def test_pages_continue_with_the_cursor_printed_on_stderr(me: Terminal) -> None:
    for day in range(1, 6):
        me.ok(
            "tx", "add", str(day), "-c", "Groceries", "-D", f"d{day}", "--date", f"2026-10-0{day}"
        )
    first = me.ok("tx", "list", "--limit", "3", "-o", "json")
    cursor = first.stderr.split("--cursor ")[1].split()[0]
    second = me.ok("tx", "list", "--limit", "3", "--cursor", cursor, "-o", "json")
    dates = [r["date"] for r in json.loads(first.stdout) + json.loads(second.stdout)]
    assert dates == [f"2026-10-0{d}" for d in (5, 4, 3, 2, 1)]


def test_list_filters_by_month_category_method_kind_text_and_amount(me: Terminal) -> None:
    me.ok("tx", "add", "10", "-c", "Groceries", "-m", "Cash", "-D", "Shop", "--date", "2026-10-03")
    me.ok("tx", "add", "99", "-c", "Leisure", "-D", "Concert", "--date", "2026-10-04")
    me.ok(
        "tx", "add", "500", "--income", "-c", "Freelance", "-D", "Invoice", "--date", "2026-10-05"
    )
    me.ok("tx", "add", "7", "-c", "Groceries", "-D", "Shop", "--date", "2026-09-03")

    def descriptions(*args: str) -> list[str]:
        return [
            r["description"] for r in json.loads(me.ok("tx", "list", "-o", "json", *args).stdout)
        ]

    assert descriptions("--month", "2026-10") == ["Invoice", "Concert", "Shop"]
    assert descriptions("--from", "2026-09-01", "--to", "2026-09-30") == ["Shop"]
    assert descriptions("--category", "groceries", "--month", "2026-10") == ["Shop"]
    assert descriptions("--method", "cash") == ["Shop"]
    assert descriptions("--kind", "income") == ["Invoice"]
    assert descriptions("--search", "conc") == ["Concert"]
    assert descriptions("--min", "50", "--max", "100") == ["Concert"]


def test_list_finds_accented_text_and_lists_the_uncategorised(me: Terminal) -> None:
    me.ok("tx", "add", "3.10", "-c", "Restaurants", "-D", "CAFÉ Central")
    me.ok("tx", "add", "2.50", "-D", "Café sin categoría")
    me.ok("tx", "add", "900", "--income", "-D", "Refund")

    def descriptions(*args: str) -> list[str]:
        return [
            r["description"] for r in json.loads(me.ok("tx", "list", "-o", "json", *args).stdout)
        ]

    assert descriptions("--search", "cafe") == ["Café sin categoría", "CAFÉ Central"]
    assert descriptions("--search", "CATEGORIA") == ["Café sin categoría"]
    assert descriptions("--uncategorised") == ["Refund", "Café sin categoría"]
    refused = me("tx", "list", "--category", "none")
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert "--uncategorised" in refused.stderr


def test_show_edit_and_remove(me: Terminal) -> None:
    tx_id = me.ok("tx", "add", "5", "-c", "Groceries", "-D", "Milk").stdout.strip()
    me.ok(
        "tx",
        "edit",
        tx_id,
        "--amount",
        "6.50",
        "--description",
        "Milk and eggs",
        "--category",
        "Restaurants",
    )
    shown = json.loads(me.ok("tx", "show", tx_id, "-o", "json").stdout)
    assert (shown["amount"], shown["description"], shown["category"]) == (
        "6.50",
        "Milk and eggs",
        "Restaurants",
    )
    assert shown["version"] == 2
    refused = me("tx", "rm", tx_id)
    assert refused.exit_code == 2
    assert "--yes" in refused.stderr
    me.ok("tx", "rm", tx_id, "--yes")
    assert me("tx", "show", tx_id).exit_code == 1


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("tx", "add", "abc", "-c", "Groceries", "-D", "x"), 2, "not a number"),
        (("tx", "add", "-5", "-c", "Groceries", "-D", "x"), 2, ""),
        (("tx", "add", "5.001", "-c", "Groceries", "-D", "x"), 2, "more decimals"),
        (("tx", "add", "5", "-c", "Groceries", "-D", "x", "--date", "2026-13-01"), 2, "not a date"),
        (("tx", "add", "5", "-c", "Grocries", "-D", "x"), 1, "Groceries"),
        (("tx", "add", "5", "-c", "Groceries"), 2, "description"),
        (("tx", "add", "5", "-c", "Groceries", "-D", "x", "--currency", "XYZ"), 2, "ISO 4217"),
        (("tx", "list", "--month", "2026-13"), 2, "month"),
        (("tx", "list", "--cursor", "bogus"), 2, "cursor"),
        (("tx", "show", "999999"), 1, "no transaction"),
        (("tx", "show", "abc"), 2, ""),
    ],
)
def test_bad_input_gets_one_message_an_exit_code_and_an_empty_stdout(
    me: Terminal, args: tuple[str, ...], code: int, fragment: str
) -> None:
    result = me(*args)
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []
