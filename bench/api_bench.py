"""The headless server under load, beside a bare FastAPI endpoint on the same uvicorn settings.

    python bench/api_bench.py [--db postgresql|sqlite] [--rows 100000] [--seconds 10]
                              [--connections 32] [--ws-clients 500] [--out PATH]
                              [--info PATH] [--baseline DIR] [--rounds N]

HTTP: `wrk` (Debian package `wrk`) on loopback drives GET /transactions (first page, and a
filtered page) and POST /transactions at 32 connections, then the same against a FastAPI
app whose routes return a constant; the ratio is the figure, since both share the machine,
the uvicorn settings (one worker, websockets-sansio, no access log) and the load generator.
WebSocket (PostgreSQL): two `fopymes server` instances on one database; a transaction is
POSTed to instance A and the time until clients on instance B receive its event is measured
(one client, then 500). Everything is loopback only, bounded in count and time, and stops
by itself. Data comes from bench/generate.py (or `--info`, the JSON line of an earlier
`generate.py --info`). Results are printed as JSON.

A/B: `--baseline DIR` (a source tree of an earlier fopymes, e.g. from `git archive`) runs
that tree's server too, on plain uvicorn (h11 and asyncio: `httptools` and `uvloop` are
hidden from it, as before `uvicorn[standard]`), beside its own bare app on the same plain
stack; `--rounds N` alternates baseline, current and both bare apps N times, and the
figures are medians with every round kept in the JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2
from websockets.asyncio.client import connect

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PG_ADMIN = os.environ.get("FOPYMES_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BODY = '{"amount": "12.34", "description": "bench", "date": "2026-11-02"}'
BARE_APP = """
import sys, uvicorn
from fastapi import FastAPI, Request
app = FastAPI()

@app.get("/bare")
async def bare() -> dict[str, str]:
    return {"status": "ok"}

@app.post("/bare")
async def bare_post(request: Request) -> dict[str, str]:
    await request.body()
    return {"status": "ok"}

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning",
            access_log=False, ws="websockets-sansio")
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def wait_healthy(url: str, path: str = "/healthz", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx2.get(url + path, timeout=1).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"nothing answered at {url}{path}")


@contextmanager
def process(args: list[str], env: dict[str, str], url: str, path: str) -> Iterator[None]:
    """A server subprocess, healthy on entry and stopped with SIGTERM on exit."""
    proc = subprocess.Popen(args, env={**os.environ, **env}, cwd=ROOT)
    try:
        wait_healthy(url, path)
        yield
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


PLAIN_STACK = """
import sys
class _Hidden:
    def find_spec(self, name, path=None, target=None):
        if name in ("httptools", "uvloop"):
            raise ImportError(f"{name} hidden: plain uvicorn stack")
        return None
sys.meta_path.insert(0, _Hidden())
"""


def plain_stack_dir() -> Path:
    """A directory whose sitecustomize hides httptools and uvloop from uvicorn's "auto"."""
    folder = Path(tempfile.mkdtemp(prefix="fopymes-plain-"))
    (folder / "sitecustomize.py").write_text(PLAIN_STACK, encoding="utf-8")
    return folder


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def fopymes_server(database_url: str, port: int) -> list[str]:
    cli = [sys.executable, "-c", "from fopymes_cli.main import run; run()", "--db", database_url]
    return [*cli, "server", "--port", str(port), "--log-level", "warning"]


def wrk(url: str, *, seconds: int, connections: int, token: str | None, post: bool) -> float:
    """Requests per second as wrk reports them (non-2xx responses make the run invalid)."""
    script = Path(tempfile.mkdtemp()) / "request.lua"
    lines = []
    if token:
        lines.append(f'wrk.headers["Authorization"] = "Bearer {token}"')
    if post:
        lines += [
            'wrk.method = "POST"',
            f"wrk.body = '{BODY}'",
            'wrk.headers["Content-Type"] = "application/json"',
        ]
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )
    if "Non-2xx" in result.stdout:
        raise SystemExit(f"wrk saw errors on {url}:\n{result.stdout}")
    match = re.search(r"Requests/sec:\s+([0-9.]+)", result.stdout)
    assert match, result.stdout
    return float(match.group(1))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def ws_latency(
    a: str, b: str, info: dict[str, Any], clients: int, events: int
) -> dict[str, float]:
    """ms from sending the POST to instance A until each client on instance B has the event."""
    ws_url = b.replace("http", "ws") + f"/api/v1/ws?token={info['token']}"
    sockets = [await connect(ws_url, open_timeout=60, max_queue=None) for _ in range(clients)]
    for ws in sockets:
        assert json.loads(await ws.recv())["type"] == "welcome"
    latencies: list[float] = []
    post_url = f"{a}/api/v1/workspaces/{info['workspace_id']}/transactions"
    headers = {"Authorization": f"Bearer {info['token']}", "Content-Type": "application/json"}

    async def receive(ws: Any, entity: asyncio.Future[int], sent: float) -> None:
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), 30))
            if message["type"] == "transaction.created" and message["entity_id"] == await entity:
                latencies.append((time.perf_counter() - sent) * 1000)
                return

    async with httpx2.AsyncClient(timeout=30) as http:
        for _ in range(events):
            entity: asyncio.Future[int] = asyncio.get_running_loop().create_future()
            sent = time.perf_counter()
            waiting = [asyncio.create_task(receive(ws, entity, sent)) for ws in sockets]
            response = await http.post(post_url, content=BODY, headers=headers)
            entity.set_result(response.json()["id"])
            await asyncio.gather(*waiting)
            await asyncio.sleep(0.02)
    for ws in sockets:
        await ws.close()
    return {
        "p50_ms": round(percentile(latencies, 50), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "deliveries": len(latencies),
    }


def prepare(db: str, rows: int) -> dict[str, Any]:
    if db == "postgresql":
        url = PG_ADMIN.rsplit("/", 1)[0] + "/fopymes_api_bench"
    else:
        url = f"sqlite:///{BENCH / 'data' / 'fopymes_api_bench.db'}"
    info_path = Path(tempfile.mkdtemp()) / "info.json"
    subprocess.run(
        [
            sys.executable,
            str(BENCH / "generate.py"),
            "--url",
            url,
            "--rows",
            str(rows),
            "--fresh",
            "--info",
            str(info_path),
        ],
        check=True,
        cwd=ROOT,
    )
    info: dict[str, Any] = json.loads(info_path.read_text(encoding="utf-8"))
    return info


def http_round(
    args: argparse.Namespace, info: dict[str, Any], *, source: Path | None, plain: Path | None
) -> dict[str, float]:
    """One server of `source` (None: this tree) and one bare app, on one uvicorn stack."""
    env = {"PYTHONPATH": os.pathsep.join(str(p) for p in (source, plain) if p)} if plain else {}
    token, ws_id, category = info["token"], info["workspace_id"], info["category_ids"][0]
    port, bare_port = free_port(), free_port()
    api = f"http://127.0.0.1:{port}/api/v1/workspaces/{ws_id}/transactions"
    bare = f"http://127.0.0.1:{bare_port}/bare"
    run = {"seconds": args.seconds, "connections": args.connections, "token": token}
    figures: dict[str, float] = {}
    with process([sys.executable, "-c", BARE_APP, str(bare_port)], env, bare, ""):
        figures["bare_get"] = wrk(bare, **{**run, "token": None}, post=False)
        figures["bare_post"] = wrk(bare, **{**run, "token": None}, post=True)
    server = fopymes_server(info["url"], port)
    with process(server, env, f"http://127.0.0.1:{port}", "/healthz"):
        figures["get_first_page"] = wrk(f"{api}?limit=50", **run, post=False)
        filtered = f"{api}?limit=50&category_id={category}&month={info['last_date'][:7]}"
        figures["get_filtered"] = wrk(filtered, **run, post=False)
        figures["post"] = wrk(api, **run, post=True)
    for name in ("get_first_page", "get_filtered"):
        figures[f"{name}_ratio"] = round(figures[name] / figures["bare_get"], 3)
    figures["post_ratio"] = round(figures["post"] / figures["bare_post"], 3)
    return figures


def http_rounds(args: argparse.Namespace, info: dict[str, Any]) -> dict[str, Any]:
    """Current (and baseline) servers in turn, `--rounds` times; medians of each figure."""
    plain = plain_stack_dir() if args.baseline else None
    sides: dict[str, list[dict[str, float]]] = {"current": []}
    if args.baseline:
        sides["baseline"] = []
    for number in range(args.rounds):
        for side in sides:
            log(f"round {number + 1}/{args.rounds}: {side} (load {os.getloadavg()[0]:.2f})")
            source = args.baseline.resolve() if side == "baseline" else None
            sides[side].append(
                http_round(args, info, source=source, plain=plain if source else None)
            )
    out: dict[str, Any] = {}
    for side, rounds in sides.items():
        out[side] = {key: round(median([r[key] for r in rounds]), 3) for key in rounds[0]}
        out[side]["rounds"] = rounds
    if args.baseline:
        out["current_over_baseline"] = {
            key: round(out["current"][key] / out["baseline"][key], 2)
            for key in ("get_first_page", "get_filtered", "post")
        }
    out["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--ws-clients", type=int, default=500)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--info", type=Path, help="reuse a dataset: generate.py's --info file")
    parser.add_argument("--baseline", type=Path, help="source tree of an earlier fopymes")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    info = json.loads(args.info.read_text()) if args.info else prepare(args.db, args.rows)
    results: dict[str, Any] = {"db": args.db, "rows": info["rows"], "connections": args.connections}
    results.update(http_rounds(args, info))
    if args.db == "postgresql" and args.ws_clients:
        a_port, b_port = free_port(), free_port()
        a, b = f"http://127.0.0.1:{a_port}", f"http://127.0.0.1:{b_port}"
        with (
            process(fopymes_server(info["url"], a_port), {}, a, "/healthz"),
            process(fopymes_server(info["url"], b_port), {}, b, "/healthz"),
        ):
            results["ws_1_client"] = asyncio.run(ws_latency(a, b, info, 1, args.events))
            results[f"ws_{args.ws_clients}_clients"] = asyncio.run(
                ws_latency(a, b, info, args.ws_clients, max(10, args.events // 5))
            )
    print(json.dumps(results, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
