"""Steps that find or create tags and link them; they never commit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.tags.rules import clean_tags, tag_key


def ids_of(uow: UnitOfWork, principal: Principal, names: Iterable[str]) -> dict[str, int]:
    """Tag ids by key for `names` (clean tags), creating the missing ones with their first
    spelling; two queries however many rows a batch tags."""
    principal.require_write()
    spellings = {tag_key(name): name for name in reversed(list(names))}
    return uow.tags.ensure(principal.workspace_id, spellings, now=uow.clock.now())


def tag_ids(uow: UnitOfWork, principal: Principal, names: Sequence[str]) -> list[int]:
    """The ids of the tags `names` (cleaned: ValidationError naming the tag rule), in order."""
    tags = clean_tags(list(names))
    found = ids_of(uow, principal, tags)
    return [found[tag_key(tag)] for tag in tags]


def attach(
    uow: UnitOfWork, principal: Principal, tagged: Sequence[tuple[int, Sequence[str]]]
) -> None:
    """Link each (transaction id, clean tag names) pair of a batch; no commit."""
    if not any(names for _, names in tagged):
        return
    found = ids_of(uow, principal, [name for _, names in tagged for name in names])
    uow.tags.attach(
        [(tx_id, found[tag_key(name)]) for tx_id, names in tagged for name in dict.fromkeys(names)]
    )
