"""The check of the month sums that balances read: recompute them, compare, repair.

`account_month_flows` is kept by triggers in the transaction that writes the rows (see
migration 0010), so it cannot drift through fopymes; a restore of part of a backup, a
trigger dropped by hand or a bulk load that disabled it could still leave it wrong.
`fopymes db check` recomputes every sum from the rows and reports each one that differs;
with `repair` it rewrites the table from the rows, with writers held off meanwhile.
"""

from __future__ import annotations

from pydantic import BaseModel

from fopymes_server.accounts.balances import MonthSum
from fopymes_server.core.uow import UnitOfWork


class MonthDrift(BaseModel):
    """One (account, currency, month) whose stored sums are not the rows' (minor units)."""

    workspace_id: int
    account_id: int
    currency: str
    month: str
    stored_minor: int
    rows_minor: int
    stored_cleared_minor: int
    rows_cleared_minor: int


class MonthSumsCheck(BaseModel):
    checked: int
    """How many (account, currency, month) sums were compared."""
    drifted: list[MonthDrift]
    repaired: bool


def _drift(stored: MonthSum | None, rows: MonthSum | None) -> MonthDrift | None:
    either = rows or stored
    assert either is not None
    got = (stored.flow_minor, stored.cleared_minor) if stored else (0, 0)
    want = (rows.flow_minor, rows.cleared_minor) if rows else (0, 0)
    if got == want:
        return None
    return MonthDrift(
        workspace_id=either.workspace_id,
        account_id=either.account_id,
        currency=either.currency,
        month=f"{either.year:04d}-{either.month:02d}",
        stored_minor=got[0],
        rows_minor=want[0],
        stored_cleared_minor=got[1],
        rows_cleared_minor=want[1],
    )


def check(uow: UnitOfWork, *, repair: bool = False) -> MonthSumsCheck:
    """Compare every stored month sum with the rows; with `repair`, rewrite them (commits).

    A database-level check, like `db upgrade`: it reads every workspace, for whoever holds
    the database, and is not an operation of a member."""
    if repair:
        uow.balances.hold_writers()
    stored = {s.key: s for s in uow.balances.month_sums()}
    rows = {s.key: s for s in uow.balances.month_sums_recomputed()}
    drifted = [
        found
        for key in sorted(set(stored) | set(rows))
        if (found := _drift(stored.get(key), rows.get(key))) is not None
    ]
    if repair and drifted:
        uow.balances.rewrite_month_sums(list(rows.values()))
        uow.commit()
    return MonthSumsCheck(
        checked=len(set(stored) | set(rows)), drifted=drifted, repaired=repair and bool(drifted)
    )
