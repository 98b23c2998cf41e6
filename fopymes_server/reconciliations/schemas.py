"""Reconciliation data on the way out: statuses, stored reconciliations, mismatches."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import ConfigDict, Field

from fopymes_server.core.contract import Contract, Money, examples


class Status(StrEnum):
    """Where a transaction's line stands against the bank's statements."""

    PENDING = "pending"
    """Not on a statement yet (a card payment the bank has not booked)."""
    CLEARED = "cleared"
    """The bank shows it; counted in the cleared balance."""
    RECONCILED = "reconciled"
    """Inside a statement balance that was agreed; changing it needs force."""


class Reconciliation(Contract):
    """A statement balance of one account on one date that matched its cleared balance."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "id": 3,
                "account_id": 2,
                "account": "Bank",
                "on": "2026-11-30",
                "currency": "EUR",
                "statement_balance": "1234.56",
                "marked": 41,
                "created_by": 1,
                "created_at": "2026-12-01T09:00:00Z",
            }
        )
    )

    id: int = Field(description="The reconciliation's id.")
    account_id: int = Field(description="The account reconciled.")
    account: str = Field(description="The account's name.")
    on: dt.date = Field(description="The statement date: lines up to its end were agreed.")
    currency: str = Field(description="The account's currency (ISO 4217).")
    statement_balance: Money = Field(
        description="The statement's balance, in the ledger's sign (owed is negative)."
    )
    marked: int = Field(description="How many cleared transactions became reconciled.")
    created_by: int = Field(description="Who reconciled (a user id).")
    created_at: dt.datetime = Field(description="When it was reconciled (UTC).")


class UnclearedLine(Contract):
    """A pending transaction of the account: not in its cleared balance."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "id": 57,
                "date": "2026-11-29",
                "description": "Card payment",
                "amount": "-45.20",
                "currency": "EUR",
            }
        )
    )

    id: int = Field(description="The transaction's id.")
    date: dt.date = Field(description="The transaction's date.")
    description: str = Field(description="What it was.")
    amount: Money = Field(description="Signed: positive into the account, negative out.")
    currency: str = Field(description="ISO 4217.")


class StatementCheck(Contract):
    """A statement's closing balance compared with the account's cleared balance."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "statement_account": "ES91 2100 0418 4502 0005 1332",
                "account": "Bank",
                "on": "2026-11-30",
                "currency": "EUR",
                "statement_balance": "1234.56",
                "cleared_balance": "1200.00",
                "difference": "34.56",
                "matches": False,
            }
        )
    )

    statement_account: str = Field(description="The account as the statement names it.")
    account: str = Field(description="The fopymes account it was imported into.")
    on: dt.date = Field(description="The date of the statement's closing balance.")
    currency: str = Field(description="ISO 4217.")
    statement_balance: Money = Field(description="The statement's closing balance.")
    cleared_balance: Money = Field(description="fopymes' cleared balance on that date.")
    difference: Money = Field(description="Statement balance minus cleared balance.")
    matches: bool = Field(description="Whether the two balances are equal.")
