"""Bodies of transactions and of the events feed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import (
    AmountText,
    CurrencyCode,
    Day,
    DecimalString,
    Id,
    RequestModel,
    ResponseModel,
    Text,
)
from fopymes_server.api.bodies.reconciliations import STATUS_FIELD, SettableStatus
from fopymes_server.transactions.schemas import Kind, TransactionCreate, TransactionUpdate

Description = Annotated[Text, Field(min_length=1, max_length=500)]
Note = Annotated[Text, Field(max_length=5000)]
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
    "status": "cleared",
    "movement": "expense",
    "counter_account": None,
    "counter_account_id": None,
    "counter_amount": None,
    "counter_currency": None,
}


class TransactionOut(ResponseModel):
    """A transaction; `version` grows with every change and is the ETag."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    id: int
    date: dt.date
    kind: Kind
    amount: DecimalString
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
    movement: Annotated[
        str,
        Field(description="income, expense or transfer (goal, debt, between accounts)."),
    ]
    counter_account: str | None = Field(default=None, description="Where a transfer went.")
    counter_account_id: int | None = None
    counter_amount: DecimalString | None = Field(
        default=None, description="What reached counter_account, in its currency."
    )
    counter_currency: str | None = None
    status: str = Field(default="cleared", description="pending, cleared or reconciled.")


class CurrencyTotalsOut(ResponseModel):
    currency: str
    income: DecimalString
    expense: DecimalString
    net: Annotated[DecimalString, Field(description="income - expense; may be negative")]
    count: int


class TransactionPageOut(ResponseModel):
    """One page, newest first; pass `next_cursor` as `cursor` for the next (null: last page)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
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
            ]
        }
    )

    items: list[TransactionOut]
    next_cursor: str | None
    totals: list[CurrencyTotalsOut]


class TransactionIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "expense",
                    "amount": "45.20",
                    "date": "2026-11-27",
                    "description": "Mercadona",
                }
            ]
        }
    )

    kind: Kind = Kind.EXPENSE
    amount: AmountText
    currency: CurrencyCode | None = Field(default=None, description="Default: the workspace's.")
    date: Day | None = Field(default=None, description="Default: today.")
    category_id: Id | None = None
    payment_method_id: Id | None = None
    description: Description
    note: Note | None = None
    status: SettableStatus = Field(default="cleared", description=STATUS_FIELD)

    def to_create(self) -> TransactionCreate:
        return TransactionCreate(
            kind=self.kind,
            amount=self.amount,
            currency=self.currency,
            date=self.date or "today",
            category=self.category_id,
            payment_method=self.payment_method_id,
            description=self.description,
            note=self.note,
            status=self.status,
        )


class TransactionPatch(RequestModel):
    """JSON merge patch: fields left out stay; `category_id` or `payment_method_id` set to
    null clears them, and so does null or "" for `note`."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"amount": "47.00", "note": "with the receipt"}]}
    )

    kind: Kind | None = None
    amount: AmountText | None = None
    currency: CurrencyCode | None = None
    date: Day | None = None
    category_id: Id | None = None
    payment_method_id: Id | None = None
    description: Description | None = None
    note: Note | None = None
    status: SettableStatus | None = Field(default=None, description=STATUS_FIELD)

    def to_update(self) -> TransactionUpdate:
        given = self.model_fields_set
        return TransactionUpdate(
            kind=self.kind,
            amount=self.amount,
            currency=self.currency,
            date=self.date,
            category=self.category_id,
            payment_method=self.payment_method_id,
            description=self.description,
            note="" if "note" in given and self.note is None else self.note,
            clear_category="category_id" in given and self.category_id is None,
            clear_payment_method="payment_method_id" in given and self.payment_method_id is None,
            status=self.status,
        )


class EventOut(ResponseModel):
    """Something changed in the workspace; fetch the entity for its new state."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 88,
                    "type": "transaction.created",
                    "workspace_id": 3,
                    "entity_id": 1042,
                    "version": 1,
                    "actor_id": 1,
                    "created_at": "2026-11-27T09:30:00Z",
                }
            ]
        }
    )

    id: int
    type: str
    workspace_id: int
    entity_id: int | None
    version: int | None
    actor_id: int | None
    created_at: dt.datetime


class EventList(ResponseModel):
    items: list[EventOut]
