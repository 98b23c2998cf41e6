"""What an export takes and reports back, and the row shape every writer consumes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    LEDGER = "ledger"
    BEANCOUNT = "beancount"


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One transaction, flattened with the names an export needs (detached plain data).

    `amount` is positive; `kind` gives the direction, as in the database.
    """

    id: int
    date: dt.date
    kind: str
    amount: Decimal
    currency: str
    category: str | None
    parent_category: str | None
    payment_method: str | None
    payment_method_type: str | None
    description: str
    note: str | None
    goal: str | None = None
    """The savings goal this row moved money into (expense) or out of (income), if any."""
    movement: str = "expense"
    """'income', 'expense' or 'transfer' by the one rule of `transactions.movements`."""


@dataclass(frozen=True, slots=True)
class AccountNames:
    """The workspace's catalogue, so journal writers can declare accounts before rows."""

    expense_categories: tuple[tuple[str | None, str], ...]
    """(parent or None, name) of every expense category, archived ones included."""
    income_categories: tuple[tuple[str | None, str], ...]
    methods: tuple[tuple[str, str], ...]
    """(name, type) of every payment method."""
    currencies: tuple[str, ...]
    goals: tuple[str, ...] = ()
    """Names of the workspace's savings goals (each an `Assets:Savings:` account)."""


class CurrencySums(BaseModel):
    model_config = ConfigDict(frozen=True)

    currency: str
    income: Decimal
    expense: Decimal


class ExportSummary(BaseModel):
    """What was written: the row count and the sums per currency, for a summary line."""

    model_config = ConfigDict(frozen=True)

    format: ExportFormat
    rows: int
    sums: list[CurrencySums]
