"""Debt data in and out: debts with their computed balance, payments, schedules, totals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fopymes_server.core.contract import Contract, Money, examples
from fopymes_server.debts.rules import DebtStatus, InterestMode


class Direction(StrEnum):
    I_OWE = "i_owe"
    OWED_TO_ME = "owed_to_me"


class DebtCreate(BaseModel):
    contact: str | int
    direction: Direction
    principal: str | Decimal
    currency: str | None = None
    """ISO 4217; the workspace's currency when omitted."""
    start: str | dt.date = "today"
    due: str | dt.date | None = None
    category: str | int | None = None
    """Category of the interest payments record: expense for i_owe, income otherwise."""
    account: str | int | None = None
    """The account the money was lent from (owed_to_me) or borrowed into (i_owe): the
    principal is recorded as a transfer between it and the debt's loan account on the start
    date. Without it the loan account opens with the principal."""
    annual_rate: str | Decimal | None = None
    """Percent per year, e.g. "5.25"; at most four decimals."""
    interest: str = "simple"
    instalments: int | None = None
    monthly_payment: str | Decimal | None = None
    description: str = ""


class PaymentCreate(BaseModel):
    amount: str | Decimal
    date: str | dt.date = "today"
    payment_method: str | int | None = None
    record_transaction: bool = False
    """Also record the payment in `payment_method`: the principal part as a transfer
    between it and the debt's loan account, the interest part as an expense (i_owe) or an
    income (owed_to_me)."""
    note: str | None = None


_WHEN = "2026-11-27T09:30:00Z"
DEBT_EXAMPLE: dict[str, Any] = {
    "id": 7,
    "direction": "i_owe",
    "contact_id": 4,
    "contact": "Ana",
    "description": "Laptop",
    "principal": "1200.00",
    "currency": "EUR",
    "start_date": "2026-01-15",
    "due_date": "2026-12-15",
    "category_id": None,
    "category": None,
    "annual_rate": "5.25",
    "interest": "simple",
    "instalments": 12,
    "monthly_payment": None,
    "on": "2026-11-27",
    "balance": "852.61",
    "principal_outstanding": "800.00",
    "interest_accrued": "52.61",
    "interest_unpaid": "52.61",
    "paid": "400.00",
    "status": "open",
    "account_id": 14,
    "account": "Loan from Ana",
    "created_at": _WHEN,
}
PAYMENT_EXAMPLE: dict[str, Any] = {
    "id": 31,
    "debt_id": 7,
    "date": "2026-03-01",
    "amount": "400.00",
    "payment_method_id": 2,
    "payment_method": "Cash",
    "transaction_id": None,
    "interest_transaction_id": None,
    "note": None,
}
REPAYMENT_ROW_EXAMPLE: dict[str, Any] = {
    "number": 1,
    "due": "2026-02-15",
    "payment": "102.86",
    "interest": "5.25",
    "principal": "97.61",
    "remaining": "1102.39",
}


class DebtOut(Contract):
    """A debt valued on `on` (today, or its start while it has not started): the balance is
    replayed from principal, interest and every payment made by then."""

    model_config = ConfigDict(json_schema_extra=examples(DEBT_EXAMPLE))

    id: int
    direction: Direction
    contact_id: int
    contact: str
    description: str
    principal: Money
    currency: str
    start_date: dt.date
    due_date: dt.date | None
    category_id: int | None
    category: str | None
    annual_rate: Money | None = Field(description="Percent per year.")
    interest: InterestMode
    instalments: int | None
    monthly_payment: Money | None
    on: dt.date
    balance: Money = Field(description="principal_outstanding + interest_unpaid")
    principal_outstanding: Money
    interest_accrued: Money
    interest_unpaid: Money
    paid: Money
    status: DebtStatus
    account_id: int | None = Field(
        description="The loan account holding what is owed (a liability for i_owe)."
    )
    account: str | None
    created_at: dt.datetime


class PaymentOut(Contract):
    """A payment of a debt; `transaction_id` names the transfer of its principal and
    `interest_transaction_id` the expense or income of its interest, when recorded."""

    model_config = ConfigDict(json_schema_extra=examples(PAYMENT_EXAMPLE))

    id: int
    debt_id: int
    date: dt.date
    amount: Money
    payment_method_id: int | None
    payment_method: str | None
    transaction_id: int | None
    interest_transaction_id: int | None
    note: str | None


class DebtTotals(Contract):
    """What the listed debts owe each way, in one currency."""

    currency: str
    i_owe: Money
    owed_to_me: Money


class DebtList(Contract):
    """Debts by id with today's balance; `totals` sums the listed balances per currency."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "items": [DEBT_EXAMPLE],
                "totals": [{"currency": "EUR", "i_owe": "852.61", "owed_to_me": "0.00"}],
            }
        )
    )

    items: list[DebtOut]
    totals: list[DebtTotals]


class DebtDetail(Contract):
    """A debt with all its payments, in the order they apply."""

    model_config = ConfigDict(
        json_schema_extra=examples({"debt": DEBT_EXAMPLE, "payments": [PAYMENT_EXAMPLE]})
    )

    debt: DebtOut
    payments: list[PaymentOut]


class ScheduleRowOut(Contract):
    """One instalment of a debt's monthly repayment plan."""

    model_config = ConfigDict(json_schema_extra=examples(REPAYMENT_ROW_EXAMPLE))

    number: int
    due: dt.date
    payment: Money
    interest: Money
    principal: Money
    remaining: Money
