"""Terminal tables at 80 columns: amounts whole and aligned, descriptions give way first."""

from __future__ import annotations

import re

from fopymes_cli.table_fit import Fit, lay_out
from tests.cli.conftest import Terminal


def _books(me: Terminal) -> None:
    me.ok("budget", "set", "groceries", "3000", "--from", "2026-11-01")
    me.ok("budget", "set", "all", "102000", "--anchor-day", "25", "--from", "2026-10-25")
    me.ok(
        "tx",
        "add",
        "2027.60",
        "-c",
        "Groceries",
        "-D",
        "A very long description of the weekly shop at the farmers' market",
        "--date",
        "2026-11-20",
    )
    me.ok("tx", "add", "100173.76", "-c", "Housing", "-D", "rent", "--date", "2026-11-28")
    me.ok(
        "tx",
        "add",
        "1500",
        "-c",
        "Leisure",
        "-D",
        "yen",
        "--date",
        "2026-11-02",
        "--currency",
        "JPY",
    )


def _lines(text: str) -> list[str]:
    return text.splitlines()


def test_budget_status_at_80_columns_prints_every_amount_period_and_status_whole(
    me: Terminal,
) -> None:
    _books(me)
    shown = me.ok("budget", "status", "--date", "2026-11-28", COLUMNS="80").stdout
    assert all(len(line) <= 80 for line in _lines(shown))
    for whole in ("Groceries", "All expenses", "2026-11-25…12-24", "2026-11-01…11-30"):
        assert whole in shown
    for amount in ("102,000.00", "100,173.76", "3,000.00", "2,027.60", "972.40"):
        assert amount in shown
    assert "at risk" in shown or "over" in shown
    assert "at_risk" not in shown
    assert "…" not in shown.replace("…1", "")
    wide = me.ok("budget", "status", "--date", "2026-11-28", COLUMNS="160").stdout
    assert "Projected" in wide
    assert "Projected" not in shown


def test_transaction_list_at_80_columns_shrinks_the_description_not_the_amounts(
    me: Terminal,
) -> None:
    _books(me)
    shown = me.ok("tx", "list", COLUMNS="80").stdout
    rows = _lines(shown)
    assert all(len(line) <= 80 for line in rows)
    assert "-100,173.76" in shown
    assert "-2,027.60" in shown
    assert "-1,500" in shown
    assert "A very long" in shown
    assert "…" in shown
    assert "farmers' market" not in shown
    amounts = [line for line in rows if "EUR" in line or "JPY" in line]
    points = {line.index(".") for line in amounts if "EUR" in line}
    assert len(points) == 1  # decimal points in one column
    (yen,) = (line for line in amounts if "JPY" in line)
    assert yen.index("-1,500") + len("-1,500") == points.pop()  # JPY's units end at the point


def test_report_show_at_80_columns_keeps_budget_periods_and_amounts_whole(me: Terminal) -> None:
    _books(me)
    shown = me.ok("report", "show", "--period", "2026-11", COLUMNS="80").stdout
    assert all(len(line) <= 80 for line in _lines(shown))
    assert "2026-11-01…11-30" in shown
    assert "100,173.76" in shown
    assert "3,000.00" in shown
    assert "on track" in shown or "over" in shown or "at risk" in shown


def _business_books(me: Terminal) -> None:
    """A shop's budgets in the hundred-thousands, one of them overspent by as much."""
    me.ok("category", "add", "Professional subscriptions and memberships")
    me.ok("budget", "set", "all", "102000", "--anchor-day", "25", "--from", "2026-06-25")
    me.ok("budget", "set", "groceries", "3000", "--from", "2026-11-01")
    me.ok(
        "budget",
        "set",
        "Professional subscriptions and memberships",
        "123456.78",
        "--from",
        "2026-06-01",
    )
    for amount, category, day in (
        ("98765.43", "Housing", "2026-10-28"),
        ("112345.67", "Professional subscriptions and memberships", "2026-11-05"),
        ("2027.60", "Groceries", "2026-11-20"),
        ("100173.76", "Housing", "2026-11-28"),
    ):
        me.ok("tx", "add", amount, "-c", category, "-D", "shop", "--date", day)


def _rows(shown: str, header: str) -> tuple[str, list[str]]:
    """The header line and the row lines of a table printed at 80 columns."""
    lines = [line for line in _lines(shown) if line.strip()]
    assert all(len(line) <= 80 for line in lines), shown
    top = next(line for line in lines if header in line)
    return top, [line for line in lines if re.search(r"\d\.\d\d\b", line)]


def _points_in_one_column(header: str, rows: list[str], last: str) -> None:
    """Each amount column's decimal points one above the other, up to column `last`."""
    end = header.index(last) + len(last)
    points = {tuple(m.start() for m in re.finditer(r"\.", row[:end])) for row in rows}
    assert len(points) == 1, rows


def test_budget_history_at_80_columns_keeps_all_expenses_on_one_line_and_amounts_whole(
    me: Terminal,
) -> None:
    _business_books(me)
    shown = me.ok("budget", "history", "all", "--last", "6", COLUMNS="80").stdout
    header, rows = _rows(shown, "Limit")
    assert len(rows) == 6  # one line a period: nothing wrapped onto a second
    assert all(row.startswith("All expenses ") for row in rows), shown
    assert "2026-10-25…11-24" in shown
    over = next(row for row in rows if "2026-10-25…11-24" in row)
    for amount in ("102,000.00", "213,138.70", "-111,138.70"):
        assert f" {amount} " in f"{over} "
    assert over.index("102,000.00") + len("102,000.00") == header.index("Limit") + len("Limit")
    _points_in_one_column(header, rows, "Left")


def test_budget_status_at_80_columns_with_six_figures_shrinks_a_long_name_not_a_number(
    me: Terminal,
) -> None:
    _business_books(me)
    for args in (("--date", "2026-11-28"), ("--period", "2026-11")):
        shown = me.ok("budget", "status", *args, COLUMNS="80").stdout
        header, rows = _rows(shown, "Outlook")
        assert len(rows) == 3, shown
        assert any(row.startswith("All expenses ") for row in rows)
        assert any(row.startswith("Groceries ") for row in rows)
        (long,) = (row for row in rows if row.startswith("Professional"))
        assert "…" in long.split("  ")[0]  # the user's long name gives way, with an ellipsis
        for amount in ("123,456.78", "112,345.67", "11,111.11", "3,000.00", "2,027.60"):
            assert amount in shown
        _points_in_one_column(header, rows, "Left")


def test_budget_list_at_80_columns_writes_limits_with_separators_right_aligned(
    me: Terminal,
) -> None:
    me.ok("budget", "set", "groceries", "12345.67")
    me.ok("budget", "set", "all", "1500000", "--rollover", "unspent", "--cap", "25000")
    me.ok("budget", "set", "restaurants", "400")
    shown = me.ok("budget", "list", COLUMNS="80").stdout
    header, rows = _rows(shown, "Limit")
    assert len(rows) == 3, shown
    right = header.index("Limit") + len("Limit")
    for amount in ("12,345.67", "1,500,000.00", "400.00"):
        (row,) = (r for r in rows if f" {amount} " in r)
        assert row.index(amount) + len(amount) == right  # right-aligned under the header
    assert "unspent (cap 25,000.00)" in shown
    _points_in_one_column(header, rows, "Limit")


def test_notifications_at_80_columns_keep_each_time_beside_its_date_and_amounts_whole(
    me: Terminal,
) -> None:
    me.ok("category", "add", "Professional subscriptions and memberships")
    me.ok("budget", "set", "Professional subscriptions and memberships", "100000")
    me.ok(
        "tx", "add", "112345.67", "-c", "Professional subscriptions and memberships", "-D", "dues"
    )
    me.ok("jobs", "run-due", "--job", "alerts")
    shown = me.ok("notifications", "list", COLUMNS="80").stdout
    assert all(len(line) <= 80 for line in _lines(shown))
    assert len(re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d", shown)) >= 2  # not wrapped at the space
    for amount in ("112,345.67", "100,000.00"):
        assert amount in shown
    assert "budget.threshold" in shown  # the type whole, too


def _account_table(width: int) -> dict[str, int | None]:
    layout = lay_out(
        ["ID", "Name", "Type", "Balance"],
        [["2"], ["Caixa business current account"], ["credit_card"], ["-250,000.00"]],
        [Fit.KEEP, Fit.WRAP, Fit.WRAP, Fit.KEEP],
        [False] * 4,
        width,
    )
    return {"boxed": int(layout.boxed), **{str(c.index): c.max_width for c in layout.columns}}


def test_a_table_keeps_its_box_while_its_text_can_wrap_at_spaces_inside_it() -> None:
    # 13 cells of box, 2 + 11 for the kept columns: 22 left for the name and the type.
    assert _account_table(48) == {"boxed": 1, "0": None, "1": 11, "2": None, "3": None}


def test_the_box_goes_before_a_word_or_a_number_would_be_cut() -> None:
    # In a box the name could not have less than "business" and the type all of
    # "credit_card" in 40 cells; two spaces between columns leave the name 10.
    assert _account_table(40) == {"boxed": 0, "0": None, "1": 10, "2": None, "3": None}
