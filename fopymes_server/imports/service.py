"""Use case: import a CSV read with a profile, preview first (see `pipeline` for the
steps every import shares, and `service_statements` for OFX and the other account
statement formats).

A CSV names categories and payment methods by name. When some do not exist (fopymes' own
export read into a new workspace), the rows naming them are errors and the report says
which names are missing; with `create_missing` the import creates them in its own unit
of work, so they exist after a real import and not after a refused one or a dry run.
The export's transfers name two accounts (the one left and the one reached, with what
arrived there): both are created like any other missing account, and the rows are
written as transfers.
"""

from __future__ import annotations

from dataclasses import replace

from fopymes_server.accounts import service as accounts
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.imports import missing as missing_names
from fopymes_server.imports import service_profiles
from fopymes_server.imports.csv_format import parse_csv
from fopymes_server.imports.pipeline import (
    Progress,
    catalogue,
    finish,
    plan,
    row_errors_summary,
    workspace_currency,
)
from fopymes_server.imports.schemas import ImportReportOut
from fopymes_server.imports.service_statements import (
    PARSERS,
    import_statement_file,
    import_statements,
)

__all__ = [
    "PARSERS",
    "import_csv",
    "import_statement_file",
    "import_statements",
    "row_errors_summary",
]


def import_csv(
    uow: UnitOfWork,
    principal: Principal,
    *,
    data: bytes,
    source: str,
    profile: str | int,
    dry_run: bool = False,
    create_missing: bool = False,
    progress: Progress | None = None,
) -> ImportReportOut:
    """Import a CSV file read with the named profile; all new lines or none. A dry run
    (the preview) is open to every member; a real import to editors and owners.

    Raises NotFoundError for an unknown profile or its default payment method, and
    ValidationError when the file as a whole does not fit the profile (unknown column,
    undecodable text); row-level problems are returned in the report instead.
    """
    if not dry_run:
        principal.require_write()
    chosen = service_profiles.get_profile(uow, principal, profile)
    mapping = chosen.mapping
    builtin = chosen.id is None
    read = parse_csv(
        data, mapping, transfers=service_profiles.BUILTIN_TRANSFERS if builtin else None
    )
    method = (
        accounts.resolve(uow, principal, mapping.payment_method) if mapping.payment_method else None
    )
    home = workspace_currency(uow, principal)
    currency = mapping.currency or home
    names = catalogue(uow, principal)
    lacking = missing_names.find_missing(names, read.lines, currency=home)
    created = None
    if lacking and create_missing:
        created = lacking.describe()
        if dry_run:
            names = missing_names.with_placeholders(names, lacking, uow.clock.now(), currency=home)
        else:
            missing_names.create(uow, principal, lacking)
            names = catalogue(uow, principal)
    refused = {error.line for error in lacking.errors}
    lines = [line for line in read.lines if line.line not in refused] if refused else read.lines
    planned = plan(
        uow, principal, lines, currency=currency, method=method, account=None, names=names
    )
    planned.errors[:0] = [*read.errors, *lacking.errors]
    report = finish(
        uow,
        principal,
        planned,
        source=source,
        fmt="csv",
        account=None,
        dry_run=dry_run,
        progress=progress,
        skipped=read.skipped,
        created=created,
    )
    read_as = read.layout.describe()
    missing = lacking.describe() if lacking and not create_missing else None
    return ImportReportOut.model_validate(replace(report, read_as=read_as, missing=missing))
