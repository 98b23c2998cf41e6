"""Categories and payment methods: names, hierarchy, archiving, isolation, roles."""

from __future__ import annotations

import pytest

from fopymes_server.accounts import service as methods
from fopymes_server.accounts.schemas import AccountType
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    ValidationError,
)
from fopymes_server.core.principal import Role
from tests.factories import add_member, make_budget, new_owner, record

EXPENSE = CategoryKind.EXPENSE


def test_category_names_are_unique_in_any_case(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with pytest.raises(ConflictError), ctx.uow() as uow:
        categories.add(uow, owner.principal, name="GROCERIES", kind=EXPENSE)


def test_sub_categories_go_one_level_deep_and_keep_their_parents_kind(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        child = categories.add(
            uow, owner.principal, name="Bakery", kind=EXPENSE, parent="groceries"
        )
    assert child.parent == "Groceries"
    with ctx.uow() as uow:
        with pytest.raises(ValidationError, match="one level"):
            categories.add(uow, owner.principal, name="Croissants", kind=EXPENSE, parent="Bakery")
        with pytest.raises(ValidationError, match="income"):
            categories.add(uow, owner.principal, name="Tips", kind=EXPENSE, parent="Salary")


def test_a_category_in_use_is_archived_not_deleted(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    record(ctx, owner.principal, category="Leisure")
    with ctx.uow() as uow, pytest.raises(RuleViolationError, match="in use") as refused:
        categories.remove(uow, owner.principal, "Leisure")
    assert "archive" in (refused.value.hint or "")
    with ctx.uow() as uow:
        archived = categories.archive(uow, owner.principal, "Leisure")
    assert archived.archived
    with ctx.uow(write=False) as uow:
        visible = {c.name for c in categories.list_categories(uow, owner.principal)}
        everything = {
            c.name for c in categories.list_categories(uow, owner.principal, include_archived=True)
        }
    assert "Leisure" not in visible
    assert "Leisure" in everything
    with pytest.raises(ValidationError, match="archived"):
        record(ctx, owner.principal, category="Leisure")


def test_an_unused_category_can_be_renamed_and_deleted(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        renamed = categories.rename(uow, owner.principal, "Education", name="Courses")
    assert renamed.name == "Courses"
    with ctx.uow() as uow:
        categories.remove(uow, owner.principal, "courses")
    with pytest.raises(NotFoundError), ctx.uow(write=False) as uow:
        categories.resolve(uow, owner.principal, "Courses")


def test_payment_methods_validate_type_and_last_four(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        visa = methods.add(
            uow, owner.principal, name="Visa", type=AccountType.CREDIT_CARD, last_four="1234"
        )
    assert (visa.type, visa.last_four) == (AccountType.CREDIT_CARD, "1234")
    with ctx.uow() as uow:
        with pytest.raises(ValidationError, match="four digits"):
            methods.add(
                uow, owner.principal, name="Amex", type=AccountType.CREDIT_CARD, last_four="12a4"
            )
        with pytest.raises(ValidationError, match="cash"):
            methods.add(
                uow, owner.principal, name="Wallet", type=AccountType.CASH, last_four="1234"
            )
        with pytest.raises(ConflictError):
            methods.add(uow, owner.principal, name="visa", type=AccountType.CHECKING)


def test_a_method_in_use_is_archived_and_an_unused_one_deleted(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        methods.add(uow, owner.principal, name="Old card", type=AccountType.CHECKING)
    record(ctx, owner.principal, payment_method="Cash")
    with ctx.uow() as uow, pytest.raises(RuleViolationError):
        methods.remove(uow, owner.principal, "Cash")
    with ctx.uow() as uow:
        methods.remove(uow, owner.principal, "old card")
        methods.archive(uow, owner.principal, "Cash")
    with ctx.uow(write=False) as uow:
        assert methods.list_methods(uow, owner.principal) == []


def test_other_workspaces_cannot_reach_categories_or_methods(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    stranger = new_owner(ctx)
    with ctx.uow(write=False) as uow:
        groceries = categories.resolve(uow, owner.principal, "Groceries")
        cash = methods.resolve(uow, owner.principal, "Cash")
    with ctx.uow() as uow:
        for call in (
            lambda: categories.rename(uow, stranger.principal, groceries.id, name="Mine"),
            lambda: categories.archive(uow, stranger.principal, groceries.id),
            lambda: categories.remove(uow, stranger.principal, groceries.id),
            lambda: methods.rename(uow, stranger.principal, cash.id, name="Mine"),
            lambda: methods.archive(uow, stranger.principal, cash.id),
            lambda: methods.remove(uow, stranger.principal, cash.id),
        ):
            with pytest.raises(NotFoundError):
                call()
    with ctx.uow(write=False) as uow:
        assert categories.resolve(uow, owner.principal, groceries.id).name == "Groceries"


def test_viewers_cannot_change_categories_or_methods(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    viewer = add_member(ctx, owner, Role.VIEWER)
    with ctx.uow() as uow:
        for call in (
            lambda: categories.add(uow, viewer.principal, name="New", kind=EXPENSE),
            lambda: categories.rename(uow, viewer.principal, "Health", name="Care"),
            lambda: categories.archive(uow, viewer.principal, "Health"),
            lambda: methods.add(uow, viewer.principal, name="Card", type=AccountType.OTHER_ASSET),
            lambda: methods.archive(uow, viewer.principal, "Cash"),
        ):
            with pytest.raises(PermissionDeniedError):
                call()
        assert categories.list_categories(uow, viewer.principal)


def test_a_budgeted_category_is_refused_with_a_way_out(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    make_budget(ctx, owner.principal, "Leisure", "100.00")
    with ctx.uow() as uow, pytest.raises(RuleViolationError, match="has a budget") as refused:
        categories.remove(uow, owner.principal, "Leisure")
    assert "budget rm" in (refused.value.hint or "")
    with ctx.uow(write=False) as uow:
        assert "Leisure" in {c.name for c in categories.list_categories(uow, owner.principal)}
