"""Net worth on the dashboard: per currency, what the accounts hold, what is owed, the difference.

The figures are `accounts.service.balance_sheet(...).totals` on the last day shown (today at
the latest), the ones the Accounts screen and `fopymes account list` give. Currencies are
never added together: each has its own line, its figures lined up in columns.
"""

from __future__ import annotations

import datetime as dt

from textual.content import Content
from textual.widgets import Static

from fopymes_cli.tui.formatting import money
from fopymes_server.accounts.schemas import NetWorth


class NetWorthPanel(Static):
    """One line per currency: net worth, then assets and liabilities."""

    def show(self, totals: list[NetWorth], on: dt.date) -> None:
        self.border_title = f"Net worth on {on:%d %b %Y}"
        if not totals:
            self.update(Content.styled("No accounts yet: fopymes account add NAME", "$text-muted"))
            return
        columns = [
            [money(getattr(t, pick), t.currency) for t in totals]
            for pick in ("net_worth", "assets", "liabilities")
        ]
        widths = [max(len(text) for text in column) for column in columns]
        lines = [
            Content.assemble(
                (worth.rjust(widths[0]), "bold $error" if total.net_worth < 0 else "bold"),
                ("   assets ", "$text-muted"),
                (assets.rjust(widths[1]), ""),
                ("   liabilities ", "$text-muted"),
                (owed.rjust(widths[2]), ""),
            )
            for total, worth, assets, owed in zip(totals, *columns, strict=True)
        ]
        self.update(Content("\n").join(lines))
