"""Time one command beside its floor, check it did the job, and report both as a table row.

run.py decides what to measure; this module decides how: whole processes (what a person
or cron sees, start-up included), the command and its floor interleaved run by run so a
busy machine slows both alike, medians rather than means (one scheduler hiccup must not
move the figure), and a check that the command listed the same number of rows as its
floor, so a fast wrong answer is never reported as a fast answer.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import time
from dataclasses import asdict, dataclass, field
from typing import Any

TARGET_RATIO = 2.0


@dataclass(frozen=True, slots=True)
class Case:
    """A command to time, its floor, and how to count the rows it printed (if it lists)."""

    name: str
    argv: list[str]
    floor_argv: list[str]
    rows_from: str | None = None  # "json": a JSON array (or {"items": [...]}); "text": any


@dataclass
class Measurement:
    command: str
    rows: int
    db: str
    times: list[float] = field(default_factory=list)
    floor_times: list[float] = field(default_factory=list)
    # user + system CPU seconds of the process: on a shared machine these move far less
    # with other people's load than wall time does (the database server's share excluded).
    cpu: list[float] = field(default_factory=list)
    floor_cpu: list[float] = field(default_factory=list)
    listed: int | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor_times) if self.floor_times else None

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.floor_median:
            return None
        return self.median / self.floor_median

    @property
    def cpu_ratio(self) -> float | None:
        if not self.cpu or not self.floor_cpu:
            return None
        floor = statistics.median(self.floor_cpu)
        return statistics.median(self.cpu) / floor if floor else None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(median=self.median, floor_median=self.floor_median, ratio=self.ratio)
        data["cpu_ratio"] = self.cpu_ratio
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Measurement:
        names = cls.__dataclass_fields__
        return cls(**{key: value for key, value in data.items() if key in names})


def measure(
    case: Case, env: dict[str, str], *, repeat: int, warmup: int, rows: int, db: str
) -> Measurement:
    """Run `case` warmup + repeat times, each followed by its floor; stop at the first failure."""
    result = Measurement(case.name, rows, db)
    for run in range(warmup + repeat):
        seconds, cpu, done = _timed(case.argv, env)
        if done.returncode != 0:
            result.error = _failure(done)
            return result
        floor_seconds, floor_cpu, floor = _timed(case.floor_argv, env)
        if floor.returncode != 0:
            result.error = "the floor failed: " + _failure(floor)
            return result
        if run == 0:
            _check(case, done.stdout, floor.stdout, result)
            if result.error:
                return result
        if run >= warmup:
            result.times.append(round(seconds, 4))
            result.floor_times.append(round(floor_seconds, 4))
            result.cpu.append(round(cpu, 4))
            result.floor_cpu.append(round(floor_cpu, 4))
    return result


def _timed(
    argv: list[str], env: dict[str, str]
) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall seconds, CPU seconds and the finished process (exit 127 if it could not run)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    try:
        done = subprocess.run(
            argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600
        )
    except OSError as exc:
        return time.perf_counter() - began, 0.0, _not_run(argv, exc.strerror or str(exc))
    except subprocess.TimeoutExpired:
        return time.perf_counter() - began, 0.0, _not_run(argv, "ran over 10 minutes")
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, done


def _not_run(argv: list[str], reason: str) -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess(argv, 127, "", f"could not run {argv[0]}: {reason}")


def _failure(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in done.stderr.strip().splitlines() if line.strip()]
    # The error and its hint, without a traceback's middle (the last line names the error).
    shown = " / ".join(lines[:2] if len(lines) <= 3 else [lines[0], lines[-1]])
    return f"exit code {done.returncode}: {shown or '(no message)'}"


def _check(case: Case, stdout: str, floor_stdout: str, result: Measurement) -> None:
    """Fail the measurement when the command's answer disagrees with its floor's."""
    if "\x1b[" in stdout:
        result.notes.append("stdout has ANSI escapes although it is not a terminal")
    if case.rows_from is None:
        return
    expected = len(floor_stdout.splitlines())  # one transaction per line, id first
    if case.rows_from == "text":
        if not stdout.strip():
            result.error = "printed nothing on stdout"
        return
    try:
        document = json.loads(stdout)
    except json.JSONDecodeError as exc:
        result.error = f"stdout is not JSON ({exc})"
        return
    items = document.get("items") if isinstance(document, dict) else document
    if not isinstance(items, list):
        result.error = "the JSON holds no list of transactions"
        return
    result.listed = len(items)
    if len(items) != expected:
        result.error = f"listed {len(items)} rows where the floor query returns {expected}"
        return
    ids = [item.get("id") for item in items if isinstance(item, dict)]
    floor_ids = [int(line.split("\t", 1)[0]) for line in floor_stdout.splitlines()]
    if ids != floor_ids:
        result.error = "listed other transactions (or another order) than the floor query"


def markdown(results: list[Measurement]) -> str:
    """The report table: one row per command, dataset size and database."""
    lines = [
        "| command | N | db | median (s) | min–max (s) | floor median (s) | ratio | ≤ 2× "
        "| CPU ratio |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | :---: | ---: |",
    ]
    for r in results:
        if r.error or r.median is None:
            failed = f"failed: {r.error}".replace("|", "\\|")
            lines.append(f"| {r.command} | {r.rows:,} | {r.db} | {failed} | | | | | |")
            continue
        spread = f"{min(r.times):.3f}–{max(r.times):.3f}"
        ratio = r.ratio or 0.0
        ok = "✓" if ratio <= TARGET_RATIO else "✗"
        lines.append(
            f"| {r.command} | {r.rows:,} | {r.db} | {r.median:.3f} | {spread} | "
            f"{r.floor_median:.3f} | {ratio:.2f}× | {ok} | {r.cpu_ratio or 0.0:.2f}× |"
        )
    return "\n".join(lines)
