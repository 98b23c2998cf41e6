"""ETags on reads, If-None-Match (304) and If-Match parsing for versioned writes.

Transactions carry a `version`, so their ETag is `"v<version>"` and If-Match names the
version a PATCH or DELETE was based on (checked in SQL by `transactions.versioned`). Other
reads get a strong ETag hashed from the exact bytes sent, which is enough for caches.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Annotated

from fastapi import Header, Request, Response

_VERSION_TAG = re.compile(r'^"v([0-9]{1,10})"$')

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=200,
        description='The ETag you read (e.g. "v3"); required to change a versioned resource. '
        "A stale one answers 412, a missing one 428.",
    ),
]


def version_tag(version: int) -> str:
    return f'"v{version}"'


def content_tag(text: str) -> str:
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def _tags(header: str) -> list[str]:
    return [part.strip() for part in header.split(",") if part.strip()]


def expected_version(header: str | None, current: Callable[[], int]) -> int | None:
    """The version an If-Match names: None when absent, 0 (never a version) when unusable.

    `*` means "whatever it is now"; with several tags the current version is used if it is
    among them. Weak tags never match (RFC 9110 strong comparison).
    """
    if header is None:
        return None
    tags = _tags(header)
    if tags == ["*"]:
        return current()
    versions = [int(m.group(1)) for tag in tags if (m := _VERSION_TAG.match(tag))]
    if not versions:
        return 0
    if len(versions) > 1:
        now = current()
        return now if now in versions else versions[0]
    return versions[0]


def json_read(request: Request, text: str, *, etag: str | None = None) -> Response:
    """A 200 JSON response with an ETag, or 304 when If-None-Match already has it."""
    tag = etag or content_tag(text)
    wanted = request.headers.get("if-none-match")
    if wanted is not None:
        candidates = {t.removeprefix("W/") for t in _tags(wanted)}
        if "*" in candidates or tag in candidates:
            return Response(status_code=304, headers={"ETag": tag})
    return Response(text, media_type="application/json", headers={"ETag": tag})
