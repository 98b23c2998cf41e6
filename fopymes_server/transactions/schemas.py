"""Transaction data in and out, the list filter and the page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fopymes_server.core.contract import Contract, Money, examples


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


class SplitCreate(BaseModel):
    """One part of a split: a category of the transaction's kind and its share of the
    total; at most one part may leave `amount` out and take what the others leave."""

    category: str | int
    amount: str | Decimal | None = None
    note: str | None = None


class SplitOut(Contract):
    """One part of a split transaction, in the transaction's currency."""

    category: str
    category_id: int
    amount: Money
    note: str | None = None


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
    payee: str | None = None
    """Who it was with; the workspace's payee of that name in any case or accents, or a new one."""
    tags: list[str] = []
    """Tags (letters, digits, - _ / .); new ones are created."""
    splits: list[SplitCreate] | None = None
    """Divide the amount among categories (at least two parts adding up to it) instead of
    one `category`."""


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
    payee: str | None = None
    clear_payee: bool = False
    tags: list[str] | None = None
    """Replaces the set of tags; [] removes them all."""
    splits: list[SplitCreate] | None = None
    """Replaces the parts (with `amount`, when it changes too); [] with a `category` (or
    `clear_category`) makes the transaction one category again."""


_EXAMPLE: dict[str, Any] = {
    "id": 1042,
    "date": "2026-11-27",
    "kind": "expense",
    "amount": "45.20",
    "currency": "EUR",
    "category": "Groceries",
    "category_id": 12,
    "payment_method": "Cash",
    "payment_method_id": 2,
    "description": "Mercadona",
    "note": None,
    "created_by": 1,
    "created_at": "2026-11-27T09:30:00Z",
    "updated_by": 1,
    "updated_at": "2026-11-27T09:30:00Z",
    "version": 1,
    "movement": "expense",
    "counter_account": None,
    "counter_account_id": None,
    "counter_amount": None,
    "counter_currency": None,
    "status": "cleared",
    "payee": "Mercadona",
    "payee_id": 7,
    "tags": ["household"],
}


class TransactionOut(Contract):
    """A transaction; `version` grows with every change and is the ETag."""

    model_config = ConfigDict(json_schema_extra=examples(_EXAMPLE))

    id: int
    date: dt.date
    kind: Kind
    amount: Money
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
    movement: Movement = Field(
        description="income, expense or transfer (goal, debt, between accounts)."
    )
    """'transfer' for money between own pockets (goals, debts, accounts): in no total."""
    counter_account: str | None = Field(default=None, description="Where a transfer went.")
    """A transfer's account the money reached (`payment_method` is where it left)."""
    counter_account_id: int | None = None
    counter_amount: Money | None = Field(
        default=None, description="What reached counter_account, in its currency."
    )
    """What reached `counter_account`, in its currency (the rate is this / `amount`)."""
    counter_currency: str | None = None
    status: str = "cleared"
    """pending, cleared or reconciled (see `reconciliations`)."""
    payee: str | None = Field(default=None, description="Who the money went to or came from.")
    payee_id: int | None = None
    tags: list[str] = Field(default=[], description="Tags, by name.")
    splits: list[SplitOut] = Field(
        default=[], description="A split transaction's parts (category is then null)."
    )
    """The parts of a split transaction, in order; empty when it has one category."""


class TransactionFilter(BaseModel):
    """Which transactions to list; every field narrows, None means "any"."""

    month: str | None = None
    """YYYY-MM: the whole month; instead of `date_from`/`date_to` (the service checks)."""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    category: str | int | None = None
    payment_method: str | int | None = None
    kind: Kind | None = None
    search: str | None = None
    min_amount: str | Decimal | None = None
    max_amount: str | Decimal | None = None
    tag: str | None = None
    payee: str | int | None = None
    """A payee's id or name (any case or accents)."""
    uncategorised: bool = False
    """Only incomes and expenses without a category (never transfers); not with `category`."""


class CurrencyTotals(Contract):
    currency: str
    income: Money
    expense: Money
    net: Money = Field(description="income - expense; may be negative")
    count: int


class TransactionPage(Contract):
    """One page, newest first; pass `next_cursor` as `cursor` for the next (null: last page)."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "items": [_EXAMPLE],
                "next_cursor": "MjAyNi0xMS0yN3wxMDQy",
                "totals": [
                    {
                        "currency": "EUR",
                        "income": "0.00",
                        "expense": "45.20",
                        "net": "-45.20",
                        "count": 1,
                    }
                ],
            }
        ),
    )

    items: list[TransactionOut]
    next_cursor: str | None
    totals: list[CurrencyTotals]
