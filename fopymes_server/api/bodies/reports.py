"""Request bodies of reports: the e-mail request, a new schedule, and the schedule list.

What the API returns is the reports feature's own schemas (`ReportData`, `ReportEmailOut`,
`ReportScheduleOut`), so its JSON is what `fopymes report ... -o json` prints.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.auth import Email
from fopymes_server.api.bodies.common import RequestModel, ResponseModel, Text
from fopymes_server.reports.schemas import ReportFormat, ReportScheduleOut

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
        "payment_methods, budgets, goals, debts, trend, largest_expenses, daily, balances, "
        "transfers, networth, other_currencies, movements). Without it a CSV is a ZIP of "
        "every table.",
        examples=["expenses_by_category"],
    ),
]
Frequency = Literal["monthly", "quarterly", "yearly"]


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


class ReportScheduleList(ResponseModel):
    items: list[ReportScheduleOut]
