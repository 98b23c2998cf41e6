"""Message bodies from the templates in `templates/`, and the MIME message for the sender.

Every value is HTML-escaped before it goes into an HTML body (the original interpolated
user text raw); plain-text bodies take values as they are. Templates use `string.Template`
(`$name`), so a stray `{` in a description cannot break rendering.
"""

from __future__ import annotations

import html
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from importlib import resources
from string import Template

from fopymes_server.mail.schemas import OutgoingMail


def _template(name: str) -> Template:
    text = resources.files("fopymes_server.mail").joinpath("templates", name).read_text("utf-8")
    return Template(text)


def render(name: str, **values: str) -> tuple[str, str]:
    """(plain text, HTML) of template `name` with `values`; HTML gets escaped values.

    Raises KeyError when the template needs a value that was not given (a programming
    error, caught by the tests of every template).
    """
    text = _template(f"{name}.txt").substitute(values)
    escaped = {key: html.escape(value).replace("\n", "<br>\n") for key, value in values.items()}
    return text, _template(f"{name}.html").substitute(escaped)


def message_id(message_key: str, sender: str) -> str:
    """The Message-ID header: the row's stable key at the sender's domain.

    The same on every retry, so a receiving server or person can recognise a duplicate
    after an unclear failure (a timeout after DATA, a crash before the row was updated).
    """
    domain = parseaddr(sender)[1].rpartition("@")[2] or "fopymes.invalid"
    return f"<{message_key}@{domain}>"


def build_message(mail: OutgoingMail, *, sender: str) -> EmailMessage:
    """The MIME message: text, optional HTML alternative, attachments, stable headers."""
    message = EmailMessage()
    name, address = parseaddr(sender)
    message["From"] = formataddr((name or "fopymes", address))
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(mail.created_at)
    message["Message-ID"] = message_id(mail.message_key, sender)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.body_text)
    if mail.body_html:
        message.add_alternative(mail.body_html, subtype="html")
    for item in mail.attachments:
        maintype, _, subtype = item.content_type.partition("/")
        message.add_attachment(
            item.data,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=item.filename,
        )
    return message
