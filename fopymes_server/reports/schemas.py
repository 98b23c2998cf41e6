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

from pydantic import ConfigDict, Field

from fopymes_server.accounts.schemas import MonthNetWorth
from fopymes_server.core.contract import Contract, Money, examples
from fopymes_server.reports.examples import REPORT as _EXAMPLE
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


class PeriodOut(Contract):
    start: dt.date
    end: dt.date
    label: str


class Kpis(Contract):
    income: Money
    expense: Money
    net: Money
    savings_rate: Decimal | None
    count: int


class CategoryLine(Contract):
    """A top-level category with sub-categories rolled up (and listed in `children`)."""

    category_id: int | None
    name: str
    amount: Money
    share: Decimal
    count: int
    previous: Money
    change: Decimal | None
    """(amount - previous) / previous; None when the previous period had nothing."""
    children: list[CategoryLine] = Field(default_factory=list)


class MethodLine(Contract):
    method_id: int | None
    name: str
    income: Money
    expense: Money
    count: int


class BudgetLine(Contract):
    category: str
    currency: str
    period_start: dt.date
    period_end: dt.date
    limit: Money
    spent: Money
    remaining: Money
    percent_used: Decimal | None
    """Percent of the limit spent (85.5 is 85.5 %), as the budgets service gives it."""
    status: str
    """on_track, at_risk or over (budgets.rules.Verdict)."""
    prorated: bool = False
    """A budget period straddles the report's edge: its limit counts the days inside only."""


class GoalLine(Contract):
    name: str
    currency: str
    target: Money
    saved: Money
    remaining: Money
    percent: Decimal | None
    """Percent of the target saved (may exceed 100), as the goals service gives it."""
    deadline: dt.date | None
    status: str


class DebtLine(Contract):
    counterparty: str
    direction: str
    """`owed_to_me` or `i_owe`."""
    currency: str
    balance: Money
    due: dt.date | None
    status: str


class LargeExpenseLine(Contract):
    id: int
    date: dt.date
    amount: Money
    description: str
    category: str | None
    method: str | None


class DayLine(Contract):
    date: dt.date
    income: Money
    expense: Money
    net: Money
    cumulative: Money
    """Running net from the period's first day."""


class AccountBalanceLine(Contract):
    """One account's balance at both edges of the report's period, in one currency.

    The balances are `fopymes account list --on DATE`'s: opening is the balance at the end
    of the day before the period's first day, closing at the end of its last day.
    """

    model_config = ConfigDict(use_attribute_docstrings=True)

    account_id: int
    name: str
    type: str
    """cash, checking, savings, credit_card, loan, mortgage, other_asset, other_liability."""
    liability: bool
    """Money owed (a card, loan or mortgage): its balance is negative when it owes."""
    currency: str
    opening: Money = Field(description="Balance at the end of the day before the period.")
    closing: Money = Field(description="Balance at the end of the period's last day.")
    change: Money = Field(description="closing - opening.")


class TransferLine(Contract):
    """Money moved between the workspace's own pockets over the period: never income or
    expense. One line per (from, to, currency), summed."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    from_account: str
    """The account the money left (or the goal or debt it came back from)."""
    to_account: str
    """The account the money went to (or the savings goal or debt it went into)."""
    currency: str
    amount: Money = Field(description="What left `from_account`, in `currency`.")
    count: int


PRORATA_NOTE = (
    "Budgets cover the report's dates only: where a budget period runs past them, "
    "its limit counts pro rata for the days inside."
)
"""What every renderer prints under the budgets when a line is `prorated`."""


class ReportData(Contract):
    """Every figure of the workspace over one period, in the workspace currency.

    Amounts are exact decimal strings in JSON; fractions (`share`, `savings_rate`,
    `change`) have four places (0.2500 is 25 %). `other_currencies` holds what was never
    converted. The movements appendix of the PDF, XLSX and CSV is not part of this JSON:
    `GET .../transactions?date_from=...&date_to=...` pages through the same rows.
    """

    model_config = ConfigDict(use_attribute_docstrings=True, json_schema_extra=examples(_EXAMPLE))

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
    balances: list[AccountBalanceLine]
    """Every account's opening and closing balance over the period (archived ones that
    held nothing at either edge left out)."""
    transfers: list[TransferLine]
    """Transfers of the period, apart from income and expenses."""
    networth: list[MonthNetWorth]
    """Net worth per currency at the end of each month of the period (`report networth
    --monthly`)."""


class ReportEmailOut(Contract):
    """The message waiting in the outbox; the mail job delivers it, with retries."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "message_id": 311,
                "to": "accountant@shop.example",
                "period": {"start": "2026-10-01", "end": "2026-10-31", "label": "2026-10"},
                "attachment": "fopymes-books-2026-10.pdf",
                "content_type": "application/pdf",
                "size": 48211,
            }
        )
    )

    message_id: int = Field(description="The outbox message's id (`fopymes mail outbox`).")
    to: str = Field(description="The address it goes to.")
    period: PeriodOut
    attachment: str = Field(description="The attached file's name.")
    content_type: str = Field(description="The attached file's MIME type.")
    size: int = Field(description="Bytes of the attachment.")


class ReportScheduleOut(Contract):
    """A report e-mailed on the 1st of each month, quarter or year."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "id": 7,
                "frequency": "monthly",
                "period": "last-month",
                "format": "pdf",
                "to": "boss@shop.example",
                "next_run_on": "2026-12-01",
                "last_run_at": None,
            }
        )
    )

    id: int
    frequency: str = Field(description="monthly, quarterly or yearly.")
    period: str = Field(description="The period each report covers: the one just ended.")
    format: str = Field(description="pdf, xlsx or csv.")
    to: str = Field(description="The address it is e-mailed to.")
    next_run_on: dt.date = Field(description="The day the next report is queued.")
    last_run_at: dt.datetime | None = Field(description="When the last one was queued.")


class ReportBy(StrEnum):
    """What `report show --by` groups the period's incomes and expenses by."""

    CATEGORY = "category"
    """The whole report (categories, methods, budgets, ...): what `report show` prints."""
    PAYEE = "payee"
    TAG = "tag"


class GroupLine(Contract):
    """One payee's or tag's income and expense in one currency over the period."""

    id: int | None = Field(description="null for the rows without a payee or tag.")
    name: str | None
    currency: str
    expense: Money
    income: Money
    count: int


class GroupReport(Contract):
    """The largest payees or tags of a period, per currency, by expense + income.

    Transfers are in neither (see `transactions.movements`). A transaction with two tags
    counts under both, so tag lines may add up to more than the period's totals.
    """

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "workspace": "Home",
                "by": "payee",
                "period": {"start": "2026-11-01", "end": "2026-11-30", "label": "2026-11"},
                "lines": [
                    {
                        "id": 7,
                        "name": "Mercadona",
                        "currency": "EUR",
                        "expense": "412.30",
                        "income": "0.00",
                        "count": 9,
                    }
                ],
            }
        )
    )

    workspace: str
    by: ReportBy
    period: PeriodOut
    lines: list[GroupLine]
