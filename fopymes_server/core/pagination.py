"""Opaque keyset cursors: the key of the last row a page showed.

Keyset pagination keeps page 500 as cheap as page 1 because the database seeks straight to
the cursor through an index instead of counting past OFFSET rows. Lists ordered by (date,
id) use `encode_cursor`; lists ordered by id alone (an inbox) use `encode_id_cursor`.
"""

from __future__ import annotations

import base64
from datetime import date

from fopymes_server.core.errors import ValidationError

_ID_TAG = "n"


def _pack(first: str, row_id: int) -> str:
    return base64.urlsafe_b64encode(f"{first}|{row_id}".encode()).decode().rstrip("=")


def _unpack(cursor: str) -> tuple[str, int]:
    """Raises ValueError or UnicodeDecodeError for text `_pack` did not make."""
    padded = cursor + "=" * (-len(cursor) % 4)
    first, id_text = base64.urlsafe_b64decode(padded).decode().split("|")
    if not (id_text.isascii() and id_text.isdigit()):
        raise ValueError(cursor)
    return first, int(id_text)


def _refused() -> ValidationError:
    return ValidationError("cursor", "is not a cursor fopymes gave out")


def encode_cursor(day: date, row_id: int) -> str:
    return _pack(day.isoformat(), row_id)


def decode_cursor(cursor: str) -> tuple[date, int]:
    """The (date, id) inside `cursor`; ValidationError if it was not made by encode_cursor."""
    try:
        day_text, row_id = _unpack(cursor)
        return date.fromisoformat(day_text), row_id
    except (ValueError, UnicodeDecodeError):
        raise _refused() from None


def encode_id_cursor(row_id: int) -> str:
    return _pack(_ID_TAG, row_id)


def decode_id_cursor(cursor: str) -> int:
    """The id inside `cursor`; ValidationError if it was not made by encode_id_cursor."""
    try:
        tag, row_id = _unpack(cursor)
    except (ValueError, UnicodeDecodeError):
        raise _refused() from None
    if tag != _ID_TAG:
        raise _refused()
    return row_id
