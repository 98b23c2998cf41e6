"""Alembic migrations; `fopymes db upgrade` runs them on SQLite and PostgreSQL."""
