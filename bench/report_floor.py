"""The floor of `fopymes report show`: the statements the report really sends, replayed.

    python bench/report_floor.py capture OUT.pickle -- report show --month 2026-10 -o json
    python bench/report_floor.py replay URL OUT.pickle

`capture` runs the fopymes CLI in this process with the arguments after `--` (database and
token from the environment, as for any command) and records every statement it sends,
with its parameters, through SQLAlchemy's `before_cursor_execute` event on every engine:
authentication, the schema check and each of the report's queries, in order, exactly as
the dialect sent them. `replay` is the floor: import SQLAlchemy, connect, run those
statements with those parameters through `exec_driver_sql` on one connection, fetch and
print every row. It knows nothing of fopymes, so what the report takes beyond it is
fopymes' own work (start-up, building statements, Python around the rows, JSON).

Transaction control is left to the floor's connection: `BEGIN` statements (SQLite's
unit of work sends them itself) are recorded but not replayed, since one connection
reading in one transaction is the least any tool would do.
"""

from __future__ import annotations

import contextlib
import io
import pickle
import sys
from pathlib import Path
from typing import Any

Statement = tuple[str, Any, bool]  # (SQL as sent, DBAPI parameters, executemany)


def capture(out: Path, argv: list[str]) -> int:
    """Run `fopymes <argv>` in-process and pickle the statements it sent to `out`."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    sent: list[Statement] = []

    def record(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, many: bool
    ) -> None:
        sent.append((statement, parameters, many))

    event.listen(Engine, "before_cursor_execute", record)
    from fopymes_cli.main import run

    sys.argv = ["fopymes", *argv]
    code: object = 0
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            run()
        except SystemExit as exc:
            code = exc.code
    if code not in (0, None):
        print(f"fopymes {' '.join(argv)} exited with {code}", file=sys.stderr)
        return 1
    out.write_bytes(pickle.dumps(sent))
    print(f"captured {len(sent)} statements", file=sys.stderr)
    return 0


def replay(url: str, path: Path) -> int:
    """The floor: connect with SQLAlchemy and send exactly the captured statements."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    statements: list[Statement] = pickle.loads(path.read_bytes())
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    engine = create_engine(parsed)
    write = sys.stdout.write
    with engine.connect() as connection:
        for statement, parameters, _many in statements:
            if statement.lstrip().upper().startswith("BEGIN"):
                continue
            result = connection.exec_driver_sql(statement, parameters)
            if result.returns_rows:
                for row in result:
                    write("\t".join(map(str, row)) + "\n")
    return 0


def main() -> int:
    if len(sys.argv) >= 4 and sys.argv[1] == "capture" and "--" in sys.argv:
        split = sys.argv.index("--")
        return capture(Path(sys.argv[2]), sys.argv[split + 1 :])
    if len(sys.argv) == 4 and sys.argv[1] == "replay":
        return replay(sys.argv[2], Path(sys.argv[3]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
