"""Reports, exports and imports at scale, beside hledger, ledger, a SQL floor and COPY.

    python bench/reports_bench.py [--rows 100000 1000000] [--dbs sqlite postgresql]
                                  [--repeat 3] [--reuse] [--out bench/results/reports.json]

For each size it writes the dataset once per database with generate.py (and the hledger
journal once), then measures whole processes, as a person or cron sees them:

- the monthly report of the last whole month and the whole-history report
  (`fopymes report show ... -o json`) beside `hledger balance`, `ledger balance` on the same
  data (same period) and the floor (`report_floor.py`): the report's own statements,
  captured once in-process with SQLAlchemy's cursor events, replayed with their parameters
  by a minimal SQLAlchemy script; report and floor alternate run by run (`measure.py`);
- `fopymes export transactions` of every row as CSV and XLSX, with the peak RSS of the
  process (`wait4` rusage), so memory can be compared across sizes;
- at 100,000 rows: `fopymes import csv` of a CSV export into a second workspace, and on
  PostgreSQL `COPY` of the same rows (ids resolved) into a third, as rows per second.

Each timed command runs once untimed first (page cache), then `--repeat` times; the median
is reported. Everything is measured, nothing asserted (DESIGN.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from measure import Case, measure

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"
PG = os.environ.get("FOPYMES_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def run(argv: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in KiB, stdout) of one process; raises if it fails."""
    began = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(
                f"{' '.join(argv[:6])}: exit {process.returncode}: {err.read().decode()[-500:]}"
            )
        return seconds, usage.ru_maxrss, out.read().decode(errors="replace")


def timed(argv: list[str], env: dict[str, str], repeat: int, warmup: int = 1) -> dict[str, Any]:
    for _ in range(warmup):
        run(argv, env)
    samples = [run(argv, env) for _ in range(repeat)]
    times = [s[0] for s in samples]
    return {
        "median": round(statistics.median(times), 3),
        "min": round(min(times), 3),
        "max": round(max(times), 3),
        "peak_rss_mib": round(max(s[1] for s in samples) / 1024, 1),
    }


def dataset(db: str, rows: int, end: date, *, reuse: bool, prefix: str) -> dict[str, Any]:
    name = f"{prefix}_{rows}"
    info_path = DATA / f"{name}.{db}.json"
    journal = DATA / f"{name}.journal"
    if reuse and info_path.exists() and (journal.exists() or db != "sqlite"):
        return json.loads(info_path.read_text())
    if db == "postgresql":
        url = PG.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}"
    else:
        url = f"sqlite:///{DATA / (name + '.db')}"
    argv = [
        sys.executable,
        str(BENCH / "generate.py"),
        "--url",
        url,
        "--rows",
        str(rows),
        "--fresh",
        "--end",
        end.isoformat(),
        "--info",
        str(info_path),
    ]
    if db == "sqlite" or not journal.exists():
        argv += ["--journal", str(journal)]
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return json.loads(info_path.read_text())


def second_workspace(info: dict[str, Any], name: str) -> int:
    """A workspace of the bench user with the same catalogue (for imports and COPY)."""
    sys.path.insert(0, str(BENCH))
    from generate import _catalogue

    from fopymes_server.core.context import build_context
    from fopymes_server.core.principal import Principal, Role
    from fopymes_server.core.settings import load_settings
    from fopymes_server.identity import service as identity

    ctx = build_context(load_settings(database_url=info["url"]))
    try:
        with ctx.uow() as uow:
            user_id = identity.authenticate(uow, info["token"]).user.id
            for membership in identity.workspaces(uow, user_id):
                if membership.workspace.name == name:
                    return membership.workspace.id
        with ctx.uow() as uow:
            workspace = identity.create_workspace(uow, user_id, name=name, currency="EUR")
        with ctx.uow() as uow:
            _catalogue(uow, Principal(user_id, workspace.id, Role.OWNER))
            uow.commit()
        return workspace.id
    finally:
        ctx.close()


def copy_rate(info: dict[str, Any], csv_path: Path) -> float:
    """Rows per second of PostgreSQL COPY of the exported rows, ids resolved beforehand."""
    import psycopg

    workspace_id = second_workspace(info, "COPY target")
    conninfo = info["url"].replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as connection:
        user = connection.execute(
            "SELECT created_by FROM workspaces WHERE id = %s", (workspace_id,)
        ).fetchone()[0]
        categories = dict(
            connection.execute(
                "SELECT name, id FROM categories WHERE workspace_id = %s", (workspace_id,)
            ).fetchall()
        )
        methods = dict(
            connection.execute(
                "SELECT name, id FROM payment_methods WHERE workspace_id = %s", (workspace_id,)
            ).fetchall()
        )
        now = time.strftime("%Y-%m-%d %H:%M:%S+00")
        rows = [
            (
                workspace_id,
                r["kind"],
                abs(int(r["amount"].replace(".", ""))),
                r["currency"],
                r["date"],
                categories.get(r["category"]),
                methods.get(r["payment_method"]),
                r["description"],
                r["note"] or None,
                user,
                now,
                user,
                now,
                1,
            )
            for r in csv.DictReader(csv_path.open(encoding="utf-8"))
        ]
        began = time.perf_counter()
        with connection.cursor().copy(
            "COPY transactions (workspace_id, kind, amount_minor, currency, date, category_id, "
            "payment_method_id, description, note, created_by, created_at, updated_by, "
            "updated_at, version) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        connection.commit()
        return len(rows) / (time.perf_counter() - began)


def report_beside_floor(
    fopymes: str,
    argv: list[str],
    env: dict[str, str],
    url: str,
    home: Path,
    args: argparse.Namespace,
    *,
    rows: int,
    db: str,
) -> dict[str, Any]:
    """Capture the report's statements once, then time report and replay in turn."""
    captured = home / f"statements-{len(list(home.glob('statements-*')))}.pickle"
    floor_script = str(BENCH / "report_floor.py")
    subprocess.run(
        [sys.executable, floor_script, "capture", str(captured), "--", *argv], env=env, check=True
    )
    replay = [sys.executable, floor_script, "replay", url, str(captured)]
    case = Case(" ".join(argv), [fopymes, *argv], replay)
    measured = measure(case, env, repeat=args.repeat, warmup=args.warmup, rows=rows, db=db)
    if measured.error:
        raise RuntimeError(f"{case.name}: {measured.error}")
    return {
        "median": measured.median,
        "min": min(measured.times),
        "max": max(measured.times),
        "floor_median": measured.floor_median,
        "ratio": round(measured.ratio or 0.0, 2),
        "cpu_ratio": round(measured.cpu_ratio or 0.0, 2),
        "statements": len(pickle.loads(captured.read_bytes())),
        "times": measured.times,
        "floor_times": measured.floor_times,
    }


def bench(db: str, rows: int, args: argparse.Namespace, end: date) -> dict[str, Any]:
    info = dataset(db, rows, end, reuse=args.reuse, prefix=args.prefix)
    journal = DATA / f"{args.prefix}_{rows}.journal"
    fopymes = str(Path(sys.executable).parent / "fopymes")
    home = tempfile.mkdtemp(prefix="fopymes-reports-bench-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOPYMES_")}
    env.update(FOPYMES_HOME=home, FOPYMES_DATABASE_URL=info["url"], FOPYMES_TOKEN=info["token"])
    last = date.fromisoformat(info["last_date"]).replace(day=1) - timedelta(days=1)
    month, first = last.strftime("%Y-%m"), last.replace(day=1)
    whole = (info["first_date"], info["last_date"])
    result: dict[str, Any] = {"db": db, "rows": rows, "month": month}
    reports = {
        "month": ["report", "show", "--month", month, "-o", "json"],
        "whole history": ["report", "show", "--from", whole[0], "--to", whole[1], "-o", "json"],
    }
    for period, argv in reports.items():
        print(f"{db} {rows:,}: report {period} beside its replayed floor", file=sys.stderr)
        result[f"report {period}"] = report_beside_floor(
            fopymes, argv, env, info["url"], Path(home), args, rows=rows, db=db
        )
    cases = {
        "hledger month": ["hledger", "-f", str(journal), "balance", "-p", month],
        "ledger month": [
            "ledger",
            "-f",
            str(journal),
            "balance",
            "-b",
            first.isoformat(),
            "-e",
            (last + timedelta(days=1)).isoformat(),
        ],
        "hledger whole history": ["hledger", "-f", str(journal), "balance"],
        "ledger whole history": ["ledger", "-f", str(journal), "balance"],
    }
    if db != "sqlite" or args.skip_tools:  # the tools read the same journal: measure once
        cases = {k: v for k, v in cases.items() if not k.startswith(("hledger", "ledger"))}
    for name, argv in cases.items():
        print(f"{db} {rows:,}: {name}", file=sys.stderr)
        result[name] = timed(argv, env, args.repeat, args.warmup)
    out = Path(home)
    for fmt in () if args.skip_exports else ("csv", "xlsx"):
        print(f"{db} {rows:,}: export {fmt}", file=sys.stderr)
        argv = [fopymes, "export", "transactions", "-f", fmt, "-O", str(out / f"all.{fmt}")]
        result[f"export {fmt}"] = timed(argv, env, 1, 0)
    if rows == 100_000 and not args.skip_import and not args.skip_exports:
        # A new workspace each run: a re-import into the last one would be all duplicates.
        target = second_workspace(info, f"Import target {time.strftime('%H%M%S')}")
        argv = [
            fopymes,
            "--workspace",
            str(target),
            "import",
            "csv",
            str(out / "all.csv"),
            "--profile",
            "fopymes",
        ]
        seconds, rss, _ = run(argv, env)
        result["import csv"] = {
            "seconds": round(seconds, 2),
            "rows_per_second": round(rows / seconds),
            "peak_rss_mib": round(rss / 1024, 1),
        }
        if db == "postgresql":
            result["copy rows_per_second"] = round(copy_rate(info, out / "all.csv"))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument(
        "--dbs", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first")
    parser.add_argument("--reuse", action="store_true", help="keep datasets made before")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-exports", action="store_true")
    parser.add_argument("--skip-tools", action="store_true", help="no hledger/ledger runs")
    parser.add_argument("--end", type=date.fromisoformat, default=date(2026, 11, 25))
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--prefix", default="fopymes_reports", help="dataset names: <prefix>_<rows> (db, files)"
    )
    args = parser.parse_args()
    results = [bench(db, rows, args, args.end) for rows in args.rows for db in args.dbs]
    text = json.dumps({"load": os.getloadavg(), "results": results}, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
