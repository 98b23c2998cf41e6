"""Import data in and out: CSV mappings (profiles), rules, statement lines, the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from fopymes_server.core.contract import Contract, Money, examples
from fopymes_server.core.errors import ValidationError
from fopymes_server.reconciliations.schemas import StatementCheck

_WHEN = "2026-11-27T09:30:00Z"


class SignConvention(StrEnum):
    """How a single amount column says which way money went."""

    NEGATIVE_IS_EXPENSE = "negative-expense"
    """Bank accounts: `-12.50` left the account, `12.50` came in."""
    POSITIVE_IS_EXPENSE = "positive-expense"
    """Credit cards: charges are positive, refunds and payments negative."""


DIRECTION_OUT = ("af", "d", "debit", "dr", "soll", "s", "out")
"""Direction values that mean money out when a profile names none (Dutch, D/C, German)."""
DIRECTION_IN = ("bij", "c", "credit", "cr", "haben", "h", "in")


class CsvMapping(BaseModel):
    """How to read one bank's CSV; saved as an import profile.

    Columns are header names (any case) or 1-based column numbers. Either `amount` or at
    least one of `debit`/`credit` (unsigned money out / in) must be given.
    """

    model_config = ConfigDict(frozen=True)

    date: str
    date_format: str = "%Y-%m-%d"
    """`strptime` format, e.g. `%d/%m/%Y`."""
    amount: str | None = None
    debit: str | None = None
    credit: str | None = None
    description: str
    description_fallback: str | None = None
    """Column read when `description` is empty (a bank fee without a payee)."""
    category: str | None = None
    method: str | None = None
    currency_column: str | None = None
    note: str | None = None
    direction: str | None = None
    """Column saying which way an unsigned `amount` went (Af/Bij, D/C, Soll/Haben)."""
    out_values: tuple[str, ...] = ()
    """Values of `direction` that mean money out (any case); default DIRECTION_OUT."""
    in_values: tuple[str, ...] = ()
    """Values of `direction` that mean money in; default DIRECTION_IN."""
    fee: str | None = None
    """Column of a fee on the line, imported as its own row (an expense by default)."""
    fee_signed: bool = False
    """The fee column carries a sign like the amount (under `sign`): a fee charged is money
    out, a fee given back (a refund's positive Fee in PayPal exports) is money in. Without
    it every fee is a charge, whatever its sign."""
    include: tuple[str, ...] = ()
    """`COLUMN=VALUE` filters: a row is imported only if, for each column named, it has
    one of the values given for it (any case). Other rows are listed as left out."""
    exclude: tuple[str, ...] = ()
    """`COLUMN=VALUE` filters: a row with any of these is left out (status=pending)."""
    skip_zero: bool = False
    """Leave out rows whose amount is zero instead of refusing the file."""
    payee: str | None = None
    """Column of the payee or counterparty name (the payee of each row)."""
    skip_summary_rows: bool = False
    """Leave out rows whose date does not parse or whose amount is empty (totals, balance
    lines, a second header), listed as left out with their line numbers."""
    decimal: str = "."
    thousands: str = ""
    encoding: str | None = None
    """None: detect (BOM, then UTF-8, else Windows-1252)."""
    delimiter: str | None = None
    """None: detect among `,`, `;`, tab and `|`."""
    header_row: int | None = None
    """1-based line of the column names (lines above it are skipped); 0: no header;
    None: the first line holding every mapped column name."""
    sign: SignConvention = SignConvention.NEGATIVE_IS_EXPENSE
    currency: str | None = None
    """Currency of every row without a currency column; the workspace's when None."""
    payment_method: str | None = None
    """Payment method of every row without a method column (e.g. the bank account)."""

    @model_validator(mode="after")
    def _consistent(self) -> CsvMapping:
        if self.amount is None and self.debit is None and self.credit is None:
            raise ValidationError("amount", "give an amount column, or debit/credit columns")
        if self.amount is not None and (self.debit or self.credit):
            raise ValidationError("amount", "use either an amount column or debit/credit")
        if self.direction is not None and self.amount is None:
            raise ValidationError("direction", "needs an amount column (unsigned)")
        if bool(self.out_values) != bool(self.in_values):
            raise ValidationError("direction", "give both the out and the in values, or neither")
        if set(map(str.casefold, self.out_values)) & set(map(str.casefold, self.in_values)):
            raise ValidationError("direction", "a value cannot mean both out and in")
        for name, filters in (("include", self.include), ("exclude", self.exclude)):
            for item in filters:
                column, equals, _ = item.partition("=")
                if not equals or not column.strip():
                    raise ValidationError(name, f"'{item}' is not COLUMN=VALUE")
        if self.decimal not in (".", ","):
            raise ValidationError("decimal", "must be '.' or ','")
        if self.thousands not in ("", ",", ".", " ", "'", "\u00a0"):
            raise ValidationError("thousands", "must be empty, ',', '.', ' ' or \"'\"")
        if self.thousands == self.decimal:
            raise ValidationError("thousands", "must differ from the decimal mark")
        if self.delimiter is not None and len(self.delimiter) != 1:
            raise ValidationError("delimiter", "must be one character")
        if self.header_row is not None and not 0 <= self.header_row <= 1000:
            raise ValidationError("header row", "must be between 0 and 1000")
        if "%" not in self.date_format:
            raise ValidationError("date format", "needs strptime codes such as %d/%m/%Y")
        return self

    def filters(self, kind: str) -> dict[str, set[str]]:
        """`include` or `exclude` as {column: {values, casefolded}}."""
        found: dict[str, set[str]] = {}
        for item in self.include if kind == "include" else self.exclude:
            column, _, value = item.partition("=")
            found.setdefault(column.strip(), set()).add(value.strip().casefold())
        return found


_MAPPING: dict[str, Any] = {
    "date": "Fecha",
    "date_format": "%d/%m/%Y",
    "amount": "Importe",
    "debit": None,
    "credit": None,
    "description": "Concepto",
    "description_fallback": None,
    "category": None,
    "method": None,
    "currency_column": None,
    "note": None,
    "direction": None,
    "out_values": [],
    "in_values": [],
    "fee": None,
    "fee_signed": False,
    "include": [],
    "exclude": [],
    "skip_zero": False,
    "skip_summary_rows": False,
    "decimal": ",",
    "thousands": ".",
    "encoding": None,
    "delimiter": None,
    "header_row": 3,
    "sign": "negative-expense",
    "currency": None,
    "payment_method": "Cash",
}
PROFILE_EXAMPLE: dict[str, Any] = {
    "id": 4,
    "name": "caixa",
    "mapping": _MAPPING,
    "created_at": _WHEN,
}


class ProfileOut(Contract):
    """A saved mapping; the built-in `fopymes` profile (reads fopymes' own CSV export) has
    no id and cannot be removed."""

    model_config = ConfigDict(json_schema_extra=examples(PROFILE_EXAMPLE))

    id: int | None = Field(description="null for the built-in `fopymes` profile.")
    name: str
    mapping: CsvMapping = Field(description="How the profile reads a bank's CSV.")
    created_at: dt.datetime | None


class RuleCreate(BaseModel):
    condition: str
    set_category: str | int | None = None
    set_method: str | int | None = None
    set_description: str | None = None
    set_payee: str | None = None
    """A payee name (found in any case or accents, or created)."""
    add_tags: list[str] = []


RULE_EXAMPLE: dict[str, Any] = {
    "id": 3,
    "position": 1,
    "condition": 'description ~ "MERCADONA|CARREFOUR"',
    "set_category": "Groceries",
    "set_category_id": 12,
    "set_method": None,
    "set_method_id": None,
    "set_description": None,
    "created_at": _WHEN,
    "set_payee": "Mercadona",
    "set_payee_id": 7,
    "add_tags": [],
}


class RuleOut(Contract):
    """A categorisation rule; imports run them by `position`, a later match winning."""

    model_config = ConfigDict(json_schema_extra=examples(RULE_EXAMPLE))

    id: int
    position: int = Field(description="Where it runs: 1 first; a later match wins.")
    condition: str
    set_category: str | None = Field(description="The category it gives matching lines.")
    set_category_id: int | None
    set_method: str | None = Field(description="The payment method it gives them.")
    set_method_id: int | None
    set_description: str | None = Field(description="The description it gives them.")
    created_at: dt.datetime
    set_payee: str | None = Field(default=None, description="The payee it gives them.")
    set_payee_id: int | None = None
    add_tags: list[str] = Field(default=[], description="Tags it adds to them.")


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of a statement as the file says it, before rules and name lookups.

    `amount` is signed: negative money out (an expense), positive money in.
    """

    line: int
    date: dt.date
    amount: Decimal
    description: str
    currency: str | None = None
    category: str | None = None
    method: str | None = None
    note: str | None = None
    external_id: str | None = None
    """The bank's own id of the line (OFX FITID), when there is one."""
    counter_account: str | None = None
    """A transfer (fopymes' own export): the account the money reached; `method` is the
    one it left and `amount` (negative) what left it."""
    counter_amount: Decimal | None = None
    """What reached `counter_account` (positive), when the file says it."""
    counter_currency: str | None = None
    payee: str | None = None
    """Who the statement says the money went to or came from (name or counterparty)."""
    tags: tuple[str, ...] = ()
    """Tags the file gives the line (fopymes' own export); the rules may add more."""


@dataclass(frozen=True, slots=True)
class RowError:
    """A line that cannot be imported: its 1-based line number, the field and why."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class Balance:
    """A balance a statement states: the amount, as of when, and the line saying so."""

    amount: Decimal
    date: dt.date | None
    line: int


@dataclass(frozen=True, slots=True)
class StatementSummary:
    """One account of an imported file, for the preview: where it goes and its balances."""

    account: str
    method: str
    currency: str
    opening: Balance | None
    closing: Balance | None


@dataclass(frozen=True, slots=True)
class PlannedLine:
    """What one statement line becomes (or became) in fopymes."""

    line: int
    date: dt.date
    kind: str
    amount: Decimal
    currency: str
    description: str
    category: str | None
    method: str | None
    duplicate: bool
    counter_account: str | None = None
    """A transfer: the account it reaches (`method` is the one it leaves)."""
    counter_amount: Decimal | None = None
    counter_currency: str | None = None
    payee: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportReport:
    """The preview (dry run) or the outcome of an import.

    Nothing is written when `errors` is not empty; `added` is 0 for a dry run.
    """

    source: str
    lines: list[PlannedLine]
    errors: list[RowError]
    added: int
    dry_run: bool
    account: str | None = None
    """The statement's account (OFX), as mapped to a payment method."""
    duplicates: int = field(default=0)
    statements: list[StatementSummary] = field(default_factory=list)
    """Each account of the file with its stated balances (OFX, Norma 43, CAMT, MT940)."""
    skipped: list[RowError] = field(default_factory=list)
    """Lines left out on purpose (a filter, a holdings-only line), with why."""
    read_as: str | None = None
    """CSV: the encoding, delimiter and header line found, for a person to check."""
    created: str | None = None
    """CSV: the categories and payment methods the import created (or would create)."""
    missing: str | None = None
    """CSV: names the file uses that the workspace lacks, when it was not asked to create
    them (their rows are errors then)."""
    balance_checks: list[StatementCheck] = field(default_factory=list)
    """Each statement's closing balance against the cleared balance (`reconciliations`)."""

    @property
    def new_lines(self) -> list[PlannedLine]:
        return [line for line in self.lines if not line.duplicate]

    @property
    def new(self) -> int:
        """How many lines would be (or were) added: those that are not duplicates."""
        return len(self.lines) - self.duplicates


Line = Annotated[int, Field(description="1-based line of the file.")]


class PlannedLineOut(Contract):
    """What one statement line becomes; `duplicate` lines are already in the workspace."""

    line: Line
    date: dt.date
    kind: str = Field(description="income, expense or transfer.")
    amount: Money
    currency: str
    description: str
    category: str | None
    method: str | None = Field(description="The account; a transfer's, the one it leaves.")
    duplicate: bool
    counter_account: str | None = Field(
        default=None, description="A transfer: the account it reaches."
    )
    counter_amount: Money | None = Field(
        default=None, description="A transfer: what reaches `counter_account`, in its currency."
    )
    counter_currency: str | None = None
    payee: str | None = None
    tags: list[str] = Field(default=[], description="Tags the rules add.")


class RowErrorOut(Contract):
    """A line that cannot be imported (or was left out on purpose), and why."""

    line: Line
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


class BalanceOut(Contract):
    """A balance the statement states."""

    amount: Money
    date: dt.date | None
    line: Annotated[int, Field(description="1-based line of the file stating it.")]


class StatementOut(Contract):
    """One account of the file: the payment method it goes to and the balances it states
    (`null` where the format or the file gives none). When both are given, opening plus
    the movements must equal closing, or the file is refused."""

    account: str
    method: str
    currency: str
    opening: BalanceOut | None
    closing: BalanceOut | None


class ImportReportOut(Contract):
    """The preview (`dry_run: true`: `added` is 0) or what an import added.

    `new` lines would be (or were) added, `duplicates` were skipped; with any `errors`
    nothing is written.
    """

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "source": "november.csv",
                "dry_run": True,
                "account": None,
                "added": 0,
                "new": 1,
                "duplicates": 0,
                "lines": [
                    {
                        "line": 4,
                        "date": "2026-11-02",
                        "kind": "expense",
                        "amount": "45.20",
                        "currency": "EUR",
                        "description": "MERCADONA VALENCIA",
                        "category": "Groceries",
                        "method": "Cash",
                        "duplicate": False,
                    }
                ],
                "errors": [],
                "read_as": "encoding utf-8, delimiter ';', header on line 3",
                "created": None,
                "missing": None,
                "statements": [],
                "skipped": [],
                "balance_checks": [],
            }
        )
    )

    source: str
    dry_run: bool
    account: str | None = Field(description="OFX: the statement's account -> payment method.")
    added: int
    new: int
    duplicates: int
    lines: list[PlannedLineOut]
    errors: list[RowErrorOut]
    read_as: str | None = Field(
        description="CSV: the encoding, delimiter and header line found in the file."
    )
    created: str | None = Field(description="CSV: the names this import created (or would).")
    missing: str | None = Field(
        description="CSV: names the file uses that the workspace lacks (see create_missing)."
    )
    statements: list[StatementOut] = Field(
        description="Account statements (OFX, Norma 43, CAMT, MT940); [] for CSV."
    )
    skipped: list[RowErrorOut] = Field(
        description="Lines left out on purpose, with why (not errors)."
    )
    balance_checks: list[StatementCheck] = Field(
        default_factory=list,
        description="Each statement's closing balance against the account's cleared balance.",
    )
