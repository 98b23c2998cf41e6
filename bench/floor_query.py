"""The floor under `fopymes tx list`: one process, SQLAlchemy, one query, rows printed.

    python bench/floor_query.py --url URL --workspace-id 1 [--category-ids 1,14 --month 2023-11]

Why: a whole-process time of `fopymes tx list` means little on its own. This script does
the least any Python tool on the same stack must do for the same page (import SQLAlchemy
and the driver, connect, run the list query of transactions/repository.py, print the
rows), so the benchmark can report fopymes' time as a multiple of it. Whatever fopymes
adds on top (Typer, settings, authentication, name lookups, pydantic, rendering) is the
difference. Nothing from fopymes is imported here on purpose.
"""

from __future__ import annotations

import argparse
import calendar
import sys
from datetime import date

from sqlalchemy import Date, bindparam, create_engine, text
from sqlalchemy.engine import make_url

LIST_SQL = """
SELECT t.id, t.date, t.kind, t.amount_minor, t.currency,
       c.name AS category, t.category_id, p.name AS payment_method, t.payment_method_id,
       t.description, t.note, t.created_by, t.created_at, t.updated_by, t.updated_at,
       t.version
FROM transactions AS t
LEFT OUTER JOIN categories AS c ON c.id = t.category_id
LEFT OUTER JOIN payment_methods AS p ON p.id = t.payment_method_id
WHERE t.workspace_id = :workspace_id{filters}
ORDER BY t.date DESC, t.id DESC
LIMIT :limit
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--workspace-id", type=int, required=True)
    parser.add_argument("--category-ids", help="comma-separated ids (a category and its children)")
    parser.add_argument("--month", help="YYYY-MM")
    parser.add_argument("--limit", type=int, default=50)
    args = parser.parse_args()

    url = make_url(args.url)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")  # the driver fopymes uses
    filters = ""
    params: dict[str, object] = {"workspace_id": args.workspace_id, "limit": args.limit}
    if args.category_ids:
        ids = [int(part) for part in args.category_ids.split(",")]
        # Literal ids, like the IN list SQLAlchemy renders for the repository.
        filters += f" AND t.category_id IN ({', '.join(map(str, ids))})"
    if args.month:
        year, month = (int(part) for part in args.month.split("-"))
        params["date_from"] = date(year, month, 1)
        params["date_to"] = date(year, month, calendar.monthrange(year, month)[1])
        filters += " AND t.date >= :date_from AND t.date <= :date_to"
    statement = text(LIST_SQL.format(filters=filters))
    if args.month:
        # Typed binds: SQLite stores dates as ISO text, PostgreSQL as DATE.
        statement = statement.bindparams(
            bindparam("date_from", type_=Date()), bindparam("date_to", type_=Date())
        )
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(statement, params).all()
    out = sys.stdout
    for row in rows:
        out.write("\t".join("" if value is None else str(value) for value in row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
