"""Account data in and out: where money is, its type, currency, opening balance, balances.

Accounts were called payment methods before they had balances; the package, table and
`payment_method` fields keep that name, the people using fopymes see "account".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


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


class AccountOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    name: str
    type: AccountType
    currency: str
    opening_balance: Decimal
    """In the ledger's sign: negative for a card or loan that owed money on opening."""
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


class AccountBalance(BaseModel):
    """One account's balance in one currency on a date (ledger sign: owed is negative)."""

    model_config = ConfigDict(frozen=True)

    account_id: int
    name: str
    type: AccountType
    liability: bool
    archived: bool
    currency: str
    balance: Decimal
    cleared_balance: Decimal | None = None
    """Without pending lines: what the bank's statement should show (`reconciliations`)."""


class NetWorth(BaseModel):
    """Assets, liabilities (what is owed, positive) and net worth of one currency."""

    model_config = ConfigDict(frozen=True)

    currency: str
    assets: Decimal
    liabilities: Decimal
    net_worth: Decimal


class BalanceSheet(BaseModel):
    on: dt.date
    accounts: list[AccountBalance]
    totals: list[NetWorth]


class RegisterLine(BaseModel):
    """One movement of an account with the running balance after it."""

    model_config = ConfigDict(frozen=True)

    id: int
    date: dt.date
    kind: str
    movement: str
    description: str
    counterpart: str | None
    """The category, or for a transfer the account at the other end."""
    amount: Decimal
    """Signed: positive into the account, negative out of it."""
    currency: str
    balance: Decimal


class AccountRegister(BaseModel):
    account: AccountOut
    items: list[RegisterLine]
    next_cursor: str | None


class MonthNetWorth(BaseModel):
    """Assets, liabilities and net worth of one currency at the end of one month."""

    model_config = ConfigDict(frozen=True)

    month: str
    """YYYY-MM."""
    month_end: dt.date
    currency: str
    assets: Decimal
    liabilities: Decimal
    net_worth: Decimal
