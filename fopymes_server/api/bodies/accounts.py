"""Bodies of accounts (also served as the older payment methods), balances and transfers.

An account, its balances, its register and the net-worth months are the service's own
schemas (`accounts.schemas`); this module holds what a client sends and the list wrappers.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, Field

from fopymes_server.accounts.schemas import (
    ACCOUNT_EXAMPLE,
    AccountOut,
    AccountType,
    MonthNetWorth,
    account_type,
)
from fopymes_server.api.bodies.catalogue import Name
from fopymes_server.api.bodies.common import (
    AmountText,
    CurrencyCode,
    Day,
    Flag,
    RequestModel,
    ResponseModel,
    Text,
)


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


class AccountList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [ACCOUNT_EXAMPLE]}]})

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

    items: list[MonthNetWorth]
