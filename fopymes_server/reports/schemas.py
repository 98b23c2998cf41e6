"""The report model: every figure of one workspace over one period, as plain data.

Built once by `data.build` and read by every renderer (terminal, PDF, XLSX, CSV) and by
`report show -o json`, so the numbers cannot differ between formats. Amounts are exact
Decimals in the workspace currency; fractions (shares, savings rate, change) are Decimals
with four places (0.2500 is 25 %).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from fopymes_server.transactions.summary_schemas import MonthTotals, PeriodTotals


class ReportFormat(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"
    CSV = "csv"


CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.CSV: "text/csv",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class PeriodOut(_Frozen):
    start: dt.date
    end: dt.date
    label: str


class Kpis(_Frozen):
    income: Decimal
    expense: Decimal
    net: Decimal
    savings_rate: Decimal | None
    count: int


class CategoryLine(_Frozen):
    """A top-level category with sub-categories rolled up (and listed in `children`)."""

    category_id: int | None
    name: str
    amount: Decimal
    share: Decimal
    count: int
    previous: Decimal
    change: Decimal | None
    """(amount - previous) / previous; None when the previous period had nothing."""
    children: list[CategoryLine] = []


class MethodLine(_Frozen):
    method_id: int | None
    name: str
    income: Decimal
    expense: Decimal
    count: int


class BudgetLine(_Frozen):
    category: str
    currency: str
    period_start: dt.date
    period_end: dt.date
    limit: Decimal
    spent: Decimal
    remaining: Decimal
    percent_used: Decimal | None
    """Percent of the limit spent (85.5 is 85.5 %), as the budgets service gives it."""
    status: str
    """on_track, at_risk or over (budgets.rules.Verdict)."""
    prorated: bool = False
    """A budget period straddles the report's edge: its limit counts the days inside only."""


class GoalLine(_Frozen):
    name: str
    currency: str
    target: Decimal
    saved: Decimal
    remaining: Decimal
    percent: Decimal | None
    """Percent of the target saved (may exceed 100), as the goals service gives it."""
    deadline: dt.date | None
    status: str


class DebtLine(_Frozen):
    counterparty: str
    direction: str
    """`owed_to_me` or `i_owe`."""
    currency: str
    balance: Decimal
    due: dt.date | None
    status: str


class LargeExpenseLine(_Frozen):
    id: int
    date: dt.date
    amount: Decimal
    description: str
    category: str | None
    method: str | None


class DayLine(_Frozen):
    date: dt.date
    income: Decimal
    expense: Decimal
    net: Decimal
    cumulative: Decimal
    """Running net from the period's first day."""


PRORATA_NOTE = (
    "Budgets cover the report's dates only: where a budget period runs past them, "
    "its limit counts pro rata for the days inside."
)
"""What every renderer prints under the budgets when a line is `prorated`."""


class ReportData(_Frozen):
    workspace: str
    currency: str
    period: PeriodOut
    previous_period: PeriodOut
    generated_at: dt.datetime
    kpis: Kpis
    previous_kpis: Kpis
    expenses_by_category: list[CategoryLine]
    income_by_category: list[CategoryLine]
    payment_methods: list[MethodLine]
    budgets: list[BudgetLine]
    goals: list[GoalLine]
    debts: list[DebtLine]
    trend: list[MonthTotals]
    """The 12 months up to the period's end, in the workspace currency, zeros included."""
    largest_expenses: list[LargeExpenseLine]
    daily: list[DayLine]
    other_currencies: list[PeriodTotals]
    """Totals of transactions in other currencies: never converted, never mixed in."""
