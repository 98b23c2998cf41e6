"""Bodies of accounts (also served as the older payment methods), balances and transfers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field

from fopymes_server.accounts.schemas import AccountType, account_type
from fopymes_server.api.bodies.catalogue import Name
from fopymes_server.api.bodies.common import (
    AmountText,
    CurrencyCode,
    Day,
    DecimalString,
    Flag,
    RequestModel,
    ResponseModel,
    Text,
)

_WHEN = "2026-11-27T09:30:00Z"
_ACCOUNT: dict[str, Any] = {
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


def _type(value: object) -> object:
    """The old payment-method types ("bank_account", "debit_card", "other") still work."""
    return (account_type(value) or value) if isinstance(value, str) else value


TypeIn = Annotated[AccountType, BeforeValidator(_type)]
SignedAmount = Annotated[
    str,
    Field(
        pattern=r"^-?[0-9]{1,18}(\.[0-9]{1,4})?$",
        description='A decimal string, negative for what a card or loan owes, e.g. "-350.00".',
        examples=["1200.00"],
    ),
]
Institution = Annotated[Text, Field(max_length=100)]
LastFour = Annotated[str, Field(pattern=r"^([0-9]{4})?$")]


class AccountOut(ResponseModel):
    """An account; balances are in the ledger's sign (owed is negative)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_ACCOUNT]})

    id: int
    name: str
    type: AccountType
    currency: str
    opening_balance: DecimalString
    opening_date: dt.date
    institution: str | None
    last_four: str | None
    liability: bool
    archived: bool
    created_at: dt.datetime


class AccountList(ResponseModel):
    items: list[AccountOut]


class AccountIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Visa",
                    "type": "credit_card",
                    "opening_balance": "-350.00",
                    "opening_date": "2026-01-01",
                    "last_four": "4242",
                }
            ]
        }
    )

    name: Name
    type: TypeIn = AccountType.CHECKING
    currency: CurrencyCode | None = Field(default=None, description="The workspace's if omitted.")
    opening_balance: SignedAmount = "0"
    opening_date: Day | None = Field(default=None, description="Today if omitted.")
    institution: Institution | None = None
    last_four: LastFour | None = None


class AccountPatch(RequestModel):
    """Fields to change; `archived` true archives, false restores; "" clears a text."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Old Visa", "archived": True}]}
    )

    name: Name | None = None
    type: TypeIn | None = None
    opening_balance: SignedAmount | None = None
    opening_date: Day | None = None
    institution: Institution | None = None
    last_four: LastFour | None = None
    archived: Flag | None = None


class AccountBalanceOut(ResponseModel):
    account_id: int
    name: str
    type: AccountType
    liability: bool
    archived: bool
    currency: str
    balance: DecimalString
    cleared_balance: DecimalString | None = Field(default=None, description="Without pending.")


class NetWorthOut(ResponseModel):
    currency: str
    assets: DecimalString
    liabilities: Annotated[DecimalString, Field(description="What is owed, positive.")]
    net_worth: DecimalString


class BalanceSheetOut(ResponseModel):
    """Each account's balance at the end of `on`, then per currency the net worth."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "on": "2026-11-30",
                    "accounts": [
                        {
                            "account_id": 1,
                            "name": "Bank",
                            "type": "checking",
                            "liability": False,
                            "archived": False,
                            "currency": "EUR",
                            "balance": "1850.00",
                        }
                    ],
                    "totals": [
                        {
                            "currency": "EUR",
                            "assets": "1850.00",
                            "liabilities": "0.00",
                            "net_worth": "1850.00",
                        }
                    ],
                }
            ]
        }
    )

    on: dt.date
    accounts: list[AccountBalanceOut]
    totals: list[NetWorthOut]


class RegisterLineOut(ResponseModel):
    id: int
    date: dt.date
    kind: str
    movement: str
    description: str
    counterpart: str | None
    amount: Annotated[DecimalString, Field(description="Positive in, negative out.")]
    currency: str
    balance: DecimalString


class AccountRegisterOut(ResponseModel):
    """An account and one page of its movements, newest first, with running balances."""

    account: AccountOut
    items: list[RegisterLineOut]
    next_cursor: str | None


class TransferIn(RequestModel):
    """Money from one account to another; `to_amount` is required between currencies."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"amount": "200.00", "from_account_id": 1, "to_account_id": 2, "date": "2026-11-27"}
            ]
        }
    )

    amount: AmountText
    from_account_id: Annotated[int, Field(ge=1, le=2**31 - 1)]
    to_account_id: Annotated[int, Field(ge=1, le=2**31 - 1)]
    to_amount: AmountText | None = None
    date: Day | None = Field(default=None, description="Today if omitted.")
    description: Annotated[Text, Field(max_length=500)] | None = None
    note: Annotated[Text, Field(max_length=5000)] | None = None


class MonthNetWorthOut(ResponseModel):
    month: Annotated[str, Field(description="YYYY-MM")]
    month_end: dt.date
    currency: str
    assets: DecimalString
    liabilities: DecimalString
    net_worth: DecimalString


class NetWorthHistoryOut(ResponseModel):
    """Net worth per currency at every month end, oldest first."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "month": "2026-11",
                            "month_end": "2026-11-30",
                            "currency": "EUR",
                            "assets": "1850.00",
                            "liabilities": "350.00",
                            "net_worth": "1500.00",
                        }
                    ]
                }
            ]
        }
    )

    items: list[MonthNetWorthOut]
