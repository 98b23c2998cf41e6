"""Bodies of contacts and debts: what a client may send, and what it gets back.

A debt, its payments and its repayment rows are the service's own schemas
(`debts.schemas`); this module wraps lists of them. Money goes out as decimal strings and
comes in as `AmountText`, so no amount ever passes
through a float. Request models forbid unknown fields (RequestModel), so an `id`,
`workspace_id` or `created_by` in a body is refused rather than ignored. Dates are bounded
to years 1900-2999: a debt valued or scheduled across millennia is never a real one, and
the bound keeps interest replays and month arithmetic far from the calendar's edge.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import (
    AmountText,
    CurrencyCode,
    Day,
    Flag,
    Id,
    RequestModel,
    ResponseModel,
    Text,
)
from fopymes_server.contacts.schemas import CONTACT_EXAMPLE, ContactOut
from fopymes_server.debts.rules import MAX_INSTALMENTS, InterestMode
from fopymes_server.debts.schemas import (
    PAYMENT_EXAMPLE,
    REPAYMENT_ROW_EXAMPLE,
    DebtCreate,
    Direction,
    PaymentCreate,
    PaymentOut,
    ScheduleRowOut,
)

_WHEN = "2026-11-27T09:30:00Z"
Instalments = Annotated[int, Field(ge=1, le=MAX_INSTALMENTS)]
RateText = Annotated[
    str,
    Field(
        pattern=r"^[0-9]{1,4}(\.[0-9]{1,4})?$",
        description='Annual interest in percent as a string, e.g. "5.25"; 0 to 1000, '
        "at most four decimals.",
        examples=["5.25"],
    ),
]
ContactName = Annotated[Text, Field(min_length=1, max_length=100)]
Email = Annotated[Text, Field(min_length=3, max_length=320, examples=["ana@example.com"])]
Note = Annotated[Text, Field(max_length=5000)]


# --- contacts ------------------------------------------------------------------------------


class ContactList(ResponseModel):
    """All contacts of the workspace by name (a workspace has a handful, not millions)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [CONTACT_EXAMPLE]}]})

    items: list[ContactOut]


class ContactIn(RequestModel):
    """A new contact; `member` (an e-mail) links it to a member of this workspace."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Ana", "email": "ana@example.com"}]}
    )

    name: ContactName = Field(description="Unique in the workspace in any case; not a number.")
    email: Email | None = None
    member: Email | None = Field(
        default=None, description="E-mail of the workspace member this contact is."
    )


# --- debts ---------------------------------------------------------------------------------


class PaymentList(ResponseModel):
    """A debt's payments in the order they apply (date, then id)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [PAYMENT_EXAMPLE]}]})

    items: list[PaymentOut]


class RepaymentScheduleOut(ResponseModel):
    """The monthly repayment plan from the debt's start, one row per instalment."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [REPAYMENT_ROW_EXAMPLE]}]})

    items: list[ScheduleRowOut]


class DebtIn(RequestModel):
    """A debt you owe a contact (`i_owe`) or one a contact owes you (`owed_to_me`).

    Give at most one of `instalments` and `monthly_payment` for a repayment plan; a plan
    that could never repay the debt is refused (409) when it is recorded.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "contact_id": 4,
                    "direction": "i_owe",
                    "principal": "1200.00",
                    "start": "2026-01-15",
                    "due": "2026-12-15",
                    "annual_rate": "5.25",
                    "interest": "simple",
                    "instalments": 12,
                    "description": "Laptop",
                }
            ]
        }
    )

    contact_id: Id
    direction: Direction
    principal: AmountText
    currency: CurrencyCode | None = Field(default=None, description="Default: the workspace's.")
    start: Day | None = Field(default=None, description="Default: today.")
    due: Day | None = None
    category_id: Id | None = Field(
        default=None,
        description="Category of the interest payments record: an expense category for "
        "i_owe, an income category for owed_to_me.",
    )
    account_id: Id | None = Field(
        default=None,
        description="The account the money was lent from (owed_to_me) or borrowed into "
        "(i_owe): the principal is recorded as a transfer between it and the debt's loan "
        "account on the start date. Without it the loan account opens with the principal.",
    )
    annual_rate: RateText | None = None
    interest: InterestMode = InterestMode.SIMPLE
    instalments: Instalments | None = None
    monthly_payment: AmountText | None = None
    description: Annotated[Text, Field(max_length=500)] = ""

    def to_create(self) -> DebtCreate:
        return DebtCreate(
            contact=self.contact_id,
            direction=self.direction,
            principal=self.principal,
            currency=self.currency,
            start=self.start or "today",
            due=self.due,
            category=self.category_id,
            account=self.account_id,
            annual_rate=self.annual_rate,
            interest=self.interest.value,
            instalments=self.instalments,
            monthly_payment=self.monthly_payment,
            description=self.description,
        )


class PaymentIn(RequestModel):
    """A payment made (never one planned): by you on a debt you owe, to you otherwise."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "amount": "400.00",
                    "date": "2026-03-01",
                    "payment_method_id": 2,
                    "record_transaction": True,
                }
            ]
        }
    )

    amount: AmountText
    date: Day | None = Field(default=None, description="Default: today; never in the future.")
    payment_method_id: Id | None = None
    record_transaction: Flag = Field(
        default=False,
        description="Also record it in `payment_method_id` (required then): the principal "
        "part as a transfer to (i_owe) or from (owed_to_me) the debt's loan account, the "
        "interest part as an expense (i_owe) or an income (owed_to_me).",
    )
    note: Note | None = None

    def to_create(self) -> PaymentCreate:
        return PaymentCreate(
            amount=self.amount,
            date=self.date or "today",
            payment_method=self.payment_method_id,
            record_transaction=self.record_transaction,
            note=self.note,
        )
