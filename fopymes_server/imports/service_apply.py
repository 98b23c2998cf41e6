"""Use case: run the categorisation rules over transactions already recorded (`rule apply`).

Imports apply the rules to new lines; this applies the same rules, the same way, to what
is in the books: an import left rows uncategorised, or a rule was added later. The preview
(`dry_run`) shows every change first; applying writes them all in one database transaction
or none (see `apply_steps.apply_rules` for the rules of what changes).
"""

from __future__ import annotations

from datetime import date

from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.imports import apply_steps
from fopymes_server.imports.apply_schemas import RuleApplyOut
from fopymes_server.imports.pipeline import Progress


def apply_rules(
    uow: UnitOfWork,
    principal: Principal,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    dry_run: bool = False,
    force: bool = False,
    progress: Progress | None = None,
) -> RuleApplyOut:
    """`apply_steps.apply_rules`, committed unless it is a dry run (which any member may run).

    All or nothing: an error (an archived target, a row changed meanwhile, an interrupted
    run) leaves every transaction as it was.
    """
    result = apply_steps.apply_rules(
        uow,
        principal,
        date_from=date_from,
        date_to=date_to,
        dry_run=dry_run,
        force=force,
        progress=progress,
    )
    if not dry_run:
        uow.commit()
    return result
