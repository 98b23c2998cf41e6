"""A person at a terminal whose stderr is piped (`fopymes ... 2>&1 | tee log`), for tests
of prompts: stdin and stdout are a pseudo-terminal, stderr a pipe the test reads."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class PipedStderrSession:
    """`fopymes init 2>&1 | tee log`: stdin (and stdout) a terminal, stderr a pipe."""

    def __init__(self, environment: dict[str, str], *args: str) -> None:
        self.terminal, child_side = os.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from fopymes_cli.main import run; run()", *args],
            stdin=child_side,
            stdout=child_side,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT), **environment},
            start_new_session=True,  # no controlling terminal but this one
        )
        os.close(child_side)
        self.log = ""

    def expect(self, text: str) -> None:
        """Read the piped stderr until `text` shows (a generous guard, not a timing)."""
        assert self.process.stderr is not None
        while text not in self.log:
            ready, _, _ = select.select([self.process.stderr, self.terminal], [], [], 60)
            assert ready, f"waited for {text!r}; stderr so far:\n{self.log}"
            if self.terminal in ready:
                os.read(self.terminal, 4096)  # the terminal's echo of what was typed
            if self.process.stderr in ready:
                chunk = os.read(self.process.stderr.fileno(), 4096)
                assert chunk, f"stderr closed before {text!r}:\n{self.log}"
                self.log += chunk.decode()
        self.log = self.log.split(text, 1)[1]

    def answer(self, prompt: str, text: str) -> None:
        self.expect(prompt)
        os.write(self.terminal, text.encode() + b"\n")

    def finish(self) -> int:
        assert self.process.stderr is not None
        self.log += self.process.stderr.read().decode()
        code = self.process.wait(timeout=120)
        os.close(self.terminal)
        return code
