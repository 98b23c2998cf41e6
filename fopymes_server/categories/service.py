"""Use cases of categories: seed, list, add, rename, archive, remove, resolve by name."""

from __future__ import annotations

from fopymes_server.categories.schemas import CategoryKind, CategoryOut
from fopymes_server.categories.templates import CATEGORY_SETS, Template
from fopymes_server.core import catalogue
from fopymes_server.core.errors import (
    NotFoundError,
    RuleViolationError,
    ValidationError,
)
from fopymes_server.core.lookup import resolve as resolve_named
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork


def seed_defaults(
    uow: UnitOfWork, principal: Principal, template: Template = Template.HOUSEHOLD
) -> None:
    """Give a new workspace the categories of `template` (caller commits)."""
    principal.require_write()
    for kind, names in CATEGORY_SETS[template].items():
        for name in names:
            uow.categories.add(
                principal.workspace_id, name=name, kind=kind, parent_id=None, now=uow.clock.now()
            )


def list_categories(
    uow: UnitOfWork,
    principal: Principal,
    *,
    kind: CategoryKind | None = None,
    include_archived: bool = False,
) -> list[CategoryOut]:
    """The workspace's categories, parents before their children, archived ones on request."""
    items = uow.categories.list(principal.workspace_id, include_archived=include_archived)
    return [c for c in items if kind is None or c.kind is kind]


def resolve(
    uow: UnitOfWork,
    principal: Principal,
    ref: str | int,
    *,
    include_archived: bool = True,
    field: str | None = None,
) -> CategoryOut:
    """The category with id or name `ref` (any case) in the principal's workspace.

    Raises NotFoundError that suggests the closest names; an UnknownReferenceError of
    `field` when `ref` came in an input field (see `core.lookup.resolve`).
    """
    items = uow.categories.list(principal.workspace_id, include_archived=include_archived)
    return resolve_named(ref, items, noun="category", not_found=_not_found, field=field)


def family(uow: UnitOfWork, principal: Principal, ref: str | int) -> tuple[int, ...]:
    """The id of the category `ref` (as `resolve` finds it) followed by its sub-categories'.

    Filters by a category mean the category and its children; one read of the workspace's
    categories answers both, where resolving and then listing read them twice.
    """
    items = uow.categories.list(principal.workspace_id, include_archived=True)
    category = resolve_named(ref, items, noun="category", not_found=_not_found)
    return (category.id, *(c.id for c in items if c.parent_id == category.id))


def _not_found(message: str, hint: str | None) -> Exception:
    return NotFoundError(message, hint=hint or "see 'fopymes category list'")


def add(
    uow: UnitOfWork,
    principal: Principal,
    *,
    name: str,
    kind: CategoryKind,
    parent: str | int | None = None,
) -> CategoryOut:
    """Add a category, optionally under a top-level parent of the same kind.

    Raises ConflictError for a name already used in the workspace (any case), and
    ValidationError for a parent of the other kind or a parent that is itself a child.
    """
    principal.require_write()
    name = catalogue.check_new_name(uow.categories, principal, name, "category")
    parent_id = None
    if parent is not None:
        parent_category = resolve(uow, principal, parent, include_archived=False, field="parent")
        if parent_category.parent_id is not None:
            raise ValidationError("parent", "sub-categories go one level deep only")
        if parent_category.kind is not kind:
            raise ValidationError(
                "parent", f"'{parent_category.name}' is an {parent_category.kind} category"
            )
        parent_id = parent_category.id
    new_id = uow.categories.add(
        principal.workspace_id, name=name, kind=kind, parent_id=parent_id, now=uow.clock.now()
    )
    created = resolve(uow, principal, new_id)
    uow.commit()
    return created


def rename(uow: UnitOfWork, principal: Principal, ref: str | int, *, name: str) -> CategoryOut:
    """Rename a category; transactions keep pointing at it. ConflictError on a taken name."""
    return catalogue.rename(
        uow, principal, uow.categories, resolve, ref, name=name, noun="category"
    )


def archive(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, restore: bool = False
) -> CategoryOut:
    """Hide a category from lists and new transactions, keeping its history intact."""
    return catalogue.archive(uow, principal, uow.categories, resolve, ref, restore=restore)


def _uses(transactions: int, children: int) -> str:
    """`3 transactions and 1 sub-category`: only what is there, counted in words."""
    parts = [
        f"{count} {word if count == 1 else plural}"
        for count, word, plural in (
            (transactions, "transaction", "transactions"),
            (children, "sub-category", "sub-categories"),
        )
        if count
    ]
    return " and ".join(parts)


def remove(uow: UnitOfWork, principal: Principal, ref: str | int) -> None:
    """Delete a category nothing refers to; one in use must be archived instead."""
    principal.require_write()
    category = resolve(uow, principal, ref)
    used = uow.transactions.count_using(principal.workspace_id, category_id=category.id)
    children = uow.categories.children_count(principal.workspace_id, category.id)
    if used or children:
        raise RuleViolationError(
            f"category '{category.name}' is in use ({_uses(used, children)})",
            hint=f"archive it instead: fopymes category archive '{category.name}'",
        )
    if not uow.categories.delete(principal.workspace_id, category.id):
        raise RuleViolationError(
            f"category '{category.name}' has a budget",
            hint=f"remove the budget first (fopymes budget rm '{category.name}'), "
            f"or archive the category: fopymes category archive '{category.name}'",
        )
    uow.commit()
