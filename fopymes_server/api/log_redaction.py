"""Keep credentials out of every log line the server writes.

uvicorn logs each WebSocket handshake with its full URL, so `/api/v1/ws?token=...` would
put a working token in stderr, and a library's exception text can quote a query string or
a connection string. `fopymes server` installs `RedactSecrets` on every handler it
configures (uvicorn's, ours and the root logger's), so whatever logger a record comes from,
its message, arguments and traceback pass through `redact` before they are written.

Pure `logging`, no web framework: the log configuration names this class by its dotted
path and uvicorn's worker processes import it on their own.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

REDACTED = "[redacted]"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Query strings: the part of a URL or path after '?', up to a space or a quote.
    (re.compile(r"(?<=[\w/.\-~%])\?[^\s\"'<>]+"), "?" + REDACTED),
    # name=value / "name": "value" pairs whose name says secret (password, token, ...).
    (
        re.compile(
            r"(?i)([\"']?\b[\w-]*(?:token|password|passwd|secret|api[_-]?key|signature)"
            r"[\"']?\s*[:=]\s*)(?:\"[^\"]*\"|'[^']*'|[^\s&,;\"')}\]]+)"
        ),
        r"\1" + REDACTED,
    ),
    # Authorization header values.
    (re.compile(r"(?i)\b(bearer|basic)\s+[\w\-.~+/=]+"), r"\1 " + REDACTED),
    # Our personal access tokens and any JWT, wherever they appear.
    (re.compile(r"\bfop_[\w-]+"), "fop_" + REDACTED),
    (re.compile(r"\beyJ[\w-]*\.[\w-]+\.[\w-]*"), REDACTED),
    # user:password@ in URLs (database URLs in driver errors).
    (re.compile(r"(?<=://)([^\s:/@]+):[^\s@/]+@"), r"\1:" + REDACTED + "@"),
)


def redact(text: str) -> str:
    """`text` with query strings, secret-named values, bearer credentials and tokens masked."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _clean(value: object) -> object:
    """A log argument with secrets masked; numbers stay numbers for `%d` and friends."""
    if value is None or isinstance(value, bool | int | float):
        return value
    return redact(str(value))


class RedactSecrets(logging.Filter):
    """A handler filter that rewrites each record in place, so every formatter sees it clean.

    The message and each argument are masked separately, so formatters that take the
    arguments apart (uvicorn's access formatter) still find them; a traceback is rendered
    into `exc_text`, which formatters reuse instead of formatting it again.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(str(record.msg))
        if isinstance(record.args, Mapping):
            record.args = {key: _clean(value) for key, value in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(_clean(value) for value in record.args)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
