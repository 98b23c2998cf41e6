"""`rule apply`: the import rules run over recorded transactions, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from fopymes_server.accounts import month_sums, transfers
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountCreate
from fopymes_server.categories import service as categories
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import PermissionDeniedError, ValidationError
from fopymes_server.core.principal import Principal, Role
from fopymes_server.events import service as events
from fopymes_server.imports import apply_steps, service_apply, service_rules
from fopymes_server.imports.apply_schemas import RuleApplyOut
from fopymes_server.imports.schemas import RuleCreate
from fopymes_server.reconciliations import service as reconciliations
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import (
    Kind,
    SplitCreate,
    TransactionCreate,
    TransactionOut,
)
from tests.factories import add_member, new_owner, record


def _loose(
    ctx: AppContext, owner: Principal, description: str, amount: str = "5.00", **extra: Any
) -> TransactionOut:
    """A transaction without a category, as an import leaves one."""
    with ctx.uow() as uow:
        return transactions.record(
            uow,
            owner,
            data=TransactionCreate(
                amount=amount,
                description=description,
                date=extra.pop("date", "2026-11-02"),
                **extra,
            ),
        )


def _rule(ctx: AppContext, owner: Principal, condition: str, **sets: str) -> int:
    with ctx.uow() as uow:
        return service_rules.add_rule(uow, owner, data=RuleCreate(condition=condition, **sets)).id


def _apply(ctx: AppContext, principal: Principal, **options: Any) -> RuleApplyOut:
    with ctx.uow(write=not options.get("dry_run", False)) as uow:
        return service_apply.apply_rules(uow, principal, **options)


def _books(ctx: AppContext, owner: Principal) -> tuple[list[TransactionOut], int]:
    """Every transaction as stored (with versions) and the latest event id."""
    with ctx.uow(write=False) as uow:
        page = transactions.list_transactions(uow, owner, limit=10_000)
        return page.items, events.latest_id(uow, owner)


def _by_id(ctx: AppContext, owner: Principal) -> dict[int, TransactionOut]:
    return {tx.id: tx for tx in _books(ctx, owner)[0]}


def _bank(ctx: AppContext, owner: Principal) -> None:
    with ctx.uow() as uow:
        accounts.create(uow, owner, AccountCreate(name="Bank", opening_date="2026-01-01"))


def test_the_rules_categorise_recorded_rows_in_one_go(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _bank(ctx, owner)
    shop = _loose(ctx, owner, "MERCADONA VALENCIA")
    bus = _loose(ctx, owner, "EMT bus", "1.50", payment_method="Bank")
    refund = _loose(ctx, owner, "Mercadona refund", kind=Kind.INCOME)
    done = record(ctx, owner, description="Mercadona", category="Restaurants")
    with ctx.uow() as uow:
        moved = transfers.transfer(
            uow,
            owner,
            transfers.TransferCreate(
                amount="75.00",
                from_account="Cash",
                to_account="Bank",
                date="2026-11-20",
                description="MERCADONA",
            ),
        )
    _rule(ctx, owner, 'description ~ "mercadona"', set_category="Groceries")
    _rule(
        ctx,
        owner,
        'account = "Bank" and amount >= 1 and amount <= 2',
        set_category="Transport",
        set_description="Bus ticket",
    )
    result = _apply(ctx, owner)
    assert (result.dry_run, result.rules, result.examined) == (False, 2, 4)
    assert (result.changed, result.categories_set, result.descriptions_set) == (3, 3, 1)
    assert {c.id: (c.category, c.new_category) for c in result.changes} == {
        shop.id: (None, "Groceries"),
        bus.id: (None, "Transport"),
        done.id: ("Restaurants", "Groceries"),
    }
    after = _by_id(ctx, owner)
    assert after[shop.id].category == "Groceries"
    assert after[shop.id].version == 2
    assert (after[bus.id].category, after[bus.id].description) == ("Transport", "Bus ticket")
    assert after[refund.id].category is None  # an expense category never goes on an income
    assert after[refund.id].version == 1
    assert after[moved.id].category is None
    assert after[moved.id].version == 1
    with ctx.uow(write=False) as uow:
        latest = events.since(uow, owner, 0)[-1]
    assert (latest.type, latest.payload["changed"]) == ("rules.applied", 3)
    again = _apply(ctx, owner)
    assert (again.changed, again.changes) == (0, [])


def test_a_dry_run_changes_nothing_and_shows_what_would_change(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    loose = _loose(ctx, owner, "Netflix")
    _rule(ctx, owner, 'description contains "netflix"', set_category="Leisure")
    before = _books(ctx, owner)
    preview = _apply(ctx, owner, dry_run=True)
    assert preview.dry_run
    assert [(c.id, c.new_category, c.rules) for c in preview.changes] == [
        (loose.id, "Leisure", [preview.changes[0].rules[0]])
    ]
    assert _books(ctx, owner) == before


def test_the_range_limits_what_the_rules_touch(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    october = _loose(ctx, owner, "Gym", date="2026-10-31")
    november = _loose(ctx, owner, "Gym", date="2026-11-01")
    _rule(ctx, owner, 'description = "gym"', set_category="Leisure")
    result = _apply(ctx, owner, date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
    assert [c.id for c in result.changes] == [november.id]
    assert _by_id(ctx, owner)[october.id].category is None
    with pytest.raises(ValidationError, match="from"):
        _apply(ctx, owner, date_from=date(2026, 12, 1), date_to=date(2026, 11, 30))


def test_reconciled_rows_are_left_alone_unless_forced(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _bank(ctx, owner)
    old = _loose(ctx, owner, "Insurance", "30.00", payment_method="Bank", date="2026-01-05")
    with ctx.uow() as uow:
        reconciliations.reconcile(uow, owner, "Bank", balance="-30.00", on="2026-01-31")
    new = _loose(ctx, owner, "Insurance", "30.00", payment_method="Bank", date="2026-02-05")
    _rule(ctx, owner, 'description = "insurance"', set_category="Housing")
    result = _apply(ctx, owner)
    assert ([c.id for c in result.changes], result.skipped_reconciled) == ([new.id], 1)
    assert _by_id(ctx, owner)[old.id].category is None
    forced = _apply(ctx, owner, force=True)
    assert [c.id for c in forced.changes] == [old.id]
    assert _by_id(ctx, owner)[old.id].status == "reconciled"


def test_a_rule_setting_an_archived_category_changes_nothing(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _loose(ctx, owner, "Cinema")
    _loose(ctx, owner, "Bakery")
    _rule(ctx, owner, 'description = "bakery"', set_category="Groceries")
    rule_id = _rule(ctx, owner, 'description = "cinema"', set_category="Leisure")
    with ctx.uow() as uow:
        categories.archive(uow, owner, "Leisure")
        uow.commit()
    before = _books(ctx, owner)
    for dry_run in (True, False):
        with pytest.raises(ValidationError, match=f"rule {rule_id} sets the archived category"):
            _apply(ctx, owner, dry_run=dry_run)
    assert _books(ctx, owner) == before


def test_an_interrupted_application_changes_nothing(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = new_owner(ctx).principal
    for n in range(5):
        _loose(ctx, owner, f"Taxi {n}")
    _rule(ctx, owner, 'description ~ "^taxi"', set_category="Transport")
    monkeypatch.setattr(apply_steps, "WRITE_BATCH", 2)
    written: list[int] = []

    def interrupt(done: int, total: int) -> None:
        written.append(done)
        if done >= 4:
            raise KeyboardInterrupt

    before = _books(ctx, owner)
    with pytest.raises(KeyboardInterrupt):
        _apply(ctx, owner, progress=interrupt)
    assert written == [2, 4]
    assert _books(ctx, owner) == before


def test_viewers_preview_editors_apply_and_other_workspaces_stay_apart(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    viewer = add_member(ctx, owner, Role.VIEWER).principal
    editor = add_member(ctx, owner, Role.EDITOR).principal
    mine = _loose(ctx, owner.principal, "Pharmacy")
    stranger = new_owner(ctx).principal
    theirs = _loose(ctx, stranger, "Pharmacy")
    _rule(ctx, owner.principal, 'description = "pharmacy"', set_category="Health")
    assert [c.id for c in _apply(ctx, viewer, dry_run=True).changes] == [mine.id]
    with pytest.raises(PermissionDeniedError):
        _apply(ctx, viewer)
    assert [c.id for c in _apply(ctx, editor).changes] == [mine.id]
    assert _by_id(ctx, stranger)[theirs.id].category is None


def test_a_rule_moving_rows_to_another_account_keeps_the_month_sums(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _bank(ctx, owner)
    card = _loose(ctx, owner, "AMAZON EU", "20.00", payment_method="Cash")
    _rule(ctx, owner, 'description contains "amazon"', set_method="Bank")
    result = _apply(ctx, owner)
    assert [(c.id, c.method, c.new_method) for c in result.changes] == [(card.id, "Cash", "Bank")]
    with ctx.uow(write=False) as uow:
        assert month_sums.check(uow).drifted == []
        sheet = accounts.balance_sheet(uow, owner, on=date(2026, 11, 30))
    balances = {line.name: line.balance for line in sheet.accounts}
    assert (balances["Bank"], balances["Cash"]) == (Decimal("-20.00"), Decimal("0.00"))


def test_rules_set_payees_and_add_tags_to_recorded_rows_once(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    coffee = _loose(ctx, owner, "CAFE CENTRAL 0042")
    already = _loose(ctx, owner, "Cafe central terrace", payee="CAFÉ Central", tags=["coffee"])
    other = _loose(ctx, owner, "Bakery")
    with ctx.uow() as uow:
        service_rules.add_rule(
            uow,
            owner,
            data=RuleCreate(
                condition='description contains "central"',
                set_payee="Café Central",
                add_tags=["coffee", "out"],
            ),
        )
        service_rules.add_rule(
            uow,
            owner,
            data=RuleCreate(condition='payee = "Café Central"', set_category="Restaurants"),
        )

    preview = _apply(ctx, owner, dry_run=True)
    planned = {change.id: change for change in preview.changes}
    # The rule's payee is the workspace's, spelled as first written.
    assert planned[coffee.id].new_payee == "CAFÉ Central"
    assert planned[coffee.id].new_tags == ["coffee", "out"]
    # The same payee in other case and accents is no change; only the missing tag is added.
    assert planned[already.id].new_payee is None
    assert planned[already.id].new_tags == ["out"]
    assert other.id not in planned
    assert _by_id(ctx, owner)[coffee.id].payee is None

    applied = _apply(ctx, owner, dry_run=False)
    assert (applied.changed, applied.payees_set, applied.tags_added) == (2, 1, 2)
    rows = _by_id(ctx, owner)
    assert rows[coffee.id].payee == "CAFÉ Central"
    assert rows[coffee.id].payee_id == rows[already.id].payee_id
    assert sorted(rows[coffee.id].tags) == ["coffee", "out"]
    assert sorted(rows[already.id].tags) == ["coffee", "out"]
    # The payee condition saw the recorded payee of the row that had one.
    assert rows[already.id].category == "Restaurants"
    assert rows[coffee.id].category is None
    # Conditions see rows as recorded before a run: the payee set now counts on the next.
    again = _apply(ctx, owner, dry_run=False)
    assert [(c.id, c.new_category) for c in again.changes] == [(coffee.id, "Restaurants")]
    assert _apply(ctx, owner, dry_run=False).changed == 0


def test_a_split_transaction_keeps_its_parts_when_a_rule_sets_a_category(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal
    receipt = _loose(
        ctx,
        owner,
        "MERCADONA 85",
        amount="85.40",
        splits=[
            SplitCreate(category="Groceries", amount="60"),
            SplitCreate(category="Clothing", amount="25.40"),
        ],
    )
    _rule(ctx, owner, 'description ~ "mercadona"', set_category="Restaurants")
    with ctx.uow() as uow:
        service_rules.add_rule(
            uow, owner, data=RuleCreate(condition='description ~ "mercadona"', add_tags=["shop"])
        )

    applied = _apply(ctx, owner, dry_run=False)
    assert (applied.changed, applied.categories_set, applied.tags_added) == (1, 0, 1)
    row = _by_id(ctx, owner)[receipt.id]
    assert row.category is None
    assert [(part.category, part.amount) for part in row.splits] == [
        ("Groceries", Decimal("60.00")),
        ("Clothing", Decimal("25.40")),
    ]
    assert row.tags == ["shop"]
