"""What the categorisation rules change in transactions already recorded (pure, no I/O).

The rules run exactly as during an import (`service_rules.matching` and `settings_of`, in
position order, a later match winning) over what a recorded income or expense holds. The
service hands in the workspace's catalogue, so 100,000 rows cost dictionary lookups.

- A category of the other kind than the row (an expense rule meeting a refund) leaves the
  category as it is, as an import does.
- A rule that would set an archived category or account is an error naming the rule: the
  person asked to apply the rules, and a silent half-application would surprise them. The
  whole run is refused and nothing changes.
- A reconciled row that a rule would change is counted in `skipped_reconciled` and left
  alone, unless `force` (changing it may break the reconciliation it belongs to).
- A split transaction keeps its parts' categories: a rule's category is not put on it
  (its payee, tags, account and description may change).
- A payee is a change when it is another payee (not the same name in other case or
  accents); tags only add the ones the row does not carry yet. Conditions see each row as
  it was recorded before the run, so a payee a rule sets counts for `payee` conditions on
  the next run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor
from fopymes_server.imports.conditions import Facts
from fopymes_server.imports.planning import Catalogue
from fopymes_server.imports.service_rules import CompiledRule, labels_of, matching, settings_of
from fopymes_server.payees.rules import payee_key
from fopymes_server.tags.rules import tag_key
from fopymes_server.transactions.bulk_repository import RowChange, StoredRow

RECONCILED = "reconciled"


@dataclass(frozen=True, slots=True)
class PlannedChange:
    """One row and its new values; None where the row keeps what it has."""

    row: StoredRow
    amount: Decimal
    category_id: int | None
    method_id: int | None
    description: str | None
    rule_ids: tuple[int, ...]
    payee: str | None = None
    """A payee to set, by name (found or created when written)."""
    tags: tuple[str, ...] = ()
    """Tags to add that the row does not carry yet."""

    def as_row_change(self, payee_id: int | None = None) -> RowChange:
        return RowChange(
            id=self.row.id,
            version=self.row.version,
            category_id=self.category_id,
            payment_method_id=self.method_id,
            description=self.description,
            payee_id=payee_id,
        )


@dataclass
class ChangePlan:
    changes: list[PlannedChange] = field(default_factory=list)
    examined: int = 0
    skipped_reconciled: int = 0


def facts_of(row: StoredRow, names: Catalogue) -> Facts:
    """What a condition sees of a recorded row (the one place its Facts are built)."""
    category = names.category_ids.get(row.category_id) if row.category_id else None
    method = names.method_ids.get(row.payment_method_id) if row.payment_method_id else None
    return Facts(
        description=row.description,
        amount=from_minor(row.amount_minor, row.currency),
        kind=row.kind,
        note=row.note or "",
        category=category.name if category else "",
        method=method.name if method else "",
        payee=row.payee or "",
    )


def plan_changes(
    rows: Iterable[StoredRow], rules: list[CompiledRule], names: Catalogue, *, force: bool
) -> ChangePlan:
    """The rows the rules change and how; ValidationError for a rule with an archived target."""
    plan = ChangePlan()
    for row in rows:
        plan.examined += 1
        facts = facts_of(row, names)
        matched = matching(rules, facts)
        if not matched:
            continue
        change = _change(row, facts.amount, matched, names)
        if change is None:
            continue
        if row.status == RECONCILED and not force:
            plan.skipped_reconciled += 1
            continue
        plan.changes.append(change)
    return plan


def _change(
    row: StoredRow, amount: Decimal, matched: list[CompiledRule], names: Catalogue
) -> PlannedChange | None:
    category_id, method_id, description = settings_of(matched)
    payee, tags = labels_of(matched)
    new_category = new_method = new_description = None
    if category_id is not None and category_id != row.category_id and not row.split:
        category = names.category_ids.get(category_id)
        if category is not None and category.kind.value == row.kind:
            if category.archived:
                raise _archived(matched, "category", category_id, category.name)
            new_category = category_id
    if method_id is not None and method_id != row.payment_method_id:
        method = names.method_ids.get(method_id)
        if method is not None:
            if method.archived:
                raise _archived(matched, "method", method_id, method.name)
            new_method = method_id
    if description is not None and description != row.description:
        new_description = description
    new_payee = payee if payee and payee_key(payee) != payee_key(row.payee or "") else None
    carried = {tag_key(tag) for tag in row.tags}
    new_tags = tuple(tag for tag in tags if tag_key(tag) not in carried)
    changed = (new_category, new_method, new_description, new_payee)
    if all(value is None for value in changed) and not new_tags:
        return None
    return PlannedChange(
        row=row,
        amount=amount,
        category_id=new_category,
        method_id=new_method,
        description=new_description,
        rule_ids=tuple(rule.id for rule in matched),
        payee=new_payee,
        tags=new_tags,
    )


def _archived(matched: list[CompiledRule], what: str, target: int, name: str) -> ValidationError:
    setter = next(
        rule
        for rule in reversed(matched)
        if (rule.category_id if what == "category" else rule.method_id) == target
    )
    noun = "category" if what == "category" else "account"
    return ValidationError(
        "rule",
        f"rule {setter.id} sets the archived {noun} '{name}'; nothing was changed",
        hint=f"fopymes {noun} archive '{name}' --restore, or fopymes rule rm {setter.id}",
    )
