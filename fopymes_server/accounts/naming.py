"""Names of the accounts fopymes opens for a savings goal or a debt.

A goal's money set aside from another account lives in "<goal> savings"; what a debt still
owes lives in "Loan from <contact>" (borrowed) or "Loan to <contact>" (lent). The migration
that opened them for existing goals and debts and the services that open them for new ones
name them here, so both agree. Account names are unique per workspace (any case), so a
taken name gets the owner's number.
"""

from __future__ import annotations

from collections.abc import Collection

from fopymes_server.core.lookup import name_key

MAX_NAME = 100


def goal_account(goal: str) -> str:
    return f"{goal[: MAX_NAME - 8]} savings"


def debt_account(contact: str, *, owed_to_me: bool) -> str:
    return f"Loan {'to' if owed_to_me else 'from'} {contact[: MAX_NAME - 16]}"


def free(wanted: str, taken_keys: Collection[str], number: int) -> str:
    """`wanted`, or `wanted (number)` when the workspace already has an account so named."""
    if name_key(wanted) not in taken_keys:
        return wanted
    suffix = f" ({number})"
    return wanted[: MAX_NAME - len(suffix)] + suffix
