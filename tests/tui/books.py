"""Accounts with balances for the account tests, built through the services.

Bank (EUR, opened with 1,000.00), Card (a EUR credit card owing 350.00), Travel (USD,
opened with 200.00) and the workspace's own Cash (EUR, empty). Movements are added by each
test, so its figures are the ones it states.
"""

from __future__ import annotations

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountCreate, AccountType
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal

OPENED = "2026-01-01"


def open_accounts(ctx: AppContext, principal: Principal) -> None:
    for name, type, currency, opening in (
        ("Bank", AccountType.CHECKING, "EUR", "1000.00"),
        ("Card", AccountType.CREDIT_CARD, "EUR", "-350.00"),
        ("Travel", AccountType.SAVINGS, "USD", "200.00"),
    ):
        with ctx.uow() as uow:
            accounts.create(
                uow,
                principal,
                AccountCreate(
                    name=name,
                    type=type,
                    currency=currency,
                    opening_balance=opening,
                    opening_date=OPENED,
                ),
            )
