"""What an export takes and reports back, and the row shape every writer consumes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pydantic import ConfigDict, Field

from fopymes_server.core.contract import Contract, Money, examples


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    LEDGER = "ledger"
    BEANCOUNT = "beancount"


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One category line of a transaction, flattened with the names an export needs
    (detached plain data): the whole transaction, or one part of a split one.

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
    movement: str = "expense"
    """'income', 'expense' or 'transfer' by the one rule of `transactions.movements`."""
    counter_account: str | None = None
    """A transfer between accounts (kind 'transfer'): the account the money reaches."""
    counter_account_type: str | None = None
    counter_amount: Decimal | None = None
    """What reached `counter_account`, positive, in `counter_currency`."""
    counter_currency: str | None = None
    status: str = "cleared"
    """'pending', 'cleared' or 'reconciled': journals mark pending entries `!`, others `*`."""
    payee: str | None = None
    tags: tuple[str, ...] = ()
    """By name, in name order (letters, digits and - _ / . only: see `tags.rules`)."""
    part: int = 0
    """0 for a transaction that is not split; else which part of it this row is (1, 2, ...:
    then `amount` and `category` are the part's, and the journals write one entry of the
    transaction's consecutive parts)."""
    part_note: str | None = None
    """The part's own note (`note` stays the transaction's)."""


@dataclass(frozen=True, slots=True)
class LedgerAccount:
    """One account of the workspace as a journal declares it (detached plain data)."""

    name: str
    type: str
    currency: str
    opening_balance: Decimal
    """In the ledger's sign: negative for what a card or loan owed on `opening_date`."""
    opening_date: dt.date
    first_date: dt.date
    """The earlier of `opening_date` and the account's first exported row."""


@dataclass(frozen=True, slots=True)
class CarriedBalance:
    """An account's balance in one currency at the end of the day before an exported
    range, written as the range's first entry so the journal's balances are whole."""

    name: str
    type: str
    currency: str
    amount: Decimal
    """In the ledger's sign (negative for what a card or loan owes)."""
    date: dt.date
    """The range's first day."""
    pending: bool = False
    """The part of the balance in lines still pending (a journal marks it `!`), or the
    cleared part."""


@dataclass(frozen=True, slots=True)
class BalanceCheck:
    """A reconciliation as a journal asserts it: the account's balance at the end of `on`."""

    name: str
    type: str
    currency: str
    on: dt.date
    statement: Decimal
    """The agreed statement (cleared) balance, in the ledger's sign."""
    pending: Decimal
    """What the account's lines still pending on `on` add up to: they are in the journal,
    and every tool counts them in an assertion, but not in the statement."""

    @property
    def expected(self) -> Decimal:
        """The balance the journal asserts: the statement's plus the pending lines."""
        return self.statement + self.pending


@dataclass(frozen=True, slots=True)
class JournalChecks:
    """What makes a journal of a date range checkable: balances brought forward to its
    first day, and an assertion at each reconciliation inside it."""

    carried: tuple[CarriedBalance, ...] = ()
    assertions: tuple[BalanceCheck, ...] = ()
    """Oldest first."""


@dataclass(frozen=True, slots=True)
class AccountNames:
    """The workspace's catalogue, so journal writers can declare accounts before rows."""

    expense_categories: tuple[tuple[str | None, str], ...]
    """(parent or None, name) of every expense category, archived ones included."""
    income_categories: tuple[tuple[str | None, str], ...]
    methods: tuple[tuple[str, str], ...]
    """(name, type) of every account."""
    currencies: tuple[str, ...]
    accounts: tuple[LedgerAccount, ...] = ()
    """Every account, with its opening balance and the date a journal opens it on."""
    first_date: dt.date | None = None
    """The earliest date the journal writes (an opening balance or a row), if any."""
    tags: tuple[str, ...] = ()
    """Every tag of the workspace (ledger --pedantic needs them declared)."""


class CurrencySums(Contract):
    """What one currency's exported rows add up to, by the one definition of movements."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {"currency": "EUR", "income": "2450.00", "expense": "907.55", "transfer": "300.00"}
        )
    )

    currency: str = Field(description="ISO 4217 code of the rows summed.")
    income: Money = Field(description="Sum of the income rows (positive).")
    expense: Money = Field(description="Sum of the expense rows (positive).")
    transfer: Money = Field(
        default=Decimal(0),
        description="Sum of what left an account in transfers (never income or expense).",
    )


class ExportSummary(Contract):
    """What was written: the transactions (`rows`; a split one counts once, however many
    lines its parts take), the transfers among them, and sums per currency."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "format": "ledger",
                "rows": 5,
                "transfers": 1,
                "sums": [
                    {
                        "currency": "EUR",
                        "income": "2450.00",
                        "expense": "907.55",
                        "transfer": "300.00",
                    }
                ],
            }
        )
    )

    format: ExportFormat = Field(description="csv, xlsx, ledger or beancount.")
    rows: int = Field(description="Transactions written, transfers included.")
    transfers: int = Field(
        default=0, description="How many of `rows` are transfers (neither income nor expense)."
    )
    sums: list[CurrencySums] = Field(description="Sums per currency, by movement.")
