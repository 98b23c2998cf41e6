"""What a person may set as a transaction's status, and statement balances read (pure)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fopymes_server.core.errors import ConflictError, RuleViolationError, ValidationError
from fopymes_server.core.money import parse_amount, to_minor
from fopymes_server.reconciliations.schemas import UnclearedLine

SETTABLE = ("pending", "cleared")
"""Only reconciling an account marks lines reconciled."""


def settable_status(value: str) -> str:
    """`value` as a stored status, or ValidationError: pending or cleared, any case."""
    key = value.strip().lower()
    if key not in SETTABLE:
        raise ValidationError(
            "status",
            f"'{value}' is not pending or cleared (reconciling an account marks lines reconciled)",
        )
    return key


def signed_minor(text: str | Decimal, currency: str, field: str = "balance") -> int:
    """Exact minor units of a signed balance: "-350.00" for a card that owes 350."""
    raw = str(text).strip()
    negative = raw.startswith("-")
    magnitude = raw[1:].strip() if negative or raw.startswith("+") else raw
    if not magnitude:
        raise ValidationError(field, "is required (a statement balance such as 1234.56)")
    minor = to_minor(parse_amount(magnitude, currency, field=field, allow_zero=True), currency)
    return -minor if negative else minor


class ReconciledChangeError(ConflictError):
    """A change to a transaction inside an agreed statement balance, without force."""

    def __init__(self, transaction_id: int, action: str) -> None:
        super().__init__(
            f"transaction {transaction_id} is reconciled; {action} it would change a "
            "statement balance you agreed",
            hint="confirm at a terminal, or pass --force (force=true in the API)",
        )
        self.transaction_id = transaction_id


class StatementMismatchError(RuleViolationError):
    """A statement balance that is not the cleared balance: nothing was marked or kept."""

    def __init__(
        self,
        *,
        account: str,
        on: date,
        currency: str,
        statement: Decimal,
        cleared: Decimal,
        uncleared: list[UnclearedLine],
        since: date | None,
    ) -> None:
        difference = statement - cleared
        after = f" since the reconciliation of {since}" if since else ""
        super().__init__(
            f"{account}: the statement balance {statement:f} {currency} on {on} is not the "
            f"cleared balance {cleared:f} {currency} (difference {difference:f}); "
            f"{len(uncleared)} pending transaction(s){after}; nothing was changed",
            hint="clear the transactions the statement shows (fopymes tx edit ID --cleared), "
            "add what is missing, then reconcile again",
        )
        self.difference = difference
        self.cleared = cleared
        self.uncleared = uncleared
