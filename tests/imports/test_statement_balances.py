"""After an import, each statement's closing balance is checked against the cleared balance.

For every account format (OFX ledger balance, Norma 43, CAMT.053, MT940) on both
databases: an account whose opening balance makes the file's closing balance come out
reports a match (in the preview and after the import); one that does not reports the
statement balance, fopymes' cleared balance and their difference.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountCreate
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.imports import service
from fopymes_server.imports.schemas import ImportReport
from fopymes_server.imports.service_statements import PARSERS
from tests.factories import new_owner

FIXTURES = Path(__file__).parent / "fixtures"
FILES = {
    "ofx": "ofx_xml_utf8.ofx",
    "norma43": "norma43.n43",
    "camt": "camt053.xml",
    "mt940": "mt940.sta",
}


def _closing_and_moved(fmt: str) -> tuple[Decimal, Decimal]:
    (statement,) = PARSERS[fmt]((FIXTURES / FILES[fmt]).read_bytes())
    assert statement.closing is not None
    moved = sum((line.amount for line in statement.lines), Decimal(0))
    return statement.closing.amount, moved


def _import(ctx: AppContext, owner: Principal, fmt: str, *, dry_run: bool) -> ImportReport:
    with ctx.uow() as uow:
        return service.import_statement_file(
            uow,
            owner,
            fmt=fmt,
            data=(FIXTURES / FILES[fmt]).read_bytes(),
            source=FILES[fmt],
            method="Bank",
            dry_run=dry_run,
        )


def _owner_with_bank(ctx: AppContext, opening: Decimal) -> Principal:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        accounts.create(
            uow,
            owner,
            AccountCreate(name="Bank", opening_balance=opening, opening_date="2026-01-01"),
        )
    return owner


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_a_closing_balance_that_comes_out_is_reported_as_matching(
    ctx: AppContext, fmt: str
) -> None:
    closing, moved = _closing_and_moved(fmt)
    owner = _owner_with_bank(ctx, closing - moved)
    for dry_run in (True, False):
        report = _import(ctx, owner, fmt, dry_run=dry_run)
        assert not report.errors
        (check,) = report.balance_checks
        assert (check.account, check.statement_balance, check.matches) == ("Bank", closing, True)
        assert check.cleared_balance == closing
        assert check.difference == 0


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_a_closing_balance_that_does_not_come_out_is_reported_with_the_difference(
    ctx: AppContext, fmt: str
) -> None:
    closing, moved = _closing_and_moved(fmt)
    owner = _owner_with_bank(ctx, closing - moved - Decimal("12.34"))
    report = _import(ctx, owner, fmt, dry_run=False)
    assert report.added > 0
    (check,) = report.balance_checks
    assert check.matches is False
    assert check.statement_balance == closing
    assert check.cleared_balance == closing - Decimal("12.34")
    assert check.difference == Decimal("12.34")
