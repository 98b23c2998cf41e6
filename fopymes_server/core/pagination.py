"""Opaque keyset cursors: the (date, id) of the last row a page showed.

Keyset pagination keeps page 500 as cheap as page 1 because the database seeks straight to
the cursor through an index instead of counting past OFFSET rows.
"""

from __future__ import annotations

import base64
from datetime import date

from fopymes_server.core.errors import ValidationError


def encode_cursor(day: date, row_id: int) -> str:
    raw = f"{day.isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date, int]:
    """The (date, id) inside `cursor`; ValidationError if it was not made by encode_cursor."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        day_text, id_text = base64.urlsafe_b64decode(padded).decode().split("|")
        return date.fromisoformat(day_text), int(id_text)
    except (ValueError, UnicodeDecodeError):
        raise ValidationError("cursor", "is not a cursor fopymes gave out") from None
