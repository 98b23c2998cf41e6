"""`fopymes scheduler` runs in the foreground, logs one line per job run, stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

LAUNCH = "from fopymes_cli.main import run; run()"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_the_scheduler_stops_cleanly_on_a_signal(
    databases,
    tmp_path: Path,
    stop: signal.Signals,  # type: ignore[no-untyped-def]
) -> None:
    env = {
        **os.environ,
        "FOPYMES_DATABASE_URL": databases.url("sqlite"),
        "FOPYMES_HOME": str(tmp_path),
        "FOPYMES_TIMEZONE": "UTC",
    }
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, "scheduler"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    lines: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        lines.append(line)
        if "prune ok" in line or not line:
            break
    process.send_signal(stop)
    _, rest = process.communicate(timeout=30)
    log = "".join(lines) + rest
    assert process.returncode == 0, log
    assert "materialise_recurring ok" in log
    assert "stopping after the job in hand" in log
    assert log.rstrip().endswith("scheduler stopped")
