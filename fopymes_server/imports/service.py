"""Use cases: import a CSV (with a profile) or a bank statement file, preview first.

Every format goes the same way: parse the whole file, plan every line (names, rules, checks),
mark lines whose fingerprint the workspace already has as duplicates, and then either stop
(a dry run, or any bad row: nothing is written and every bad row is reported) or insert
all new lines in one database transaction with one `import.finished` event. Two imports of
the same file at once cannot both win: the unique fingerprint makes the second one fail
whole with a ConflictError.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from fopymes_server.accounts import service as accounts
from fopymes_server.categories import service as categories
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.imports import profiles_service, rules_service
from fopymes_server.imports.csv_format import parse_csv
from fopymes_server.imports.ofx_format import parse_ofx
from fopymes_server.imports.planning import Catalogue, Plan, plan_lines
from fopymes_server.imports.schemas import (
    ImportReport,
    RowError,
    StatementLine,
    StatementSummary,
)
from fopymes_server.imports.statements import Statement, balance_error
from fopymes_server.payment_methods import service as payment_methods
from fopymes_server.payment_methods.schemas import PaymentMethodOut

Progress = Callable[[int, int], None]
"""Called with (lines written, lines to write) after each batch; for progress bars."""

INSERT_BATCH = 2_000


def _catalogue(uow: UnitOfWork, principal: Principal) -> Catalogue:
    return Catalogue(
        categories=categories.list_categories(uow, principal, include_archived=True),
        methods=payment_methods.list_methods(uow, principal, include_archived=True),
    )


def _workspace_currency(uow: UnitOfWork, principal: Principal) -> str:
    return accounts.current_workspace(uow, principal).currency


def import_csv(
    uow: UnitOfWork,
    principal: Principal,
    *,
    data: bytes,
    source: str,
    profile: str | int,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a CSV file read with the named profile (see `import_statement` for the rest).

    Raises NotFoundError for an unknown profile or its default payment method, and
    ValidationError when the file as a whole does not fit the profile (unknown column,
    undecodable text); row-level problems are returned in the report instead.
    """
    if not dry_run:
        principal.require_write()
    mapping = profiles_service.get_profile(uow, principal, profile).mapping
    read = parse_csv(data, mapping)
    method = (
        payment_methods.resolve(uow, principal, mapping.payment_method)
        if mapping.payment_method
        else None
    )
    currency = mapping.currency or _workspace_currency(uow, principal)
    plan = _plan(uow, principal, read.lines, currency=currency, method=method, account=None)
    plan.errors[:0] = read.errors
    report = _finish(
        uow,
        principal,
        plan,
        source=source,
        fmt="csv",
        account=None,
        dry_run=dry_run,
        progress=progress,
        skipped=read.skipped,
    )
    return replace(report, read_as=read.layout.describe())


PARSERS: dict[str, Callable[[bytes], list[Statement]]] = {"ofx": parse_ofx}
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
) -> ImportReport:
    """Import an account statement file of format `fmt` (a key of PARSERS); see
    `import_statements` for how each account finds its payment method."""
    if not dry_run:
        principal.require_write()
    return import_statements(
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


def import_ofx(
    uow: UnitOfWork,
    principal: Principal,
    *,
    data: bytes,
    source: str,
    method: str | int | None = None,
    accounts: Mapping[str, str | int] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import an OFX/QFX file: each statement into the payment method its account maps to."""
    return import_statement_file(
        uow,
        principal,
        fmt="ofx",
        data=data,
        source=source,
        method=method,
        accounts=accounts,
        dry_run=dry_run,
        progress=progress,
    )


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
    account number or IBAN, any spacing), `method` when the file holds one statement
    (either is remembered for the account after a real import), the one remembered for
    the account, or the only method whose last four digits match the account number.
    Raises ValidationError when none applies (with a hint), when `method` is given for a
    file of several statements, or when `accounts` names an account the file lacks.
    """
    if not dry_run:
        principal.require_write()
    if method is not None and len(statements) > 1:
        names = ", ".join(s.account for s in statements)
        raise ValidationError(
            "method",
            f"the file holds {len(statements)} accounts ({names})",
            hint="map each one: --account ACCOUNT=METHOD",
        )
    chosen_refs = _account_refs(statements, accounts or {})
    merged = Plan()
    summaries: list[StatementSummary] = []
    skipped: list[RowError] = []
    for statement in statements:
        ref = chosen_refs.get(statement.account, method)
        chosen = _statement_method(uow, principal, statement, ref, remember=not dry_run)
        plan = _plan(
            uow,
            principal,
            statement.lines,
            currency=statement.currency or _workspace_currency(uow, principal),
            method=chosen,
            account=statement.account,
        )
        merged.rows += plan.rows
        merged.planned += plan.planned
        merged.fingerprints += plan.fingerprints
        merged.errors += [*statement.errors, *plan.errors]
        unbalanced = balance_error(statement)
        if unbalanced is not None:
            merged.errors.append(unbalanced)
        skipped += statement.skipped
        summaries.append(
            StatementSummary(
                statement.account,
                chosen.name,
                statement.currency or _workspace_currency(uow, principal),
                statement.opening,
                statement.closing,
            )
        )
    return _finish(
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
        chosen = payment_methods.resolve(uow, principal, ref)
        if remember:
            uow.imports.link_account(
                principal.workspace_id, statement.account, chosen.id, uow.clock.now()
            )
        return chosen
    linked = uow.imports.linked_method(principal.workspace_id, statement.account)
    methods = payment_methods.list_methods(uow, principal, include_archived=True)
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


def _plan(
    uow: UnitOfWork,
    principal: Principal,
    lines: list[StatementLine],
    *,
    currency: str,
    method: PaymentMethodOut | None,
    account: str | None,
) -> Plan:
    return plan_lines(
        lines,
        catalogue=_catalogue(uow, principal),
        rules=rules_service.compiled_rules(uow, principal),
        default_currency=currency,
        default_method=method,
        account=account,
        user_id=principal.user_id,
        now=uow.clock.now(),
    )


def _finish(
    uow: UnitOfWork,
    principal: Principal,
    plan: Plan,
    *,
    source: str,
    fmt: str,
    account: str | None,
    dry_run: bool,
    progress: Progress | None,
    statements: list[StatementSummary] | None = None,
    skipped: list[RowError] | None = None,
) -> ImportReport:
    known = uow.imports.known_fingerprints(principal.workspace_id, plan.fingerprints)
    planned = [
        replace(line, duplicate=True) if fingerprint in known else line
        for line, fingerprint in zip(plan.planned, plan.fingerprints, strict=True)
    ]
    duplicates = sum(line.duplicate for line in planned)
    errors = sorted(plan.errors, key=lambda e: (e.line, e.field))
    report = ImportReport(
        source=source,
        lines=planned,
        errors=errors,
        added=0,
        dry_run=dry_run,
        account=account,
        duplicates=duplicates,
        statements=statements or [],
        skipped=sorted(skipped or [], key=lambda e: e.line),
    )
    if dry_run or errors:
        return report
    new = [i for i, fingerprint in enumerate(plan.fingerprints) if fingerprint not in known]
    for start in range(0, len(new), INSERT_BATCH):
        batch = new[start : start + INSERT_BATCH]
        uow.imports.add_lines(
            principal.workspace_id,
            [plan.rows[i] for i in batch],
            [plan.fingerprints[i] for i in batch],
            uow.clock.now(),
        )
        if progress is not None:
            progress(start + len(batch), len(new))
    events.record(
        uow,
        principal,
        "import.finished",
        payload={"source": source, "format": fmt, "added": len(new), "duplicates": duplicates},
    )
    uow.commit()
    return replace(report, added=len(new))


def row_errors_summary(errors: list[RowError]) -> str:
    """One sentence for the error line after the rows were listed."""
    lines = len({e.line for e in errors})
    return f"{lines} bad row{'s' if lines != 1 else ''}; nothing was imported"
