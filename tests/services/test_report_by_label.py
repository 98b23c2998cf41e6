"""`report show --by payee|tag`: the largest payees and tags of a period, on both databases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import ValidationError
from fopymes_server.reports import labels
from fopymes_server.reports.periods import resolve
from fopymes_server.reports.schemas import ReportBy
from fopymes_server.transactions.schemas import Kind
from tests.factories import new_owner, record

NOVEMBER = resolve(date(2026, 11, 15), month_text="2026-11")


def _largest(ctx: AppContext, principal, by: ReportBy, limit: int = 20):  # type: ignore[no-untyped-def]
    with ctx.uow(write=False) as uow:
        return labels.largest(uow, principal, period=NOVEMBER, by=by, limit=limit)


def test_payees_are_ranked_per_currency_with_income_and_expense(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    record(ctx, owner.principal, "30.00", payee="Mercadona")
    record(ctx, owner.principal, "20.00", payee="MERCADONA")
    record(ctx, owner.principal, "70.00", payee="Landlord")
    record(ctx, owner.principal, "900.00", kind=Kind.INCOME, payee="Employer")
    record(ctx, owner.principal, "5.00", payee="Shop", currency="USD")
    record(ctx, owner.principal, "1.00")
    record(ctx, owner.principal, "99.00", payee="Mercadona", date="2026-10-31")
    report = _largest(ctx, owner.principal, ReportBy.PAYEE)
    lines = [(x.name, x.currency, x.expense, x.income, x.count) for x in report.lines]
    assert lines == [
        ("Employer", "EUR", Decimal("0.00"), Decimal("900.00"), 1),
        ("Landlord", "EUR", Decimal("70.00"), Decimal("0.00"), 1),
        ("Mercadona", "EUR", Decimal("50.00"), Decimal("0.00"), 2),
        (None, "EUR", Decimal("1.00"), Decimal("0.00"), 1),
        ("Shop", "USD", Decimal("5.00"), Decimal("0.00"), 1),
    ]
    assert [x.name for x in _largest(ctx, owner.principal, ReportBy.PAYEE, 1).lines] == [
        "Employer",
        "Shop",
    ]


def test_a_row_with_two_tags_counts_under_both(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    record(ctx, owner.principal, "10.00", tags=["trip", "food"])
    record(ctx, owner.principal, "4.00", tags=["food"])
    record(ctx, owner.principal, "2.00")
    report = _largest(ctx, owner.principal, ReportBy.TAG)
    assert [(x.name, x.expense) for x in report.lines] == [
        ("food", Decimal("14.00")),
        ("trip", Decimal("10.00")),
        (None, Decimal("2.00")),
    ]


def test_by_category_and_a_bad_limit_are_refused(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with pytest.raises(ValidationError, match="whole report"):
        _largest(ctx, owner.principal, ReportBy.CATEGORY)
    with pytest.raises(ValidationError, match="between 1"):
        _largest(ctx, owner.principal, ReportBy.TAG, 0)


def test_another_workspace_sees_none_of_it(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    record(ctx, owner.principal, payee="Mine", tags=["mine"])
    stranger = new_owner(ctx)
    assert _largest(ctx, stranger.principal, ReportBy.PAYEE).lines == []
    assert _largest(ctx, stranger.principal, ReportBy.TAG).lines == []
