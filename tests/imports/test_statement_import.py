"""Account statements (OFX here) on SQLite and PostgreSQL: several accounts in one file,
investment cash, balances in the preview, all or nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountType
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.imports import service
from fopymes_server.imports.schemas import ImportReport
from fopymes_server.transactions import service as transactions
from tests.factories import new_owner

FIXTURES = Path(__file__).parent / "fixtures"


def _methods(ctx: AppContext, owner: Principal, *names: str) -> None:
    with ctx.uow() as uow:
        for name in names:
            accounts.add(uow, owner, name=name, type=AccountType.CHECKING)


def _import(ctx: AppContext, owner: Principal, fmt: str, name: str, **kw: object) -> ImportReport:
    with ctx.uow() as uow:
        return service.import_statement_file(
            uow,
            owner,
            fmt=fmt,
            data=(FIXTURES / name).read_bytes(),
            source=name,
            **kw,  # type: ignore[arg-type]
        )


def _by_method(ctx: AppContext, owner: Principal) -> dict[str | None, Decimal]:
    with ctx.uow(write=False) as uow:
        items = transactions.list_transactions(uow, owner, limit=100).items
    totals: dict[str | None, Decimal] = {}
    for t in items:
        signed = t.amount if t.kind.value == "income" else -t.amount
        totals[t.payment_method] = totals.get(t.payment_method, Decimal(0)) + signed
    return totals


def test_each_account_of_a_file_goes_to_its_own_method_and_is_remembered(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal
    _methods(ctx, owner, "Santander", "Visa")
    name = "ofx_latin1_two_accounts.ofx"
    with pytest.raises(ValidationError, match="holds 2 accounts"):
        _import(ctx, owner, "ofx", name, method="Santander")
    with pytest.raises(ValidationError, match="no account 'ES00'"):
        _import(ctx, owner, "ofx", name, accounts={"ES00": "Visa"})
    mapping = {"ES91 0049 1500 0512 3456 7892": "Santander", "4111111111114321": "Visa"}
    preview = _import(ctx, owner, "ofx", name, accounts=mapping, dry_run=True)
    closing = preview.statements[0].closing
    assert closing is not None
    assert closing.amount == Decimal("1470.00")
    assert [(s.account, s.method) for s in preview.statements] == [
        ("0049/ES9100491500051234567892", "Santander"),
        ("4111111111114321", "Visa"),
    ]
    with pytest.raises(ValidationError, match="which payment method"):
        _import(ctx, owner, "ofx", name)  # a dry run remembers nothing
    assert _import(ctx, owner, "ofx", name, accounts=mapping).added == 3
    assert _by_method(ctx, owner) == {"Santander": Decimal("470.00"), "Visa": Decimal("-64.10")}
    again = _import(ctx, owner, "ofx", name)
    assert (again.added, again.duplicates) == (0, 3)


def test_an_investment_statement_imports_its_cash_and_leaves_holdings_out(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx, currency="USD").principal
    _methods(ctx, owner, "Brokerage")
    report = _import(ctx, owner, "ofx", "ofx_investment.ofx", method="Brokerage")
    assert (report.added, [s.field for s in report.skipped]) == (4, ["TRANSFER"])
    assert _by_method(ctx, owner) == {"Brokerage": Decimal("2744.96")}  # its AVAILCASH


@pytest.mark.parametrize(
    ("fmt", "name", "account", "moved"),
    [
        ("norma43", "norma43.n43", "2100/0418/4012345678", Decimal("1552.30")),
        ("camt", "camt053.xml", "DE89370400440532013000", Decimal("2691.55")),
        ("mt940", "mt940.sta", "NL20INGB0001234567", Decimal("1552.30")),
    ],
)
def test_each_bank_format_imports_once_into_its_account_with_its_balances(
    ctx: AppContext, fmt: str, name: str, account: str, moved: Decimal
) -> None:
    owner = new_owner(ctx).principal
    _methods(ctx, owner, "Bank")
    preview = _import(ctx, owner, fmt, name, accounts={account: "Bank"}, dry_run=True)
    (summary,) = preview.statements
    assert summary.opening is not None
    assert summary.closing is not None
    assert summary.closing.amount - summary.opening.amount == moved
    assert _import(ctx, owner, fmt, name, method="Bank").added == len(preview.lines)
    assert _by_method(ctx, owner) == {"Bank": moved}
    again = _import(ctx, owner, fmt, name)  # remembered for the account
    assert (again.added, again.duplicates) == (0, len(preview.lines))


def test_a_statement_whose_balances_do_not_add_up_writes_nothing(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _methods(ctx, owner, "Bank")
    data = (
        (FIXTURES / "mt940.sta")
        .read_bytes()
        .replace(b":62F:C261130EUR2552,30", b":62F:C261130EUR2552,03")
    )
    with ctx.uow() as uow:
        report = service.import_statement_file(
            uow, owner, fmt="mt940", data=data, source="x.sta", method="Bank"
        )
    assert [(e.line, e.field) for e in report.errors] == [(15, "balance")]
    assert report.added == 0
    assert _by_method(ctx, owner) == {}


def test_statements_of_one_account_over_several_pages_go_to_the_one_method_given(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal
    _methods(ctx, owner, "Bank")
    name = "mt940_two_pages_reversals.sta"
    report = _import(ctx, owner, "mt940", name, method="Bank")
    assert (report.added, len(report.statements)) == (5, 2)
    assert _by_method(ctx, owner) == {"Bank": Decimal("-12.50")}
