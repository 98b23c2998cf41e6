"""Names as people type them: cleaned, compared in any case, and found by id or by name
with hints. Every feature's names (categories, accounts, goals, descriptions) use these."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from fopymes_server.core.errors import FopymesError, UnknownReferenceError, ValidationError


class Named(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)


def clean_name(name: str, field: str = "name", *, max_length: int = 200) -> str:
    """Trimmed, non-empty, bounded text for names."""
    value = " ".join(name.split())
    if not value:
        raise ValidationError(field, "must not be empty")
    if len(value) > max_length:
        raise ValidationError(field, f"must be at most {max_length} characters")
    return value


def name_key(name: str) -> str:
    """The comparison key that makes names unique case-insensitively."""
    return " ".join(name.split()).casefold()


def resolve(
    ref: str | int,
    items: Sequence[T],
    *,
    noun: str,
    not_found: Callable[[str, str | None], Exception],
    field: str | None = None,
) -> T:
    """The item whose id or name matches `ref`; otherwise `not_found(message, hint)`.

    The hint lists the closest existing names, so a typo is one glance from its fix.
    With `field` (the input field that carried `ref`), the miss is raised as an
    UnknownReferenceError of that field instead, with the same message and hint: `ref`
    came in the input and names nothing, rather than being what the request is about.
    """
    text = str(ref).strip()
    if text.isdigit():
        for item in items:
            if item.id == int(text):
                return item
    key = name_key(text)
    for item in items:
        if name_key(item.name) == key:
            return item
    by_key = {name_key(item.name): item.name for item in items}
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.5)
    hint = "did you mean " + ", ".join(f"'{by_key[c]}'" for c in close) + "?" if close else None
    error = not_found(f"no {noun} '{text}' in this workspace", hint)
    if field is not None and isinstance(error, FopymesError):
        raise UnknownReferenceError(field, error.message, hint=error.hint)
    raise error
