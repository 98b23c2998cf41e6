"""Password reset by e-mail: a single-use, short-lived token, stored only as a digest.

`request_reset` gives the same answer whether or not the address has an account (the
caller cannot learn who is registered); the e-mail goes through the outbox in the same
transaction and its body, which holds the token, is erased once delivered. `reset` consumes
the token once and ends every session and access token, as a password change does.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from fopymes_server.core import security
from fopymes_server.core.errors import AuthenticationError
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity.rules import check_password, clean_email
from fopymes_server.mail import service as mail
from fopymes_server.mail.render import render
from fopymes_server.mail.schemas import MailKind

RESET_LIFETIME = timedelta(minutes=30)
MAX_REQUESTS_PER_HOUR = 3


def request_reset(uow: UnitOfWork, *, email: str) -> None:
    """Queue a reset e-mail if `email` has an account; otherwise do nothing, silently.

    At most three requests per account and hour are honoured (more are ignored, with the
    same answer), so the feature cannot be used to flood someone's inbox. Raises
    ValidationError only for text that is not shaped like an e-mail address.
    """
    address = clean_email(email)
    credentials = uow.identity.user_by_email(address)
    # Spend comparable work either way so timing says little about existence.
    token = secrets.token_urlsafe(32)
    digest = security.token_digest(token)
    if credentials is None:
        return
    now = uow.clock.now()
    user_id = credentials.user.id
    if uow.password_resets.recent(user_id, now - timedelta(hours=1)) >= MAX_REQUESTS_PER_HOUR:
        return
    uow.password_resets.add(user_id, digest, now, now + RESET_LIFETIME)
    minutes = str(int(RESET_LIFETIME.total_seconds() // 60))
    text, html = render(
        "password_reset", email=credentials.user.email, token=token, minutes=minutes
    )
    mail.queue(
        uow,
        kind=MailKind.PASSWORD_RESET,
        to=credentials.user.email,
        subject="Reset your fopymes password",
        text=text,
        html=html,
        user_id=user_id,
        sensitive=True,
    )
    uow.commit()


def reset(uow: UnitOfWork, *, token: str, new_password: str) -> None:
    """Set a new password with a reset token; every session and access token ends.

    Raises AuthenticationError for an unknown, used or expired token (one message for all
    three), ValidationError for a password the rules refuse (the token stays usable).
    """
    check_password(new_password)
    now = uow.clock.now()
    user_id = uow.password_resets.consume(security.token_digest(token.strip()), now)
    if user_id is None:
        raise AuthenticationError(
            "the reset token is invalid, used or expired",
            hint="ask for a new one with 'fopymes password reset-request --email ...'",
        )
    uow.identity.set_password(user_id, security.hash_password(new_password), now)
    uow.identity.bump_session_generation(user_id, now)
    uow.identity.revoke_all_tokens(user_id, now)
    uow.password_resets.void_all(user_id, now)
    uow.commit()
