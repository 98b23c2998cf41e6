"""Pure rules about sign-in input: e-mail shape and passwords (names: `core.lookup`)."""

from __future__ import annotations

import re

from fopymes_server.core.errors import ValidationError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024


def clean_email(email: str) -> str:
    """Trimmed e-mail, or ValidationError if it is not shaped like one."""
    value = email.strip()
    if not _EMAIL.match(value) or len(value) > 320:
        raise ValidationError("email", f"'{email}' is not an e-mail address")
    return value


def check_password(password: str) -> None:
    """NIST-style: long enough, not absurdly long, not one repeated character."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("password", f"must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError("password", f"must be at most {MAX_PASSWORD_LENGTH} characters")
    if len(set(password)) == 1:
        raise ValidationError("password", "must not be one character repeated")
