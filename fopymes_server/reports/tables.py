"""The report model flattened into named tables: what CSV writes and XLSX sheets hold.

One table per section, each column typed (money, fraction, date, count, text) so renderers
format numbers as numbers. Money is in the workspace currency, except in a table with a
`currency` column, where each row's amounts are in that row's currency. `fopymes report
export --format csv --table NAME` picks one by its name here. Pure; no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor
from fopymes_server.reports.schemas import PRORATA_NOTE, CategoryLine, Kpis, ReportData

if TYPE_CHECKING:
    from fopymes_server.reports.repository import MovementRow


class Cell(StrEnum):
    TEXT = "text"
    MONEY = "money"
    FRACTION = "fraction"
    DATE = "date"
    COUNT = "count"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    cell: Cell = Cell.TEXT


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    note: str = ""
    """A sentence every renderer prints with the table (e.g. that limits are pro rata)."""


def words(identifier: str) -> str:
    """A status as people read it: `at_risk` is "at risk", `i_owe` is "I owe"."""
    text = identifier.replace("_", " ")
    return "I owe" if text == "i owe" else text


def _c(spec: str) -> tuple[Column, ...]:
    """Columns from `key:Header:cell, ...` (cell defaults to text)."""
    columns = []
    for part in spec.split(","):
        key, header, *cell = (p.strip() for p in part.split(":"))
        columns.append(Column(key, header, Cell(cell[0]) if cell else Cell.TEXT))
    return tuple(columns)


def _summary(report: ReportData) -> Table:
    now, was = report.kpis, report.previous_kpis

    def row(label: str, read: Callable[[Kpis], Any], cell: str) -> tuple[Any, ...]:
        return (label, cell, read(now), read(was))

    return Table(
        "summary",
        f"Summary {report.period.label} (previous: {report.previous_period.label})",
        _c("metric:Metric, kind:Kind, value:Value, previous:Previous"),
        [
            row("Income", lambda k: k.income, "money"),
            row("Expenses", lambda k: k.expense, "money"),
            row("Net", lambda k: k.net, "money"),
            row("Savings rate", lambda k: k.savings_rate, "fraction"),
            row("Transactions", lambda k: k.count, "count"),
        ],
    )


BALANCES_NOTE = (
    "Opening balances at the end of {opening}, closing at the end of {closing}, as "
    "`fopymes account list --on DATE` gives them; each in its account's currency."
)

SUB_SHARES = (
    "Shares of top categories add up to 100 %; a sub-category's share is of the category "
    "it is part of."
)


def _categories(name: str, title: str, lines: list[CategoryLine]) -> Table:
    """Top-level categories first (their sums include sub-categories), then the breakdown
    of each into sub-categories, so summing the top rows never double counts."""
    rows: list[tuple[Any, ...]] = [
        (line.name, "", line.amount, line.share, line.previous, line.change, line.count)
        for line in lines
    ]
    rows += [
        (
            child.name,
            line.name,
            child.amount,
            child.share,
            child.previous,
            child.change,
            child.count,
        )
        for line in lines
        for child in line.children
    ]
    columns = _c(
        "category:Category, parent:Part of, amount:Amount:money, share:Share:fraction, "
        "previous:Previous:money, change:Change:fraction, count:Count:count"
    )
    note = SUB_SHARES if any(line.children for line in lines) else ""
    return Table(name, title, columns, rows, note)


def build_tables(report: ReportData) -> dict[str, Table]:
    """Every table of the report, in the order they are shown."""
    found = [
        _summary(report),
        _categories("expenses_by_category", "Expenses by category", report.expenses_by_category),
        _categories("income_by_category", "Income by category", report.income_by_category),
        Table(
            "payment_methods",
            "By payment method",
            _c(
                "method:Payment method, income:Income:money, expense:Expenses:money, "
                "count:Count:count"
            ),
            [(m.name, m.income, m.expense, m.count) for m in report.payment_methods],
        ),
        Table(
            "budgets",
            "Budgets",
            _c(
                "category:Budget, currency:Currency, start:From:date, end:To:date, "
                "limit:Limit:money, spent:Spent:money, remaining:Remaining:money, "
                "used:Used:fraction, status:Status, prorated:Pro rata"
            ),
            [
                (
                    b.category,
                    b.currency,
                    b.period_start,
                    b.period_end,
                    b.limit,
                    b.spent,
                    b.remaining,
                    None if b.percent_used is None else b.percent_used / 100,
                    words(b.status),
                    "yes" if b.prorated else "",
                )
                for b in report.budgets
            ],
            PRORATA_NOTE if any(b.prorated for b in report.budgets) else "",
        ),
        Table(
            "goals",
            "Goals",
            _c(
                "goal:Goal, currency:Currency, target:Target:money, saved:Saved:money, "
                "remaining:Remaining:money, progress:Progress:fraction, deadline:Deadline:date, "
                "status:Status"
            ),
            [
                (
                    g.name,
                    g.currency,
                    g.target,
                    g.saved,
                    g.remaining,
                    None if g.percent is None else g.percent / 100,
                    g.deadline,
                    words(g.status),
                )
                for g in report.goals
            ],
        ),
        Table(
            "debts",
            "Debts",
            _c(
                "who:Who, direction:Direction, currency:Currency, balance:Balance:money, "
                "due:Due:date, status:Status"
            ),
            [
                (
                    d.counterparty,
                    words(d.direction),
                    d.currency,
                    d.balance,
                    d.due,
                    words(d.status),
                )
                for d in report.debts
            ],
        ),
        Table(
            "trend",
            "Monthly trend (12 months)",
            _c(
                "month:Month, income:Income:money, expense:Expenses:money, net:Net:money, "
                "count:Count:count"
            ),
            [(m.month.isoformat()[:7], m.income, m.expense, m.net, m.count) for m in report.trend],
        ),
        Table(
            "largest_expenses",
            "Largest expenses",
            _c(
                "date:Date:date, description:Description, category:Category, method:Method, "
                "amount:Amount:money, id:ID:count"
            ),
            [
                (e.date, e.description, e.category, e.method, e.amount, e.id)
                for e in report.largest_expenses
            ],
        ),
        Table(
            "daily",
            "Daily cash flow",
            _c(
                "date:Date:date, income:Income:money, expense:Expenses:money, net:Net:money, "
                "cumulative:Cumulative:money"
            ),
            [(d.date, d.income, d.expense, d.net, d.cumulative) for d in report.daily],
        ),
        Table(
            "balances",
            "Account balances",
            _c(
                "account:Account, type:Type, currency:Currency, opening:Opening:money, "
                "closing:Closing:money, change:Change:money"
            ),
            [
                (a.name, words(a.type), a.currency, a.opening, a.closing, a.change)
                for a in report.balances
            ],
            BALANCES_NOTE.format(
                opening=report.period.start - timedelta(days=1), closing=report.period.end
            ),
        ),
        Table(
            "transfers",
            "Transfers (neither income nor expense)",
            _c("from:From, to:To, currency:Currency, amount:Amount:money, count:Count:count"),
            [
                (t.from_account, t.to_account, t.currency, t.amount, t.count)
                for t in report.transfers
            ],
        ),
        Table(
            "networth",
            "Net worth at each month end",
            _c(
                "month:Month, currency:Currency, assets:Assets:money, "
                "liabilities:Liabilities:money, net_worth:Net worth:money"
            ),
            [(n.month, n.currency, n.assets, n.liabilities, n.net_worth) for n in report.networth],
        ),
        Table(
            "other_currencies",
            "Other currencies (not converted)",
            _c(
                "currency:Currency, income:Income:money, expense:Expenses:money, "
                "net:Net:money, count:Count:count"
            ),
            [(t.currency, t.income, t.expense, t.net, t.count) for t in report.other_currencies],
        ),
    ]
    return {table.name: table for table in found}


MOVEMENT_COLUMNS = _c(
    "date:Date:date, description:Description, category:Category, account:Account, "
    "kind:Kind, counter_account:Counter-account, amount:Amount:money, currency:Currency"
)
"""The movements appendix: amounts signed as they changed the account (income in)."""


def movements_table(rows: Iterable[MovementRow]) -> Table:
    """Every movement of the period as the CSV `movements` table."""
    return Table(
        "movements",
        "Appendix: movements",
        MOVEMENT_COLUMNS,
        [
            (
                row.date,
                row.description,
                category_name(row),
                row.account,
                row.movement,
                row.counter_account,
                from_minor(row.signed_minor, row.currency),
                row.currency,
            )
            for row in rows
        ],
    )


def category_name(row: MovementRow) -> str | None:
    """`Parent: child` for a sub-category, the name alone otherwise."""
    if row.category and row.parent_category:
        return f"{row.parent_category}: {row.category}"
    return row.category


def pick(tables: dict[str, Table], name: str) -> Table:
    """The table called `name`; ValidationError listing the names otherwise."""
    key = name.strip().lower().replace("-", "_")
    if key not in tables:
        raise ValidationError("table", f"'{name}' is not a report table ({', '.join(tables)})")
    return tables[key]


def plain(value: Any) -> str:
    """Text of a cell for CSV: exact decimals, ISO dates, empty for nothing."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
