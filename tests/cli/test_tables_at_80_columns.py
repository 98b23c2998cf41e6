"""Terminal tables at 80 columns: amounts whole and aligned, descriptions give way first."""

from __future__ import annotations

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
    for amount in ("102000.00", "100173.76", "3000.00", "2027.60", "972.40"):
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
