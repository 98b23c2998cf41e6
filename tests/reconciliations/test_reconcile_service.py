"""Statuses, cleared balances, reconciling an account and guarding reconciled rows.

Every test runs on SQLite and PostgreSQL (the `ctx` fixture). The hypothesis test keeps
its own record of each line's status and checks that a failed reconcile changes nothing
and a matching one marks exactly the cleared lines of that account up to its date.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts import transfers
from fopymes_server.accounts.schemas import AccountCreate
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import NotFoundError, PermissionDeniedError, ValidationError
from fopymes_server.core.principal import Principal, Role
from fopymes_server.reconciliations import service, steps
from fopymes_server.reconciliations.rules import ReconciledChangeError, StatementMismatchError
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import Kind, TransactionUpdate
from tests.factories import add_member, new_owner, record

START = date(2026, 1, 1)


def _bank(ctx: AppContext, owner: Principal, opening: str = "100.00") -> None:
    with ctx.uow() as uow:
        accounts.create(
            uow,
            owner,
            AccountCreate(name="Bank", opening_balance=opening, opening_date=START),
        )


def _statuses(ctx: AppContext, owner: Principal) -> dict[int, str]:
    with ctx.uow(write=False) as uow:
        page = transactions.list_transactions(uow, owner, limit=1000)
    return {tx.id: tx.status for tx in page.items}


def _reconcile(ctx: AppContext, owner: Principal, balance: str, on: str):  # type: ignore[no-untyped-def]
    with ctx.uow() as uow:
        return service.reconcile(uow, owner, "Bank", balance=balance, on=on)


def test_a_transaction_is_cleared_unless_marked_pending(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _bank(ctx, owner)
    plain = record(ctx, owner, "10.00", payment_method="Bank", date="2026-01-05")
    pending = record(ctx, owner, "5.00", payment_method="Bank", date="2026-01-06", status="pending")
    assert (plain.status, pending.status) == ("cleared", "pending")
    with ctx.uow(write=False) as uow:
        sheet = accounts.balance_sheet(uow, owner, on=date(2026, 1, 31))
        bank = next(line for line in sheet.accounts if line.name == "Bank")
        cleared = steps.cleared_balance(
            uow, owner.workspace_id, bank.account_id, "EUR", date(2026, 1, 31)
        )
    assert bank.balance == Decimal("85.00")
    assert cleared == 9000
    assert bank.cleared_balance == Decimal("90.00")
    with ctx.uow() as uow:
        done = transactions.edit(
            uow, owner, pending.id, changes=TransactionUpdate(status="cleared")
        )
    assert done.status == "cleared"


def test_a_status_other_than_pending_or_cleared_is_refused(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with pytest.raises(ValidationError, match="status"):
        record(ctx, owner, "10.00", status="reconciled")


def test_a_matching_balance_marks_the_cleared_lines_and_is_kept(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _bank(ctx, owner)
    early = record(ctx, owner, "10.00", payment_method="Bank", date="2026-01-05")
    pending = record(ctx, owner, "7.00", payment_method="Bank", date="2026-01-06", status="pending")
    late = record(ctx, owner, "3.00", payment_method="Bank", date="2026-02-05")
    with ctx.uow() as uow:
        moved = transfers.transfer(
            uow,
            owner,
            transfers.TransferCreate(
                amount="20.00", from_account="Cash", to_account="Bank", date="2026-01-10"
            ),
        )
    done = _reconcile(ctx, owner, "110.00", "2026-01-31")
    assert (done.account, done.on, done.statement_balance, done.marked) == (
        "Bank",
        date(2026, 1, 31),
        Decimal("110.00"),
        2,
    )
    statuses = _statuses(ctx, owner)
    assert statuses[early.id] == "reconciled"
    assert statuses[moved.id] == "reconciled"
    assert statuses[pending.id] == "pending"
    assert statuses[late.id] == "cleared"
    with ctx.uow(write=False) as uow:
        listed = service.list_reconciliations(uow, owner, "Bank")
    assert listed == [done]


def test_a_mismatch_names_the_difference_and_the_pending_lines_and_changes_nothing(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal
    _bank(ctx, owner)
    record(ctx, owner, "10.00", payment_method="Bank", date="2026-01-05")
    _reconcile(ctx, owner, "90.00", "2026-01-10")
    before_pending = record(
        ctx, owner, "1.00", payment_method="Bank", date="2026-01-08", status="pending"
    )
    pending = record(ctx, owner, "7.00", payment_method="Bank", date="2026-01-20", status="pending")
    before = _statuses(ctx, owner)
    with pytest.raises(StatementMismatchError) as info:
        _reconcile(ctx, owner, "83.00", "2026-01-31")
    assert info.value.difference == Decimal("-7.00")
    assert info.value.cleared == Decimal("90.00")
    assert [line.id for line in info.value.uncleared] == [pending.id]
    assert info.value.uncleared[0].amount == Decimal("-7.00")
    assert "difference -7.00" in info.value.message
    assert before_pending.id in before
    assert _statuses(ctx, owner) == before
    with ctx.uow(write=False) as uow:
        assert len(service.list_reconciliations(uow, owner, "Bank")) == 1


def test_a_viewer_cannot_reconcile_and_another_workspace_is_not_found(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    _bank(ctx, owner.principal)
    viewer = add_member(ctx, owner, Role.VIEWER).principal
    with pytest.raises(PermissionDeniedError), ctx.uow() as uow:
        service.reconcile(uow, viewer, "Bank", balance="100.00", on="2026-01-31")
    stranger = new_owner(ctx).principal
    with ctx.uow(write=False) as uow:
        bank_id = accounts.resolve(uow, owner.principal, "Bank").id
    with pytest.raises(NotFoundError), ctx.uow() as uow:
        service.reconcile(uow, stranger, bank_id, balance="100.00", on="2026-01-31")
    with pytest.raises(NotFoundError), ctx.uow(write=False) as uow:
        service.list_reconciliations(uow, stranger, bank_id)


def test_a_reconciled_transaction_changes_only_with_force(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _bank(ctx, owner)
    tx = record(ctx, owner, "10.00", payment_method="Bank", date="2026-01-05")
    _reconcile(ctx, owner, "90.00", "2026-01-31")
    with pytest.raises(ReconciledChangeError), ctx.uow() as uow:
        transactions.edit(uow, owner, tx.id, changes=TransactionUpdate(amount="11.00"))
    with pytest.raises(ReconciledChangeError), ctx.uow() as uow:
        transactions.delete(uow, owner, tx.id)
    with ctx.uow() as uow:
        edited = transactions.edit(
            uow, owner, tx.id, changes=TransactionUpdate(description="Fixed"), force=True
        )
    assert edited.description == "Fixed"
    with ctx.uow() as uow:
        transactions.delete(uow, owner, tx.id, force=True)
    assert tx.id not in _statuses(ctx, owner)


line = st.tuples(
    st.sampled_from(["Bank", "Cash"]),
    st.sampled_from([Kind.INCOME, Kind.EXPENSE]),
    st.integers(1, 50_000),
    st.integers(0, 60),
    st.booleans(),
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    lines=st.lists(line, min_size=1, max_size=10),
    probe=st.integers(0, 60),
    off_by=st.integers(-500, 500),
)
def test_reconcile_marks_exactly_the_cleared_lines_up_to_its_date_or_nothing(
    ctx: AppContext,
    lines: list[tuple[str, Kind, int, int, bool]],
    probe: int,
    off_by: int,
) -> None:
    owner = new_owner(ctx).principal
    _bank(ctx, owner, opening="0")
    kept: dict[int, tuple[str, int, date, bool]] = {}
    for account, kind, minor, offset, pending in lines:
        day = START + timedelta(days=offset)
        tx = record(
            ctx,
            owner,
            str(Decimal(minor) / 100),
            kind=kind,
            payment_method=account,
            date=day.isoformat(),
            status="pending" if pending else "cleared",
        )
        kept[tx.id] = (account, minor if kind is Kind.INCOME else -minor, day, pending)
    on = START + timedelta(days=probe)
    cleared = sum(
        signed
        for account, signed, day, pending in kept.values()
        if account == "Bank" and day <= on and not pending
    )
    before = _statuses(ctx, owner)
    if off_by:
        with pytest.raises(StatementMismatchError):
            _reconcile(ctx, owner, str(Decimal(cleared + off_by) / 100), on.isoformat())
        assert _statuses(ctx, owner) == before
        return
    _reconcile(ctx, owner, str(Decimal(cleared) / 100), on.isoformat())
    expected = {
        tx_id: "reconciled"
        if account == "Bank" and day <= on and not pending
        else ("pending" if pending else "cleared")
        for tx_id, (account, _, day, pending) in kept.items()
    }
    assert _statuses(ctx, owner) == expected
