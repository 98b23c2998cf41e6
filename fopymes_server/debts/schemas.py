"""Debt data in and out: debts with their computed balance, payments, schedules, totals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

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
    """Category of the transactions payments record: expense for i_owe, income otherwise."""
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
    """Also record an expense (i_owe) or income (owed_to_me) transaction."""
    note: str | None = None


class DebtOut(BaseModel):
    """A debt and its balance on `on`, replayed from principal, interest and payments."""

    model_config = ConfigDict(frozen=True)

    id: int
    direction: Direction
    contact_id: int
    contact: str
    description: str
    principal: Decimal
    currency: str
    start_date: dt.date
    due_date: dt.date | None
    category_id: int | None
    category: str | None
    annual_rate: Decimal | None
    interest: InterestMode
    instalments: int | None
    monthly_payment: Decimal | None
    on: dt.date
    balance: Decimal
    principal_outstanding: Decimal
    interest_accrued: Decimal
    interest_unpaid: Decimal
    paid: Decimal
    status: DebtStatus
    created_at: dt.datetime


class PaymentOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    debt_id: int
    date: dt.date
    amount: Decimal
    payment_method_id: int | None
    payment_method: str | None
    transaction_id: int | None
    note: str | None


class DebtTotals(BaseModel):
    """What is owed each way in one currency (balances of the debts listed)."""

    model_config = ConfigDict(frozen=True)

    currency: str
    i_owe: Decimal
    owed_to_me: Decimal


class DebtList(BaseModel):
    items: list[DebtOut]
    totals: list[DebtTotals]


class DebtDetail(BaseModel):
    debt: DebtOut
    payments: list[PaymentOut]


class ScheduleRowOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    due: dt.date
    payment: Decimal
    interest: Decimal
    principal: Decimal
    remaining: Decimal
