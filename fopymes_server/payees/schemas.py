"""Payee data out: the name, how many transactions name it and their totals."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from fopymes_server.core.contract import Contract, Money, examples


class PayeeTotals(Contract):
    """A payee's incomes and expenses in one currency (transfers are in neither)."""

    currency: str
    income: Money
    expense: Money


class PayeeOut(Contract):
    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "id": 7,
                "name": "Café Central",
                "transactions": 12,
                "totals": [{"currency": "EUR", "income": "0.00", "expense": "54.60"}],
            }
        )
    )

    id: int
    name: str = Field(description="The first spelling recorded; any case or accents find it.")
    transactions: int = 0
    totals: list[PayeeTotals] = Field(default=[])


class PayeeMerged(Contract):
    """What `payee merge` did: the survivor and how much moved to it."""

    payee: PayeeOut
    merged: str = Field(description="The name of the payee merged away (now deleted).")
    transactions_moved: int
    rules_moved: int
