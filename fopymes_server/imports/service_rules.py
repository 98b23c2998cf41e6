"""Use cases of categorisation rules: add, list, remove; and the compiled set imports apply
(and `service_apply` runs over recorded transactions).

Rules run on every imported line in position order after the file's own columns; each
matching rule sets what it names, so a later rule overrides an earlier one (hledger's CSV
rules behave the same). A rule that sets a category of the other kind than the line, or
an archived one, leaves the category alone rather than failing the import: a refund from
the supermarket must not block a statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from fopymes_server.core.errors import NotFoundError, ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.imports import steps
from fopymes_server.imports.conditions import Condition, Facts, parse_condition
from fopymes_server.imports.schemas import RuleCreate, RuleOut


@dataclass(frozen=True, slots=True)
class CompiledRule:
    id: int
    test: Condition
    category_id: int | None
    method_id: int | None
    description: str | None
    payee: str | None = None
    tags: tuple[str, ...] = ()


def list_rules(uow: UnitOfWork, principal: Principal) -> list[RuleOut]:
    """The workspace's rules in the order they run. Any member may read."""
    return uow.imports.rules(principal.workspace_id)


def get_rule(uow: UnitOfWork, principal: Principal, rule_id: int) -> RuleOut:
    """One rule of the workspace (the API reads rules one by one; the CLI lists them).

    Another workspace's id is NotFoundError, like a missing one. Any member may read.
    """
    for rule in list_rules(uow, principal):
        if rule.id == rule_id:
            return rule
    raise NotFoundError(f"no rule {rule_id} in this workspace", hint="see 'fopymes rule list'")


def add_rule(uow: UnitOfWork, principal: Principal, *, data: RuleCreate) -> RuleOut:
    """Append a rule and commit it (see `steps.add_rule` for who may and what is checked)."""
    created = steps.add_rule(uow, principal, data=data)
    uow.commit()
    return created


def remove_rule(uow: UnitOfWork, principal: Principal, rule_id: int) -> None:
    """Delete one rule of the workspace; another workspace's id is NotFoundError."""
    principal.require_write()
    if not uow.imports.delete_rule(principal.workspace_id, rule_id):
        raise NotFoundError(f"no rule {rule_id} in this workspace", hint="see 'fopymes rule list'")
    uow.commit()


def compiled_rules(uow: UnitOfWork, principal: Principal) -> list[CompiledRule]:
    """The rules ready to run (conditions parsed once per import, not per line).

    A rule saved before patterns were matched by RE2 may use what RE2 cannot express (a
    lookaround): the import is then refused naming that rule, rather than its condition
    alone, so the person knows which one to remove.
    """
    compiled = []
    for rule in list_rules(uow, principal):
        try:
            test = parse_condition(rule.condition)
        except ValidationError as exc:
            raise ValidationError(
                "rule", f"rule {rule.id} cannot run: {exc.rule}", hint=f"fopymes rule rm {rule.id}"
            ) from None
        compiled.append(
            CompiledRule(
                id=rule.id,
                test=test,
                category_id=rule.set_category_id,
                method_id=rule.set_method_id,
                description=rule.set_description,
                payee=rule.set_payee,
                tags=tuple(rule.add_tags),
            )
        )
    return compiled


def labels(rules: list[CompiledRule], facts: Facts) -> tuple[str | None, tuple[str, ...]]:
    """(payee, tags) the matching rules give: a later payee wins, tags add up."""
    return labels_of([rule for rule in rules if (rule.payee or rule.tags) and rule.test(facts)])


def labels_of(matched: list[CompiledRule]) -> tuple[str | None, tuple[str, ...]]:
    """(payee, tags) the matched rules set: a later payee wins, tags add up in order."""
    payee = None
    tags: dict[str, None] = {}
    for rule in matched:
        payee = rule.payee or payee
        tags.update(dict.fromkeys(rule.tags))
    return payee, tuple(tags)


def matching(rules: list[CompiledRule], facts: Facts) -> list[CompiledRule]:
    """The rules whose condition `facts` meet, in the order they run."""
    return [rule for rule in rules if rule.test(facts)]


def settings_of(matched: list[CompiledRule]) -> tuple[int | None, int | None, str | None]:
    """(category id, method id, description) the matched rules set, later ones winning."""
    category_id = method_id = None
    description = None
    for rule in matched:
        category_id = rule.category_id or category_id
        method_id = rule.method_id or method_id
        description = rule.description or description
    return category_id, method_id, description


def apply(rules: list[CompiledRule], facts: Facts) -> tuple[int | None, int | None, str | None]:
    """(category id, method id, description) the matching rules set, later ones winning."""
    return settings_of(matching(rules, facts))
