"""Request bodies of transactions: ids where the service accepts names, merge patches."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import (
    AmountText,
    CurrencyCode,
    Day,
    Id,
    RequestModel,
    Text,
)
from fopymes_server.api.bodies.reconciliations import STATUS_FIELD, SettableStatus
from fopymes_server.transactions.schemas import (
    Kind,
    SplitCreate,
    TransactionCreate,
    TransactionUpdate,
)

Description = Annotated[Text, Field(min_length=1, max_length=500)]
Note = Annotated[Text, Field(max_length=5000)]
Payee = Annotated[Text, Field(min_length=1, max_length=200)]
Tags = Annotated[list[Annotated[Text, Field(max_length=50)]], Field(max_length=50)]
PAYEE_FIELD = "Who it was with: the workspace's payee of that name in any case or accents, or new."
MAX_PARTS = 100


class SplitIn(RequestModel):
    """One part of a split: a category of the transaction's kind and its share."""

    category_id: Id
    amount: AmountText | None = Field(
        default=None, description="Left out on at most one part: what the others leave."
    )
    note: Note | None = None

    def to_create(self) -> SplitCreate:
        return SplitCreate(category=self.category_id, amount=self.amount, note=self.note)


Splits = Annotated[
    list[SplitIn],
    Field(
        max_length=MAX_PARTS,
        description="Divide the amount among categories: at least two parts adding up to it.",
    ),
]


def _parts(splits: list[SplitIn] | None) -> list[SplitCreate] | None:
    return None if splits is None else [part.to_create() for part in splits]


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
    payee: Payee | None = Field(default=None, description=PAYEE_FIELD)
    tags: Tags = Field(default=[], description="Letters, digits and - _ / .; new ones are made.")
    splits: Splits | None = None

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
            payee=self.payee,
            tags=self.tags,
            splits=_parts(self.splits),
        )


class TransactionPatch(RequestModel):
    """JSON merge patch: fields left out stay; `category_id`, `payment_method_id` or
    `payee` set to null clears them, and so does null or "" for `note`; `tags` replaces
    the set ([] removes every tag). `splits` replaces the parts (with `amount` when it
    changes); [] with a `category_id` makes it one category again."""

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
    payee: Payee | None = Field(default=None, description=PAYEE_FIELD)
    tags: Tags | None = None
    splits: Splits | None = None

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
            payee=self.payee,
            clear_payee="payee" in given and self.payee is None,
            tags=self.tags,
            splits=_parts(self.splits),
        )
