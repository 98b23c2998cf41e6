"""Payment method data in and out."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class MethodType(StrEnum):
    CASH = "cash"
    DEBIT_CARD = "debit_card"
    CREDIT_CARD = "credit_card"
    BANK_ACCOUNT = "bank_account"
    OTHER = "other"


class PaymentMethodOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    name: str
    type: MethodType
    last_four: str | None
    archived: bool = False
    created_at: datetime
