"""What a stored first response looks like to the service and the API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StoredResponse(BaseModel):
    """The response a key's first request got; replayed byte for byte."""

    model_config = ConfigDict(frozen=True)

    fingerprint: str
    status_code: int
    body: str
