"""`export transactions --format csv` beside PostgreSQL COPY of the same join to a file.

    python bench/export_bench.py --info INFO.json [--rounds 5] [--out PATH]

INFO is the JSON line of `generate.py --info` (PostgreSQL or SQLite). In one process, in
turn `--rounds` times: the export service writing CSV to a file (after authentication, as
`fopymes export` does once started), and on PostgreSQL the floor, psycopg
`COPY (SELECT <the export's join, plain columns>) TO STDOUT (FORMAT csv)` into a file.
Rows per second are medians; the ratio is the export's rate over the floor's. Then the
whole `fopymes export` process twice, for every row and for the last year only, with its
peak RSS (`wait4`), to show memory does not grow with the row count.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

FLOOR = """
COPY (
  SELECT t.id, t.date, t.kind, t.amount_minor, t.currency, c.name, m.name, t.description, t.note
  FROM transactions t
  LEFT JOIN categories c ON c.id = t.category_id
  LEFT JOIN payment_methods m ON m.id = t.payment_method_id
  WHERE t.workspace_id = {workspace}
  ORDER BY t.date, t.id
) TO STDOUT (FORMAT csv)
"""


def export_once(info: dict[str, Any], path: Path) -> int:
    from fopymes_server.core.context import build_context
    from fopymes_server.core.settings import load_settings
    from fopymes_server.exports import service
    from fopymes_server.exports.schemas import ExportFormat
    from fopymes_server.identity import refresh

    ctx = build_context(load_settings(database_url=info["url"]))
    try:
        with ctx.uow(write=False) as uow, path.open("wb") as out:
            principal = refresh.principal_for_bearer(
                uow, info["token"], info["workspace_id"], access_lifetime=timedelta(minutes=5)
            )
            summary = service.export_transactions(uow, principal, fmt=ExportFormat.CSV, out=out)
        return summary.rows
    finally:
        ctx.close()


def copy_once(info: dict[str, Any], path: Path) -> None:
    import psycopg

    conninfo = info["url"].replace("postgresql+psycopg://", "postgresql://")
    statement = FLOOR.format(workspace=int(info["workspace_id"]))
    with (
        psycopg.connect(conninfo) as connection,
        path.open("wb") as out,
        connection.cursor().copy(statement) as copy,
    ):
        for chunk in copy:
            out.write(chunk)


def process_rss(info: dict[str, Any], extra: list[str], path: Path) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOPYMES_")}
    env.update(
        FOPYMES_HOME=tempfile.mkdtemp(prefix="fopymes-export-bench-"),
        FOPYMES_DATABASE_URL=info["url"],
        FOPYMES_TOKEN=info["token"],
    )
    fopymes = str(Path(sys.executable).parent / "fopymes")
    argv = [fopymes, "export", "transactions", "-f", "csv", "-O", str(path), *extra]
    began = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, argv
    lines = sum(1 for _ in path.open("rb")) - 1
    return {
        "seconds": round(time.perf_counter() - began, 3),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "lines": lines,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--info", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    info = json.loads(args.info.read_text(encoding="utf-8"))
    postgres = info["url"].startswith("postgresql")
    folder = Path(tempfile.mkdtemp(prefix="fopymes-export-bench-"))
    rates: dict[str, list[float]] = {"export": [], "copy": []} if postgres else {"export": []}
    rows = export_once(info, folder / "warm.csv")  # page cache, first compile of statements
    for number in range(args.rounds):
        for side in rates:
            began = time.perf_counter()
            if side == "export":
                rows = export_once(info, folder / "export.csv")
            else:
                copy_once(info, folder / "copy.csv")  # the same rows as the export
            rates[side].append(rows / (time.perf_counter() - began))
        print(f"round {number + 1}: load {os.getloadavg()[0]:.2f}", file=sys.stderr)
    result: dict[str, Any] = {"url": info["url"].split("@")[-1], "rows": rows}
    for side, values in rates.items():
        result[f"{side}_rows_per_s"] = round(statistics.median(values))
        result[f"{side}_all"] = [round(v) for v in values]
    if postgres:
        result["export_over_copy"] = round(
            result["export_rows_per_s"] / result["copy_rows_per_s"], 2
        )
    year_ago = (date.fromisoformat(info["last_date"]) - timedelta(days=365)).isoformat()
    result["process_all_rows"] = process_rss(info, [], folder / "all.csv")
    result["process_last_year"] = process_rss(info, ["--from", year_ago], folder / "year.csv")
    result["loadavg"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
