"""The documented example of a report, shown in the API's OpenAPI description."""

from __future__ import annotations

from typing import Any

_MONEY = {"income": "3210.50", "expense": "1279.76", "net": "1930.74"}
REPORT: dict[str, Any] = {
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
    "balances": [
        {
            "account_id": 2,
            "name": "Cash",
            "type": "cash",
            "liability": False,
            "currency": "EUR",
            "opening": "150.00",
            "closing": "2080.74",
            "change": "1930.74",
        }
    ],
    "transfers": [
        {
            "from_account": "Bank",
            "to_account": "Cash",
            "currency": "EUR",
            "amount": "200.00",
            "count": 1,
        }
    ],
    "networth": [
        {
            "month": "2026-10",
            "month_end": "2026-10-31",
            "currency": "EUR",
            "assets": "5080.74",
            "liabilities": "0.00",
            "net_worth": "5080.74",
        }
    ],
}
