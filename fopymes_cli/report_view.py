"""The report drawn for a terminal: a KPI panel, tables and horizontal bars (rich).

`fopymes report show` hands the ReportData here and prints what comes back through
output.emit_renderables. Every piece of user text becomes a rich `Text` (never markup),
so a category called `[red]x[/red]` prints as typed. Imported only by `report show`.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from fopymes_cli.output import amount_text, date_span
from fopymes_server.reports.schemas import PRORATA_NOTE

if TYPE_CHECKING:
    from fopymes_server.reports.schemas import CategoryLine, ReportData

BAR_WIDTH = 24
STATUS_STYLES = {"on_track": "green", "at_risk": "yellow", "over": "bold red"}


def _money(value: Decimal | None) -> Text:
    return Text("" if value is None else amount_text(value), justify="right")


def _percent(value: Decimal | None) -> Text:
    return Text("n/a" if value is None else f"{value * 100:,.1f} %", justify="right")


def _change(value: Decimal | None) -> Text:
    if value is None:
        return Text("new", style="dim", justify="right")
    style = "red" if value > 0 else "green" if value < 0 else ""
    return Text(f"{value * 100:+,.1f} %", style=style, justify="right")


def _bar(share: Decimal, style: str) -> Text:
    cells = int((share * BAR_WIDTH).to_integral_value()) if share > 0 else 0
    return Text("█" * cells + "·" * (BAR_WIDTH - cells), style=style)


def _kpis(report: ReportData) -> Panel:
    now, was = report.kpis, report.previous_kpis
    grid = Table.grid(padding=(0, 3))
    for _ in range(4):
        grid.add_column(justify="right")
    grid.add_row(*(Text(h, style="bold") for h in ("Income", "Expenses", "Net", "Savings rate")))
    grid.add_row(
        _money(now.income), _money(now.expense), _money(now.net), _percent(now.savings_rate)
    )
    grid.add_row(
        *(Text(f"was {v:,}", style="dim") for v in (was.income, was.expense, was.net)),
        Text(f"was {_percent(was.savings_rate)}", style="dim"),
    )
    title = Text(f"{report.workspace} · {report.period.label} · {report.currency}")
    subtitle = f"{report.period.start} to {report.period.end}, {now.count} transactions"
    return Panel(grid, title=title, subtitle=subtitle, expand=False)


def _categories(title: str, lines: list[CategoryLine], style: str) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold")
    for header, justify in (
        ("Category", "left"),
        ("", "left"),
        ("Amount", "right"),
        ("Share", "right"),
        ("vs previous", "right"),
    ):
        table.add_column(header, justify=justify, no_wrap=justify == "right")  # type: ignore[arg-type]
    for line in lines:
        table.add_row(
            Text(line.name),
            _bar(line.share, style),
            _money(line.amount),
            _percent(line.share),
            _change(line.change),
        )
        for child in line.children:
            table.add_row(
                Text(f"  └ {child.name}", style="dim"),
                Text(""),
                _money(child.amount),
                _percent(child.share),
                _change(child.change),
            )
    return table


def _simple(title: str, headers: tuple[str, ...], rows: list[tuple[Any, ...]]) -> Table:
    """A plain table; headers ending in `>` are right-aligned numbers and those ending in
    `=` text that must not be cut (a period): both are never wrapped or cut at 80 columns,
    so descriptions give way instead. The marker is dropped."""
    table = Table(title=title, title_justify="left", header_style="bold")
    for header in headers:
        numeric = header.endswith(">")
        table.add_column(
            header.rstrip(">="),
            justify="right" if numeric else "left",
            no_wrap=numeric or header.endswith("="),
        )
    for row in rows:
        table.add_row(
            *(value if isinstance(value, Text) else Text(str(value or "")) for value in row)
        )
    return table


def _trend(report: ReportData) -> Table:
    top = max([Decimal(1), *(m.expense for m in report.trend), *(m.income for m in report.trend)])
    rows = [
        (
            m.month.strftime("%Y-%m"),
            _money(m.income),
            _money(m.expense),
            _money(m.net),
            _bar(m.expense / top, "red"),
        )
        for m in report.trend
    ]
    return _simple("Monthly trend", ("Month", "Income>", "Expenses>", "Net>", "Expenses"), rows)


def _balances(report: ReportData) -> Table:
    """Each account's balance before and after the period, in the account's currency."""
    before = report.period.start - timedelta(days=1)
    return _simple(
        f"Accounts (opening {before}, closing {report.period.end})",
        ("Account", "Currency=", "Opening>", "Closing>", "Change>"),
        [
            (Text(a.name), a.currency, _money(a.opening), _money(a.closing), _money(a.change))
            for a in report.balances
        ],
    )


def _transfers(report: ReportData) -> Table:
    return _simple(
        "Transfers (neither income nor expense)",
        ("From", "To", "Currency=", "Amount>", "Count>"),
        [
            (
                Text(t.from_account),
                Text(t.to_account),
                t.currency,
                _money(t.amount),
                Text(str(t.count), justify="right"),
            )
            for t in report.transfers
        ],
    )


def renderables(report: ReportData) -> list[Any]:
    """Everything `report show` prints, top to bottom (the movements appendix is in the
    PDF, XLSX and CSV; `fopymes tx list` lists them here)."""
    parts: list[Any] = [_kpis(report)]
    if report.balances:
        parts.append(_balances(report))
    if report.transfers:
        parts.append(_transfers(report))
    parts.append(_categories("Expenses by category", report.expenses_by_category, "red"))
    parts.append(_categories("Income by category", report.income_by_category, "green"))
    parts.append(
        _simple(
            "By payment method",
            ("Method", "Income>", "Expenses>", "Count>"),
            [
                (Text(m.name), _money(m.income), _money(m.expense), Text(str(m.count)))
                for m in report.payment_methods
            ],
        )
    )
    if report.budgets:
        parts.append(
            _simple(
                "Budgets",
                ("Budget", "Period=", "Limit>", "Spent>", "Left>", "Status="),
                [
                    (
                        Text(b.category),
                        date_span(b.period_start, b.period_end),
                        _money(b.limit),
                        _money(b.spent),
                        _money(b.remaining),
                        Text(b.status.replace("_", " "), style=STATUS_STYLES.get(b.status, "")),
                    )
                    for b in report.budgets
                ],
            )
        )
        if any(b.prorated for b in report.budgets):
            parts.append(Text(PRORATA_NOTE, style="dim"))
    if report.goals:
        parts.append(
            _simple(
                "Goals",
                ("Goal", "Saved>", "Target>", "Progress>", "Deadline="),
                [
                    (
                        Text(g.name),
                        _money(g.saved),
                        _money(g.target),
                        Text(f"{g.percent} %" if g.percent is not None else "", justify="right"),
                        str(g.deadline or ""),
                    )
                    for g in report.goals
                ],
            )
        )
    if report.debts:
        parts.append(
            _simple(
                "Debts",
                ("Who", "Direction", "Balance>", "Due="),
                [
                    (
                        Text(d.counterparty),
                        d.direction.replace("_", " "),
                        _money(d.balance),
                        str(d.due or ""),
                    )
                    for d in report.debts
                ],
            )
        )
    parts.append(_trend(report))
    parts.append(
        _simple(
            "Largest expenses",
            ("Date=", "Description", "Category", "Amount>"),
            [
                (str(e.date), Text(e.description), Text(e.category or ""), _money(e.amount))
                for e in report.largest_expenses
            ],
        )
    )
    if report.other_currencies:
        parts.append(
            Group(
                *(
                    Text(
                        f"Also in {t.currency}: income {t.income:,}, expenses "
                        f"{t.expense:,}, net {t.net:,} (not converted)",
                        style="dim",
                    )
                    for t in report.other_currencies
                )
            )
        )
    return parts
