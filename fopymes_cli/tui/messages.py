"""App-wide messages: data changed somewhere, a service refused or failed.

Workers run service calls in threads and never touch widgets; they post one of these (or a
screen's own `...Loaded` message) and the event loop does the rest. Widget-local messages
live next to their widget.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from textual.message import Message
from textual.message_pump import MessagePump

from fopymes_server.core.errors import (
    FopymesError,
    NotFoundError,
    UnknownReferenceError,
    ValidationError,
)


class DataChanged(Message):
    """Something in the workspace changed: reload what is on screen.

    Posted by the live watcher (another process, machine or the scheduler changed data)
    and by the app itself after its own writes, so its screens update at once.
    """

    def __init__(self, event_types: tuple[str, ...] = (), *, workspace_switched: bool = False):
        super().__init__()
        self.event_types = event_types
        self.workspace_switched = workspace_switched


class ServiceFailed(Message):
    """A service call raised; the app shows it as a notification unless a screen handles it.

    `error` is the FopymesError the service raised, or None for an unexpected exception,
    whose one-line summary and traceback travel in `summary` and `details`.
    """

    def __init__(self, error: FopymesError | None, *, summary: str = "", details: str = "") -> None:
        super().__init__()
        self.error = error
        self.summary = summary or (error.message if error else "")
        self.details = details

    @property
    def field(self) -> str | None:
        """The input the error belongs to, for errors about one field (a bad value, or a
        name that names nothing, such as an unknown account)."""
        if isinstance(self.error, ValidationError | UnknownReferenceError):
            return self.error.field
        return None


@contextmanager
def reporting(node: MessagePump) -> Iterator[None]:
    """Run a worker's service calls, turning what they raise into ServiceFailed from `node`.

    Refusals (FopymesError) carry their message and hint; anything else is reported the way
    the CLI reports an unexpected error (type and message, traceback kept for --debug) so a
    bug in one panel never takes the whole dashboard down.
    """
    try:
        yield
    except FopymesError as error:
        node.post_message(ServiceFailed(error))
    except Exception as error:  # the TUI's counterpart of errors.report_unexpected
        node.post_message(
            ServiceFailed(
                None,
                summary=f"unexpected {type(error).__name__}: {error}",
                details=traceback.format_exc(),
            )
        )


@contextmanager
def as_field(field: str) -> Iterator[None]:
    """Treat "no such category" as an error of the form's `field`, so it shows beside it."""
    try:
        yield
    except NotFoundError as error:
        raise ValidationError(field, error.message, hint=error.hint) from error
