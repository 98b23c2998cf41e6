"""How a stored debt reads: its exact terms, and its balance replayed from the payments.

Shared by `debts/service.py` and `debts/payments.py`. The rate is kept as an integer of
parts per million per year (`debts/parse.py`), so the Decimal percent given to the rules
is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from fopymes_server.core.money import from_minor
from fopymes_server.debts.parse import PPM_PER_PERCENT
from fopymes_server.debts.repository import DebtRow, PaymentRow
from fopymes_server.debts.rules import (
    DebtTerms,
    InterestMode,
    Payment,
    balance_on,
    debt_status,
)
from fopymes_server.debts.schemas import DebtOut, Direction, PaymentOut


def rate_percent(ppm: int | None) -> Decimal | None:
    return None if ppm is None else Decimal(ppm) / PPM_PER_PERCENT


def terms_of(row: DebtRow) -> DebtTerms:
    return DebtTerms(
        principal=from_minor(row.principal_minor, row.currency),
        currency=row.currency,
        start=row.start_date,
        annual_rate=rate_percent(row.annual_rate_ppm),
        interest=InterestMode(row.interest),
    )


def as_payments(rows: Sequence[PaymentRow], currency: str) -> list[Payment]:
    return [Payment(p.date, from_minor(p.amount_minor, currency)) for p in rows]


def debt_out(row: DebtRow, payments: Sequence[PaymentRow], today: date) -> DebtOut:
    """The debt valued on today (or on its start, while it has not started)."""
    on = max(today, row.start_date, *(p.date for p in payments))
    balance = balance_on(terms_of(row), as_payments(payments, row.currency), on)
    return DebtOut(
        id=row.id,
        direction=Direction(row.direction),
        contact_id=row.contact_id,
        contact=row.contact,
        description=row.description,
        principal=from_minor(row.principal_minor, row.currency),
        currency=row.currency,
        start_date=row.start_date,
        due_date=row.due_date,
        category_id=row.category_id,
        category=row.category,
        annual_rate=rate_percent(row.annual_rate_ppm),
        interest=InterestMode(row.interest),
        instalments=row.instalments,
        monthly_payment=from_minor(row.instalment_minor, row.currency)
        if row.instalment_minor is not None
        else None,
        on=on,
        balance=balance.balance,
        principal_outstanding=balance.principal_outstanding,
        interest_accrued=balance.interest_accrued,
        interest_unpaid=balance.interest_unpaid,
        paid=balance.paid,
        status=debt_status(balance.balance, row.due_date, today),
        account_id=row.account_id,
        account=row.account,
        created_at=row.created_at,
    )


def payment_out(row: PaymentRow, currency: str) -> PaymentOut:
    return PaymentOut(
        id=row.id,
        debt_id=row.debt_id,
        date=row.date,
        amount=from_minor(row.amount_minor, currency),
        payment_method_id=row.payment_method_id,
        payment_method=row.payment_method,
        transaction_id=row.transaction_id,
        interest_transaction_id=row.interest_transaction_id,
        note=row.note,
    )
