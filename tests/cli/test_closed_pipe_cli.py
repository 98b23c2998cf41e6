"""Output piped into `head`: the reader leaves early, fopymes ends quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import Terminal

ROOT = Path(__file__).resolve().parents[2]


def test_a_csv_list_piped_into_head_ends_without_a_broken_pipe_error(me: Terminal) -> None:
    for _ in range(3):  # about 1,000 rows: far more than a pipe holds
        me.ok("demo")
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "FOPYMES_HOME": str(me.home),
        "FOPYMES_DATABASE_URL": me.database_url,
        "FOPYMES_NO_KEYRING": "1",
        "FOPYMES_TOKEN": "",
        "FOPYMES_WORKSPACE": "",
        "FOPYMES_PROFILE": "",
    }
    command = [sys.executable, "-c", "from fopymes_cli.main import run; run()"]
    listing = subprocess.Popen(
        [*command, "tx", "list", "-o", "csv", "--limit", "10000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    assert listing.stdout is not None
    assert listing.stderr is not None
    header = listing.stdout.readline()
    listing.stdout.close()  # what `head -1` does after its line
    errors = listing.stderr.read().decode()
    listing.stderr.close()
    assert listing.wait(timeout=120) == 141
    assert header.startswith(b"id,date,kind,amount")
    assert "BrokenPipeError" not in errors
    assert "Error" not in errors
