"""Alembic environment: runs on the connection `migrations.runner` hands over."""

from __future__ import annotations

from alembic import context

from fopymes_server.migrations.metadata import target_metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=target_metadata,
    # SQLite cannot ALTER most things in place; batch mode rebuilds tables safely.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
