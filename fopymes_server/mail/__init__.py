"""E-mail: the SMTP transport (sender.py) apart from the delivery policy (outbox.py)."""
