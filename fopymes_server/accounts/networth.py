"""Net worth over time: each month's closing balances, assets, liabilities and net worth.

The database sums the balances before the first month and every account's change per
month (one grouped statement each); this module only carries those few rows forward month
by month, so five years of a million transactions cost two indexed aggregates.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from fopymes_server.accounts.schemas import AccountBalance, MonthNetWorth
from fopymes_server.accounts.service import net_worth
from fopymes_server.core.dates import add_months, month_end
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork

MAX_MONTHS = 600


def monthly(
    uow: UnitOfWork, principal: Principal, *, start: date | None = None, end: date | None = None
) -> list[MonthNetWorth]:
    """Net worth per currency at the end of every month from `start`'s month to `end`'s
    (default: the twelve months up to today)."""
    today = uow.clock.today()
    last = end or today
    first = start or add_months(last.replace(day=1), -11)
    if first > last:
        raise ValidationError("from", "must not be after --to")
    first = first.replace(day=1)
    # Counted by month index: stepping with add_months would stop at the last storable day
    # and never pass `last` when `last` is in the range's final month.
    first_index = first.year * 12 + first.month - 1
    last_index = last.year * 12 + last.month - 1
    if last_index - first_index + 1 > MAX_MONTHS:
        raise ValidationError("from", f"at most {MAX_MONTHS} months at once")
    months = [month_end(i // 12, i % 12 + 1) for i in range(first_index, last_index + 1)]
    known = {a.id: a for a in uow.accounts.list(principal.workspace_id, include_archived=True)}
    balance: dict[tuple[int, str], int] = defaultdict(int)
    for row in uow.balances.on(principal.workspace_id, first - timedelta(days=1)):
        balance[(row.account_id, row.currency)] = row.balance_minor
    flows: dict[tuple[int, int], list[tuple[int, str, int]]] = defaultdict(list)
    for flow in uow.balances.monthly_flows(principal.workspace_id, first, months[-1]):
        flows[(flow.year, flow.month)].append((flow.account_id, flow.currency, flow.flow_minor))
    result: list[MonthNetWorth] = []
    for closing in months:
        for account_id, currency, minor in flows[(closing.year, closing.month)]:
            balance[(account_id, currency)] += minor
        lines = [
            AccountBalance(
                account_id=account_id,
                name=known[account_id].name,
                type=known[account_id].type,
                liability=known[account_id].liability,
                archived=known[account_id].archived,
                currency=currency,
                balance=from_minor(minor, currency),
            )
            for (account_id, currency), minor in balance.items()
        ]
        result.extend(
            MonthNetWorth(
                month=f"{closing.year:04d}-{closing.month:02d}",
                month_end=closing,
                currency=total.currency,
                assets=total.assets,
                liabilities=total.liabilities,
                net_worth=total.net_worth,
            )
            for total in net_worth(lines)
        )
    return result
