"""Page helpers for the browser tests: accounts, rooms and reading/typing in Monaco."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "correct horse battery staple"
NewContext = Callable[[], BrowserContext]
_ids = itertools.count()

# Monaco renders only visible lines and replaces spaces with no-break spaces; lines are
# ordered by their pixel position, not their DOM order.
_EDITOR_TEXT_JS = """
() => {
  const lines = [...document.querySelectorAll('[data-testid=editor] .view-lines .view-line')];
  lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
  return lines.map((l) => l.textContent.replace(/\\u00a0/g, ' ')).join('\\n');
}
"""


@dataclass
class RoomInfo:
    """A room created through the UI."""

    room_id: str
    invite_link: str


def unique_email(prefix: str = "host") -> str:
    """A fresh email for this test session."""
    return f"{prefix}{next(_ids)}-{time.time_ns()}@example.com"


def sign_up(page: Page, name: str) -> None:
    """Create an account through the sign-up page and land on the dashboard."""
    page.goto("/signup")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Email").fill(unique_email())
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    create = page.get_by_role("button", name="Create account")
    expect(create).to_be_enabled()  # every rule met (the common list has loaded)
    create.click()
    expect(page.get_by_role("heading", name="Your rooms")).to_be_visible()


def create_room(
    page: Page, title: str, *, password: str | None = None, auto_admit: bool = False
) -> RoomInfo:
    """Create a room from the dashboard; returns its id and invite link."""
    form = page.get_by_role("form", name="Create a room")
    form.get_by_label("Title").fill(title)
    if password:
        form.get_by_label("Room password (optional)").fill(password)
    if auto_admit:
        form.get_by_label(re.compile("auto-admit")).check()
    form.get_by_role("button", name="Create room").click()
    page.wait_for_url(re.compile(r"/rooms/[^/]+$"))
    room_id = page.url.rsplit("/", 1)[1]
    # The editor chunk is large; on a busy 2-core machine it can take a while to start.
    invite = page.get_by_label("Invite link", exact=True)
    invite.wait_for(timeout=30_000)
    link = invite.input_value()
    return RoomInfo(room_id=room_id, invite_link=link)


def guest_join(page: Page, link: str, name: str, password: str | None = None) -> None:
    """Fill the guest join form of an invite link and submit it."""
    page.goto(link)
    page.get_by_label("Your name").fill(name)
    if password is not None:
        page.get_by_label("Room password").fill(password)
    page.get_by_role("button", name="Join room").click()


def wait_live(page: Page) -> None:
    """Wait until the editor is shown and the document is synced."""
    expect(page.get_by_test_id("editor")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("connection-status")).to_have_attribute("data-phase", "live")
    page.locator("[data-testid=editor] .view-lines").wait_for()


def editor_text(page: Page) -> str:
    """The visible text of the editor (the whole file when it fits on screen)."""
    text: str = page.evaluate(_EDITOR_TEXT_JS)
    return text


def expect_editor_text(page: Page, check: Callable[[str], bool], timeout_s: float = 5.0) -> str:
    """Poll the editor text until ``check`` passes; returns the text."""
    deadline = time.monotonic() + timeout_s
    text = editor_text(page)
    while not check(text):
        if time.monotonic() > deadline:
            raise AssertionError(f"editor text never matched; last: {text!r}")
        page.wait_for_timeout(25)
        text = editor_text(page)
    return text


def focus_editor(page: Page) -> None:
    """Put the keyboard focus in Monaco."""
    page.locator("[data-testid=editor] .view-lines").click()


def go_to(page: Page, line: int, *, end: bool = True) -> None:
    """Move the caret to ``line`` (1-based), at its end by default."""
    focus_editor(page)
    page.keyboard.press("Control+Home")
    for _ in range(line - 1):
        page.keyboard.press("ArrowDown")
    if end:
        page.keyboard.press("End")


def shot(page: Page, directory: Path, name: str) -> None:
    """Save a screenshot of a main screen."""
    page.screenshot(path=str(directory / f"{name}.png"))
