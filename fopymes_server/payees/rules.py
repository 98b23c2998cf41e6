"""What makes two payee spellings one payee (pure; no I/O).

Statements spell the same shop many ways ("CAFÉ  Central", "Cafe central"): a payee is
kept once per workspace under `payee_key(name)`, and its display name is the first
spelling seen. Exports, reports and filters all compare through this one key.
"""

from __future__ import annotations

import unicodedata

from fopymes_server.core.lookup import clean_name

MAX_PAYEE = 200


def payee_key(name: str) -> str:
    """The comparison key of a payee name: case folded, accents stripped (NFKD with the
    combining marks dropped), whitespace collapsed to single spaces and trimmed.

    >>> payee_key("CAFÉ  Central") == payee_key("cafe central")
    True
    """
    # Folded after decomposing as well: NFKD turns some letters (a mathematical 𝕊) into
    # capitals, and the key must be its own key.
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFKD", bare.casefold()).split())


def clean_payee(name: str, field: str = "payee") -> str:
    """The display spelling of a payee: trimmed, inner spaces collapsed, at most
    MAX_PAYEE characters; ValidationError of `field` when empty or too long."""
    return clean_name(name, field, max_length=MAX_PAYEE)
