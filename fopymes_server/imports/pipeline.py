"""The steps every import shares: the catalogue, planning, duplicates, the all-or-nothing
write (used by the CSV and the account statement use cases).

Every format goes the same way: parse the whole file, plan every line (names, rules,
checks), mark lines whose fingerprint the workspace already has as duplicates, and then
either stop (a dry run, or any bad row: nothing is written and every bad row is reported)
or insert all new lines in one database transaction with one `import.finished` event. Two
imports of the same file at once cannot both win: the unique fingerprint makes the second
one fail whole with a ConflictError.

Incomes and expenses go in bulk; transfers between accounts (fopymes' own export) go
through `transactions.steps.add_transfer`, the one writer of transfers, in the same
transaction, with their fingerprints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import PaymentMethodOut
from fopymes_server.categories import service as categories
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.identity import service as identity
from fopymes_server.imports import service_rules
from fopymes_server.imports.planning import TRANSFER, Catalogue, Plan, plan_lines
from fopymes_server.imports.schemas import (
    ImportReport,
    RowError,
    RowErrorOut,
    StatementLine,
    StatementSummary,
)
from fopymes_server.tags import steps as tags
from fopymes_server.transactions import steps as transactions

Progress = Callable[[int, int], None]
"""Called with (lines written, lines to write) after each batch; for progress bars."""

INSERT_BATCH = 2_000


def catalogue(uow: UnitOfWork, principal: Principal) -> Catalogue:
    return Catalogue(
        categories=categories.list_categories(uow, principal, include_archived=True),
        methods=accounts.list_methods(uow, principal, include_archived=True),
    )


def workspace_currency(uow: UnitOfWork, principal: Principal) -> str:
    return identity.current_workspace(uow, principal).currency


def plan(
    uow: UnitOfWork,
    principal: Principal,
    lines: list[StatementLine],
    *,
    currency: str,
    method: PaymentMethodOut | None,
    account: str | None,
    names: Catalogue | None = None,
) -> Plan:
    """Plan `lines` against the workspace's catalogue (or `names`, when the caller built
    it) and its rules."""
    return plan_lines(
        lines,
        catalogue=names if names is not None else catalogue(uow, principal),
        rules=service_rules.compiled_rules(uow, principal),
        default_currency=currency,
        default_method=method,
        account=account,
        user_id=principal.user_id,
        now=uow.clock.now(),
    )


def finish(
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
    created: str | None = None,
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
        created=created,
    )
    if dry_run or errors:
        return report
    new = [i for i, fingerprint in enumerate(plan.fingerprints) if fingerprint not in known]
    lines = [i for i in new if plan.rows[i]["kind"] != TRANSFER]
    # Payees are found or created once per distinct name of the whole import.
    columns = transactions.with_payee_ids(uow, principal, [plan.rows[i] for i in lines])
    for start in range(0, len(lines), INSERT_BATCH):
        batch = lines[start : start + INSERT_BATCH]
        ids = uow.imports.add_lines(
            principal.workspace_id,
            columns[start : start + INSERT_BATCH],
            [plan.fingerprints[i] for i in batch],
            uow.clock.now(),
        )
        tags.attach(
            uow,
            principal,
            [(tx, plan.rows[i]["tags"]) for tx, i in zip(ids, batch, strict=True)],
        )
        if progress is not None:
            progress(start + len(batch), len(new))
    transfers = [i for i in new if plan.rows[i]["kind"] == TRANSFER]
    if transfers:
        ids = _write_transfers(uow, principal, [plan.rows[i] for i in transfers])
        fingerprints = [plan.fingerprints[i] for i in transfers]
        uow.imports.add_fingerprints(principal.workspace_id, fingerprints, ids, uow.clock.now())
        if progress is not None:
            progress(len(new), len(new))
    payload: dict[str, object] = {
        "source": source,
        "format": fmt,
        "added": len(new),
        "duplicates": duplicates,
    }
    if created:
        payload["created"] = created
    events.record(uow, principal, "import.finished", payload=payload)
    uow.commit()
    return replace(report, added=len(new))


def _write_transfers(
    uow: UnitOfWork, principal: Principal, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Write planned transfer rows through the one transfer writer; their new ids.

    Planning checked each row against the accounts (`planning._transfer_row`), so the
    writer's own checks pass; should one not, its error refuses the whole import.
    """
    held = {a.id: a for a in accounts.list_methods(uow, principal, include_archived=True)}
    ids = []
    for row in rows:
        created = transactions.add_transfer(
            uow,
            principal,
            source=held[row["payment_method_id"]],
            target=held[row["counter_account_id"]],
            amount_minor=row["amount_minor"],
            counter_minor=row["counter_amount_minor"],
            day=row["date"],
            description=row["description"],
            note=row["note"],
        )
        ids.append(created.id)
    return ids


def row_errors_summary(errors: Sequence[RowError | RowErrorOut]) -> str:
    """One sentence for the error line after the rows were listed (as found, or as the
    report carries them)."""
    lines = len({e.line for e in errors})
    return f"{lines} bad row{'s' if lines != 1 else ''}; nothing was imported"
