"""Use cases that sum transactions: period totals, spending by category, monthly trend.

The dashboard calls these for its cards and charts, and reports reuse them, so a figure
means the same everywhere. The sums themselves happen in SQL (summary_repository); this
module checks the request, turns minor units into exact Decimals and fills in the derived
figures (savings rate, shares, empty months).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date
from decimal import Decimal

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity import service as identity
from fopymes_server.transactions.schemas import Kind
from fopymes_server.transactions.summary_repository import Sums
from fopymes_server.transactions.summary_schemas import CategoryTotal, MonthTotals, PeriodTotals

MAX_TREND_MONTHS = 120
_FRACTION = Decimal("0.0001")


def _check_range(start: date, end: date) -> None:
    if start > end:
        raise ValidationError("from", f"{start} is after the end of the range ({end})")


def savings_rate(income: Decimal, expense: Decimal) -> Decimal | None:
    """(income - expense) / income to four decimals; None without income (no rate exists).

    Negative when more went out than came in, e.g. -0.5 for spending 150 of an income of 100.
    """
    if income <= 0:
        return None
    return ((income - expense) / income).quantize(_FRACTION)


def _period_totals(sums: Sums) -> PeriodTotals:
    income = from_minor(sums.income_minor, sums.currency)
    expense = from_minor(sums.expense_minor, sums.currency)
    return PeriodTotals(
        currency=sums.currency,
        income=income,
        expense=expense,
        net=income - expense,
        count=sums.count,
        savings_rate=savings_rate(income, expense),
    )


def totals(uow: UnitOfWork, principal: Principal, start: date, end: date) -> list[PeriodTotals]:
    """Income, expense, net, count and savings rate per currency, `start`..`end` inclusive.

    Currencies without transactions in the range are absent (an empty range is `[]`).
    Any member may read. Raises ValidationError when `start` is after `end`.
    """
    _check_range(start, end)
    return [_period_totals(s) for s in uow.summaries.totals(principal.workspace_id, start, end)]


def by_category(
    uow: UnitOfWork,
    principal: Principal,
    start: date,
    end: date,
    kind: Kind | None = Kind.EXPENSE,
) -> list[CategoryTotal]:
    """What each top-level category took (or brought in), `start`..`end` inclusive.

    Sub-categories roll up into their parent; transactions without a category form one row
    with `category_id=None`. Rows are largest first within each currency; `share` is the
    fraction of that kind's total in that currency. `kind=None` returns both kinds.
    Raises ValidationError when `start` is after `end`.
    """
    _check_range(start, end)
    rows = uow.summaries.by_category(
        principal.workspace_id, start, end, kind.value if kind is not None else None
    )
    whole: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        whole[(row.kind, row.currency)] += row.amount_minor
    result = [
        CategoryTotal(
            category_id=row.category_id,
            category=row.category,
            kind=Kind(row.kind),
            currency=row.currency,
            amount=from_minor(row.amount_minor, row.currency),
            count=row.count,
            share=(Decimal(row.amount_minor) / whole[(row.kind, row.currency)]).quantize(_FRACTION),
        )
        for row in rows
    ]
    return sorted(result, key=lambda c: (c.kind, c.currency, -c.amount, c.category or "\uffff"))


def _month_starts(end_month: date, months: int) -> list[date]:
    index = end_month.year * 12 + end_month.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


def monthly_trend(
    uow: UnitOfWork, principal: Principal, end_month: date, months: int = 12
) -> list[MonthTotals]:
    """Per-month income, expense and net for the `months` months ending with `end_month`.

    `end_month` may be any day of the last month. Every month appears, with zeros where
    nothing happened, for the workspace currency and for any other currency used in the
    range; rows are ordered by currency, then month (oldest first). Raises ValidationError
    for `months` outside 1..120.
    """
    if not 1 <= months <= MAX_TREND_MONTHS:
        raise ValidationError("months", f"must be between 1 and {MAX_TREND_MONTHS}")
    starts = _month_starts(end_month, months)
    last_day = calendar.monthrange(end_month.year, end_month.month)[1]
    end = end_month.replace(day=last_day)
    found = {
        (s.currency, date(s.year, s.month, 1)): s
        for s in uow.summaries.by_month(principal.workspace_id, starts[0], end)
    }
    workspace = identity.current_workspace(uow, principal)
    currencies = sorted({workspace.currency} | {currency for currency, _ in found})
    trend: list[MonthTotals] = []
    for currency in currencies:
        for month in starts:
            sums = found.get((currency, month), Sums(currency, 0, 0, 0))
            income = from_minor(sums.income_minor, currency)
            expense = from_minor(sums.expense_minor, currency)
            trend.append(
                MonthTotals(
                    month=month,
                    currency=currency,
                    income=income,
                    expense=expense,
                    net=income - expense,
                    count=sums.count,
                )
            )
    return trend
