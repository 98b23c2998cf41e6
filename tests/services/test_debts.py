"""Contacts and debts through the service layer on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fopymes_server.accounts import service as accounts
from fopymes_server.contacts import service as contacts
from fopymes_server.contacts.schemas import ContactCreate
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    ValidationError,
)
from fopymes_server.core.principal import Principal, Role
from fopymes_server.debts import payments, service
from fopymes_server.debts.rules import DebtStatus
from fopymes_server.debts.schemas import DebtCreate, Direction, PaymentCreate
from fopymes_server.transactions import service as transactions
from tests.factories import add_member, at_noon, hand_clock, make_contact, make_debt, new_owner


@pytest.fixture(autouse=True)
def _mid_november(ctx: AppContext) -> None:
    hand_clock(ctx, at_noon("2026-11-15"))


def _pay(ctx: AppContext, principal: Principal, debt_id: int, amount: str, **fields: object):  # type: ignore[no-untyped-def]
    with ctx.uow() as uow:
        return payments.pay(
            uow,
            principal,
            debt_id,
            data=PaymentCreate(amount=amount, **fields),  # type: ignore[arg-type]
        )


def _show(ctx: AppContext, principal: Principal, debt_id: int, on: date | None = None):  # type: ignore[no-untyped-def]
    with ctx.uow(write=False) as uow:
        return service.show(uow, principal, debt_id, on=on)


def test_the_balance_is_principal_plus_interest_minus_payments_to_the_cent(
    ctx: AppContext,
) -> None:
    p = new_owner(ctx).principal
    debt = make_debt(ctx, p, "1200.00", start="2026-01-15", annual_rate="6")
    # 304 days of 6 % on 1,200.00: 1200 * 6 * 304 / 36500 = 59.967...
    assert (debt.interest_accrued, debt.balance) == (Decimal("59.97"), Decimal("1259.97"))

    _pay(ctx, p, debt.id, "100.00", date="2026-02-15")
    paid = _show(ctx, p, debt.id).debt
    # Feb 15: 6.115... interest posted as 6.12, so 93.88 repays principal (1,106.12 left);
    # to Nov 15 the exact running total is 55.7538..., posted as 55.75.
    assert paid.principal_outstanding == Decimal("1106.12")
    assert (paid.interest_accrued, paid.interest_unpaid) == (Decimal("55.75"), Decimal("49.63"))
    assert paid.balance == Decimal("1155.75")
    assert paid.paid + paid.balance == Decimal("1200.00") + paid.interest_accrued
    in_march = _show(ctx, p, debt.id, on=date(2026, 3, 15)).debt
    assert in_march.paid == Decimal("100.00")
    assert in_march.balance < paid.balance


def test_monthly_compounding_charges_interest_on_unpaid_interest(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    simple = make_debt(ctx, p, "10000.00", start="2025-11-15", annual_rate="12")
    compound = make_debt(
        ctx, p, "10000.00", start="2025-11-15", annual_rate="12", interest="compound", contact="Bo"
    )
    assert simple.interest_accrued == Decimal("1200.00")  # 365 days at 12 %
    assert compound.interest_accrued > Decimal("1260.00")
    assert compound.interest.value == "compound_monthly"


def _balances(ctx: AppContext, p: Principal) -> dict[str, Decimal]:
    with ctx.uow(write=False) as uow:
        return {line.name: line.balance for line in accounts.balance_sheet(uow, p).accounts}


def test_a_recorded_payment_transfers_the_principal_and_counts_only_the_interest(
    ctx: AppContext,
) -> None:
    p = new_owner(ctx).principal
    # 1,200.00 at 12 % simple from 15 Oct: 31 days of interest by 15 Nov are 12.23.
    owed = make_debt(ctx, p, "1200.00", category="Housing", annual_rate="12", start="2026-10-15")
    lent = make_debt(ctx, p, "80.00", direction="owed_to_me", category="Other income", contact="Bo")
    assert (owed.account, lent.account) == ("Loan from Ana", "Loan to Bo")
    assert _balances(ctx, p) == {
        "Cash": Decimal("0.00"),
        "Loan to Bo": Decimal("80.00"),
        "Loan from Ana": Decimal("-1200.00"),
    }
    detail = _pay(ctx, p, owed.id, "120.00", payment_method="cash", record_transaction=True)
    back = _pay(ctx, p, lent.id, "80.00", payment_method="Cash", record_transaction=True)
    assert detail.debt.principal_outstanding == Decimal("1092.23")
    assert back.debt.status is DebtStatus.PAID
    with ctx.uow(write=False) as uow:
        listed = transactions.list_transactions(uow, p)
    recorded = {t.id: t for t in listed.items}
    paid = detail.payments[0]
    principal_part = recorded[paid.transaction_id]  # type: ignore[index]
    interest_part = recorded[paid.interest_transaction_id]  # type: ignore[index]
    assert (
        principal_part.kind.value,
        principal_part.amount,
        principal_part.payment_method,
        principal_part.counter_account,
    ) == ("transfer", Decimal("107.77"), "Cash", "Loan from Ana")
    assert (interest_part.kind.value, interest_part.amount, interest_part.category) == (
        "expense",
        Decimal("12.23"),
        "Housing",
    )
    came_in = recorded[back.payments[0].transaction_id]  # type: ignore[index]
    assert (came_in.kind.value, came_in.payment_method, came_in.counter_account) == (
        "transfer",
        "Loan to Bo",
        "Cash",
    )
    assert back.payments[0].interest_transaction_id is None
    assert (listed.totals[0].income, listed.totals[0].expense) == (Decimal(0), Decimal("12.23"))
    assert _balances(ctx, p) == {
        "Cash": Decimal("-40.00"),
        "Loan to Bo": Decimal("0.00"),
        "Loan from Ana": Decimal("-1092.23"),
    }
    with pytest.raises(ValidationError, match="payment method"):
        _pay(ctx, p, owed.id, "10.00", record_transaction=True)


def test_lending_from_an_account_moves_the_principal_out_of_it(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_debt(ctx, p, "300.00", direction="owed_to_me", account="Cash", start="2026-11-01")
    make_debt(ctx, p, "500.00", contact="Bank", account="Cash", start="2026-11-02")
    assert _balances(ctx, p) == {
        "Cash": Decimal("200.00"),
        "Loan to Ana": Decimal("300.00"),
        "Loan from Bank": Decimal("-500.00"),
    }
    with ctx.uow(write=False) as uow:
        listed = transactions.list_transactions(uow, p)
    assert {t.kind.value for t in listed.items} == {"transfer"}
    with pytest.raises(ValidationError, match="is in EUR, the debt in USD"):
        make_debt(ctx, p, "5.00", contact="Cy", currency="USD", account="Cash")


def test_a_payment_larger_than_the_balance_is_refused_and_writes_nothing(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    debt = make_debt(ctx, p, "100.00", start="2026-10-01")
    _pay(ctx, p, debt.id, "60.00", date="2026-11-10")
    for amount, day in (("40.01", "today"), ("50.00", "2026-11-01")):  # the later 60 would not fit
        with pytest.raises(RuleViolationError, match="more than the balance"):
            _pay(ctx, p, debt.id, amount, date=day, payment_method="Cash", record_transaction=True)
    for amount, day, field in (
        ("0", "today", "amount"),
        ("1.001", "today", "amount"),
        ("1", "2026-09-30", "date"),
        ("1", "2026-11-16", "date"),
    ):
        with pytest.raises(ValidationError) as info:
            _pay(ctx, p, debt.id, amount, date=day)
        assert info.value.field == field
    assert [x.amount for x in _show(ctx, p, debt.id).payments] == [Decimal("60.00")]
    with ctx.uow(write=False) as uow:
        assert transactions.list_transactions(uow, p).items == []
    assert _pay(ctx, p, debt.id, "40.00").debt.status is DebtStatus.PAID


def test_the_list_says_what_is_owed_each_way_and_filters(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    late = make_debt(ctx, p, "100.00", start="2026-10-01", due="2026-11-01")
    make_debt(ctx, p, "250.00", direction="owed_to_me", contact="Bo", due="2026-12-01")
    settled = make_debt(ctx, p, "50.00", direction="owed_to_me", contact="Cy", currency="USD")
    _pay(ctx, p, settled.id, "50.00")
    with ctx.uow(write=False) as uow:
        everything = service.list_debts(uow, p)
        still_open = service.list_debts(uow, p, open_only=True)
        owed_to_me = service.list_debts(uow, p, direction=Direction.OWED_TO_ME)
    assert [d.status for d in everything.items] == [
        DebtStatus.OVERDUE,
        DebtStatus.OPEN,
        DebtStatus.PAID,
    ]
    assert [(t.currency, t.i_owe, t.owed_to_me) for t in everything.totals] == [
        ("EUR", Decimal("100.00"), Decimal("250.00")),
        ("USD", Decimal("0.00"), Decimal("0.00")),
    ]
    assert [d.status for d in still_open.items] == [DebtStatus.OVERDUE, DebtStatus.OPEN]
    assert still_open.items[0].id == late.id
    assert [d.contact for d in owed_to_me.items] == ["Bo", "Cy"]


def test_an_amortisation_schedule_repays_principal_and_interest_exactly(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    debt = make_debt(ctx, p, "1200.00", start="2026-01-15", annual_rate="6", instalments=12)
    with ctx.uow(write=False) as uow:
        rows = payments.schedule(uow, p, debt.id)
        by_amount = payments.schedule(uow, p, debt.id, monthly_payment="500")
    assert len(rows) == 12
    assert rows[0].due == date(2026, 2, 15)
    level = rows[0].payment  # the annuity at 0.5 % a month is 103.2797...
    assert Decimal("103.00") < level < Decimal("103.50")
    assert {r.payment for r in rows[:-1]} == {level}
    assert rows[-1].payment <= level
    assert rows[-1].remaining == Decimal("0.00")
    interest = sum((r.interest for r in rows), Decimal(0))
    assert sum((r.payment for r in rows), Decimal(0)) == Decimal("1200.00") + interest
    assert [r.payment for r in by_amount][:2] == [Decimal("500.00")] * 2
    assert len(by_amount) == 3
    plain = make_debt(ctx, p, "10.00", contact="Bo")
    with pytest.raises(ValidationError, match="instalments"), ctx.uow(write=False) as uow:
        payments.schedule(uow, p, plain.id)
    with pytest.raises(RuleViolationError, match="does not cover the interest"):
        make_debt(ctx, p, "10000.00", annual_rate="24", monthly_payment="100", contact="Cy")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"principal": "0"}, "principal"),
        ({"principal": "1.001"}, "principal"),
        ({"annual_rate": "5.12345"}, "interest_rate"),
        ({"annual_rate": "-1"}, "interest_rate"),
        ({"annual_rate": "lots"}, "interest_rate"),
        ({"interest": "daily"}, "interest"),
        ({"start": "2026-02-30"}, "start"),
        ({"due": "2026-01-01", "start": "2026-02-01"}, "due"),
        ({"category": "Salary"}, "category"),
        ({"instalments": 3, "monthly_payment": "10"}, "instalments"),
        ({"currency": "EURO"}, "currency"),
    ],
)
def test_bad_debts_are_refused_naming_the_field(
    ctx: AppContext, fields: dict[str, object], field: str
) -> None:
    p = new_owner(ctx).principal
    make_contact(ctx, p, "Ana")
    data = {"contact": "Ana", "direction": Direction.I_OWE, "principal": "100", **fields}
    with pytest.raises(ValidationError) as info, ctx.uow() as uow:
        service.add(uow, p, data=DebtCreate(**data))  # type: ignore[arg-type]
    assert info.value.field == field
    with ctx.uow(write=False) as uow:
        assert service.list_debts(uow, p).items == []


def test_a_rate_is_kept_exactly(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    debt = make_debt(ctx, p, "100.00", annual_rate="5.2525%")
    assert _show(ctx, p, debt.id).debt.annual_rate == Decimal("5.2525")


def test_contacts_are_unique_may_be_members_and_stay_while_debts_refer_to_them(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    p = owner.principal
    editor = add_member(ctx, owner, Role.EDITOR)
    colleague = make_contact(ctx, p, "Colleague", member=editor.email.upper())
    assert (colleague.user_id, colleague.email) == (editor.principal.user_id, editor.email)
    with pytest.raises(NotFoundError, match="no member"):
        make_contact(ctx, p, "Nobody", member="nobody@example.com")
    with pytest.raises(ConflictError):
        make_contact(ctx, p, "colleague")
    with pytest.raises(ValidationError) as info:
        make_contact(ctx, p, "Eve", email="not-an-email")
    assert info.value.field == "email"
    debt = make_debt(ctx, p, "10.00", contact="Colleague")
    with pytest.raises(RuleViolationError, match="1 debt"), ctx.uow() as uow:
        contacts.remove(uow, p, "Colleague")
    with ctx.uow() as uow:
        service.remove(uow, p, debt.id)
    with ctx.uow() as uow:
        contacts.remove(uow, p, colleague.id)
    with ctx.uow(write=False) as uow:
        assert contacts.list_contacts(uow, p) == []


def test_viewers_and_other_workspaces(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    viewer = add_member(ctx, owner, Role.VIEWER)
    stranger = new_owner(ctx)
    debt = make_debt(ctx, owner.principal, "100.00", instalments=2)
    contact_id = debt.contact_id
    assert _show(ctx, viewer.principal, debt.id).debt.balance == Decimal("100.00")
    for write in (
        lambda uow: payments.pay(uow, viewer.principal, debt.id, data=PaymentCreate(amount="1")),
        lambda uow: service.remove(uow, viewer.principal, debt.id),
        lambda uow: contacts.add(uow, viewer.principal, data=ContactCreate(name="Zed")),
        lambda uow: contacts.remove(uow, viewer.principal, contact_id),
    ):
        with pytest.raises(PermissionDeniedError), ctx.uow() as uow:
            write(uow)
    for attempt in (
        lambda uow: service.show(uow, stranger.principal, debt.id),
        lambda uow: payments.schedule(uow, stranger.principal, debt.id),
        lambda uow: payments.pay(uow, stranger.principal, debt.id, data=PaymentCreate(amount="1")),
        lambda uow: service.remove(uow, stranger.principal, debt.id),
        lambda uow: contacts.remove(uow, stranger.principal, contact_id),
        lambda uow: service.add(
            uow,
            stranger.principal,
            data=DebtCreate(contact=contact_id, direction=Direction.I_OWE, principal="1"),
        ),
    ):
        with pytest.raises(NotFoundError), ctx.uow() as uow:
            attempt(uow)
    with ctx.uow(write=False) as uow:
        assert service.list_debts(uow, stranger.principal).items == []
        assert contacts.list_contacts(uow, stranger.principal) == []
    assert _show(ctx, owner.principal, debt.id).payments == []
