"""Account data in and out: where money is, its type, currency, opening balance, balances.

Accounts were called payment methods before they had balances; the package, table and
`payment_method` fields keep that name, the people using fopymes see "account".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fopymes_server.core.contract import Contract, Money, examples


class AccountType(StrEnum):
    CASH = "cash"
    CHECKING = "checking"
    SAVINGS = "savings"
    CREDIT_CARD = "credit_card"
    LOAN = "loan"
    MORTGAGE = "mortgage"
    OTHER_ASSET = "other_asset"
    OTHER_LIABILITY = "other_liability"

    @property
    def liability(self) -> bool:
        """Money owed: a credit card, loan or mortgage balance is a debt, not a holding."""
        return self in LIABILITIES


LIABILITIES = frozenset(
    {AccountType.CREDIT_CARD, AccountType.LOAN, AccountType.MORTGAGE, AccountType.OTHER_LIABILITY}
)
# The payment-method types of earlier releases, still accepted on input so scripts keep working.
LEGACY_TYPES = {
    "debit_card": AccountType.CHECKING,
    "bank_account": AccountType.CHECKING,
    "other": AccountType.OTHER_ASSET,
}
TYPE_NAMES = ", ".join(t.value for t in AccountType)


def account_type(text: str) -> AccountType | None:
    """The type named by `text` (any case, '-' or ' ' for '_', old method types too)."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    if key in LEGACY_TYPES:
        return LEGACY_TYPES[key]
    try:
        return AccountType(key)
    except ValueError:
        return None


_WHEN = "2026-11-27T09:30:00Z"
ACCOUNT_EXAMPLE: dict[str, Any] = {
    "id": 2,
    "name": "Visa",
    "type": "credit_card",
    "currency": "EUR",
    "opening_balance": "-350.00",
    "opening_date": "2026-01-01",
    "institution": "Caixa",
    "last_four": "4242",
    "liability": True,
    "archived": False,
    "created_at": _WHEN,
}
BALANCE_EXAMPLE: dict[str, Any] = {
    "account_id": 1,
    "name": "Bank",
    "type": "checking",
    "liability": False,
    "archived": False,
    "currency": "EUR",
    "balance": "1850.00",
    "cleared_balance": "1790.00",
}
NET_WORTH_EXAMPLE: dict[str, Any] = {
    "currency": "EUR",
    "assets": "1850.00",
    "liabilities": "0.00",
    "net_worth": "1850.00",
}


class AccountOut(Contract):
    """An account; balances are in the ledger's sign (owed is negative)."""

    model_config = ConfigDict(json_schema_extra=examples(ACCOUNT_EXAMPLE))

    id: int
    name: str
    type: AccountType
    currency: str
    opening_balance: Money = Field(
        description="In the ledger's sign: negative for a card or loan that owed on opening."
    )
    opening_date: dt.date
    institution: str | None = None
    last_four: str | None
    liability: bool
    archived: bool = False
    created_at: dt.datetime


PaymentMethodOut = AccountOut
"""The name the import and transaction code used before accounts had balances."""


class AccountCreate(BaseModel):
    name: str
    type: AccountType = AccountType.CHECKING
    currency: str | None = None
    """ISO 4217; the workspace's currency when omitted."""
    opening_balance: str | Decimal = "0"
    opening_date: str | dt.date = "today"
    institution: str | None = None
    last_four: str | None = None


class AccountUpdate(BaseModel):
    """Fields to change; None leaves a field as it is, "" clears institution/last four."""

    name: str | None = None
    type: AccountType | None = None
    opening_balance: str | Decimal | None = None
    opening_date: str | dt.date | None = None
    institution: str | None = None
    last_four: str | None = None


class AccountBalance(Contract):
    """One account's balance in one currency on a date (ledger sign: owed is negative)."""

    model_config = ConfigDict(json_schema_extra=examples(BALANCE_EXAMPLE))

    account_id: int
    name: str
    type: AccountType
    liability: bool
    archived: bool
    currency: str
    balance: Money
    cleared_balance: Money | None = Field(
        default=None, description="Without pending lines: what the bank's statement shows."
    )


class NetWorth(Contract):
    """Assets, liabilities (what is owed, positive) and net worth of one currency."""

    model_config = ConfigDict(json_schema_extra=examples(NET_WORTH_EXAMPLE))

    currency: str
    assets: Money
    liabilities: Money = Field(description="What is owed, positive.")
    net_worth: Money


class BalanceSheet(Contract):
    """Each account's balance at the end of `on`, then per currency the net worth."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {"on": "2026-11-30", "accounts": [BALANCE_EXAMPLE], "totals": [NET_WORTH_EXAMPLE]}
        )
    )

    on: dt.date
    accounts: list[AccountBalance]
    totals: list[NetWorth]


class RegisterLine(Contract):
    """One movement of an account with the running balance after it."""

    id: int
    date: dt.date
    kind: str
    movement: str
    description: str
    counterpart: str | None = Field(
        description="The category, or for a transfer the account at the other end."
    )
    amount: Money = Field(description="Positive into the account, negative out of it.")
    currency: str
    balance: Money


class AccountRegister(Contract):
    """An account and one page of its movements, newest first, with running balances."""

    account: AccountOut
    items: list[RegisterLine]
    next_cursor: str | None


class MonthNetWorth(Contract):
    """Assets, liabilities and net worth of one currency at the end of one month."""

    month: str = Field(description="YYYY-MM.")
    month_end: dt.date
    currency: str
    assets: Money
    liabilities: Money
    net_worth: Money
