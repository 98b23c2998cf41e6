"""Time `budget status` and `goal list` beside `tx list`, as whole `fopymes` processes.

    python bench/budgets_bench.py [--rows 100000 1000000] [--dbs sqlite postgresql]
                                  [--repeat 5] [--reuse] [--out PATH]

For each size and database: a dataset of its own from generate.py (`fopymes_budgets_<N>`,
so the list benchmark's datasets stay untouched), then 30 budgets and 50 goals with 400
contributions added through the services, then each command timed interleaved with
`fopymes tx list` in the same output format (measure.py: one warm-up, median of
`--repeat`). The target is 1.5x `tx list`. The report also gives the in-process service
time (what the SQL and the rules cost without Python start-up), median of 5.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from measure import Case, Measurement, measure
from sqlalchemy.engine import make_url

from fopymes_server.budgets import service as budgets
from fopymes_server.budgets import status as budget_status
from fopymes_server.budgets.schemas import BudgetSet
from fopymes_server.categories import service as categories
from fopymes_server.core.context import AppContext, build_context
from fopymes_server.core.principal import Principal
from fopymes_server.core.settings import load_settings
from fopymes_server.goals import contributions
from fopymes_server.goals import service as goals
from fopymes_server.goals.schemas import ContributionCreate, GoalCreate
from fopymes_server.identity import service as identity

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_RATIO = 1.5
BUDGETS = 30
GOALS = 50
CONTRIBUTIONS_PER_GOAL = 8
# (period options, rollover) cycled over the categories: mostly monthly, as people budget.
_SHAPES: list[dict[str, Any]] = [
    {},
    {},
    {"rollover": "both", "rollover_cap": "200"},
    {"anchor_day": 25},
    {},
    {"period": "weekly"},
    {"period": "quarterly"},
    {"rollover": "unspent"},
    {"period": "fortnightly"},
    {},
]


def main() -> int:
    args = _parser().parse_args()
    fopymes = Path(sys.executable).parent / "fopymes"
    results: list[tuple[Measurement, float | None]] = []
    for rows in args.rows:
        for db in args.dbs:
            info = _dataset(db, rows, args.pg_url, reuse=args.reuse)
            service_ms = _seed(info)
            with tempfile.TemporaryDirectory(prefix="fopymes-bench-") as home:
                env = _env(info, Path(home))
                for case, key in _cases(fopymes):
                    print(f"{db} {rows:,}: {case.name}", file=sys.stderr)
                    result = measure(case, env, repeat=args.repeat, warmup=1, rows=rows, db=db)
                    if result.error:
                        print(f"  FAILED: {result.error}", file=sys.stderr)
                    results.append((result, service_ms.get(key)))
    print(_markdown(results))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        report = [{**m.as_json(), "service_ms": ms} for m, ms in results]
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if any(m.error for m, _ in results) else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument("--dbs", nargs="+", choices=["postgresql", "sqlite"], default=["sqlite"])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command")
    parser.add_argument("--pg-url", default=DEFAULT_PG, help="any database on the server")
    parser.add_argument("--reuse", action="store_true", help="keep a dataset made before")
    parser.add_argument("--out", type=Path, help="also write every run as JSON here")
    return parser


def _dataset(db: str, rows: int, pg_url: str, *, reuse: bool) -> dict[str, Any]:
    """generate.py's info for a `fopymes_budgets_<rows>` database, made fresh unless reused."""
    name = f"fopymes_budgets_{rows}"
    if db == "postgresql":
        url = make_url(pg_url).set(drivername="postgresql+psycopg", database=name)
        url_text = url.render_as_string(hide_password=False)
    else:
        url_text = f"sqlite:///{DATA / (name + '.db')}"
    info_path = DATA / f"{name}.{db}.json"
    if not (reuse and info_path.exists()):
        print(f"generating {rows:,} rows on {db}", file=sys.stderr)
        command = [sys.executable, str(BENCH / "generate.py"), "--url", url_text]
        command += ["--rows", str(rows), "--fresh", "--info", str(info_path)]
        subprocess.run(command, check=True, stdin=subprocess.DEVNULL)
    return dict(json.loads(info_path.read_text(encoding="utf-8")))


def _principal(ctx: AppContext, info: dict[str, Any]) -> Principal:
    with ctx.uow(write=False) as uow:
        signed_in = identity.authenticate(uow, info["token"])
        return identity.principal_for(uow, signed_in.user.id, info["workspace_id"])


def _seed(info: dict[str, Any]) -> dict[str, float]:
    """Add the budgets and goals (once per dataset); return in-process service times (ms)."""
    ctx = build_context(load_settings(database_url=info["url"]))
    try:
        owner = _principal(ctx, info)
        with ctx.uow(write=False) as uow:
            seeded = bool(budgets.list_budgets(uow, owner))
        if not seeded:
            _add_budgets(ctx, owner, date.fromisoformat(info["last_date"]))
            _add_goals(ctx, owner, date.fromisoformat(info["last_date"]))
        return {
            "budget": _service_ms(ctx, lambda uow: budget_status.status(uow, owner)),
            "goal": _service_ms(ctx, lambda uow: goals.list_goals(uow, owner)),
            "tx": 0.0,
        }
    finally:
        ctx.close()


def _add_budgets(ctx: AppContext, owner: Principal, last: date) -> None:
    with ctx.uow(write=False) as uow:
        expense = [c for c in categories.list_categories(uow, owner) if c.kind.value == "expense"]
    chosen = [None, *[c.id for c in expense][: BUDGETS - 1]]
    since = (last - timedelta(days=365)).isoformat()
    for index, category in enumerate(chosen):
        shape = dict(_SHAPES[index % len(_SHAPES)])
        if shape.get("period") == "fortnightly":
            shape["anchor_date"] = since
        amount = "4000" if category is None else str(150 + 25 * index)
        with ctx.uow() as uow:
            budgets.set_budget(
                uow,
                owner,
                data=BudgetSet(category=category, amount=amount, effective_from=since, **shape),
            )


def _add_goals(ctx: AppContext, owner: Principal, last: date) -> None:
    for index in range(GOALS):
        name = f"Goal {index + 1:02d}"
        deadline = last + timedelta(days=60 + 17 * index)
        with ctx.uow() as uow:
            goals.add(
                uow,
                owner,
                data=GoalCreate(
                    name=name,
                    target=str(1000 + 250 * index),
                    deadline=deadline.isoformat(),
                    frequency=("week", "fortnight", "month")[index % 3],
                ),
            )
        for step in range(CONTRIBUTIONS_PER_GOAL):
            day = last - timedelta(days=30 * (CONTRIBUTIONS_PER_GOAL - step))
            with ctx.uow() as uow:
                contributions.contribute(
                    uow,
                    owner,
                    name,
                    data=ContributionCreate(
                        amount=str(20 + index + step),
                        date=day.isoformat(),
                        payment_method="Cash" if step % 4 == 0 else None,
                    ),
                )


def _service_ms(ctx: AppContext, call: Any) -> float:
    times = []
    for _ in range(5):
        began = time.perf_counter()
        with ctx.uow(write=False) as uow:
            call(uow)
        times.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(times), 1)


def _cases(fopymes: Path) -> list[tuple[Case, str]]:
    run = str(fopymes)
    table, json_list = [run, "tx", "list"], [run, "tx", "list", "-o", "json"]
    return [
        (Case("budget status", [run, "budget", "status"], table), "budget"),
        (
            Case("budget status -o json", [run, "budget", "status", "-o", "json"], json_list),
            "budget",
        ),
        (Case("goal list", [run, "goal", "list"], table), "goal"),
        (Case("goal list -o json", [run, "goal", "list", "-o", "json"], json_list), "goal"),
    ]


def _env(info: dict[str, Any], home: Path) -> dict[str, str]:
    import os

    env = {key: value for key, value in os.environ.items() if not key.startswith("FOPYMES_")}
    env.update(
        FOPYMES_HOME=str(home), FOPYMES_DATABASE_URL=info["url"], FOPYMES_TOKEN=info["token"]
    )
    return env


def _markdown(results: list[tuple[Measurement, float | None]]) -> str:
    lines = [
        "| command | N | db | median (s) | min–max (s) | tx list (s) | ratio | ≤ 1.5× "
        "| service (ms) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | :---: | ---: |",
    ]
    for r, service_ms in results:
        if r.error or r.median is None or r.floor_median is None:
            lines.append(f"| {r.command} | {r.rows:,} | {r.db} | failed: {r.error} | | | | | |")
            continue
        ratio = r.ratio or 0.0
        lines.append(
            f"| {r.command} | {r.rows:,} | {r.db} | {r.median:.3f} | "
            f"{min(r.times):.3f}–{max(r.times):.3f} | {r.floor_median:.3f} | {ratio:.2f}× | "
            f"{'✓' if ratio <= TARGET_RATIO else '✗'} | {service_ms} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
