"""Fixtures of the mail tests: the loopback SMTP server (see server.py)."""

from tests.mail.server import smtp

__all__ = ["smtp"]
