"""Request bodies of imports and rules, and the list of rules (what they answer with is
`fopymes_server.imports.schemas`; CSV mapping profiles are in `import_profiles`).

The statement file itself is not a model: it is the raw request body (text/csv,
application/x-ofx), so a bank's bytes reach the parser exactly as the bank wrote them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from fopymes_server.api.bodies.common import Day, Flag, Id, RequestModel, ResponseModel, Text
from fopymes_server.imports.schemas import RULE_EXAMPLE, RuleCreate, RuleOut


class UploadFingerprint(BaseModel):
    """What makes two uploads "the same request" for Idempotency-Key: the options and the
    file's digest (the body itself is not a model)."""

    query: str
    sha256: str


class RuleList(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [RULE_EXAMPLE]}]})

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


class RuleApplyIn(RequestModel):
    """Which recorded transactions the rules run over, and whether to write."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"date_from": "2026-01-01", "date_to": "2026-12-31", "dry_run": True}]
        }
    )

    date_from: Day | None = Field(default=None, description="First date, inclusive.")
    date_to: Day | None = Field(default=None, description="Last date, inclusive.")
    dry_run: Flag = Field(
        default=True, description="true (default): preview only. false: apply all or nothing."
    )
    force: Flag = Field(default=False, description="Change reconciled transactions too.")
