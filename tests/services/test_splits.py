"""Split transactions through the service layer, on SQLite and PostgreSQL.

One movement in one account divided among categories: the parts are written with the row,
replaced in one database transaction, refused when they do not add up, gone with the row.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fopymes_server.accounts import month_sums, transfers
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountCreate
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import NotFoundError, PermissionDeniedError, ValidationError
from fopymes_server.core.principal import Principal, Role
from fopymes_server.reconciliations import service as reconciliations
from fopymes_server.reconciliations.rules import ReconciledChangeError
from fopymes_server.transactions import service
from fopymes_server.transactions.schemas import (
    Kind,
    SplitCreate,
    TransactionCreate,
    TransactionFilter,
    TransactionOut,
    TransactionUpdate,
)
from tests.factories import Person, add_member, new_owner, record

RECEIPT = [SplitCreate(category="Groceries", amount="60"), SplitCreate(category="Household")]


def _household(ctx: AppContext, owner: Principal) -> None:
    with ctx.uow() as uow:
        categories.add(uow, owner, name="Household", kind=CategoryKind.EXPENSE)


def _split(
    ctx: AppContext,
    owner: Principal,
    amount: str = "85.40",
    parts: list[SplitCreate] | None = None,
    **extra: object,
) -> TransactionOut:
    with ctx.uow() as uow:
        return service.record(
            uow,
            owner,
            data=TransactionCreate(
                amount=amount,
                date="2026-11-03",
                description="Mercadona",
                splits=RECEIPT if parts is None else parts,
                **extra,  # type: ignore[arg-type]
            ),
        )


def _edit(ctx: AppContext, owner: Principal, tx_id: int, **changes: object) -> TransactionOut:
    force = bool(changes.pop("force", False))
    with ctx.uow() as uow:
        return service.edit(
            uow,
            owner,
            tx_id,
            changes=TransactionUpdate(**changes),  # type: ignore[arg-type]
            force=force,
        )


def _get(ctx: AppContext, owner: Principal, tx_id: int) -> TransactionOut:
    with ctx.uow(write=False) as uow:
        return service.get(uow, owner, tx_id)


def _parts(tx: TransactionOut) -> list[tuple[str, Decimal, str | None]]:
    return [(part.category, part.amount, part.note) for part in tx.splits]


@pytest.fixture
def owner(ctx: AppContext) -> Principal:
    principal = new_owner(ctx).principal
    _household(ctx, principal)
    return principal


def test_a_split_is_recorded_with_its_parts_and_no_category_of_its_own(
    ctx: AppContext, owner: Principal
) -> None:
    tx = _split(
        ctx,
        owner,
        parts=[
            SplitCreate(category="Groceries", amount="60", note="food"),
            SplitCreate(category="Household", amount="25.40"),
        ],
    )
    assert (tx.category, tx.category_id, tx.amount) == (None, None, Decimal("85.40"))
    assert _parts(_get(ctx, owner, tx.id)) == [
        ("Groceries", Decimal("60.00"), "food"),
        ("Household", Decimal("25.40"), None),
    ]


def test_a_part_without_an_amount_takes_the_remainder(ctx: AppContext, owner: Principal) -> None:
    tx = _split(ctx, owner)
    assert [part.amount for part in tx.splits] == [Decimal("60.00"), Decimal("25.40")]


def test_parts_that_do_not_add_up_are_refused_naming_the_difference(
    ctx: AppContext, owner: Principal
) -> None:
    parts = [
        SplitCreate(category="Groceries", amount="60"),
        SplitCreate(category="Household", amount="20"),
    ]
    with pytest.raises(ValidationError) as info:
        _split(ctx, owner, parts=parts)
    assert info.value.field == "splits"
    assert info.value.rule == "the parts add up to 80.00, 5.40 less than the total 85.40"
    with ctx.uow(write=False) as uow:
        assert service.list_transactions(uow, owner).items == []


def test_a_split_of_an_income_stays_an_income(ctx: AppContext, owner: Principal) -> None:
    parts = [SplitCreate(category="Salary", amount="100"), SplitCreate(category="Groceries")]
    with pytest.raises(ValidationError, match="'Groceries' is an expense category, not income"):
        _split(ctx, owner, amount="150", parts=parts, kind=Kind.INCOME)
    income = _split(
        ctx,
        owner,
        amount="150",
        kind=Kind.INCOME,
        parts=[SplitCreate(category="Salary", amount="100"), SplitCreate(category="Freelance")],
    )
    assert income.kind is Kind.INCOME
    with pytest.raises(ValidationError, match="'Salary' is an income category, not expense"):
        _edit(ctx, owner, income.id, kind=Kind.EXPENSE)


def test_one_part_or_a_category_beside_parts_is_refused(ctx: AppContext, owner: Principal) -> None:
    with pytest.raises(ValidationError, match="at least 2 parts"):
        _split(ctx, owner, parts=[SplitCreate(category="Groceries", amount="85.40")])
    with pytest.raises(ValidationError, match="give a category or parts"):
        _split(ctx, owner, category="Groceries")


def test_editing_the_parts_replaces_them_in_one_version(ctx: AppContext, owner: Principal) -> None:
    tx = _split(ctx, owner)
    edited = _edit(
        ctx,
        owner,
        tx.id,
        splits=[
            SplitCreate(category="Household", amount="5.40"),
            SplitCreate(category="Groceries", amount="70", note="more food"),
            SplitCreate(category="Leisure", amount="10"),
        ],
    )
    assert edited.version == tx.version + 1
    assert _parts(_get(ctx, owner, tx.id)) == [
        ("Household", Decimal("5.40"), None),
        ("Groceries", Decimal("70.00"), "more food"),
        ("Leisure", Decimal("10.00"), None),
    ]


def test_new_parts_with_a_new_amount_change_both(ctx: AppContext, owner: Principal) -> None:
    tx = _split(ctx, owner)
    edited = _edit(ctx, owner, tx.id, amount="90", splits=RECEIPT)
    assert edited.amount == Decimal("90.00")
    assert [part.amount for part in edited.splits] == [Decimal("60.00"), Decimal("30.00")]


def test_the_amount_of_a_split_changes_only_with_new_parts(
    ctx: AppContext, owner: Principal
) -> None:
    tx = _split(ctx, owner)
    with pytest.raises(ValidationError, match="the parts of a split transaction add up"):
        _edit(ctx, owner, tx.id, amount="90")
    bad = [
        SplitCreate(category="Groceries", amount="10"),
        SplitCreate(category="Household", amount="10"),
    ]
    with pytest.raises(ValidationError, match=r"20\.00, 65\.40 less than the total 85\.40"):
        _edit(ctx, owner, tx.id, splits=bad)
    after = _get(ctx, owner, tx.id)
    assert (after.version, _parts(after)) == (tx.version, _parts(tx))


def test_a_category_makes_a_split_one_category_again(ctx: AppContext, owner: Principal) -> None:
    tx = _split(ctx, owner)
    with pytest.raises(ValidationError, match="no parts makes it one category"):
        _edit(ctx, owner, tx.id, splits=[])
    plain = _edit(ctx, owner, tx.id, category="Groceries", splits=[])
    assert (plain.category, plain.splits) == ("Groceries", [])
    again = _edit(ctx, owner, tx.id, splits=RECEIPT)
    assert (again.category, len(again.splits)) == (None, 2)
    uncategorised = _edit(ctx, owner, tx.id, clear_category=True)
    assert (uncategorised.category, uncategorised.splits) == (None, [])


def test_an_unsplit_transaction_can_be_split(ctx: AppContext, owner: Principal) -> None:
    tx = record(ctx, owner, "85.40")
    split = _edit(ctx, owner, tx.id, splits=RECEIPT)
    assert (split.category, [p.category for p in split.splits]) == (
        None,
        ["Groceries", "Household"],
    )


def test_a_transfer_cannot_be_split(ctx: AppContext, owner: Principal) -> None:
    with ctx.uow() as uow:
        accounts.create(uow, owner, AccountCreate(name="Bank", opening_date="2026-01-01"))
    with ctx.uow() as uow:
        moved = transfers.transfer(
            uow,
            owner,
            transfers.TransferCreate(amount="50", from_account="Cash", to_account="Bank"),
        )
    with pytest.raises(ValidationError) as info:
        _edit(ctx, owner, moved.id, splits=RECEIPT)
    assert str(info.value) == (
        "splits: a transfer moves money between two accounts and has no categories to split among"
    )


def test_deleting_a_split_transaction_deletes_its_parts(ctx: AppContext, owner: Principal) -> None:
    tx = _split(ctx, owner)
    with ctx.uow() as uow:
        service.delete(uow, owner, tx.id)
    with ctx.uow(write=False) as uow:
        assert uow.transactions.splits_of([tx.id]) == {}
    # A category used only by a part was in use; now it can go.
    with ctx.uow() as uow:
        categories.remove(uow, owner, "Household")


def test_a_category_used_by_a_part_cannot_be_removed(ctx: AppContext, owner: Principal) -> None:
    _split(ctx, owner)
    with pytest.raises(Exception, match="1 transaction"), ctx.uow() as uow:
        categories.remove(uow, owner, "Household")


def test_a_reconciled_split_changes_its_parts_only_with_force(
    ctx: AppContext, owner: Principal
) -> None:
    tx = _split(ctx, owner, payment_method="Cash")
    with ctx.uow() as uow:
        reconciliations.reconcile(uow, owner, "Cash", balance="-85.40", on="2026-11-30")
    with pytest.raises(ReconciledChangeError):
        _edit(ctx, owner, tx.id, splits=list(reversed(RECEIPT)))
    forced = _edit(ctx, owner, tx.id, splits=list(reversed(RECEIPT)), force=True)
    assert [p.category for p in forced.splits] == ["Household", "Groceries"]


def test_a_viewer_cannot_split_and_other_workspaces_see_nothing(
    ctx: AppContext, owner: Principal
) -> None:
    tx = _split(ctx, owner)
    viewer = add_member(ctx, Person(email="", principal=owner), Role.VIEWER).principal
    with pytest.raises(PermissionDeniedError):
        _edit(ctx, viewer, tx.id, splits=RECEIPT)
    stranger = new_owner(ctx).principal
    with ctx.uow(write=False) as uow:
        assert service.list_transactions(uow, stranger).items == []


def test_listing_by_category_shows_a_split_with_its_share(
    ctx: AppContext, owner: Principal
) -> None:
    split = _split(ctx, owner)
    plain = record(ctx, owner, "12.00", date="2026-11-02")
    with ctx.uow(write=False) as uow:
        groceries = service.list_transactions(
            uow, owner, filters=TransactionFilter(category="Groceries")
        )
        household = service.list_transactions(
            uow, owner, filters=TransactionFilter(category="Household")
        )
        everything = service.list_transactions(uow, owner)
    assert [(tx.id, tx.amount) for tx in groceries.items] == [
        (split.id, Decimal("60.00")),
        (plain.id, Decimal("12.00")),
    ]
    assert groceries.totals[0].expense == Decimal("72.00")
    assert [(tx.id, tx.amount, len(tx.splits)) for tx in household.items] == [
        (split.id, Decimal("25.40"), 2)
    ]
    assert [tx.amount for tx in everything.items] == [Decimal("85.40"), Decimal("12.00")]


def test_a_split_leaves_the_account_sums_as_they_are(ctx: AppContext, owner: Principal) -> None:
    tx = _split(ctx, owner, payment_method="Cash")
    _edit(ctx, owner, tx.id, splits=list(reversed(RECEIPT)))
    with ctx.uow(write=False) as uow:
        sheet = accounts.balance_sheet(uow, owner, on=date(2026, 11, 30))
        checked = month_sums.check(uow)
    cash = next(line for line in sheet.accounts if line.name == "Cash")
    assert cash.balance == Decimal("-85.40")
    assert checked.drifted == []


def test_a_part_cannot_use_another_workspaces_category(ctx: AppContext, owner: Principal) -> None:
    stranger = new_owner(ctx).principal
    with ctx.uow(write=False) as uow:
        theirs = categories.resolve(uow, stranger, "Groceries").id
    parts = [SplitCreate(category=theirs, amount="60"), SplitCreate(category="Household")]
    with pytest.raises(NotFoundError):
        _split(ctx, owner, parts=parts)
    with ctx.uow(write=False) as uow:
        assert service.list_transactions(uow, owner).items == []
