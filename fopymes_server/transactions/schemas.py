"""Transaction data in and out, the list filter and the page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Kind(StrEnum):
    INCOME = "income"
    EXPENSE = "expense"
    TRANSFER = "transfer"
    """Between two accounts; recorded with `payment_methods.transfers`, never as a kind
    of `TransactionCreate`."""


class Movement(StrEnum):
    """What a row counts as in every total (the rule is in `transactions.movements`)."""

    INCOME = "income"
    EXPENSE = "expense"
    TRANSFER = "transfer"


class TransactionCreate(BaseModel):
    """What a person gives to record money in or out; text is parsed by the service."""

    kind: Kind = Kind.EXPENSE
    amount: str | Decimal
    currency: str | None = None
    """ISO 4217; the workspace's currency when omitted."""
    date: str | dt.date = "today"
    category: str | int | None = None
    payment_method: str | int | None = None
    description: str
    note: str | None = None
    status: str = "cleared"
    """pending (not on a statement yet) or cleared (see `reconciliations`)."""


class TransactionUpdate(BaseModel):
    """Fields to change; None leaves a field as it is. An empty note clears it."""

    kind: Kind | None = None
    amount: str | Decimal | None = None
    currency: str | None = None
    date: str | dt.date | None = None
    category: str | int | None = None
    payment_method: str | int | None = None
    description: str | None = None
    note: str | None = None
    clear_category: bool = False
    clear_payment_method: bool = False
    status: str | None = None
    """pending or cleared; a reconciled row changes only with force (`reconciliations`)."""


class TransactionOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    date: dt.date
    kind: Kind
    amount: Decimal
    currency: str
    category: str | None
    category_id: int | None
    payment_method: str | None
    payment_method_id: int | None
    description: str
    note: str | None
    created_by: int
    created_at: dt.datetime
    updated_by: int
    updated_at: dt.datetime
    version: int
    movement: Movement
    """'transfer' for money between own pockets (goals, debts, accounts): in no total."""
    counter_account: str | None = None
    """A transfer's account the money reached (`payment_method` is where it left)."""
    counter_account_id: int | None = None
    counter_amount: Decimal | None = None
    """What reached `counter_account`, in its currency (the rate is this / `amount`)."""
    counter_currency: str | None = None
    status: str = "cleared"
    """pending, cleared or reconciled (see `reconciliations`)."""


class TransactionFilter(BaseModel):
    """Which transactions to list; every field narrows, None means "any"."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    category: str | int | None = None
    payment_method: str | int | None = None
    kind: Kind | None = None
    search: str | None = None
    min_amount: str | Decimal | None = None
    max_amount: str | Decimal | None = None


class CurrencyTotals(BaseModel):
    currency: str
    income: Decimal
    expense: Decimal
    net: Decimal
    count: int


class TransactionPage(BaseModel):
    items: list[TransactionOut]
    next_cursor: str | None
    totals: list[CurrencyTotals]
