"""Build the report model: every section from SQL aggregates, in the workspace currency.

Totals, categories and the monthly trend come from `transactions.summary` (the dashboard's
figures, so a number on the screen and in the PDF agree); payment methods, sub-categories,
the largest expenses, daily flow and transfers from `reports.repository`; the accounts'
opening and closing balances and the month-end net worth from the accounts feature (the
figures of `account list --on` and `report networth --monthly`); budgets, goals and debts
from their own services (`sections.py`), never recomputed here. About a dozen GROUP BY
queries in all, whatever the number of transactions.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from fopymes_server.accounts import networth
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountBalance
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity import service as identity
from fopymes_server.reports import sections
from fopymes_server.reports.periods import ReportPeriod, previous
from fopymes_server.reports.repository import GroupSums
from fopymes_server.reports.schemas import (
    AccountBalanceLine,
    CategoryLine,
    DayLine,
    Kpis,
    LargeExpenseLine,
    MethodLine,
    PeriodOut,
    ReportData,
    TransferLine,
)
from fopymes_server.transactions import summary
from fopymes_server.transactions.summary_schemas import CategoryTotal, PeriodTotals

LARGEST = 10
TREND_MONTHS = 12
UNCATEGORISED = "Uncategorised"
NO_ACCOUNT = "No account"
_FRACTION = Decimal("0.0001")


def _kpis(totals: list[PeriodTotals], currency: str) -> Kpis:
    found = next((t for t in totals if t.currency == currency), None)
    if found is None:
        zero = from_minor(0, currency)
        return Kpis(income=zero, expense=zero, net=zero, savings_rate=None, count=0)
    return Kpis(
        income=found.income,
        expense=found.expense,
        net=found.net,
        savings_rate=found.savings_rate,
        count=found.count,
    )


def change(amount: Decimal, before: Decimal) -> Decimal | None:
    """(amount - before) / before to four places; None when there was nothing before."""
    if before == 0:
        return None
    return ((amount - before) / before).quantize(_FRACTION)


def shares(amounts: list[Decimal], whole: Decimal) -> list[Decimal]:
    """Each amount's fraction of `whole` to four places, rounded so that they add up.

    Largest-remainder rounding: every share is first rounded down, then the ten-thousandths
    still missing go to the largest remainders, so shares of parts that make up the whole
    total exactly 1.0000 (100.0 %) instead of drifting past it. Parts that leave some of
    the whole over (a category's own spending beside its sub-categories) keep it aside.
    """
    if not whole:
        return [Decimal(0).quantize(_FRACTION) for _ in amounts]
    units = 10_000
    exact = [amount * units / whole for amount in amounts]
    floors = [int(value) for value in exact]
    target = int(sum(exact, Decimal(0)).to_integral_value(ROUND_HALF_UP))
    missing = max(0, target - sum(floors))
    order = sorted(range(len(amounts)), key=lambda i: exact[i] - floors[i], reverse=True)
    for index in order[:missing]:
        floors[index] += 1
    return [(Decimal(f) / units).quantize(_FRACTION) for f in floors]


def _categories(
    kind: str,
    current: list[CategoryTotal],
    before: list[CategoryTotal],
    children_now: list[GroupSums],
    children_before: list[GroupSums],
    currency: str,
) -> list[CategoryLine]:
    now = {c.category_id: c for c in current if c.kind.value == kind}
    was = {c.category_id: c for c in before if c.kind.value == kind}
    whole = sum((c.amount for c in now.values()), Decimal(0))
    kids: dict[int | None, list[CategoryLine]] = defaultdict(list)
    kids_was = {
        g.id: from_minor(g.amount_minor, currency) for g in children_before if g.kind == kind
    }
    for group in (g for g in children_now if g.kind == kind):
        amount = from_minor(group.amount_minor, currency)
        old = kids_was.get(group.id, from_minor(0, currency))
        kids[group.parent_id].append(
            CategoryLine(
                category_id=group.id,
                name=group.name or UNCATEGORISED,
                amount=amount,
                share=Decimal(0),
                count=group.count,
                previous=old,
                change=change(amount, old),
            )
        )
    order = [*now, *(k for k in was if k not in now)]
    amounts = [now[k].amount if k in now else from_minor(0, currency) for k in order]
    lines = []
    for category_id, amount, share in zip(order, amounts, shares(amounts, whole), strict=True):
        item = now.get(category_id) or was[category_id]
        old = was[category_id].amount if category_id in was else from_minor(0, currency)
        children = sorted(kids.get(category_id, []), key=lambda c: -c.amount)
        parts = shares([c.amount for c in children], amount)
        lines.append(
            CategoryLine(
                category_id=category_id,
                name=item.category or UNCATEGORISED,
                amount=amount,
                share=share,
                count=now[category_id].count if category_id in now else 0,
                previous=old,
                change=change(amount, old),
                children=[
                    c.model_copy(update={"share": part})
                    for c, part in zip(children, parts, strict=True)
                ],
            )
        )
    return sorted(lines, key=lambda c: (-c.amount, -c.previous, c.name))


def _methods(groups: list[GroupSums], currency: str) -> list[MethodLine]:
    merged: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[int | None, str] = {}
    for group in groups:
        merged[group.id][group.kind] += group.amount_minor
        merged[group.id]["count"] += group.count
        names[group.id] = group.name or "No method"
    lines = [
        MethodLine(
            method_id=method_id,
            name=names[method_id],
            income=from_minor(sums["income"], currency),
            expense=from_minor(sums["expense"], currency),
            count=sums["count"],
        )
        for method_id, sums in merged.items()
    ]
    return sorted(lines, key=lambda m: (-m.expense, -m.income, m.name))


def balances(
    uow: UnitOfWork, principal: Principal, period: ReportPeriod
) -> list[AccountBalanceLine]:
    """Each account's balance the day before the period and on its last day.

    Both come from `accounts.service.balance_sheet`, the figures `fopymes account list
    --on DATE` prints, so the report and the balance sheet cannot disagree. An account
    missing from one edge (opened later, or archived and empty then) holds zero there.
    """
    before = accounts.balance_sheet(uow, principal, on=period.start - timedelta(days=1))
    after = accounts.balance_sheet(uow, principal, on=period.end)
    opening = {(a.account_id, a.currency): a for a in before.accounts}
    closing = {(a.account_id, a.currency): a for a in after.accounts}
    lines = []
    for key in [*closing, *(k for k in opening if k not in closing)]:
        line: AccountBalance = closing.get(key) or opening[key]
        zero = from_minor(0, line.currency)
        first = opening[key].balance if key in opening else zero
        last = closing[key].balance if key in closing else zero
        lines.append(
            AccountBalanceLine(
                account_id=line.account_id,
                name=line.name,
                type=line.type.value,
                liability=line.liability,
                currency=line.currency,
                opening=first,
                closing=last,
                change=last - first,
            )
        )
    return sorted(lines, key=lambda a: (a.liability, a.name.lower(), a.currency))


def transfers(uow: UnitOfWork, principal: Principal, period: ReportPeriod) -> list[TransferLine]:
    """The period's transfers (`transactions.movements`), per from, to and currency."""
    return [
        TransferLine(
            from_account=row.source or NO_ACCOUNT,
            to_account=row.target or NO_ACCOUNT,
            currency=row.currency,
            amount=from_minor(row.amount_minor, row.currency),
            count=row.count,
        )
        for row in uow.reports.transfers(principal.workspace_id, period.start, period.end)
    ]


def build(uow: UnitOfWork, principal: Principal, period: ReportPeriod) -> ReportData:
    """The whole report of the principal's workspace for `period`. Any member may read.

    Raises NotFoundError when the workspace is gone; sums never mix currencies (other
    currencies appear only in `other_currencies`).
    """
    workspace = identity.current_workspace(uow, principal)
    currency = workspace.currency
    before = previous(period)
    ws, start, end = principal.workspace_id, period.start, period.end
    totals = summary.totals(uow, principal, start, end)
    categories_now = [
        c for c in summary.by_category(uow, principal, start, end, None) if c.currency == currency
    ]
    categories_before = [
        c
        for c in summary.by_category(uow, principal, before.start, before.end, None)
        if c.currency == currency
    ]
    children_now = uow.reports.by_sub_category(ws, start, end, currency)
    children_before = uow.reports.by_sub_category(ws, before.start, before.end, currency)
    running = Decimal(0)
    daily = []
    for day in uow.reports.daily(ws, start, end, currency):
        income, expense = (
            from_minor(day.income_minor, currency),
            from_minor(day.expense_minor, currency),
        )
        running += income - expense
        daily.append(
            DayLine(
                date=day.day,
                income=income,
                expense=expense,
                net=income - expense,
                cumulative=running,
            )
        )
    return ReportData(
        workspace=workspace.name,
        currency=currency,
        period=PeriodOut(start=start, end=end, label=period.label),
        previous_period=PeriodOut(start=before.start, end=before.end, label=before.label),
        generated_at=uow.clock.now(),
        kpis=_kpis(totals, currency),
        previous_kpis=_kpis(summary.totals(uow, principal, before.start, before.end), currency),
        expenses_by_category=_categories(
            "expense", categories_now, categories_before, children_now, children_before, currency
        ),
        income_by_category=_categories(
            "income", categories_now, categories_before, children_now, children_before, currency
        ),
        payment_methods=_methods(uow.reports.by_method(ws, start, end, currency), currency),
        budgets=sections.budgets(uow, principal, period),
        goals=sections.goals(uow, principal, period),
        debts=sections.debts(uow, principal, period),
        trend=[
            m
            for m in summary.monthly_trend(uow, principal, end, TREND_MONTHS)
            if m.currency == currency
        ],
        largest_expenses=[
            LargeExpenseLine(
                id=row.id,
                date=row.date,
                amount=from_minor(row.amount_minor, currency),
                description=row.description,
                category=row.category,
                method=row.method,
            )
            for row in uow.reports.largest_expenses(ws, start, end, currency, LARGEST)
        ],
        daily=daily,
        other_currencies=[t for t in totals if t.currency != currency],
        balances=balances(uow, principal, period),
        transfers=transfers(uow, principal, period),
        networth=networth.monthly(uow, principal, start=start, end=end),
    )
