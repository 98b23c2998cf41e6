"""Paying a debt (and, on request, recording it in an account) and its repayment schedule.

A payment, the transfer and interest row it records and their events commit in one unit of
work. The
debt's row is locked first, and the whole payment history is replayed with the new payment
in it, so a payment larger than the balance on its date is refused even when two people
pay at once or a payment is back-dated before others.
"""

from __future__ import annotations

from decimal import Decimal

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountOut
from fopymes_server.categories import service as categories
from fopymes_server.core.dates import parse_date
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor, parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.debts import steps
from fopymes_server.debts.repository import DebtRow
from fopymes_server.debts.rules import Payment, amortisation_schedule, payment_parts
from fopymes_server.debts.schemas import (
    DebtDetail,
    Direction,
    PaymentCreate,
    ScheduleRowOut,
)
from fopymes_server.debts.service import find, show
from fopymes_server.debts.stored import as_payments, terms_of
from fopymes_server.events import service as events
from fopymes_server.transactions import steps as transactions
from fopymes_server.transactions.schemas import Kind, TransactionCreate


def _record(
    uow: UnitOfWork,
    principal: Principal,
    row: DebtRow,
    data: PaymentCreate,
    parts: tuple[Decimal, Decimal],
) -> tuple[int | None, int | None]:
    """Record the payment in its account, not committed: the principal part as a transfer
    to (i_owe) or from (owed_to_me) the debt's loan account, the interest part as an expense
    (i_owe) or an income (owed_to_me). Returns their ids (None for a part of zero)."""
    if data.payment_method is None:
        raise ValidationError(
            "payment method", "recording a payment needs the account it was paid from or into"
        )
    account = accounts.resolve(uow, principal, data.payment_method, field="payment_method")
    if account.currency != row.currency:
        raise ValidationError(
            "payment method",
            f"'{account.name}' is in {account.currency}, the debt in {row.currency}",
        )
    interest, principal_part = parts
    owe = row.direction == Direction.I_OWE.value
    day = parse_date(data.date, uow.clock.today())
    transfer_id = interest_id = None
    if principal_part:
        loan = loan_account(uow, principal, row)
        minor = to_minor(principal_part, row.currency)
        transfer_id = transactions.add_transfer(
            uow,
            principal,
            source=account if owe else loan,
            target=loan if owe else account,
            amount_minor=minor,
            counter_minor=minor,
            day=day,
            description=f"Debt {'payment to' if owe else 'repayment from'} {row.contact}",
            note=data.note,
        ).id
    if interest:
        active = {c.id for c in categories.list_categories(uow, principal)}
        interest_id = transactions.add(
            uow,
            principal,
            TransactionCreate(
                kind=Kind.EXPENSE if owe else Kind.INCOME,
                amount=interest,
                currency=row.currency,
                date=day,
                category=row.category_id if row.category_id in active else None,
                payment_method=account.id,
                description=f"Debt interest {'to' if owe else 'from'} {row.contact}",
                note=data.note,
            ),
        ).id
    return transfer_id, interest_id


def loan_account(uow: UnitOfWork, principal: Principal, row: DebtRow) -> AccountOut:
    """The debt's loan account; one is opened with the principal on the start date if it
    has none (its account was removed)."""
    if row.account_id is not None:
        return accounts.resolve(uow, principal, row.account_id)
    return steps.open_loan_account(
        uow,
        principal,
        debt_id=row.id,
        contact=row.contact,
        lent=row.direction == Direction.OWED_TO_ME.value,
        currency=row.currency,
        opening_minor=row.principal_minor,
        opening_date=row.start_date,
    )


def pay(uow: UnitOfWork, principal: Principal, debt_id: int, *, data: PaymentCreate) -> DebtDetail:
    """Record a payment of a debt (by me, or to me for a debt owed to me).

    Interest accrues to the payment's date first; the payment covers unpaid interest, then
    principal. Raises PermissionDeniedError for viewers; NotFoundError for an unknown debt or
    payment method; ValidationError for a bad amount, a date in the future or before the debt
    started, or an archived method; RuleViolationError when the payment is more than the
    balance on its date (or would make a later payment more than the balance).
    """
    principal.require_write()
    row = find(uow, principal, debt_id)
    uow.debts.lock(principal.workspace_id, row.id)
    amount = parse_amount(data.amount, row.currency, field="amount")
    today = uow.clock.today()
    day = parse_date(data.date, today)
    if day > today:
        raise ValidationError("date", f"{day} is in the future; record payments once made")
    if day < row.start_date:
        raise ValidationError("date", f"{day} is before the debt started ({row.start_date})")
    method_id = None
    if data.payment_method is not None:
        method = accounts.resolve(uow, principal, data.payment_method, field="payment_method")
        if method.archived:
            raise ValidationError("payment method", f"'{method.name}' is archived")
        method_id = method.id
    earlier = uow.debts.payments(principal.workspace_id, [row.id])
    replay = [*as_payments(earlier, row.currency), Payment(day, amount)]
    # One replay of every payment with the new one in it: it refuses a payment larger than
    # the balance on its date (this one or a later one) and divides the new one.
    parts = payment_parts(terms_of(row), replay)[-1]
    transfer_id, interest_id = (
        _record(uow, principal, row, data, parts) if data.record_transaction else (None, None)
    )
    payment_id = uow.debts.add_payment(
        principal.workspace_id,
        {
            "debt_id": row.id,
            "amount_minor": to_minor(amount, row.currency),
            "date": day,
            "payment_method_id": method_id,
            "transaction_id": transfer_id,
            "interest_transaction_id": interest_id,
            "note": data.note.strip() or None if data.note else None,
            "created_by": principal.user_id,
            "created_at": uow.clock.now(),
        },
    )
    events.record(
        uow,
        principal,
        "debt.paid",
        entity_id=row.id,
        payload={"payment_id": payment_id, "amount": str(amount), "currency": row.currency},
    )
    detail = show(uow, principal, row.id)
    uow.commit()
    return detail


def schedule(
    uow: UnitOfWork,
    principal: Principal,
    debt_id: int,
    *,
    instalments: int | None = None,
    monthly_payment: str | Decimal | None = None,
) -> list[ScheduleRowOut]:
    """The monthly repayment plan from the debt's start: the given number of instalments or
    monthly payment, else the ones stored with the debt.

    Raises NotFoundError for an unknown debt; ValidationError when there is no plan to use,
    both are given or a value is out of range; RuleViolationError when a monthly payment does
    not cover the interest or would take more than 1200 months.
    """
    row = find(uow, principal, debt_id)
    monthly = (
        parse_amount(monthly_payment, row.currency, field="monthly_payment")
        if monthly_payment is not None
        else None
    )
    if instalments is None and monthly is None:
        instalments = row.instalments
        if row.instalment_minor is not None:
            monthly = from_minor(row.instalment_minor, row.currency)
    if instalments is None and monthly is None:
        raise ValidationError(
            "instalments", "give --instalments N or --monthly AMOUNT (the debt has no plan)"
        )
    rows = amortisation_schedule(terms_of(row), instalments=instalments, monthly_payment=monthly)
    return [
        ScheduleRowOut(
            number=r.number,
            due=r.due,
            payment=r.payment,
            interest=r.interest,
            principal=r.principal,
            remaining=r.remaining,
        )
        for r in rows
    ]
