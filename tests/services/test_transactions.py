"""Transactions through the service layer, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import NotFoundError, PermissionDeniedError, ValidationError
from fopymes_server.core.principal import Role
from fopymes_server.transactions import service
from fopymes_server.transactions.schemas import (
    Kind,
    TransactionCreate,
    TransactionFilter,
    TransactionUpdate,
)
from tests.factories import add_member, new_owner, record


def _list(ctx: AppContext, principal, **kwargs):  # type: ignore[no-untyped-def]
    with ctx.uow(write=False) as uow:
        return service.list_transactions(uow, principal, **kwargs)


def test_adding_ten_cents_ten_times_totals_exactly_one(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    for _ in range(10):
        record(ctx, owner.principal, "0.10")
    page = _list(ctx, owner.principal)
    assert page.totals[0].expense == Decimal("1.00")
    assert sum((tx.amount for tx in page.items), Decimal(0)) == Decimal("1.00")


@pytest.mark.parametrize(
    "amount",
    ["10000000000000", "9999999999999.99", "12345678901234.56", "0.01"],
)
def test_large_and_small_amounts_round_trip_exactly(ctx: AppContext, amount: str) -> None:
    owner = new_owner(ctx)
    created = record(ctx, owner.principal, amount)
    with ctx.uow(write=False) as uow:
        assert service.get(uow, owner.principal, created.id).amount == Decimal(amount)


def test_more_decimals_than_the_currency_allows_is_refused_not_rounded(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with pytest.raises(ValidationError, match="more decimals than EUR"):
        record(ctx, owner.principal, "10.005")
    jpy = new_owner(ctx, currency="JPY")
    with pytest.raises(ValidationError, match="more decimals than JPY"):
        record(ctx, jpy.principal, "100.5")
    assert _list(ctx, owner.principal).items == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "abc", "not a number"),
        ("amount", "-5", "must be positive"),
        ("amount", "0", "greater than zero"),
        ("date", "2026-02-30", "not a date"),
        ("description", "   ", "must not be empty"),
        ("currency", "EURO", "ISO 4217"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    ctx: AppContext, field: str, value: str, message: str
) -> None:
    owner = new_owner(ctx)
    data = {"amount": "5", "description": "ok", "category": "Groceries", field: value}
    with pytest.raises(ValidationError, match=message), ctx.uow() as uow:
        service.record(uow, owner.principal, data=TransactionCreate(**data))
    assert _list(ctx, owner.principal).items == []


def test_unknown_category_suggests_the_closest_names(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with pytest.raises(NotFoundError) as info:
        record(ctx, owner.principal, category="Grocries")
    assert "Groceries" in (info.value.hint or "")


def test_an_expense_cannot_use_an_income_category(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with pytest.raises(ValidationError, match="income category"):
        record(ctx, owner.principal, category="Salary")


def test_category_and_method_names_are_case_insensitive(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    created = record(ctx, owner.principal, category="gRoCeRiEs", payment_method="cash")
    assert created.category == "Groceries"
    assert created.payment_method == "Cash"


def test_pages_walk_every_row_once_newest_first(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    for day in range(1, 8):
        for _ in range(3):
            record(ctx, owner.principal, date=f"2026-10-0{day}")
    seen: list[int] = []
    cursor = None
    while True:
        page = _list(ctx, owner.principal, limit=4, cursor=cursor)
        seen.extend(tx.id for tx in page.items)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert len(seen) == len(set(seen)) == 21
    with ctx.uow(write=False) as uow:
        rows = [service.get(uow, owner.principal, i) for i in seen]
    keys = [(tx.date, tx.id) for tx in rows]
    assert keys == sorted(keys, reverse=True)


def test_filters_narrow_by_period_category_method_kind_text_and_amount(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    p = owner.principal
    record(ctx, p, "12.00", date="2026-10-05", description="Mercadona weekly")
    record(ctx, p, "80.00", date="2026-10-20", category="Restaurants", payment_method="Cash")
    record(ctx, p, "2000", kind=Kind.INCOME, date="2026-10-27", description="Salary Oct")
    record(ctx, p, "30.00", date="2026-09-30", description="Mercadona old")

    def ids(**filters: object) -> set[str]:
        page = _list(ctx, p, filters=TransactionFilter(**filters))  # type: ignore[arg-type]
        return {tx.description for tx in page.items}

    october = {"date_from": date(2026, 10, 1), "date_to": date(2026, 10, 31)}
    assert ids(**october) == {"Mercadona weekly", "Something", "Salary Oct"}
    assert ids(**october, kind=Kind.EXPENSE) == {"Mercadona weekly", "Something"}
    assert ids(search="MERCADONA") == {"Mercadona weekly", "Mercadona old"}
    assert ids(category="restaurants") == {"Something"}
    assert ids(payment_method="Cash") == {"Something"}
    assert ids(min_amount="20", max_amount="100") == {"Something", "Mercadona old"}


def test_a_category_filter_includes_its_sub_categories(ctx: AppContext) -> None:
    from fopymes_server.categories import service as categories
    from fopymes_server.categories.schemas import CategoryKind

    owner = new_owner(ctx)
    with ctx.uow() as uow:
        categories.add(
            uow, owner.principal, name="Bakery", kind=CategoryKind.EXPENSE, parent="Groceries"
        )
    record(ctx, owner.principal, category="Bakery", description="bread")
    record(ctx, owner.principal, category="Groceries", description="milk")
    record(ctx, owner.principal, category="Transport", description="bus")
    page = _list(ctx, owner.principal, filters=TransactionFilter(category="Groceries"))
    assert {tx.description for tx in page.items} == {"bread", "milk"}


def test_edit_changes_fields_and_records_who_and_when(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    editor = add_member(ctx, owner, Role.EDITOR)
    created = record(ctx, owner.principal, "5.00")
    with ctx.uow() as uow:
        updated = service.edit(
            uow,
            editor.principal,
            created.id,
            changes=TransactionUpdate(amount="7.50", description="Fixed", note="typo"),
        )
    assert (updated.amount, updated.description, updated.note) == (Decimal("7.50"), "Fixed", "typo")
    assert updated.created_by == owner.principal.user_id
    assert updated.updated_by == editor.principal.user_id
    assert updated.version == created.version + 1


def test_delete_removes_the_transaction(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    created = record(ctx, owner.principal)
    with ctx.uow() as uow:
        service.delete(uow, owner.principal, created.id)
    with pytest.raises(NotFoundError), ctx.uow(write=False) as uow:
        service.get(uow, owner.principal, created.id)


def test_another_workspace_cannot_see_or_touch_transactions(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    stranger = new_owner(ctx)
    created = record(ctx, owner.principal)
    assert _list(ctx, stranger.principal).items == []
    with ctx.uow() as uow:
        with pytest.raises(NotFoundError):
            service.get(uow, stranger.principal, created.id)
        with pytest.raises(NotFoundError):
            service.edit(uow, stranger.principal, created.id, changes=TransactionUpdate(note="x"))
        with pytest.raises(NotFoundError):
            service.delete(uow, stranger.principal, created.id)
    with ctx.uow(write=False) as uow:
        assert service.get(uow, owner.principal, created.id).note is None


def test_a_stranger_cannot_use_another_workspaces_category_by_id(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    stranger = new_owner(ctx)
    mine = record(ctx, owner.principal)
    with pytest.raises(NotFoundError):
        record(ctx, stranger.principal, category=str(mine.category_id))


def test_a_viewer_can_read_but_not_write(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    viewer = add_member(ctx, owner, Role.VIEWER)
    created = record(ctx, owner.principal)
    assert [tx.id for tx in _list(ctx, viewer.principal).items] == [created.id]
    with pytest.raises(PermissionDeniedError):
        record(ctx, viewer.principal)
    with ctx.uow() as uow:
        with pytest.raises(PermissionDeniedError):
            service.edit(uow, viewer.principal, created.id, changes=TransactionUpdate(note="x"))
        with pytest.raises(PermissionDeniedError):
            service.delete(uow, viewer.principal, created.id)
