"""`fopymes demo`: a year (by default) of plausible household and freelance money.

Everything goes through the same validation as `tx add` (transactions.steps.add_many), so
demo data can never hold a state the rules forbid.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountType
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.lookup import name_key
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.transactions import steps as transactions
from fopymes_server.transactions.schemas import Kind, TransactionCreate


@dataclass(frozen=True)
class DemoSummary:
    transactions: int
    categories: int
    payment_methods: int
    first_date: date
    last_date: date


_EXTRA_METHODS = (
    ("Debit card", AccountType.CHECKING, "4821"),
    ("Credit card", AccountType.CREDIT_CARD, "9034"),
    ("Bank account", AccountType.CHECKING, "1177"),
)
_EXTRA_CATEGORIES = (("Supermarket", "Groceries"), ("Fuel", "Transport"), ("Streaming", "Leisure"))

# (category, method, description choices, times per month, low, high)
_EXPENSES: tuple[tuple[str, str, tuple[str, ...], float, int, int], ...] = (
    ("Supermarket", "Debit card", ("Mercadona", "Carrefour", "Lidl", "Aldi"), 6, 18, 95),
    ("Groceries", "Cash", ("Bakery", "Fruit shop", "Butcher"), 4, 3, 25),
    ("Restaurants", "Credit card", ("Pizzeria", "Sushi bar", "Tapas", "Café"), 4, 9, 60),
    ("Fuel", "Credit card", ("Repsol", "Cepsa", "BP"), 2, 40, 75),
    ("Transport", "Debit card", ("Metro card", "Taxi", "Train ticket"), 2, 2, 45),
    ("Health", "Debit card", ("Pharmacy", "Dentist", "Optician"), 0.6, 8, 120),
    ("Leisure", "Credit card", ("Cinema", "Concert", "Books", "Museum"), 1.5, 8, 70),
    ("Clothing", "Credit card", ("Zara", "Decathlon", "Shoes"), 0.8, 20, 110),
    ("Education", "Bank account", ("Online course", "Language school"), 0.3, 30, 200),
    ("Other expenses", "Cash", ("Gift", "Haircut", "Hardware store"), 1, 5, 60),
)
_MONTHLY: tuple[tuple[Kind, str, str, str, int, int, int], ...] = (
    # kind, category, method, description, day, low, high
    (Kind.INCOME, "Salary", "Bank account", "Monthly salary", 27, 2450, 2450),
    (Kind.EXPENSE, "Housing", "Bank account", "Rent", 1, 950, 950),
    (Kind.EXPENSE, "Utilities", "Bank account", "Electricity", 8, 45, 110),
    (Kind.EXPENSE, "Utilities", "Bank account", "Internet and phone", 12, 48, 48),
    (Kind.EXPENSE, "Streaming", "Credit card", "Streaming subscription", 15, 13, 13),
)


def _ensure_catalogue(uow: UnitOfWork, principal: Principal) -> tuple[int, int]:
    """Create the demo's methods and sub-categories when missing; return how many were added."""
    added_methods = added_categories = 0
    existing_methods = {name_key(m.name) for m in accounts.list_methods(uow, principal)}
    for name, kind, digits in _EXTRA_METHODS:
        if name_key(name) not in existing_methods:
            uow.accounts.add(
                principal.workspace_id, name=name, type=kind, last_four=digits, now=uow.clock.now()
            )
            added_methods += 1
    existing = {name_key(c.name): c for c in categories.list_categories(uow, principal)}
    for name, parent in _EXTRA_CATEGORIES:
        if name_key(name) not in existing and name_key(parent) in existing:
            uow.categories.add(
                principal.workspace_id,
                name=name,
                kind=CategoryKind.EXPENSE,
                parent_id=existing[name_key(parent)].id,
                now=uow.clock.now(),
            )
            added_categories += 1
    return added_methods, added_categories


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    cents = rng.randint(low * 100, high * 100)
    return Decimal(cents).scaleb(-2)


def populate(
    uow: UnitOfWork, principal: Principal, *, months: int = 12, seed: int = 7
) -> DemoSummary:
    """Add `months` months of incomes and expenses ending today to the principal's workspace."""
    principal.require_write()
    added_methods, added_categories = _ensure_catalogue(uow, principal)
    rng = random.Random(seed)
    today = uow.clock.today()
    first = (today.replace(day=1) - timedelta(days=31 * (months - 1))).replace(day=1)
    planned: list[TransactionCreate] = []
    month_start = first
    while month_start <= today:
        next_month = (month_start + timedelta(days=32)).replace(day=1)
        days = (next_month - month_start).days
        for kind, category, method, description, day, low, high in _MONTHLY:
            when = month_start.replace(day=min(day, days))
            if when <= today:
                planned.append(
                    _create(kind, category, method, description, when, _amount(rng, low, high))
                )
        for category, method, names, per_month, low, high in _EXPENSES:
            count = int(per_month) + (1 if rng.random() < per_month % 1 else 0)
            for _ in range(count):
                when = month_start + timedelta(days=rng.randrange(days))
                if when <= today:
                    planned.append(
                        _create(
                            Kind.EXPENSE,
                            category,
                            method,
                            rng.choice(names),
                            when,
                            _amount(rng, low, high),
                        )
                    )
        if rng.random() < 0.4:
            when = month_start + timedelta(days=rng.randrange(days))
            if when <= today:
                planned.append(
                    _create(
                        Kind.INCOME,
                        "Freelance",
                        "Bank account",
                        "Freelance invoice",
                        when,
                        _amount(rng, 300, 1400),
                    )
                )
        month_start = next_month
    transactions.add_many(uow, principal, planned)
    events.record(uow, principal, "transactions.imported", payload={"count": len(planned)})
    uow.commit()
    dates = [item.date for item in planned if isinstance(item.date, date)]
    return DemoSummary(
        transactions=len(planned),
        categories=added_categories,
        payment_methods=added_methods,
        first_date=min(dates),
        last_date=max(dates),
    )


def _create(
    kind: Kind, category: str, method: str, description: str, when: date, amount: Decimal
) -> TransactionCreate:
    return TransactionCreate(
        kind=kind,
        amount=amount,
        date=when,
        category=category,
        payment_method=method,
        description=description,
    )
