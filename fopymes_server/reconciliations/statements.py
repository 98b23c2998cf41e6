"""A statement's closing balance against the account's cleared balance, after an import.

OFX (the ledger balance), CAMT.053, MT940 and Norma 43 state the balance at the end of the
statement. Once its lines are imported (they are cleared), fopymes' cleared balance of
the account on that date must be the same; when it is not, the import result says so
(`balance_checks`, and a warning line in the CLI) instead of accepting it silently. A
dry run compares the balance the import would give: the cleared balance plus the new
lines up to that date. A match records nothing: `fopymes account reconcile` agrees it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from fopymes_server.accounts import service as accounts
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.imports.schemas import ImportReport, PlannedLine, StatementSummary
from fopymes_server.reconciliations import steps
from fopymes_server.reconciliations.schemas import StatementCheck


def check_balances(uow: UnitOfWork, principal: Principal, report: ImportReport) -> ImportReport:
    """`report` with a check of every statement that states its closing balance (and
    when: its date, or else the last line's); unchanged when the import was refused."""
    if report.errors:
        return report
    checks = [
        check
        for summary in report.statements
        if (check := _check(uow, principal, report, summary)) is not None
    ]
    return replace(report, balance_checks=checks)


def _signed(line: PlannedLine) -> Decimal:
    return line.amount if line.kind == "income" else -line.amount


def _check(
    uow: UnitOfWork, principal: Principal, report: ImportReport, summary: StatementSummary
) -> StatementCheck | None:
    closing = summary.closing
    if closing is None:
        return None
    mine = [line for line in report.lines if line.method == summary.method]
    on: date | None = closing.date or max((line.date for line in mine), default=None)
    if on is None:
        return None
    account = accounts.resolve(uow, principal, summary.method)
    minor = steps.cleared_balance(uow, principal.workspace_id, account.id, summary.currency, on)
    cleared = from_minor(minor, summary.currency)
    if report.dry_run:
        cleared += sum(
            (_signed(line) for line in mine if not line.duplicate and line.date <= on),
            Decimal(0),
        )
    return StatementCheck(
        statement_account=summary.account,
        account=account.name,
        on=on,
        currency=summary.currency,
        statement_balance=closing.amount,
        cleared_balance=cleared,
        difference=closing.amount - cleared,
        matches=closing.amount == cleared,
    )
