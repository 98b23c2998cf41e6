"""Aggregates of transactions as the dashboard, reports and the API receive them.

Every figure is per currency: fopymes never adds euros to dollars, so a workspace with
transactions in two currencies gets two rows where a single-currency one gets one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from fopymes_server.transactions.schemas import CurrencyTotals, Kind


class PeriodTotals(CurrencyTotals):
    """Income, expense, net and count of one currency over a date range."""

    model_config = ConfigDict(frozen=True)

    savings_rate: Decimal | None
    """Net as a fraction of income (0.25 is 25 %); None when there was no income."""


class CategoryTotal(BaseModel):
    """What one top-level category (its sub-categories rolled in) took or brought in."""

    model_config = ConfigDict(frozen=True)

    category_id: int | None
    """The top-level category; None for transactions without a category."""
    category: str | None
    kind: Kind
    currency: str
    amount: Decimal
    count: int
    share: Decimal
    """Fraction of the kind's total in this currency over the same range (0 to 1)."""


class MonthTotals(BaseModel):
    """One calendar month of one currency, zeros included, for trends and charts."""

    model_config = ConfigDict(frozen=True)

    month: dt.date
    """The first day of the month."""
    currency: str
    income: Decimal
    expense: Decimal
    net: Decimal
    count: int
