"""Browser acceptance fixtures: a real ``coderoom serve`` and system Chromium via Playwright.

The server runs as a subprocess on a free loopback port against a fresh SQLite var dir
(migrated first) and serves the built SPA from ``src/coderoom/web/static``. It can be
restarted mid-test (AC3.5) on the same port and database.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

from browser.helpers import NewContext

ROOT = Path(__file__).resolve().parents[2]
STATIC_INDEX = ROOT / "src" / "coderoom" / "web" / "static" / "index.html"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """A ``coderoom serve`` subprocess that can be stopped and started again."""

    def __init__(self, var_dir: Path, port: int) -> None:
        self.var_dir = var_dir
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = var_dir / "server.log"
        self.env = {
            **os.environ,
            "CODEROOM_MODE": "test",
            "CODEROOM_VAR_DIR": str(var_dir),
            "CODEROOM_SECRET_KEY": "browser-test-secret-" + "k" * 32,
            # Many sign-ups and logins from one address in a few seconds are the test, not abuse.
            "CODEROOM_AUTH__REGISTER_RATE_LIMIT": "1000/minute",
            "CODEROOM_AUTH__LOGIN_RATE_LIMIT": "1000/minute",
            "CODEROOM_LOG_LEVEL": "WARNING",
        }
        self.env.pop("CODEROOM_DATABASE_URL", None)
        self.env.pop("CODEROOM_REDIS_URL", None)
        self.process: subprocess.Popen[bytes] | None = None

    def _cli(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "coderoom", *args]

    def migrate(self) -> None:
        """Apply migrations to the fresh database."""
        subprocess.run(self._cli("migrate"), env=self.env, check=True, cwd=self.var_dir)

    def start(self) -> None:
        """Start serving and wait until /healthz answers."""
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self._cli("serve", "--host", "127.0.0.1", "--port", str(self.port)),
            env=self.env,
            cwd=self.var_dir,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("server did not start within 30 s")

    def stop(self) -> None:
        """Graceful stop (SIGTERM), then kill if it lingers."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def restart(self) -> None:
        """Stop and start again on the same port and database."""
        self.stop()
        self.start()


def _ensure_built() -> None:
    if not STATIC_INDEX.is_file():
        subprocess.run([str(ROOT / "scripts" / "build-frontend")], check=True)
    if not STATIC_INDEX.is_file():
        pytest.fail("the web app is not built (scripts/build-frontend produced nothing)")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real server for the browser session, on a fresh SQLite database."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/system-packages")
    _ensure_built()
    server = LiveServer(tmp_path_factory.mktemp("browser-var"), _free_port())
    server.migrate()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    """The Playwright driver (sync API; the browser tests are plain sync tests)."""
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """System Chromium (``playwright install`` cannot download browsers here)."""
    instance = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield instance
    instance.close()


@pytest.fixture
def new_context(browser: Browser, live_server: LiveServer) -> Iterator[NewContext]:
    """Fresh, isolated browser contexts (no shared cookies or storage) at 1280×720."""
    contexts: list[BrowserContext] = []

    def make() -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1280, "height": 720},
            permissions=["clipboard-read", "clipboard-write"],
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Where the main screens are saved for people to look at (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test (deselect with ``-m 'not browser'``)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
