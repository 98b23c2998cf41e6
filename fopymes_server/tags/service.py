"""Use cases of tags: list, rename, remove (tags are created by the rows that carry them)."""

from __future__ import annotations

from fopymes_server.core.errors import ConflictError, NotFoundError
from fopymes_server.core.lookup import resolve as resolve_named
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.tags.rules import clean_tag, tag_key
from fopymes_server.tags.schemas import TagOut


def list_tags(uow: UnitOfWork, principal: Principal) -> list[TagOut]:
    """The workspace's tags by name, each with how many transactions carry it."""
    return uow.tags.with_counts(principal.workspace_id)


def resolve(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, field: str | None = None
) -> TagOut:
    """The tag with id or name `ref` (any case, a leading '#' allowed); NotFoundError with
    close names otherwise (UnknownReferenceError of `field` when given)."""
    text = str(ref).strip().removeprefix("#")
    return resolve_named(
        text,
        uow.tags.names(principal.workspace_id),
        noun="tag",
        not_found=_not_found,
        field=field,
    )


def _counted(uow: UnitOfWork, principal: Principal, tag_id: int) -> TagOut:
    return next(t for t in uow.tags.with_counts(principal.workspace_id) if t.id == tag_id)


def counted(uow: UnitOfWork, principal: Principal, ref: str | int) -> TagOut:
    """The tag `ref` (as `resolve`) with how many transactions carry it."""
    return _counted(uow, principal, resolve(uow, principal, ref).id)


def _not_found(message: str, hint: str | None) -> Exception:
    return NotFoundError(message, hint=hint or "see 'fopymes tag list'")


def rename(uow: UnitOfWork, principal: Principal, ref: str | int, new_name: str) -> TagOut:
    """Rename a tag on every transaction that carries it.

    Raises PermissionDeniedError for viewers, NotFoundError for an unknown tag,
    ValidationError for a name that breaks the tag rule, ConflictError for another tag's
    name (any case)."""
    principal.require_write()
    tag = resolve(uow, principal, ref)
    name = clean_tag(new_name, "name")
    other = uow.tags.ids_by_key(principal.workspace_id, [tag_key(name)])
    if other and other[tag_key(name)] != tag.id:
        raise ConflictError(f"'{name}' is already a tag")
    uow.tags.rename(principal.workspace_id, tag.id, name)
    events.record(uow, principal, "tag.updated", entity_id=tag.id)
    renamed = _counted(uow, principal, tag.id)
    uow.commit()
    return renamed


def remove(uow: UnitOfWork, principal: Principal, ref: str | int) -> TagOut:
    """Delete a tag and take it off every transaction (the transactions stay); returns
    what it was. PermissionDeniedError for viewers, NotFoundError for an unknown tag."""
    principal.require_write()
    tag = resolve(uow, principal, ref)
    uow.tags.delete(principal.workspace_id, tag.id)
    events.record(uow, principal, "tag.deleted", entity_id=tag.id)
    uow.commit()
    return tag
