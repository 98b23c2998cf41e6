"""Idempotency-Key on POST: a retried request gets the first response, never a second effect.

The key, the change and the stored response commit together: the request's unit of work
holds the commits a service makes until the response is stored, then commits once. A
second request with the key waits on the table's unique index (PostgreSQL) or the write
lock (SQLite) and replays what the first stored. Keys are per user and kept 24 hours;
the same key with a different body is a 422. Error responses are not stored (nothing was
written), so a retry after one runs again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated

from fastapi import Header, Request, Response
from pydantic import BaseModel

from fopymes_server.core.uow import UnitOfWork
from fopymes_server.idempotency import service as idempotency

REPLAYED_HEADER = "Idempotent-Replayed"

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=idempotency.MAX_KEY_LENGTH,
        pattern=r"^[\x21-\x7e]+$",
        description="Any unique string (a UUID is fine). Retrying with the same key and body "
        "returns the first response instead of acting again; kept 24 hours, per user.",
    ),
]


class RequestUnitOfWork(UnitOfWork):
    """A unit of work whose commits can be held until the request's response is known."""

    _holding = False

    def hold_commits(self) -> None:
        self._holding = True

    def commit(self) -> None:
        if self._holding:
            self.flush()  # services keep their order of writes; durability waits
            return
        super().commit()

    def release(self) -> None:
        self._holding = False
        super().commit()


def _json(model: BaseModel) -> str:
    return model.model_dump_json()


def respond(
    request: Request,
    uow: UnitOfWork,
    *,
    user_id: int,
    key: str | None,
    body: BaseModel | None,
    action: Callable[[], BaseModel],
    status_code: int = 201,
    location: Callable[[dict[str, object]], str] | None = None,
) -> Response:
    """Run `action` once per key and answer with its JSON (or the stored first answer).

    `action` is a step that does not commit (`<feature>.steps`): the change, and with a key
    the stored response, commit here once."""
    if key is None:
        text = _json(action())
        uow.commit()
        return _response(text, status_code, location, replayed=False)
    assert isinstance(uow, RequestUnitOfWork)
    uow.hold_commits()
    body_bytes = body.model_dump_json().encode() if body is not None else b""
    fingerprint = idempotency.fingerprint(request.method, request.url.path, body_bytes)
    stored = idempotency.begin(uow, user_id, key, fingerprint)
    if stored is not None:
        return _response(stored.body, stored.status_code, location, replayed=True)
    text = _json(action())
    idempotency.finish(uow, user_id, key, status_code=status_code, body=text)
    uow.release()
    return _response(text, status_code, location, replayed=False)


def _response(
    text: str,
    status_code: int,
    location: Callable[[dict[str, object]], str] | None,
    *,
    replayed: bool,
) -> Response:
    headers = {REPLAYED_HEADER: "true"} if replayed else {}
    if location is not None:
        headers["Location"] = location(json.loads(text))
    return Response(text, status_code=status_code, media_type="application/json", headers=headers)
