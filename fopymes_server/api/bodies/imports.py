"""Bodies of imports: the import report and categorisation rules (CSV mapping profiles
are in `import_profiles`).

The statement file itself is not a model: it is the raw request body (text/csv,
application/x-ofx), so a bank's bytes reach the parser exactly as the bank wrote them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from fopymes_server.api.bodies.common import (
    DecimalString,
    Id,
    RequestModel,
    ResponseModel,
    Text,
)
from fopymes_server.imports.schemas import RuleCreate
from fopymes_server.reconciliations.schemas import StatementCheck


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
                    "balance_checks": [],
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
    balance_checks: list[StatementCheck] = Field(
        default_factory=list, description="Closing balances against the cleared balances."
    )


class UploadFingerprint(BaseModel):
    """What makes two uploads "the same request" for Idempotency-Key: the options and the
    file's digest (the body itself is not a model)."""

    query: str
    sha256: str


_WHEN = "2026-11-27T09:30:00Z"
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
