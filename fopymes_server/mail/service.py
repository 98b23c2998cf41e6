"""Use cases of e-mail: queue messages in the caller's transaction, list and retry the outbox.

Nothing here talks to an SMTP server: `queue*` only writes outbox rows in the unit of work
the caller commits (so a rolled-back change sends nothing), and `mail/outbox.py` delivers
them later. Other features call `queue` (notifications, password reset) and `queue_report`
(report e-mails).
"""

from __future__ import annotations

import re

from fopymes_server.core.errors import NotFoundError, ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity import service as identity
from fopymes_server.identity.rules import clean_email
from fopymes_server.mail.render import render
from fopymes_server.mail.schemas import Attachment, MailKind, OutboxOut, OutboxStatus

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_LISTED = 200
_CONTENT_TYPE = re.compile(r"^[\w.+-]+/[\w.+-]+$")
_UNSAFE_FILENAME = re.compile(r"[^\w.() -]+")


def queue(
    uow: UnitOfWork,
    *,
    kind: MailKind,
    to: str,
    subject: str,
    text: str,
    html: str | None,
    workspace_id: int | None = None,
    user_id: int | None = None,
    sensitive: bool = False,
    attachments: tuple[Attachment, ...] = (),
) -> int:
    """Write one message to the outbox in the caller's transaction (the caller commits).

    `sensitive` messages (a reset token) have their bodies erased once sent or dead.
    Raises ValidationError for an address that is not an e-mail address.
    """
    return uow.outbox.add(
        kind=kind.value,
        to_address=clean_email(to),
        subject=" ".join(subject.split())[:300],
        body_text=text,
        body_html=html,
        now=uow.clock.now(),
        workspace_id=workspace_id,
        user_id=user_id,
        sensitive=sensitive,
        attachments=attachments,
    )


def _workspace_name(uow: UnitOfWork, principal: Principal) -> str:
    return identity.current_workspace(uow, principal).name


def queue_report(
    uow: UnitOfWork,
    principal: Principal,
    to: str,
    subject: str,
    body: str,
    attachment_name: str,
    content_type: str,
    data: bytes,
) -> int:
    """Queue a report e-mail with one attached file and commit; returns the outbox id.

    Who may send is the caller's rule (reports.service.email: editors and owners).
    Raises ValidationError for a bad address,
    an empty subject, a malformed content type, or a file over 20 MiB.
    """
    if not subject.strip():
        raise ValidationError("subject", "must not be empty")
    if not _CONTENT_TYPE.match(content_type):
        raise ValidationError("content type", f"'{content_type}' is not a MIME type")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError("attachment", "is larger than 20 MiB; narrow the report")
    filename = _UNSAFE_FILENAME.sub("_", attachment_name).strip() or "report"
    workspace = _workspace_name(uow, principal)
    text, html = render(
        "report", subject=subject, body=body, attachment=filename, workspace=workspace
    )
    message_id = queue(
        uow,
        kind=MailKind.REPORT,
        to=to,
        subject=subject,
        text=text,
        html=html,
        workspace_id=principal.workspace_id,
        user_id=principal.user_id,
        attachments=(Attachment(filename, content_type, data),),
    )
    uow.commit()
    return message_id


def queue_test(uow: UnitOfWork, principal: Principal, *, to: str, server: str) -> int:
    """Queue a fixed test message (no user text in it, so it relays nothing) and commit."""
    requester = uow.identity.user_by_id(principal.user_id)
    who = requester.user.email if requester else "fopymes"
    text, html = render("test", requester=who, server=server)
    message_id = queue(
        uow,
        kind=MailKind.TEST,
        to=to,
        subject="fopymes test message",
        text=text,
        html=html,
        user_id=principal.user_id,
    )
    uow.commit()
    return message_id


def outbox(
    uow: UnitOfWork, principal: Principal, *, failed_only: bool = False, limit: int = 50
) -> list[OutboxOut]:
    """The workspace's outgoing e-mail, newest first (owners only: it names recipients).

    Also lists the test messages the principal queued. Password-reset messages are never
    listed. Raises PermissionDeniedError for editors and viewers.
    """
    principal.require_owner()
    if not 1 <= limit <= MAX_LISTED:
        raise ValidationError("limit", f"must be between 1 and {MAX_LISTED}")
    return uow.outbox.listing(
        workspace_id=principal.workspace_id,
        user_id=principal.user_id,
        status=OutboxStatus.DEAD if failed_only else None,
        limit=limit,
    )


def retry(uow: UnitOfWork, principal: Principal, message_id: int | None = None) -> int:
    """Put one dead-lettered message (or, without an id, all of them) back in the queue.

    Owners only. Raises NotFoundError for an id that is not a dead message of this
    workspace (another workspace's ids look exactly like missing ones).
    """
    principal.require_owner()
    count = uow.outbox.retry(
        workspace_id=principal.workspace_id,
        user_id=principal.user_id,
        message_id=message_id,
        now=uow.clock.now(),
    )
    if message_id is not None and not count:
        raise NotFoundError(f"no failed message {message_id} in this workspace")
    uow.commit()
    return count


def message(uow: UnitOfWork, principal: Principal, message_id: int) -> OutboxOut:
    """One outbox row the principal may see; NotFoundError otherwise (any member may look
    at the messages they queued themselves, owners at the workspace's)."""
    found = uow.outbox.get(
        message_id, workspace_id=principal.workspace_id, user_id=principal.user_id
    )
    if found is None:
        raise NotFoundError(f"no message {message_id} in this workspace")
    return found
