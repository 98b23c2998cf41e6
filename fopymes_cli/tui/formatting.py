"""How the dashboard writes money, rates and user text on screen.

Amounts always go through `core.money.format_money`, so the TUI shows exactly the digits the
currency allows, like the CLI. Anything a person typed (descriptions, category names) is
wrapped in `rich.text.Text`, which never interprets `[bold]`-style markup: a description
such as "[red]" is shown as written, not as a style.
"""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text

from fopymes_server.core.money import format_money
from fopymes_server.transactions.schemas import Kind, TransactionOut

INCOME_STYLE = "green"
EXPENSE_STYLE = "red"


def money(amount: Decimal, currency: str) -> str:
    """`1,234.50 EUR`: the currency's own decimals, thousands separated."""
    return format_money(amount, currency)


def signed(amount: Decimal, currency: str, kind: Kind) -> Text:
    """An amount with its direction: `+2,450.00 EUR` in green, `-45.20 EUR` in red; a
    transfer between accounts is neither, so it has no sign and no colour."""
    if kind is Kind.INCOME:
        return Text("+" + format_money(amount, currency), style=INCOME_STYLE)
    if kind is Kind.TRANSFER:
        return Text(format_money(amount, currency))
    return Text("-" + format_money(amount, currency), style=EXPENSE_STYLE)


def where(item: TransactionOut) -> Text:
    """A row's category, for a transfer the accounts it joined (`Bank → Cash`), for a
    split transaction its parts' categories (`Split: Groceries, Household`)."""
    if item.kind is Kind.TRANSFER:
        return Text(f"{item.payment_method or '?'} → {item.counter_account or '?'}")
    if item.splits:
        names = ", ".join(dict.fromkeys(part.category for part in item.splits))
        return Text(f"Split: {names}", style="italic")
    return plain(item.category)


def change(amount: Decimal, currency: str) -> Text:
    """A movement of an account: `+50.00 EUR` in, `-50.00 EUR` out."""
    if amount > 0:
        return Text("+" + format_money(amount, currency), style=INCOME_STYLE)
    if amount < 0:
        return Text("-" + format_money(-amount, currency), style=EXPENSE_STYLE)
    return Text(format_money(amount, currency))


def net(amount: Decimal, currency: str) -> Text:
    """A balance coloured by its sign (zero is neither good nor bad news)."""
    style = INCOME_STYLE if amount > 0 else EXPENSE_STYLE if amount < 0 else ""
    return Text(format_money(amount, currency), style=style)


def percent(fraction: Decimal | None) -> str:
    """`26.4 %` for 0.2640; an em dash where there is no rate (no income at all)."""
    if fraction is None:
        return "—"
    return f"{(fraction * 100).quantize(Decimal('0.1'))} %"


def plain(text: str | None) -> Text:
    """User text as literal characters (empty for None), never as markup."""
    return Text(text or "")


def short_money(amount: Decimal) -> str:
    """A compact axis label: 950, 1.2k, 34k, 1.5M (charts only; never for totals)."""
    value = abs(amount)
    sign = "-" if amount < 0 else ""
    for limit, suffix in ((Decimal(1_000_000), "M"), (Decimal(1_000), "k")):
        if value >= limit:
            scaled = value / limit
            digits = "0.1" if scaled < 10 else "1"
            return f"{sign}{scaled.quantize(Decimal(digits))}{suffix}"
    return f"{sign}{value.quantize(Decimal(1))}"
