"""The schema revisions this version of fopymes knows, oldest first.

Kept as plain constants so that the schema check on every command does not import Alembic;
a test asserts they match the migration scripts.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_events")
HEAD_REVISION = KNOWN_REVISIONS[-1]
