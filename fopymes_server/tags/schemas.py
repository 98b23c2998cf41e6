"""Tag data out: the name and how many transactions carry it."""

from __future__ import annotations

from pydantic import ConfigDict

from fopymes_server.core.contract import Contract, examples


class TagOut(Contract):
    model_config = ConfigDict(
        json_schema_extra=examples({"id": 3, "name": "trip-2026", "transactions": 14})
    )

    id: int
    name: str
    transactions: int = 0
