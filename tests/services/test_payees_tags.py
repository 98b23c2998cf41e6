"""Payees and tags through the service layer, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    UnknownReferenceError,
    ValidationError,
)
from fopymes_server.core.principal import Role
from fopymes_server.imports import service_rules
from fopymes_server.imports.schemas import RuleCreate
from fopymes_server.payees import service as payees
from fopymes_server.payees import steps as payee_steps
from fopymes_server.payees.repository import PayeesRepository
from fopymes_server.tags import service as tags
from fopymes_server.transactions import service
from fopymes_server.transactions.schemas import Kind, TransactionFilter, TransactionUpdate
from tests.factories import add_member, new_owner, record


def _list(ctx: AppContext, principal, **filters):  # type: ignore[no-untyped-def]
    with ctx.uow(write=False) as uow:
        return service.list_transactions(uow, principal, filters=TransactionFilter(**filters))


def _payees(ctx: AppContext, principal):  # type: ignore[no-untyped-def]
    with ctx.uow(write=False) as uow:
        return payees.list_payees(uow, principal)


def test_spellings_that_normalise_alike_are_one_payee_named_as_first_written(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    first = record(ctx, owner.principal, "3.20", payee="CAFÉ  Central")
    second = record(ctx, owner.principal, "2.80", payee=" cafe central ")
    assert first.payee == second.payee == "CAFÉ Central"
    assert first.payee_id == second.payee_id
    [payee] = _payees(ctx, owner.principal)
    assert (payee.name, payee.transactions) == ("CAFÉ Central", 2)
    assert payee.totals[0].expense == Decimal("6.00")
    assert payee.totals[0].income == Decimal("0.00")


def test_payee_totals_are_per_currency_and_leave_out_transfers(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    record(ctx, owner.principal, "10.00", payee="Shop")
    record(ctx, owner.principal, "5.00", payee="Shop", currency="USD")
    record(ctx, owner.principal, "100.00", kind=Kind.INCOME, payee="Shop")
    [payee] = _payees(ctx, owner.principal)
    by_currency = {t.currency: t for t in payee.totals}
    assert by_currency["EUR"].expense == Decimal("10.00")
    assert by_currency["EUR"].income == Decimal("100.00")
    assert by_currency["USD"].expense == Decimal("5.00")
    assert payee.transactions == 3


def test_tx_list_finds_a_payee_by_any_spelling_and_refuses_an_unknown_one(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    wanted = record(ctx, owner.principal, payee="Café Central")
    record(ctx, owner.principal, payee="Bakery")
    record(ctx, owner.principal)
    assert [tx.id for tx in _list(ctx, owner.principal, payee="CAFE central").items] == [wanted.id]
    assert [tx.id for tx in _list(ctx, owner.principal, payee=wanted.payee_id).items] == [wanted.id]
    with pytest.raises(UnknownReferenceError, match="no payee 'Cafe Centrl'") as info:
        _list(ctx, owner.principal, payee="Cafe Centrl")
    assert "Café Central" in (info.value.hint or "")


def test_editing_sets_changes_and_clears_the_payee(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    tx = record(ctx, owner.principal, payee="Bakery")
    with ctx.uow() as uow:
        changed = service.edit(uow, owner.principal, tx.id, changes=TransactionUpdate(payee="Shop"))
    assert changed.payee == "Shop"
    assert changed.version == tx.version + 1
    with ctx.uow() as uow:
        cleared = service.edit(
            uow, owner.principal, tx.id, changes=TransactionUpdate(clear_payee=True)
        )
    assert (cleared.payee, cleared.payee_id) == (None, None)
    with ctx.uow() as uow, pytest.raises(ValidationError, match="not both"):
        service.edit(
            uow, owner.principal, tx.id, changes=TransactionUpdate(payee="X", clear_payee=True)
        )


def test_renaming_a_payee_to_another_payees_name_is_refused_suggesting_merge(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    record(ctx, owner.principal, payee="Cafe Central")
    record(ctx, owner.principal, payee="Central Café")
    with ctx.uow() as uow, pytest.raises(ConflictError) as info:
        payees.rename(uow, owner.principal, "cafe central", "CENTRAL CAFE")
    assert "payee merge" in (info.value.hint or "")
    with ctx.uow() as uow:
        renamed = payees.rename(uow, owner.principal, "cafe central", "Café Central")
    assert renamed.name == "Café Central"
    assert [t.payee for t in _list(ctx, owner.principal, payee="cafe central").items] == [
        "Café Central"
    ]


def test_merging_moves_every_transaction_and_rule_and_deletes_the_merged_payee(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    a1 = record(ctx, owner.principal, "1.00", payee="Mercadona SA")
    a2 = record(ctx, owner.principal, "2.00", payee="Mercadona SA")
    b = record(ctx, owner.principal, "4.00", payee="Mercadona")
    with ctx.uow() as uow:
        rule = service_rules.add_rule(
            uow,
            owner.principal,
            data=RuleCreate(condition='description ~ "MERCADONA"', set_payee="mercadona sa"),
        )
    with ctx.uow() as uow:
        merged = payees.merge(uow, owner.principal, "Mercadona SA", "mercadona")
    assert (merged.transactions_moved, merged.rules_moved, merged.merged) == (
        2,
        1,
        "Mercadona SA",
    )
    assert merged.payee.transactions == 3
    assert merged.payee.totals[0].expense == Decimal("7.00")
    assert [p.name for p in _payees(ctx, owner.principal)] == ["Mercadona"]
    ids = {tx.id for tx in _list(ctx, owner.principal, payee="Mercadona").items}
    assert ids == {a1.id, a2.id, b.id}
    with ctx.uow(write=False) as uow:
        assert service_rules.get_rule(uow, owner.principal, rule.id).set_payee == "Mercadona"


def test_a_merge_that_fails_half_way_changes_nothing(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = new_owner(ctx)
    moved = record(ctx, owner.principal, payee="Old")
    record(ctx, owner.principal, payee="New")

    def fail(self, workspace_id: int, payee_id: int) -> None:  # type: ignore[no-untyped-def]
        raise RuntimeError("disk gone")

    # The transactions and rules have moved when deleting the merged payee fails.
    monkeypatch.setattr(PayeesRepository, "delete", fail)
    with ctx.uow() as uow, pytest.raises(RuntimeError):
        payees.merge(uow, owner.principal, "Old", "New")
    monkeypatch.undo()
    assert sorted(p.name for p in _payees(ctx, owner.principal)) == ["New", "Old"]
    with ctx.uow(write=False) as uow:
        assert service.get(uow, owner.principal, moved.id).payee == "Old"


def test_merging_a_payee_into_itself_or_an_unknown_one_is_refused(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    record(ctx, owner.principal, payee="Shop")
    with ctx.uow() as uow, pytest.raises(ValidationError, match="being merged"):
        payees.merge(uow, owner.principal, "Shop", "SHOP")
    with ctx.uow() as uow, pytest.raises(UnknownReferenceError, match="no payee 'Nope'"):
        payees.merge(uow, owner.principal, "Shop", "Nope")


def test_payees_and_tags_stay_in_their_workspace_and_viewers_only_read(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    other = new_owner(ctx)
    record(ctx, owner.principal, payee="Shop", tags=["work"])
    assert _payees(ctx, other.principal) == []
    with ctx.uow(write=False) as uow:
        assert tags.list_tags(uow, other.principal) == []
    with ctx.uow() as uow, pytest.raises(NotFoundError):
        payees.rename(uow, other.principal, "Shop", "Mine")
    with ctx.uow() as uow, pytest.raises(NotFoundError):
        service.list_transactions(uow, other.principal, filters=TransactionFilter(tag="work"))
    viewer = add_member(ctx, owner, Role.VIEWER)
    assert [p.name for p in _payees(ctx, viewer.principal)] == ["Shop"]
    with ctx.uow() as uow, pytest.raises(PermissionDeniedError):
        payees.rename(uow, viewer.principal, "Shop", "Store")
    with ctx.uow() as uow, pytest.raises(PermissionDeniedError):
        payees.merge(uow, viewer.principal, "Shop", "Shop")
    with ctx.uow() as uow, pytest.raises(PermissionDeniedError):
        tags.remove(uow, viewer.principal, "work")


def test_resolve_or_create_does_not_commit(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        payee_steps.resolve_or_create(uow, owner.principal, "Ghost")
    assert _payees(ctx, owner.principal) == []


def test_tags_are_kept_in_first_spelling_and_listed_filtered_and_replaced(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    trip = record(ctx, owner.principal, tags=["trip-2026", "#work", "WORK"])
    record(ctx, owner.principal, tags=["Trip-2026"])
    record(ctx, owner.principal)
    assert trip.tags == ["trip-2026", "work"]
    listed = _list(ctx, owner.principal, tag="TRIP-2026")
    assert len(listed.items) == 2
    assert all(tx.tags[0] == "trip-2026" for tx in listed.items)
    with ctx.uow(write=False) as uow:
        counts = {t.name: t.transactions for t in tags.list_tags(uow, owner.principal)}
    assert counts == {"trip-2026": 2, "work": 1}
    with ctx.uow() as uow:
        edited = service.edit(
            uow, owner.principal, trip.id, changes=TransactionUpdate(tags=["home/rent"])
        )
    assert edited.tags == ["home/rent"]
    assert edited.version == trip.version + 1
    with ctx.uow() as uow:
        bare = service.edit(uow, owner.principal, trip.id, changes=TransactionUpdate(tags=[]))
    assert bare.tags == []


@pytest.mark.parametrize("bad", ["two words", "café", "a,b", "semi;colon", "", "#"])
def test_a_tag_outside_the_tag_alphabet_is_refused_naming_the_rule(
    ctx: AppContext, bad: str
) -> None:
    owner = new_owner(ctx)
    with pytest.raises(ValidationError) as info:
        record(ctx, owner.principal, tags=[bad])
    assert info.value.field == "tag"
    assert _list(ctx, owner.principal).items == []


def test_renaming_and_removing_a_tag(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    tx = record(ctx, owner.principal, tags=["trip", "work"])
    with ctx.uow() as uow, pytest.raises(ConflictError):
        tags.rename(uow, owner.principal, "trip", "WORK")
    with ctx.uow() as uow:
        tags.rename(uow, owner.principal, "trip", "trip-2026")
    with ctx.uow() as uow:
        tags.remove(uow, owner.principal, "work")
    with ctx.uow(write=False) as uow:
        assert service.get(uow, owner.principal, tx.id).tags == ["trip-2026"]
        assert [t.name for t in tags.list_tags(uow, owner.principal)] == ["trip-2026"]


def test_deleting_a_transaction_takes_its_tags_off(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    tx = record(ctx, owner.principal, tags=["trip"])
    with ctx.uow() as uow:
        service.delete(uow, owner.principal, tx.id)
    with ctx.uow(write=False) as uow:
        assert [t.transactions for t in tags.list_tags(uow, owner.principal)] == [0]
