"""Request bodies of CSV import profiles: the mapping in, with every option's rule (the
answer is `fopymes_server.imports.schemas.ProfileOut`).

Split from `imports` (the report and rules) because the mapping alone has some thirty
options, each validated here before the service's own consistency checks.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, ConfigDict, Field

from fopymes_server.api.bodies.common import CurrencyCode, Flag, RequestModel, ResponseModel, Text
from fopymes_server.imports.schemas import (
    PROFILE_EXAMPLE,
    CsvMapping,
    ProfileOut,
    SignConvention,
)


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
    fee: Column | None = Field(
        default=None, description="Fee column, imported as its own row (an expense)."
    )
    fee_signed: Flag = Field(
        default=False,
        description="The fee carries a sign like the amount: a positive one (a refunded "
        "fee) is money in. Without it every fee is a charge.",
    )
    include: Annotated[list[ColumnFilter], Field(max_length=20)] = Field(
        default=[], description="`COLUMN=VALUE`: import only rows with one of these values."
    )
    exclude: Annotated[list[ColumnFilter], Field(max_length=20)] = Field(
        default=[], description="`COLUMN=VALUE`: leave rows with this value out (listed)."
    )
    skip_zero: Flag = Field(default=False, description="Leave zero-amount rows out (listed).")
    skip_summary_rows: Flag = Field(
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
    payee: Column | None = Field(default=None, description="Payee or counterparty column.")
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


class ProfileList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [PROFILE_EXAMPLE]}]})

    items: list[ProfileOut]


class ProfileIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "caixa", "mapping": _MAPPING}]}
    )

    name: Annotated[Text, Field(min_length=1, max_length=100, description="e.g. the bank's.")]
    mapping: CsvMappingIn
