"""What a tag may be (pure; no I/O).

A tag is one word of ASCII letters, digits and the marks - _ / . (beancount's tag
alphabet, which hledger and ledger accept too), so every export writes it unchanged:
`trip-2026`, `work/travel`, `q4.2026`. Tags compare in any case; the first spelling is kept.
"""

from __future__ import annotations

import re

from fopymes_server.core.errors import ValidationError

MAX_TAG = 50
TAG_RULE = "a tag is one word of letters a-z, digits and - _ / . (e.g. trip-2026)"
_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_/.]*")


def clean_tag(text: str, field: str = "tag") -> str:
    """`text` trimmed (a leading '#' is dropped, as people write tags); ValidationError of
    `field` naming the rule when empty, too long or holding other characters."""
    value = text.strip().removeprefix("#")
    if not value:
        raise ValidationError(field, "must not be empty")
    if len(value) > MAX_TAG:
        raise ValidationError(field, f"'{value[:20]}...' is longer than {MAX_TAG} characters")
    if not _TAG.fullmatch(value):
        raise ValidationError(field, f"'{value}' is not a tag: {TAG_RULE}")
    return value


def tag_key(name: str) -> str:
    """The comparison key of a clean tag (tags differ by more than case)."""
    return name.casefold()


def clean_tags(texts: list[str], field: str = "tag") -> list[str]:
    """Each tag cleaned, duplicates (in any case) dropped, the first spelling and order kept."""
    seen: dict[str, str] = {}
    for text in texts:
        tag = clean_tag(text, field)
        seen.setdefault(tag_key(tag), tag)
    return list(seen.values())
