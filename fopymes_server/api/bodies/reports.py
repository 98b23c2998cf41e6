"""Bodies of reports: the report itself, the e-mail request and report schedules.

The report body is the service's own `ReportData` (its Decimals serialise as strings), so
the JSON an API client reads is byte for byte what `fopymes report show -o json` prints;
`ReportOut` only adds the documentation example.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.auth import Email
from fopymes_server.api.bodies.common import RequestModel, ResponseModel, Text
from fopymes_server.reports.schemas import PeriodOut, ReportData, ReportFormat

PERIOD_WORDS = (
    "this-month, last-month, this-quarter, last-quarter, this-year, last-year, ytd, last-12-months"
)
PeriodText = Annotated[Text, Field(min_length=1, max_length=40)]
DateText = Annotated[
    Text,
    Field(
        min_length=1,
        max_length=40,
        description="YYYY-MM-DD, today or yesterday.",
        examples=["2026-10-01"],
    ),
]
TableName = Annotated[
    Text,
    Field(
        min_length=1,
        max_length=40,
        description="CSV only: one table (summary, expenses_by_category, income_by_category, "
        "payment_methods, budgets, goals, debts, trend, largest_expenses, daily, "
        "other_currencies). Without it a CSV is a ZIP of every table.",
        examples=["expenses_by_category"],
    ),
]
Frequency = Literal["monthly", "quarterly", "yearly"]

_MONEY = {"income": "3210.50", "expense": "1279.76", "net": "1930.74"}
_REPORT_EXAMPLE: dict[str, Any] = {
    "workspace": "Books",
    "currency": "EUR",
    "period": {"start": "2026-10-01", "end": "2026-10-31", "label": "2026-10"},
    "previous_period": {"start": "2026-09-01", "end": "2026-09-30", "label": "2026-09"},
    "generated_at": "2026-11-25T12:00:00Z",
    "kpis": {**_MONEY, "savings_rate": "0.6014", "count": 3},
    "previous_kpis": {
        "income": "0.00",
        "expense": "99.00",
        "net": "-99.00",
        "savings_rate": None,
        "count": 1,
    },
    "expenses_by_category": [
        {
            "category_id": 1,
            "name": "Groceries",
            "amount": "45.20",
            "share": "0.0353",
            "count": 1,
            "previous": "99.00",
            "change": "-0.5434",
            "children": [],
        }
    ],
    "income_by_category": [
        {
            "category_id": 11,
            "name": "Salary",
            "amount": "3210.50",
            "share": "1.0000",
            "count": 1,
            "previous": "0.00",
            "change": None,
            "children": [],
        }
    ],
    "payment_methods": [
        {"method_id": 2, "name": "Cash", "income": "3210.50", "expense": "1279.76", "count": 3}
    ],
    "budgets": [
        {
            "category": "Groceries",
            "currency": "EUR",
            "period_start": "2026-10-01",
            "period_end": "2026-10-31",
            "limit": "400.00",
            "spent": "45.20",
            "remaining": "354.80",
            "percent_used": "11.3",
            "status": "on_track",
        }
    ],
    "goals": [
        {
            "name": "Bike",
            "currency": "EUR",
            "target": "1000.00",
            "saved": "250.00",
            "remaining": "750.00",
            "percent": "25.0",
            "deadline": "2027-06-30",
            "status": "active",
        }
    ],
    "debts": [
        {
            "counterparty": "Ana",
            "direction": "i_owe",
            "currency": "EUR",
            "balance": "1000.00",
            "due": None,
            "status": "open",
        }
    ],
    "trend": [
        {"month": "2026-10-01", "currency": "EUR", **_MONEY, "count": 3},
    ],
    "largest_expenses": [
        {
            "id": 1042,
            "date": "2026-10-01",
            "amount": "1234.56",
            "description": "Rent",
            "category": "Housing",
            "method": "Cash",
        }
    ],
    "daily": [
        {
            "date": "2026-10-01",
            "income": "0.00",
            "expense": "1234.56",
            "net": "-1234.56",
            "cumulative": "-1234.56",
        }
    ],
    "other_currencies": [
        {
            "currency": "USD",
            "income": "0.00",
            "expense": "20.00",
            "net": "-20.00",
            "count": 1,
            "savings_rate": None,
        }
    ],
}


class ReportOut(ReportData):
    """Every figure of the workspace over one period, in the workspace currency.

    Amounts are exact decimal strings; fractions (`share`, `savings_rate`, `change`) have
    four places (0.2500 is 25 %). `other_currencies` holds what was never converted.
    """

    model_config = ConfigDict(json_schema_extra={"examples": [_REPORT_EXAMPLE]})


class ReportEmailIn(RequestModel):
    """Which report to e-mail, as which file, to whom. Name the period one way only
    (`period`, `month`, `quarter`, `year` or `date_from`/`date_to`); none means this month."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"to": "accountant@shop.example", "period": "last-month", "format": "pdf"}]
        }
    )

    to: Email
    format: ReportFormat = ReportFormat.PDF
    table: TableName | None = None
    period: PeriodText | None = Field(
        default=None, description=f"{PERIOD_WORDS}, or YYYY-MM, YYYYQn, YYYY, FROM..TO."
    )
    month: PeriodText | None = Field(default=None, description="YYYY-MM.")
    quarter: PeriodText | None = Field(default=None, description="e.g. 2026Q3.")
    year: PeriodText | None = Field(default=None, description="YYYY.")
    date_from: DateText | None = None
    date_to: DateText | None = Field(default=None, description="Default: today.")


class ReportEmailOut(ResponseModel):
    """The message waiting in the outbox; the mail job delivers it, with retries."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "message_id": 311,
                    "to": "accountant@shop.example",
                    "period": {"start": "2026-10-01", "end": "2026-10-31", "label": "2026-10"},
                    "attachment": "fopymes-books-2026-10.pdf",
                    "content_type": "application/pdf",
                    "size": 48211,
                }
            ]
        }
    )

    message_id: int
    to: str
    period: PeriodOut
    attachment: str
    content_type: str
    size: Annotated[int, Field(description="Bytes of the attachment.")]


class ReportScheduleIn(RequestModel):
    """A report e-mailed on the 1st of each month, quarter or year, covering the one
    just ended (last-month, last-quarter, last-year)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"frequency": "monthly", "format": "pdf", "to": "boss@shop.example"}]
        }
    )

    frequency: Frequency
    format: ReportFormat = ReportFormat.PDF
    to: Email


class ReportScheduleOut(ResponseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    "frequency": "monthly",
                    "period": "last-month",
                    "format": "pdf",
                    "to": "boss@shop.example",
                    "next_run_on": "2026-12-01",
                    "last_run_at": None,
                }
            ]
        }
    )

    id: int
    frequency: str
    period: str
    format: str
    to: str
    next_run_on: dt.date
    last_run_at: dt.datetime | None


class ReportScheduleList(ResponseModel):
    items: list[ReportScheduleOut]
