"""Budget status and history: limits (with rollover) against what was spent, per period.

Every figure is recomputed from the dated limits and from transactions summed in SQL:
`status` asks the database once for all budgets of a period (one GROUP BY statement over
VALUES ranges), and a budget that rolls leftovers over adds the periods since it began to
that same statement, because a carried amount depends on every earlier period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fopymes_server.budgets.repository import BudgetRow, LimitRow, SpendRange
from fopymes_server.budgets.rules import (
    Period,
    PeriodSpec,
    Rollover,
    budget_status,
    crossed_thresholds,
    effective_limits,
    period_containing,
    periods_between,
    previous_period,
    prorate,
)
from fopymes_server.budgets.schemas import ALL_EXPENSES, BudgetStatusOut
from fopymes_server.budgets.service import find
from fopymes_server.budgets.stored import (
    category_families,
    limit_for,
    limits_by_budget,
    period_spec,
)
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork

MAX_HISTORY = 120


@dataclass(frozen=True, slots=True)
class _Request:
    """Periods of one budget to report, and every period whose spending they depend on."""

    row: BudgetRow
    limits: list[LimitRow]
    chain: list[Period]  # consecutive periods, oldest first, ending with the last wanted
    wanted: int  # how many periods at the end of `chain` to report


def _first_period(spec: PeriodSpec, limits: list[LimitRow]) -> Period:
    return period_containing(spec, limits[0].effective_from)


def _request(row: BudgetRow, limits: list[LimitRow], last: Period, count: int) -> _Request | None:
    """The chain for `count` periods ending with `last`, clipped to when the budget began."""
    spec = period_spec(row)
    first = _first_period(spec, limits)
    if last.start < first.start:
        return None
    wanted = [last]
    while len(wanted) < count and wanted[0].start > first.start:
        wanted.insert(0, previous_period(spec, wanted[0]))
    if Rollover(row.rollover) is Rollover.NONE:
        return _Request(row, limits, wanted, len(wanted))
    return _Request(row, limits, periods_between(spec, first.start, last.start), len(wanted))


def _scopes(
    uow: UnitOfWork, principal: Principal, rows: list[BudgetRow]
) -> dict[int, tuple[int, ...] | None]:
    """The categories each budget counts (its category and sub-categories; None: all)."""
    families = category_families(uow, principal)
    return {
        row.id: families.get(row.category_id, (row.category_id,))
        if row.category_id is not None
        else None
        for row in rows
    }


def _evaluate(
    uow: UnitOfWork, principal: Principal, requests: list[_Request]
) -> list[BudgetStatusOut]:
    ranges: list[SpendRange] = []
    for request in requests:
        for period in request.chain:
            ranges.append(
                SpendRange(
                    len(ranges), request.row.id, period.start, period.end, request.row.currency
                )
            )
    spent_minor = uow.budgets.spent(
        principal.workspace_id, ranges, _scopes(uow, principal, [r.row for r in requests])
    )
    today = uow.clock.today()
    results: list[BudgetStatusOut] = []
    key = 0
    for request in requests:
        keys = range(key, key + len(request.chain))
        key += len(request.chain)
        results.extend(_statuses(request, [spent_minor.get(k, 0) for k in keys], today))
    return results


def _statuses(request: _Request, spent_minor: list[int], today: date) -> list[BudgetStatusOut]:
    row = request.row
    currency = row.currency
    bases = []
    for period in request.chain:
        limit = limit_for(request.limits, period.start)
        bases.append(from_minor(limit.amount_minor if limit else 0, currency))
    spent = [from_minor(minor, currency) for minor in spent_minor]
    cap = (
        from_minor(row.rollover_cap_minor, currency) if row.rollover_cap_minor is not None else None
    )
    limits = effective_limits(bases, spent, Rollover(row.rollover), cap)
    thresholds = tuple(int(t) for t in row.thresholds.split(","))
    out = []
    for index in range(len(request.chain) - request.wanted, len(request.chain)):
        state = budget_status(request.chain[index], limits[index], spent[index], today, currency)
        out.append(
            BudgetStatusOut(
                budget_id=row.id,
                category_id=row.category_id,
                category=row.category or ALL_EXPENSES,
                currency=currency,
                period_start=state.period.start,
                period_end=state.period.end,
                base_limit=bases[index],
                carried=limits[index] - bases[index],
                limit=state.limit,
                spent=state.spent,
                remaining=state.remaining,
                percent_used=state.percent_used,
                days_elapsed=state.days_elapsed,
                days_left=state.days_left,
                projected_spend=state.projected_spend,
                verdict=state.verdict,
                thresholds=thresholds,
                alerts_crossed=tuple(crossed_thresholds(state.spent, state.limit, thresholds)),
            )
        )
    return out


def status(
    uow: UnitOfWork, principal: Principal, *, on: date | None = None
) -> list[BudgetStatusOut]:
    """Every budget in its period containing `on` (default today), in budget-list order.

    Limits include rollover; spending is the period's expense transactions in the budget's
    currency and category (with sub-categories), transfers to savings excluded. Days left
    and the projection are counted against today. Budgets that begin after that period are
    left out. Any member may read.
    """
    day = on or uow.clock.today()
    limits = limits_by_budget(uow, principal)
    requests = []
    for row in uow.budgets.list_budgets(principal.workspace_id):
        request = _request(row, limits[row.id], period_containing(period_spec(row), day), 1)
        if request is not None:
            requests.append(request)
    return _evaluate(uow, principal, requests)


def history(
    uow: UnitOfWork,
    principal: Principal,
    category: str | int | None,
    *,
    last: int = 12,
    on: date | None = None,
) -> list[BudgetStatusOut]:
    """The budget of `category` (None: all expenses) over its `last` periods, oldest first,
    ending with the period containing `on` (default today); none before the budget began.

    Each period shows the limit it had then. Raises ValidationError when `last` is outside
    1..120, NotFoundError for an unknown category or one without a budget.
    """
    if not 1 <= last <= MAX_HISTORY:
        raise ValidationError("last", f"must be between 1 and {MAX_HISTORY}")
    row = find(uow, principal, category)
    limits = limits_by_budget(uow, principal)[row.id]
    target = period_containing(period_spec(row), on or uow.clock.today())
    request = _request(row, limits, target, last)
    return _evaluate(uow, principal, [request]) if request is not None else []


def in_range(
    uow: UnitOfWork, principal: Principal, start: date, end: date
) -> list[BudgetStatusOut]:
    """Every budget over the dates `start`..`end` (a report's period), in budget-list order.

    Only money inside those dates counts: spending is summed over them, and the limit is
    the sum of the budget periods that fall in them, each pro rata (`rules.prorate`) where
    it straddles an edge, with rollover as each period had it. A budget that began inside
    the dates counts from its first period; one that begins after them is left out.
    `prorated` says whether any period was cut. Any member may read.
    """
    if end < start:
        raise ValidationError("to", f"{end} is before the start {start}")
    limits = limits_by_budget(uow, principal)
    requests: list[tuple[_Request, Period]] = []
    for row in uow.budgets.list_budgets(principal.workspace_id):
        spec = period_spec(row)
        first = _first_period(spec, limits[row.id])
        if first.start > end:
            continue
        window = Period(max(start, first.start), end)
        covered = periods_between(spec, window.start, window.end)
        request = _request(row, limits[row.id], covered[-1], len(covered))
        if request is not None:
            requests.append((request, window))
    periods = _evaluate(uow, principal, [request for request, _ in requests])
    spent_minor = uow.budgets.spent(
        principal.workspace_id,
        [
            SpendRange(key, r.row.id, window.start, window.end, r.row.currency)
            for key, (r, window) in enumerate(requests)
        ],
        _scopes(uow, principal, [r.row for r, _ in requests]),
    )
    today = uow.clock.today()
    out = []
    for key, (request, window) in enumerate(requests):
        mine = [p for p in periods if p.budget_id == request.row.id]
        out.append(_window_status(request.row, mine, window, spent_minor.get(key, 0), today))
    return out


def _window_status(
    row: BudgetRow, periods: list[BudgetStatusOut], window: Period, spent_minor: int, today: date
) -> BudgetStatusOut:
    """One budget over `window` from its statuses in each period touching it."""
    currency = row.currency

    def share(amount_of: str) -> Decimal:
        parts = (
            prorate(getattr(p, amount_of), Period(p.period_start, p.period_end), window, currency)
            for p in periods
        )
        return sum(parts, from_minor(0, currency))

    base, limit = share("base_limit"), share("limit")
    state = budget_status(window, limit, from_minor(spent_minor, currency), today, currency)
    thresholds = periods[0].thresholds
    return periods[-1].model_copy(
        update={
            "period_start": window.start,
            "period_end": window.end,
            "base_limit": base,
            "carried": limit - base,
            "limit": limit,
            "spent": state.spent,
            "remaining": state.remaining,
            "percent_used": state.percent_used,
            "days_elapsed": state.days_elapsed,
            "days_left": state.days_left,
            "projected_spend": state.projected_spend,
            "verdict": state.verdict,
            "alerts_crossed": tuple(crossed_thresholds(state.spent, limit, thresholds)),
            "prorated": any(
                p.period_start < window.start or p.period_end > window.end for p in periods
            ),
        }
    )
