"""Request body of a reconciliation, and the list wrapper of an account's reconciliations."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query
from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import Day, FlagParam, RequestModel
from fopymes_server.core.contract import Contract, examples
from fopymes_server.reconciliations.schemas import Reconciliation

SignedAmountText = Annotated[
    str,
    Field(
        pattern=r"^-?[0-9]{1,18}(\.[0-9]{1,4})?$",
        description='A decimal number as a string, negative for what is owed, e.g. "-350.00".',
        examples=["1234.56"],
    ),
]


class ReconcileIn(RequestModel):
    """A statement's balance at the end of `on`, to compare with the cleared balance."""

    model_config = ConfigDict(
        json_schema_extra=examples({"balance": "1234.56", "on": "2026-11-30"})
    )

    balance: SignedAmountText
    on: Day


class ReconciliationList(Contract):
    """An account's reconciliations, latest date first."""

    items: list[Reconciliation] = Field(description="Latest date first.")


SettableStatus = Literal["pending", "cleared"]
"""What a transaction body may set; only reconciling an account marks rows reconciled."""
STATUS_FIELD = "pending (not on a statement yet) or cleared (the default)."
ForceParam = Annotated[
    FlagParam,
    Query(description="true to change or delete a reconciled transaction (409 otherwise)."),
]
