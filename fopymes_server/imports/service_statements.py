"""Use cases: import an account statement file (OFX/QFX, ...), each account into its method.

A file may hold several accounts; each is mapped to a payment method (given, remembered
for the account, or found by the account number's last four digits), planned on its own
and then imported with the others, all or nothing. Each account's stated balances are
reported in the preview, and a statement whose opening balance plus its movements is not
its closing balance is refused (see `statements.balance_error`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import PaymentMethodOut
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.imports.camt_format import parse_camt
from fopymes_server.imports.mt940_format import parse_mt940
from fopymes_server.imports.norma43_format import parse_norma43
from fopymes_server.imports.ofx_format import parse_ofx
from fopymes_server.imports.pipeline import Plan, Progress, finish, plan, workspace_currency
from fopymes_server.imports.schemas import (
    ImportReport,
    ImportReportOut,
    RowError,
    StatementSummary,
)
from fopymes_server.imports.statements import Statement, balance_error
from fopymes_server.reconciliations import statements as statement_balances

PARSERS: dict[str, Callable[[bytes], list[Statement]]] = {
    "ofx": parse_ofx,
    "norma43": parse_norma43,
    "camt": parse_camt,
    "mt940": parse_mt940,
}
"""The account statement formats by name (the CLI command and API route of each)."""


def import_statement_file(
    uow: UnitOfWork,
    principal: Principal,
    *,
    fmt: str,
    data: bytes,
    source: str,
    method: str | int | None = None,
    accounts: Mapping[str, str | int] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReportOut:
    """Import an account statement file of format `fmt` (a key of PARSERS); see
    `import_statements` for how each account finds its payment method. A dry run (the
    preview) is open to every member; a real import to editors and owners."""
    if not dry_run:
        principal.require_write()
    report = import_statements(
        uow,
        principal,
        PARSERS[fmt](data),
        source=source,
        fmt=fmt,
        method=method,
        accounts=accounts,
        dry_run=dry_run,
        progress=progress,
    )
    return ImportReportOut.model_validate(report)


def import_statements(
    uow: UnitOfWork,
    principal: Principal,
    statements: list[Statement],
    *,
    source: str,
    fmt: str,
    method: str | int | None = None,
    accounts: Mapping[str, str | int] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Plan every statement of a file into its payment method, then import all or nothing.

    An account's method is, in order: the one `accounts` gives for it (by its key, its
    account number or IBAN, any spacing), `method` when the file holds one account (in
    one statement or several: daily statements, pages; either is remembered for the
    account after a real import), the one remembered for the account, or the only
    method whose last four digits match the account number.
    Raises ValidationError when none applies (with a hint), when `method` is given for a
    file of several accounts, or when `accounts` names an account the file lacks.
    """
    if not dry_run:
        principal.require_write()
    held = list(dict.fromkeys(s.account for s in statements))
    if method is not None and len(held) > 1:
        raise ValidationError(
            "method",
            f"the file holds {len(held)} accounts ({', '.join(held)})",
            hint="map each one: --account ACCOUNT=METHOD",
        )
    chosen_refs = _account_refs(statements, accounts or {})
    merged = Plan()
    summaries: list[StatementSummary] = []
    skipped: list[RowError] = []
    for statement in statements:
        ref = chosen_refs.get(statement.account, method)
        chosen = _statement_method(uow, principal, statement, ref, remember=not dry_run)
        planned = plan(
            uow,
            principal,
            statement.lines,
            currency=statement.currency or workspace_currency(uow, principal),
            method=chosen,
            account=statement.account,
        )
        merged.rows += planned.rows
        merged.planned += planned.planned
        merged.fingerprints += planned.fingerprints
        merged.errors += [*statement.errors, *planned.errors]
        unbalanced = balance_error(statement)
        if unbalanced is not None:
            merged.errors.append(unbalanced)
        skipped += statement.skipped
        summaries.append(
            StatementSummary(
                statement.account,
                chosen.name,
                statement.currency or workspace_currency(uow, principal),
                statement.opening,
                statement.closing,
            )
        )
    report = finish(
        uow,
        principal,
        merged,
        source=source,
        fmt=fmt,
        account="; ".join(f"{s.account} -> {s.method}" for s in summaries),
        dry_run=dry_run,
        progress=progress,
        statements=summaries,
        skipped=skipped,
    )
    return statement_balances.check_balances(uow, principal, report)


def _account_key(text: str) -> str:
    return "".join(text.split()).casefold()


def _account_refs(
    statements: list[Statement], accounts: Mapping[str, str | int]
) -> dict[str, str | int]:
    """The statement account each `accounts` entry names: its whole key (`2100/0418...`),
    the account number after the bank's id, or the IBAN, spaces and case ignored."""
    found: dict[str, str | int] = {}
    for given, ref in accounts.items():
        key = _account_key(given)
        matching = [
            s.account
            for s in statements
            if key in (_account_key(s.account), _account_key(s.account.rsplit("/", 1)[-1]))
        ]
        if not matching:
            names = ", ".join(s.account for s in statements)
            raise ValidationError("account", f"the file has no account '{given}' (it has {names})")
        found[matching[0]] = ref
    return found


def _statement_method(
    uow: UnitOfWork,
    principal: Principal,
    statement: Statement,
    ref: str | int | None,
    *,
    remember: bool,
) -> PaymentMethodOut:
    if ref is not None:
        chosen = accounts.resolve(uow, principal, ref)
        if remember:
            uow.imports.link_account(
                principal.workspace_id, statement.account, chosen.id, uow.clock.now()
            )
        return chosen
    linked = uow.imports.linked_method(principal.workspace_id, statement.account)
    methods = accounts.list_methods(uow, principal, include_archived=True)
    if linked is not None:
        return next(m for m in methods if m.id == linked)
    matching = [m for m in methods if statement.last_four and m.last_four == statement.last_four]
    if len(matching) == 1:
        return matching[0]
    raise ValidationError(
        "method",
        f"which payment method is the account {statement.account}?",
        hint="pass --method NAME (or --account ACCOUNT=NAME) once; "
        "fopymes remembers it for this account",
    )
