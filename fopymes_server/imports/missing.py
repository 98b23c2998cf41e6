"""Categories and payment methods a CSV names that the workspace lacks (used by imports).

fopymes' own export names every transaction's category and method, so importing it into
a new workspace used to fail on every row until each name had been created by hand. The
CSV use case finds these names here, and after the person agreed, creates them in the
import's own unit of work: they are committed with the lines, or not at all. A category
is made of the kind of the first line that names it; a method is of type `other`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from fopymes_server.accounts.schemas import AccountType, PaymentMethodOut
from fopymes_server.categories.schemas import CategoryKind, CategoryOut
from fopymes_server.core import catalogue as names
from fopymes_server.core.lookup import name_key
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.imports.planning import Catalogue, unneutralise
from fopymes_server.imports.schemas import StatementLine


@dataclass(frozen=True)
class MissingNames:
    categories: dict[str, CategoryKind] = field(default_factory=dict)
    methods: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.categories or self.methods)

    def describe(self) -> str:
        """`categories Consulting (income), Gym (expense); payment methods Visa`."""
        parts = []
        if self.categories:
            listed = ", ".join(f"{name} ({kind})" for name, kind in self.categories.items())
            parts.append(f"categor{'y' if len(self.categories) == 1 else 'ies'} {listed}")
        if self.methods:
            plural = "s" if len(self.methods) > 1 else ""
            parts.append(f"payment method{plural} {', '.join(self.methods)}")
        return "; ".join(parts)


def find_missing(catalogue: Catalogue, lines: Sequence[StatementLine]) -> MissingNames:
    """The category and method names of `lines` that `catalogue` does not have."""
    missing = MissingNames()
    seen: set[str] = set()
    for line in lines:
        if line.category:
            name = " ".join(unneutralise(line.category).split())
            key = "c" + name_key(name)
            if key not in seen and catalogue.category(name) is None:
                kind = CategoryKind.EXPENSE if line.amount < 0 else CategoryKind.INCOME
                missing.categories[name] = kind
            seen.add(key)
        if line.method:
            name = " ".join(line.method.split())
            key = "m" + name_key(name)
            if key not in seen and catalogue.method(name) is None:
                missing.methods.append(name)
            seen.add(key)
    return missing


def create(uow: UnitOfWork, principal: Principal, missing: MissingNames) -> None:
    """Add the missing names in the caller's unit of work (committed with the import)."""
    principal.require_write()
    now = uow.clock.now()
    for name, kind in missing.categories.items():
        cleaned = names.check_new_name(uow.categories, principal, name, "category")
        uow.categories.add(principal.workspace_id, name=cleaned, kind=kind, parent_id=None, now=now)
    for name in missing.methods:
        cleaned = names.check_new_name(uow.accounts, principal, name, "payment method")
        uow.accounts.add(
            principal.workspace_id,
            name=cleaned,
            type=AccountType.OTHER_ASSET,
            last_four=None,
            now=now,
        )
    uow.flush()


def with_placeholders(catalogue: Catalogue, missing: MissingNames, now: datetime) -> Catalogue:
    """The catalogue as it would be after `create`, for a dry run that writes nothing
    (the placeholders' ids are negative and never reach the database)."""
    extra_categories = [
        CategoryOut(id=-i, name=n, kind=k, parent_id=None, created_at=now)
        for i, (n, k) in enumerate(missing.categories.items(), start=1)
    ]
    extra_methods = [
        PaymentMethodOut(
            id=-i,
            name=n,
            type=AccountType.OTHER_ASSET,
            currency="XXX",  # ISO 4217 "no currency": a placeholder never holds money
            opening_balance=Decimal(0),
            opening_date=now.date(),
            last_four=None,
            liability=False,
            created_at=now,
        )
        for i, n in enumerate(missing.methods, start=1)
    ]
    return Catalogue(
        categories=[*catalogue.categories, *extra_categories],
        methods=[*catalogue.methods, *extra_methods],
    )
