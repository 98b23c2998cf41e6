"""Steps of imports that never commit: the caller commits them (a use case of
`service_rules`/`service_profiles`, or the API's idempotent POST, which stores its
answer in the same transaction)."""

from __future__ import annotations

from fopymes_server.accounts import service as accounts
from fopymes_server.categories import service as categories
from fopymes_server.core.errors import ConflictError, ValidationError
from fopymes_server.core.lookup import clean_name, name_key
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.imports import service_profiles, service_rules
from fopymes_server.imports.conditions import MAX_CONDITION, parse_condition
from fopymes_server.imports.schemas import CsvMapping, ProfileOut, RuleCreate, RuleOut
from fopymes_server.payees import steps as payees
from fopymes_server.tags.rules import clean_tags


def add_rule(uow: UnitOfWork, principal: Principal, *, data: RuleCreate) -> RuleOut:
    """Append a rule, uncommitted; editors and owners only.

    Raises ValidationError for a condition that does not parse (naming what is wrong), a
    rule that sets nothing, or an empty description; NotFoundError for an unknown category
    or payment method (with close names).
    """
    principal.require_write()
    condition = " ".join(data.condition.split())
    if len(condition) > MAX_CONDITION:
        raise ValidationError("condition", f"must be at most {MAX_CONDITION} characters")
    parse_condition(condition)
    sets = (data.set_category, data.set_method, data.set_description, data.set_payee)
    if all(value is None for value in sets) and not data.add_tags:
        raise ValidationError(
            "rule",
            "sets nothing",
            hint="add --set-category, --set-method, --set-description, --set-payee or --add-tag",
        )
    values = {
        "condition": condition,
        "set_category_id": categories.resolve(
            uow, principal, data.set_category, field="set_category"
        ).id
        if data.set_category is not None
        else None,
        "set_method_id": accounts.resolve(uow, principal, data.set_method, field="set_method").id
        if data.set_method is not None
        else None,
        "set_description": clean_name(data.set_description, "set description", max_length=500)
        if data.set_description is not None
        else None,
        "set_payee_id": payees.resolve_or_create(uow, principal, data.set_payee)
        if data.set_payee is not None
        else None,
        "add_tags": clean_tags(data.add_tags, "add tag") or None,
    }
    new_id = uow.imports.add_rule(principal.workspace_id, values, uow.clock.now())
    return service_rules.get_rule(uow, principal, new_id)


def add_profile(
    uow: UnitOfWork, principal: Principal, *, name: str, mapping: CsvMapping
) -> ProfileOut:
    """Save `mapping` as a profile, uncommitted; editors and owners only.

    Raises ConflictError for a name in use (any case, `fopymes` included), ValidationError
    for an empty or over-long name (the mapping validated itself when it was built).
    """
    principal.require_write()
    name = clean_name(name, "name", max_length=100)
    taken = {name_key(p.name) for p in service_profiles.list_profiles(uow, principal)}
    if name_key(name) in taken:
        raise ConflictError(f"an import profile named '{name}' already exists")
    new_id = uow.imports.add_profile(
        principal.workspace_id, name, mapping.model_dump(mode="json"), uow.clock.now()
    )
    return service_profiles.profile_by_id(uow, principal, new_id)
