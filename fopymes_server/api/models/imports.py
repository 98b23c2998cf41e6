"""Bodies of imports: CSV mapping profiles, the import report, categorisation rules.

The statement file itself is not a model: it is the raw request body (text/csv,
application/x-ofx), so a bank's bytes reach the parser exactly as the bank wrote them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from fopymes_server.api.models.common import (
    CurrencyCode,
    DecimalString,
    Id,
    RequestModel,
    ResponseModel,
    Text,
)
from fopymes_server.imports.schemas import CsvMapping, RuleCreate, SignConvention


def _column_ref(value: str) -> str:
    """A column number is 1-based ASCII digits; "0" or "²" would index the wrong column
    or fail deep in the parser, so they are refused here."""
    text = value.strip()
    if text.isdigit() and (not text.isascii() or int(text) == 0):
        raise ValueError("column numbers are 1, 2, 3, ... (or give the header name)")
    return value


Column = Annotated[
    Text,
    AfterValidator(_column_ref),
    Field(
        min_length=1,
        max_length=100,
        description="A header name (any case) or a 1-based column number.",
        examples=["Fecha"],
    ),
]
DirectionValue = Annotated[Text, Field(min_length=1, max_length=40, examples=["Af"])]
ColumnFilter = Annotated[
    Text,
    Field(
        min_length=3,
        max_length=200,
        pattern=r"^[^=]+=.*$",
        description="COLUMN=VALUE (any case).",
        examples=["Status=pending"],
    ),
]
_WHEN = "2026-11-27T09:30:00Z"
_MAPPING: dict[str, Any] = {
    "date": "Fecha",
    "date_format": "%d/%m/%Y",
    "amount": "Importe",
    "description": "Concepto",
    "decimal": ",",
    "thousands": ".",
    "header_row": 3,
    "payment_method": "Cash",
}


class CsvMappingIn(RequestModel):
    """How to read one bank's CSV. Give `amount` (signed) or `debit`/`credit` (unsigned)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_MAPPING]})

    date: Column
    date_format: Annotated[
        Text, Field(min_length=2, max_length=40, description="strptime format, e.g. %d/%m/%Y.")
    ] = "%Y-%m-%d"
    amount: Column | None = Field(default=None, description="Signed amount column.")
    debit: Column | None = Field(default=None, description="Money-out column.")
    credit: Column | None = Field(default=None, description="Money-in column.")
    description: Column
    category: Column | None = Field(default=None, description="Category name column.")
    method: Column | None = Field(default=None, description="Payment method name column.")
    currency_column: Column | None = None
    note: Column | None = None
    description_fallback: Column | None = Field(
        default=None, description="Column read when `description` is empty."
    )
    direction: Column | None = Field(
        default=None,
        description="Column saying out/in for an unsigned `amount` (Af/Bij, D/C, Soll/Haben).",
    )
    out_values: Annotated[list[DirectionValue], Field(max_length=20)] = Field(
        default=[],
        description="`direction` values meaning money out; default Af, D, Debit, "
        "DR, Soll, S, Out (any case).",
    )
    in_values: Annotated[list[DirectionValue], Field(max_length=20)] = Field(
        default=[],
        description="`direction` values meaning money in; default Bij, C, Credit, "
        "CR, Haben, H, In.",
    )
    fee: Column | None = Field(default=None, description="Fee column, imported as an expense.")
    include: Annotated[list[ColumnFilter], Field(max_length=20)] = Field(
        default=[], description="`COLUMN=VALUE`: import only rows with one of these values."
    )
    exclude: Annotated[list[ColumnFilter], Field(max_length=20)] = Field(
        default=[], description="`COLUMN=VALUE`: leave rows with this value out (listed)."
    )
    skip_zero: bool = Field(default=False, description="Leave zero-amount rows out (listed).")
    skip_summary_rows: bool = Field(
        default=False,
        description="Leave rows without a valid date or without an amount out (listed).",
    )
    decimal: Annotated[str, Field(pattern=r"^[.,]$")] = "."
    thousands: Annotated[str, Field(pattern="^[,. '\u00a0]?$")] = ""
    encoding: Annotated[
        str | None,
        Field(pattern=r"^[A-Za-z0-9_.-]{1,40}$", description="Default: detect (BOM, UTF-8, 1252)."),
    ] = None
    delimiter: Annotated[
        Text | None, Field(min_length=1, max_length=1, description="Default: detect.")
    ] = None
    header_row: Annotated[
        int | None,
        Field(
            ge=0,
            le=1000,
            description="Line of the column names (0: no header). Default: the first line "
            "holding every mapped column name.",
        ),
    ] = None
    sign: SignConvention = Field(
        default=SignConvention.NEGATIVE_IS_EXPENSE,
        description="negative-expense (bank accounts) or positive-expense (credit cards).",
    )
    currency: CurrencyCode | None = Field(
        default=None, description="Of every row without a currency column; default: workspace's."
    )
    payment_method: Annotated[Text, Field(min_length=1, max_length=100)] | None = Field(
        default=None, description="Payment method name of every row without a method column."
    )

    def to_mapping(self) -> CsvMapping:
        """The service's mapping; its own checks (amount xor debit/credit...) raise 422."""
        values = self.model_dump()
        for name in ("out_values", "in_values", "include", "exclude"):
            values[name] = tuple(values[name])
        return CsvMapping(**values)


class CsvMappingOut(ResponseModel):
    date: str
    date_format: str
    amount: str | None
    debit: str | None
    credit: str | None
    description: str
    category: str | None
    method: str | None
    currency_column: str | None
    note: str | None
    description_fallback: str | None
    direction: str | None
    out_values: list[str]
    in_values: list[str]
    fee: str | None
    include: list[str]
    exclude: list[str]
    skip_zero: bool
    skip_summary_rows: bool
    decimal: str
    thousands: str
    encoding: str | None
    delimiter: str | None
    header_row: int | None
    sign: SignConvention
    currency: str | None
    payment_method: str | None


_PROFILE: dict[str, Any] = {
    "id": 4,
    "name": "caixa",
    "mapping": {
        **_MAPPING,
        "debit": None,
        "credit": None,
        "category": None,
        "method": None,
        "currency_column": None,
        "note": None,
        "description_fallback": None,
        "direction": None,
        "out_values": [],
        "in_values": [],
        "fee": None,
        "include": [],
        "exclude": [],
        "skip_zero": False,
        "skip_summary_rows": False,
        "encoding": None,
        "delimiter": None,
        "sign": "negative-expense",
        "currency": None,
    },
    "created_at": _WHEN,
}


class ProfileOut(ResponseModel):
    """A saved mapping; the built-in `fopymes` profile (reads fopymes' own CSV export) has
    no id and cannot be removed."""

    model_config = ConfigDict(json_schema_extra={"examples": [_PROFILE]})

    id: int | None
    name: str
    mapping: CsvMappingOut
    created_at: dt.datetime | None


class ProfileList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_PROFILE]}]})

    items: list[ProfileOut]


class ProfileIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "caixa", "mapping": _MAPPING}]}
    )

    name: Annotated[Text, Field(min_length=1, max_length=100, description="e.g. the bank's.")]
    mapping: CsvMappingIn


class PlannedLineOut(ResponseModel):
    """What one statement line becomes; `duplicate` lines are already in the workspace."""

    line: Annotated[int, Field(description="1-based line of the file.")]
    date: dt.date
    kind: str
    amount: DecimalString
    currency: str
    description: str
    category: str | None
    method: str | None
    duplicate: bool


class RowErrorOut(ResponseModel):
    line: Annotated[int, Field(description="1-based line of the file.")]
    field: str
    message: str


class BalanceOut(ResponseModel):
    amount: DecimalString
    date: dt.date | None
    line: Annotated[int, Field(description="1-based line of the file stating it.")]


class StatementOut(ResponseModel):
    """One account of the file: the payment method it goes to and the balances it states
    (`null` where the format or the file gives none). When both are given, opening plus
    the movements must equal closing, or the file is refused."""

    account: str
    method: str
    currency: str
    opening: BalanceOut | None
    closing: BalanceOut | None


class ImportReportOut(ResponseModel):
    """The preview (`dry_run: true`: `added` is 0) or what an import added.

    `new` lines would be (or were) added, `duplicates` were skipped; with any `errors`
    nothing is written.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
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
                }
            ]
        }
    )

    source: str
    dry_run: bool
    account: Annotated[
        str | None, Field(description="OFX: the statement's account -> payment method.")
    ]
    added: int
    new: int
    duplicates: int
    lines: list[PlannedLineOut]
    errors: list[RowErrorOut]
    read_as: Annotated[
        str | None,
        Field(description="CSV: the encoding, delimiter and header line found in the file."),
    ]
    created: Annotated[
        str | None, Field(description="CSV: the names this import created (or would).")
    ]
    missing: Annotated[
        str | None,
        Field(
            description="CSV: names the file uses that the workspace lacks (see create_missing)."
        ),
    ]
    statements: Annotated[
        list[StatementOut],
        Field(description="Account statements (OFX, Norma 43, CAMT, MT940); [] for CSV."),
    ]
    skipped: Annotated[
        list[RowErrorOut],
        Field(description="Lines left out on purpose, with why (not errors)."),
    ]


class UploadFingerprint(BaseModel):
    """What makes two uploads "the same request" for Idempotency-Key: the options and the
    file's digest (the body itself is not a model)."""

    query: str
    sha256: str


_RULE: dict[str, Any] = {
    "id": 3,
    "position": 1,
    "condition": 'description ~ "MERCADONA|CARREFOUR"',
    "set_category": "Groceries",
    "set_category_id": 12,
    "set_method": None,
    "set_method_id": None,
    "set_description": None,
    "created_at": _WHEN,
}


class RuleOut(ResponseModel):
    """A categorisation rule; imports run them by `position`, a later match winning."""

    model_config = ConfigDict(json_schema_extra={"examples": [_RULE]})

    id: int
    position: int
    condition: str
    set_category: str | None
    set_category_id: int | None
    set_method: str | None
    set_method_id: int | None
    set_description: str | None
    created_at: dt.datetime


class RuleList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_RULE]}]})

    items: list[RuleOut]


class RuleIn(RequestModel):
    """Appended at the end of the list; it must set at least one thing."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"condition": 'description ~ "MERCADONA|CARREFOUR"', "set_category_id": 12}
            ]
        }
    )

    condition: Annotated[
        Text,
        Field(
            min_length=1,
            max_length=1000,
            description="e.g. 'description ~ \"MERCADONA\"' or "
            "'amount > 100 and kind = \"expense\"'.",
        ),
    ]
    set_category_id: Id | None = None
    set_method_id: Id | None = Field(default=None, description="A payment method's id.")
    set_description: Annotated[Text, Field(min_length=1, max_length=500)] | None = None

    def to_create(self) -> RuleCreate:
        return RuleCreate(
            condition=self.condition,
            set_category=self.set_category_id,
            set_method=self.set_method_id,
            set_description=self.set_description,
        )
