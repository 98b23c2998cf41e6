"""Unknown ids in a request body: a 422 naming the field, not a 404 for the URL.

A route's URL names one resource; a body may name others (a category, a payment method).
When the service answers NotFoundError, the client needs to know which: the URL's
resource missing is 404, a body field naming nothing is invalid input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fopymes_server.core.errors import NotFoundError, ValidationError

T = TypeVar("T")


def refused_references(
    action: Callable[[], T],
    *,
    target: Callable[[], object] | None = None,
    **lookups: Callable[[], object],
) -> T:
    """Run `action`; if it fails because an id in the body names nothing, answer 422.

    When the URL names something that exists, a missing category or payment method given
    in the body is bad input naming its field, not a missing resource. Only on a
    NotFoundError are the lookups asked which id is missing: first `target` (the resource
    the URL names; if it is gone its 404 stands), then `lookups`, each body field with the
    service lookup of the id it carries. The services check the role before they resolve
    anything, so a viewer still gets 403.
    """
    try:
        return action()
    except NotFoundError:
        if target is not None:
            target()
        for field, lookup in lookups.items():
            try:
                lookup()
            except NotFoundError as missing:
                raise ValidationError(field, missing.message, hint=missing.hint) from None
        raise
