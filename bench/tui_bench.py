"""Time the dashboard as a person meets it: launch to first full paint, then the ledger.

    python bench/tui_bench.py --info PATH [--runs 5] [--size 100x32] [--out results.json]
    python bench/tui_bench.py --url URL --rows N [--reuse]   # generate the data first

`--info` is the JSON line `generate.py --info PATH` writes (url, token, workspace). With
`--url/--rows` this script runs `generate.py --fresh` itself (skipped with `--reuse` when the
info file of that size already exists).

Each run is a new process, as `fopymes tui` is: it imports the dashboard, authenticates the
token and resolves the workspace exactly as the CLI does (CliState.principal), starts the app
headless under Textual's Pilot at the given size and records, as wall-clock instants, when
the dashboard first shows its figures (cards, charts, recent rows: the paint that follows
their data), when it is complete (budgets, goals and the scheduled forecast too, which load
in a worker of their own), and when the first ledger page is on screen after pressing `t`.
The parent takes its own instant just before spawning, so "from launch" includes the
interpreter, the imports and the sign-in.
One untimed warm-up run, then `--runs` timed ones; the report gives medians and ranges.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _child(info: dict[str, Any], size: tuple[int, int]) -> dict[str, float]:
    """One measured launch, in this process (run by the parent as a subprocess)."""
    from fopymes_cli.tui.app import FopymesApp
    from fopymes_cli.tui.screens.dashboard import DashboardScreen
    from fopymes_cli.tui.screens.transactions import TransactionsScreen
    from fopymes_cli.tui.widgets.transaction_table import TransactionTable
    from fopymes_server.core.context import build_context
    from fopymes_server.core.settings import load_settings
    from fopymes_server.identity import service as identity

    marks = {"imported": time.time()}
    ctx = build_context(load_settings(database_url=info["url"], token=info["token"]))
    with ctx.uow(write=False) as uow:
        signed_in = identity.authenticate(uow, info["token"])
        principal = identity.principal_for(uow, signed_in.user.id, info["workspace"])
    marks["signed_in"] = time.time()

    async def drive() -> None:
        app = FopymesApp(ctx, principal, live_updates=False, cursor_blink=False)
        async with app.run_test(size=size) as pilot:
            marks["app_started"] = time.time()
            while not (isinstance(app.screen, DashboardScreen) and app.screen.shown):
                await pilot.pause(0.005)
            await pilot.pause()  # the refresh that draws what just arrived
            marks["figures"] = time.time()
            while not app.screen.plans:
                await pilot.pause(0.005)
            await pilot.pause()
            marks["dashboard"] = time.time()
            await pilot.press("t")
            while True:
                screen = app.screen
                if isinstance(screen, TransactionsScreen):
                    table = screen.query_one(TransactionTable)
                    if table.row_count and not table.loading:
                        break
                await pilot.pause(0.005)
            await pilot.pause()
            marks["ledger"] = time.time()

    asyncio.run(drive())
    ctx.close()
    return marks


def _measure(info_path: Path, size: str) -> dict[str, float]:
    launched = time.time()
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(info_path), "--size", size],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"the measured run failed:\n{result.stderr}")
    marks = json.loads(result.stdout.strip().splitlines()[-1])
    return {
        "launch_to_figures": marks["figures"] - launched,
        "launch_to_dashboard": marks["dashboard"] - launched,
        "launch_to_ledger": marks["ledger"] - launched,
        "app_to_figures": marks["figures"] - marks["app_started"],
        "app_to_dashboard": marks["dashboard"] - marks["app_started"],
        "t_to_ledger": marks["ledger"] - marks["dashboard"],
        "imports_and_sign_in": marks["signed_in"] - launched,
    }


def _generate(url: str, rows: int, reuse: bool) -> Path:
    name = url.rsplit("/", 1)[-1].replace(".db", "")
    info = HERE / "data" / f"tui_{name}_{rows}.json"
    if reuse and info.exists():
        return info
    command = [sys.executable, str(HERE / "generate.py"), "--url", url, "--rows", str(rows)]
    subprocess.run([*command, "--fresh", "--info", str(info)], check=True)
    return info


def _report(info: dict[str, Any], runs: list[dict[str, float]], size: str) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "url": info["url"].split("@")[-1],
        "rows": info.get("rows"),
        "size": size,
        "runs": runs,
    }
    print(f"\n{info.get('rows', '?'):,} rows, {summary['url']}, {size}, {len(runs)} runs")
    print("| measure | median (s) | min–max (s) |\n| --- | ---: | ---: |")
    for key in runs[0]:
        values = [run[key] for run in runs]
        summary[key] = statistics.median(values)
        print(
            f"| {key.replace('_', ' ')} | {statistics.median(values):.3f} | "
            f"{min(values):.3f}–{max(values):.3f} |"
        )
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--info", type=Path, help="JSON written by generate.py --info")
    parser.add_argument("--url", help="generate a dataset in this database first")
    parser.add_argument("--rows", type=int, default=100_000, help="rows to generate")
    parser.add_argument("--reuse", action="store_true", help="reuse a generated dataset")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--size", default="100x32", help="terminal COLUMNSxROWS")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.lower().split("x"))
    if args.child:
        info = json.loads(args.child.read_text(encoding="utf-8"))
        print(json.dumps(_child(info, (width, height))))
        return 0
    if args.info is None and args.url is None:
        parser.error("give --info PATH or --url URL")
    info_path = args.info or _generate(args.url, args.rows, args.reuse)
    info = json.loads(info_path.read_text(encoding="utf-8"))
    _measure(info_path, args.size)  # warm-up: page cache, .pyc files, database buffers
    runs = [_measure(info_path, args.size) for _ in range(args.runs)]
    summary = _report(info, runs, args.size)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
