"""The step of `rule apply` that never commits: the use case (`service_apply`) and the
API's idempotent POST compose it.

It sits beside `steps.py` rather than in it because it reads the import pipeline's
catalogue, and `steps` is imported by `service_rules`, which the pipeline imports: in one
module they would import each other in a circle.
"""

from __future__ import annotations

from datetime import date

from fopymes_server.core.errors import ConflictError, ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.imports import pipeline, rule_changes, service_rules
from fopymes_server.imports.apply_schemas import RuleApplyOut, RuleChangeOut
from fopymes_server.imports.planning import Catalogue
from fopymes_server.payees import steps as payees
from fopymes_server.payees.rules import clean_payee, payee_key
from fopymes_server.tags import steps as tags

WRITE_BATCH = 2_000
RULES_APPLIED = "rules.applied"
"""The one event of a `rule apply` that changed rows (live dashboards reload on it)."""


def apply_rules(
    uow: UnitOfWork,
    principal: Principal,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    dry_run: bool = False,
    force: bool = False,
    progress: pipeline.Progress | None = None,
) -> RuleApplyOut:
    """Run the workspace's rules over its recorded incomes and expenses, uncommitted.

    A dry run (the preview) is open to every member and writes nothing; applying is for
    editors and owners (PermissionDeniedError otherwise). Transfers are never touched;
    reconciled rows only with `force` (see `rule_changes`). Raises ValidationError for
    `date_from` after `date_to` or a rule with an archived target, and ConflictError when
    a row changed while the rules ran (nothing is written then: the caller rolls back).
    `progress` is called with (rows written, rows to write) after each batch.
    """
    if not dry_run:
        principal.require_write()
    if date_from and date_to and date_from > date_to:
        raise ValidationError("from", "must not be after --to")
    rules = service_rules.compiled_rules(uow, principal)
    names = pipeline.catalogue(uow, principal)
    rows = uow.bulk_transactions.incomes_and_expenses(principal.workspace_id, date_from, date_to)
    plan = rule_changes.plan_changes(rows, rules, names, force=force)
    if not dry_run and plan.changes:
        _write(uow, principal, plan.changes, progress)
        events.record(
            uow,
            principal,
            RULES_APPLIED,
            payload={
                "changed": len(plan.changes),
                "from": date_from.isoformat() if date_from else None,
                "to": date_to.isoformat() if date_to else None,
            },
        )
    changes = plan.changes
    return RuleApplyOut(
        dry_run=dry_run,
        date_from=date_from,
        date_to=date_to,
        rules=len(rules),
        examined=plan.examined,
        changed=len(changes),
        categories_set=sum(1 for c in changes if c.category_id is not None),
        methods_set=sum(1 for c in changes if c.method_id is not None),
        descriptions_set=sum(1 for c in changes if c.description is not None),
        skipped_reconciled=plan.skipped_reconciled,
        changes=[_change_out(change, names) for change in changes],
        payees_set=sum(1 for c in changes if c.payee is not None),
        tags_added=sum(1 for c in changes if c.tags),
    )


def _write(
    uow: UnitOfWork,
    principal: Principal,
    changes: list[rule_changes.PlannedChange],
    progress: pipeline.Progress | None,
) -> None:
    now = uow.clock.now()
    # Payees are found or created once per distinct name of the whole run.
    payee_ids = payees.resolve_many(uow, principal, {c.payee for c in changes if c.payee})
    for start in range(0, len(changes), WRITE_BATCH):
        planned = changes[start : start + WRITE_BATCH]
        batch = [
            change.as_row_change(
                payee_ids[payee_key(clean_payee(change.payee))] if change.payee else None
            )
            for change in planned
        ]
        written = uow.bulk_transactions.change(
            principal.workspace_id, batch, user_id=principal.user_id, now=now
        )
        if written != len(batch):
            raise ConflictError(
                "some transactions changed while the rules ran; nothing was changed",
                hint="run 'fopymes rule apply' again",
            )
        tags.attach(uow, principal, [(c.row.id, c.tags) for c in planned if c.tags])
        if progress is not None:
            progress(start + len(batch), len(changes))


def _change_out(change: rule_changes.PlannedChange, names: Catalogue) -> RuleChangeOut:
    row = change.row
    category = names.category_ids.get(row.category_id) if row.category_id else None
    method = names.method_ids.get(row.payment_method_id) if row.payment_method_id else None
    # Built from checked rows and catalogue names: construct skips re-validating 100,000 of them.
    return RuleChangeOut.model_construct(
        id=row.id,
        date=row.date,
        kind=row.kind,
        amount=change.amount,
        currency=row.currency,
        description=row.description,
        category=category.name if category else None,
        method=method.name if method else None,
        new_category=names.category_ids[change.category_id].name
        if change.category_id is not None
        else None,
        new_method=names.method_ids[change.method_id].name
        if change.method_id is not None
        else None,
        new_description=change.description,
        rules=list(change.rule_ids),
        new_payee=change.payee,
        new_tags=list(change.tags),
    )
