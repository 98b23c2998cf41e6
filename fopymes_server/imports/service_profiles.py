"""Use cases of CSV import profiles: add, list, show, remove; plus the built-in `fopymes`.

A profile is a CsvMapping saved under a name in one workspace, so `fopymes import csv FILE
--profile santander` reads that bank's files the same way every month. The built-in
`fopymes` profile reads fopymes' own CSV export, which makes export -> import a round trip.
"""

from __future__ import annotations

from fopymes_server.core.errors import NotFoundError, RuleViolationError
from fopymes_server.core.lookup import name_key
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.imports import steps
from fopymes_server.imports.csv_rows import ExportColumns
from fopymes_server.imports.schemas import CsvMapping, ProfileOut

BUILTIN_NAME = "fopymes"
BUILTIN_TRANSFERS = ExportColumns(
    account="counter_account", amount="counter_amount", currency="counter_currency"
)
"""The export's columns read when present: a transfer's account it reached, what arrived
there and in which currency, and the payee and tags (see `csv_format.parse_csv`)."""
BUILTIN = ProfileOut(
    id=None,
    name=BUILTIN_NAME,
    mapping=CsvMapping(
        date="date",
        amount="amount",
        description="description",
        category="category",
        method="payment_method",
        currency_column="currency",
        note="note",
        delimiter=",",
        encoding="utf-8",
    ),
    created_at=None,
)


def list_profiles(uow: UnitOfWork, principal: Principal) -> list[ProfileOut]:
    """The built-in profile first, then the workspace's own by name. Any member may read."""
    return [BUILTIN, *uow.imports.profiles(principal.workspace_id)]


def get_profile(uow: UnitOfWork, principal: Principal, ref: str | int) -> ProfileOut:
    """The profile with that name (any case) or id; NotFoundError lists the known names."""
    text = str(ref).strip()
    profiles = list_profiles(uow, principal)
    for profile in profiles:
        if (text.isdigit() and profile.id == int(text)) or name_key(profile.name) == name_key(text):
            return profile
    names = ", ".join(p.name for p in profiles)
    raise NotFoundError(
        f"no import profile '{text}' in this workspace",
        hint=f"known: {names}; add one with 'fopymes import profile add'",
    )


def profile_by_id(uow: UnitOfWork, principal: Principal, profile_id: int) -> ProfileOut:
    """The saved profile with exactly this id (the API's addressing; never by name).

    `get_profile` also matches names, so a profile named "12" could answer for id 12;
    an id in a URL must name one profile or none. NotFoundError otherwise.
    """
    for profile in uow.imports.profiles(principal.workspace_id):
        if profile.id == profile_id:
            return profile
    raise NotFoundError(
        f"no import profile {profile_id} in this workspace",
        hint="see 'fopymes import profile list'",
    )


def add_profile(
    uow: UnitOfWork, principal: Principal, *, name: str, mapping: CsvMapping
) -> ProfileOut:
    """Save `mapping` as a profile and commit it (see `steps.add_profile`)."""
    created = steps.add_profile(uow, principal, name=name, mapping=mapping)
    uow.commit()
    return created


def remove_profile(uow: UnitOfWork, principal: Principal, ref: str | int) -> ProfileOut:
    """Delete a saved profile; the built-in one cannot be removed (RuleViolationError)."""
    principal.require_write()
    profile = get_profile(uow, principal, ref)
    if profile.id is None:
        raise RuleViolationError("the built-in 'fopymes' profile cannot be removed")
    uow.imports.delete_profile(principal.workspace_id, profile.id)
    uow.commit()
    return profile


def remove_profile_by_id(uow: UnitOfWork, principal: Principal, profile_id: int) -> ProfileOut:
    """Delete the saved profile with exactly this id (see `profile_by_id`); the built-in
    one has no id, so it cannot be named here."""
    principal.require_write()
    profile = profile_by_id(uow, principal, profile_id)
    uow.imports.delete_profile(principal.workspace_id, profile_id)
    uow.commit()
    return profile
