"""What the category and payment-method routers share: the id parameter and PATCH logic.

Both features have the same two changes (rename; archive or restore), each a service
call that commits; a PATCH with both holds the first commit so the two land together.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Path

from fopymes_server.api.bodies.catalogue import CatalogueChange
from fopymes_server.api.bodies.common import MAX_INT32
from fopymes_server.api.idempotency import RequestUnitOfWork
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.uow import UnitOfWork

ItemId = Annotated[int, Path(ge=1, le=MAX_INT32, description="Its id.")]
T = TypeVar("T")


def apply_change(
    body: CatalogueChange,
    uow: UnitOfWork,
    *,
    rename: Callable[[str], T],
    archive: Callable[[bool], T],
) -> T:
    """Rename and/or archive (archived=true) or restore (archived=false), atomically."""
    if body.name is None and body.archived is None:
        raise ValidationError("body", "give a new name, archived, or both")
    both = body.name is not None and body.archived is not None
    if both and isinstance(uow, RequestUnitOfWork):
        uow.hold_commits()
    result: T | None = None
    if body.name is not None:
        result = rename(body.name)
    if body.archived is not None:
        result = archive(not body.archived)
    if both and isinstance(uow, RequestUnitOfWork):
        uow.release()
    assert result is not None
    return result
