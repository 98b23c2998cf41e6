"""Finding a named thing the way people type it: by id or by name, any case, with hints."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar


class Named(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)


def name_key(name: str) -> str:
    """The comparison key that makes names unique case-insensitively."""
    return " ".join(name.split()).casefold()


def resolve(
    ref: str | int,
    items: Sequence[T],
    *,
    noun: str,
    not_found: Callable[[str, str | None], Exception],
) -> T:
    """The item whose id or name matches `ref`; otherwise `not_found(message, hint)`.

    The hint lists the closest existing names, so a typo is one glance from its fix.
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
    return_error = not_found(f"no {noun} '{text}' in this workspace", hint)
    raise return_error
