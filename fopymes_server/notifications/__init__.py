"""In-app notifications per user, raised once per dedupe key, optionally also by e-mail."""
