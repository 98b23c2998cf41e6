"""Categories and payment methods a CSV names that the workspace lacks (used by imports).

fopymes' own export names every transaction's category and method, so importing it into
a new workspace used to fail on every row until each name had been created by hand. The
CSV use case finds these names here, and after the person agreed, creates them in the
import's own unit of work: they are committed with the lines, or not at all. A category
is made of the kind of the first line that names it; an account (a line's payment method,
or the account a transfer reached) is of type `other`, in the currency of the first
transfer that moves its money (a transfer is always in its accounts' currencies), else of
the first line that names it. A name that no account could have (empty, too long) is the
row error of the first line naming it, not a failure of the whole import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from fopymes_server.accounts.schemas import AccountType, PaymentMethodOut
from fopymes_server.categories.schemas import CategoryKind, CategoryOut
from fopymes_server.core import catalogue as names
from fopymes_server.core.currencies import CURRENCY_EXPONENTS
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.lookup import clean_name, name_key
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.imports.planning import Catalogue, unneutralise
from fopymes_server.imports.schemas import RowError, StatementLine

MAX_NAME = 100
"""What `catalogue.check_new_name` allows."""


@dataclass(frozen=True)
class MissingNames:
    categories: dict[str, CategoryKind] = field(default_factory=dict)
    methods: dict[str, str | None] = field(default_factory=dict)
    """Each missing account's name and currency (None: the workspace's)."""
    errors: list[RowError] = field(default_factory=list)
    """Lines naming what could not be created; the import refuses them."""

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
            listed = ", ".join(
                f"{name} ({currency})" if currency else name
                for name, currency in self.methods.items()
            )
            parts.append(f"payment method{plural} {listed}")
        return "; ".join(parts)


def find_missing(
    catalogue: Catalogue, lines: Sequence[StatementLine], *, currency: str
) -> MissingNames:
    """The category and account names of `lines` that `catalogue` does not have.

    Args:
        currency: the workspace's; an account in it is listed without one.
    """
    missing = MissingNames()
    seen: set[str] = set()
    spelled: dict[str, str] = {}  # a missing account's name key -> its name as first written
    settled: set[str] = set()  # accounts whose currency a transfer gave
    refused: dict[str, str] = {}  # name key -> why no account can have that name
    for line in lines:
        if line.category:
            name = " ".join(unneutralise(line.category).split())
            key = "c" + name_key(name)
            if key not in seen and catalogue.category(name) is None:
                kind = CategoryKind.EXPENSE if line.amount < 0 else CategoryKind.INCOME
                missing.categories[name] = kind
            seen.add(key)
        transfer = line.counter_account is not None
        for field_name, ref, code in (
            ("payment method", line.method, line.currency),
            ("to account", line.counter_account, line.counter_currency),
        ):
            if not ref or catalogue.method(unneutralise(ref)) is not None:
                continue
            name = " ".join(unneutralise(ref).split())
            key = name_key(name)
            if key not in spelled and key not in refused:
                try:
                    spelled[key] = clean_name(name, field_name, max_length=MAX_NAME)
                except ValidationError as exc:
                    refused[key] = f"'{name[:40]}' cannot be an account's name: {exc.rule}"
                else:
                    missing.methods[spelled[key]] = _currency(code, currency)
                    if transfer:
                        settled.add(key)
                    continue
            if key in refused:
                missing.errors.append(RowError(line.line, field_name, refused[key]))
            elif transfer and key not in settled:
                missing.methods[spelled[key]] = _currency(code, currency)
                settled.add(key)
    return missing


def _currency(code: str | None, default: str) -> str | None:
    """The ISO code a line names, None for the workspace's or for a code that is none
    (planning reports that one on its line)."""
    found = (code or "").strip().upper()
    return found if found in CURRENCY_EXPONENTS and found != default else None


def create(uow: UnitOfWork, principal: Principal, missing: MissingNames) -> None:
    """Add the missing names in the caller's unit of work (committed with the import)."""
    principal.require_write()
    now = uow.clock.now()
    for name, kind in missing.categories.items():
        cleaned = names.check_new_name(uow.categories, principal, name, "category")
        uow.categories.add(principal.workspace_id, name=cleaned, kind=kind, parent_id=None, now=now)
    for name, currency in missing.methods.items():
        cleaned = names.check_new_name(uow.accounts, principal, name, "payment method")
        uow.accounts.add(
            principal.workspace_id,
            name=cleaned,
            type=AccountType.OTHER_ASSET,
            last_four=None,
            now=now,
            currency=currency,
        )
    uow.flush()


def with_placeholders(
    catalogue: Catalogue, missing: MissingNames, now: datetime, *, currency: str
) -> Catalogue:
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
            currency=account_currency or currency,
            opening_balance=Decimal(0),
            opening_date=now.date(),
            last_four=None,
            liability=False,
            created_at=now,
        )
        for i, (n, account_currency) in enumerate(missing.methods.items(), start=1)
    ]
    return Catalogue(
        categories=[*catalogue.categories, *extra_categories],
        methods=[*catalogue.methods, *extra_methods],
    )
