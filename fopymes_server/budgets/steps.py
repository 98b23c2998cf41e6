"""Steps of budgets that change them and never commit: the caller's unit of work does.

`service.set_budget` wraps `set_budget` with a commit; an idempotent POST runs it inside
the request's unit of work, which commits the change with the stored response once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from fopymes_server.budgets.repository import BudgetRow
from fopymes_server.budgets.rules import (
    DEFAULT_THRESHOLDS,
    PeriodKind,
    PeriodSpec,
    parse_period_kind,
    parse_rollover,
    parse_thresholds,
    period_containing,
)
from fopymes_server.budgets.schemas import BudgetOut, BudgetSet
from fopymes_server.budgets.stored import budget_out, limits_by_budget, period_spec
from fopymes_server.categories import service as categories
from fopymes_server.core.dates import parse_date
from fopymes_server.core.errors import RuleViolationError, ValidationError
from fopymes_server.core.money import normalise_currency, parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.identity import service as identity

_MONTH_BASED = (PeriodKind.MONTHLY, PeriodKind.QUARTERLY, PeriodKind.YEARLY)


def _spec_from(
    data: BudgetSet, base: PeriodSpec | None, default_anchor: date, today: date
) -> PeriodSpec:
    """The period definition `data` asks for, unset parts taken from `base` when it is
    of the same kind. Raises ValidationError naming the option that does not fit."""
    kind = (
        parse_period_kind(data.period)
        if data.period
        else (base.kind if base else PeriodKind.MONTHLY)
    )
    same = base if base is not None and base.kind is kind else None
    if kind in _MONTH_BASED:
        if data.anchor_date is not None:
            raise ValidationError("anchor_date", f"{kind} periods use --anchor-day/--anchor-month")
        return PeriodSpec(
            kind=kind,
            anchor_day=_given(data.anchor_day, same.anchor_day if same else 1),
            anchor_month=_given(data.anchor_month, same.anchor_month if same else 1),
        )
    for value, field in ((data.anchor_day, "anchor_day"), (data.anchor_month, "anchor_month")):
        if value is not None:
            raise ValidationError(field, f"{kind} periods use --anchor-date")
    anchor = parse_date(data.anchor_date, today, field="anchor_date") if data.anchor_date else None
    if anchor is None and same is not None:
        return same
    if anchor is None and kind is PeriodKind.FORTNIGHTLY:
        anchor = default_anchor
    return PeriodSpec(kind=kind, week_start=anchor.weekday() if anchor else 0, anchor_date=anchor)


def _given(value: int | None, default: int) -> int:
    return default if value is None else value


def _cap_minor(data: BudgetSet, currency: str, current: int | None) -> int | None:
    if data.clear_rollover_cap:
        return None
    if data.rollover_cap is None:
        return current
    cap = parse_amount(data.rollover_cap, currency, field="rollover_cap", allow_zero=True)
    return to_minor(cap, currency)


def _workspace_currency(uow: UnitOfWork, principal: Principal) -> str:
    return identity.current_workspace(uow, principal).currency


def _budget_category(uow: UnitOfWork, principal: Principal, ref: str | int | None) -> int | None:
    if ref is None:
        return None
    category = categories.resolve(uow, principal, ref, field="category")
    if category.kind.value != "expense":
        raise ValidationError("category", f"'{category.name}' is an income category")
    if category.archived:
        raise ValidationError("category", f"'{category.name}' is archived")
    return category.id


def set_budget(uow: UnitOfWork, principal: Principal, *, data: BudgetSet) -> BudgetOut:
    """Create the budget of a category (or of all expenses), or change it.

    A new budget needs an amount; it is monthly from the 1st with no rollover and alerts
    at 80 and 100 % unless told otherwise. On an existing budget, a new amount becomes the
    limit from the start of the period containing `effective_from` (today by default);
    earlier periods keep theirs. Rollover, its cap and alerts apply to the whole budget.

    Raises PermissionDeniedError for viewers; NotFoundError for an unknown category;
    ValidationError for an income or archived category, a bad amount, period, anchor,
    rollover, cap, alert list or date; RuleViolationError when the period definition or the
    currency of an existing budget would change (past periods would be redrawn).
    """
    principal.require_write()
    category_id = _budget_category(uow, principal, data.category)
    today = uow.clock.today()
    start_day = parse_date(data.effective_from, today, field="from")
    existing = uow.budgets.list_budgets(principal.workspace_id, category_key=category_id or 0)
    now = uow.clock.now()
    if existing:
        budget_id = _change(uow, principal, existing[0], data, start_day, today)
    else:
        if data.amount is None:
            raise ValidationError("amount", "is required to create a budget")
        currency = normalise_currency(data.currency or _workspace_currency(uow, principal))
        spec = _spec_from(data, None, start_day, today)
        values: dict[str, Any] = {
            "category_id": category_id,
            "category_key": category_id or 0,
            "currency": currency,
            "period": spec.kind.value,
            "anchor_day": spec.anchor_day,
            "anchor_month": spec.anchor_month,
            "week_start": spec.week_start,
            "anchor_date": spec.anchor_date,
            "rollover": parse_rollover(data.rollover).value if data.rollover else "none",
            "rollover_cap_minor": _cap_minor(data, currency, None),
            "thresholds": _thresholds(data.thresholds, DEFAULT_THRESHOLDS),
            "created_by": principal.user_id,
            "created_at": now,
            "updated_at": now,
        }
        amount = _limit_minor(data.amount, currency)
        budget_id = uow.budgets.add(principal.workspace_id, values)
        uow.budgets.set_limit(
            principal.workspace_id,
            budget_id,
            effective_from=period_containing(spec, start_day).start,
            amount_minor=amount,
            user_id=principal.user_id,
            now=now,
        )
        events.record(uow, principal, "budget.created", entity_id=budget_id)
    row = uow.budgets.list_budgets(principal.workspace_id, category_key=category_id or 0)[0]
    return budget_out(row, limits_by_budget(uow, principal)[row.id], today)


def _thresholds(text: str | None, default: tuple[int, ...]) -> str:
    chosen = parse_thresholds(text, field="alert") if text is not None else default
    return ",".join(str(t) for t in chosen)


def _limit_minor(amount: str | Decimal, currency: str) -> int:
    return to_minor(parse_amount(amount, currency, field="amount", allow_zero=True), currency)


def _change(
    uow: UnitOfWork,
    principal: Principal,
    row: BudgetRow,
    data: BudgetSet,
    start_day: date,
    today: date,
) -> int:
    """Apply `data` to an existing budget (no commit); returns its id."""
    if data.currency is not None and normalise_currency(data.currency) != row.currency:
        raise RuleViolationError(
            f"the budget is in {row.currency}; its currency cannot change",
            hint="remove it with 'fopymes budget rm' and set it again",
        )
    spec = period_spec(row)
    if _spec_from(data, spec, spec.anchor_date or start_day, today) != spec:
        raise RuleViolationError(
            "the period of an existing budget cannot change (past periods would be redrawn)",
            hint="remove it with 'fopymes budget rm' and set it again",
        )
    values: dict[str, Any] = {}
    if data.rollover is not None:
        values["rollover"] = parse_rollover(data.rollover).value
    cap = _cap_minor(data, row.currency, row.rollover_cap_minor)
    if cap != row.rollover_cap_minor:
        values["rollover_cap_minor"] = cap
    if data.thresholds is not None:
        values["thresholds"] = _thresholds(data.thresholds, DEFAULT_THRESHOLDS)
    if data.amount is not None:
        uow.budgets.set_limit(
            principal.workspace_id,
            row.id,
            effective_from=period_containing(spec, start_day).start,
            amount_minor=_limit_minor(data.amount, row.currency),
            user_id=principal.user_id,
            now=uow.clock.now(),
        )
    elif not values:
        raise ValidationError("changes", "nothing to change (give an amount or an option)")
    uow.budgets.update(principal.workspace_id, row.id, {**values, "updated_at": uow.clock.now()})
    events.record(uow, principal, "budget.updated", entity_id=row.id)
    return row.id
