"""A real browser reads the API's /docs and the documentation site, with no network.

Headless Chromium loads `fopymes server`'s /docs on loopback and the built site from disk;
every other host name resolves to nothing, so a page that needs the internet cannot render.
The DOM it dumps must hold every API operation and the site's navigation. Without Chromium
the tests skip with the reason, except under CI=true, where they fail (.ci/run installs it).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml
from typer.testing import CliRunner

from fopymes_cli.main import app as cli_app
from tests.api.conftest import free_port, wait_until_healthy

ROOT = Path(__file__).resolve().parents[2]
_FOPYMES = (sys.executable, "-c", "from fopymes_cli.main import run; run()")
OFFLINE = "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
# A script or a style sheet from another host (a favicon elsewhere does not stop rendering).
_OUTSIDE = re.compile(
    r"""<(?:script[^>]*\ssrc|link[^>]*stylesheet[^>]*\shref)=["']https?://(?!127\.0\.0\.1)"""
)


def _chromium() -> str:
    found = next(
        (path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None
    )
    if found is None:
        reason = "no Chromium here (Debian: apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must run the browser tests")
        pytest.skip(reason)
    return found


def dump_dom(url: str, profile: Path) -> str:
    """The DOM of `url` once its scripts have run, as headless Chromium serialises it."""
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
        f"--host-resolver-rules={OFFLINE}",
        "--virtual-time-budget=10000",
        "--dump-dom",
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


class _Collector(HTMLParser):
    """Texts of the elements with a class, and values of one attribute, from a page."""

    def __init__(self, text_class: str, attribute: str) -> None:
        super().__init__()
        self.text_class, self.attribute = text_class, attribute
        self.texts: list[str] = []
        self.values: set[str] = set()
        self._open: list[str] = []  # tags inside the element whose text is being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._open:
            self._open.append(tag)
        elif self.text_class in (found.get("class") or "").split():
            self._open.append(tag)
            self.texts.append("")
        if found.get(self.attribute):
            self.values.add(str(found[self.attribute]))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts[-1] += data


def _collect(dom: str, text_class: str = "\0", attribute: str = "\0") -> _Collector:
    collector = _Collector(text_class, attribute)
    collector.feed(dom)
    return collector


def _nav_titles(nav: Any) -> Iterator[str]:
    for entry in nav:
        if isinstance(entry, dict):
            for title, value in entry.items():
                yield title
                if isinstance(value, list):
                    yield from _nav_titles(value)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`fopymes server` on a fresh SQLite database, on a free loopback port."""
    env = {
        **os.environ,
        "FOPYMES_HOME": str(tmp_path / "home"),
        "FOPYMES_DATABASE_URL": f"sqlite:///{tmp_path / 'fopymes.db'}",
    }
    upgraded = CliRunner().invoke(cli_app, ["db", "upgrade"], env=env)
    assert upgraded.exit_code == 0, upgraded.stderr
    port = free_port()
    process = subprocess.Popen(
        [*_FOPYMES, "server", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, timeout=60)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def test_the_api_docs_render_every_operation_offline(server: str, tmp_path: Path) -> None:
    page = httpx2.get(f"{server}/docs", timeout=10).text
    assert not _OUTSIDE.search(page), "/docs loads a script or style sheet from another host"
    paths = set(httpx2.get(f"{server}/openapi.json", timeout=10).json()["paths"])
    dom = dump_dom(f"{server}/docs", tmp_path / "profile")
    rendered = _collect(dom, attribute="data-path").values
    assert paths <= rendered, f"operations missing from /docs: {sorted(paths - rendered)[:5]}"


def test_the_documentation_sites_navigation_renders_offline(tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    dom = dump_dom((site / "index.html").as_uri(), tmp_path / "profile")
    shown = {" ".join(text.split()) for text in _collect(dom, text_class="md-nav__link").texts}
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    expected = set(_nav_titles(config["nav"]))
    assert expected <= shown, f"missing from the navigation: {sorted(expected - shown)}"
