"""Browser acceptance fixtures: a real ``coderoom serve`` and system Chromium via Playwright.

The server runs as a subprocess on a free loopback port against a fresh SQLite var dir
(migrated first) and serves the built SPA from ``src/coderoom/web/static``. It can be
restarted mid-test (AC3.5) on the same port and database.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Playwright,
    sync_playwright,
)

from browser.helpers import ARTIFACTS, NewContext
from browser.server import LiveServer, free_port

ROOT = Path(__file__).resolve().parents[2]
STATIC_INDEX = ROOT / "src" / "coderoom" / "web" / "static" / "index.html"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


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
    server = LiveServer(tmp_path_factory.mktemp("browser-var"), free_port())
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
def new_context(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest
) -> Iterator[NewContext]:
    """Fresh, isolated browser contexts (no shared cookies or storage) at 1280×720."""
    contexts: list[BrowserContext] = []
    csp_violations: list[str] = []
    page_errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            csp_violations.append(message.text)

    def make() -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1280, "height": 720},
            permissions=["clipboard-read", "clipboard-write"],
        )
        context.set_default_timeout(15_000)  # a loaded 2-core CI machine
        context.on("console", on_console)
        context.on("weberror", lambda error: page_errors.append(str(error.error)))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    if page_errors:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with (ARTIFACTS / "browser-page-errors.log").open("a") as log:
            log.writelines(f"{request.node.nodeid}: {error}\n" for error in page_errors)
    # Our CSP allows only our own scripts; anything the app does that it blocks is a bug.
    assert not csp_violations, csp_violations


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
