"""Helpers for the room-panel tests (AC4, AC5, AC8): open a host+guest pair, set code, run."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

from browser.helpers import (
    NewContext,
    RoomInfo,
    create_room,
    focus_editor,
    guest_join,
    sign_up,
    wait_live,
)


def open_pair(
    new_context: NewContext, title: str, *, proctoring: bool = False, languages: bool = True
) -> tuple[Page, Page, RoomInfo]:
    """A signed-in host and an auto-admitted guest in a fresh room, both live.

    With ``languages``, also wait until the guest's run-language picker is filled.
    """
    host = new_context().new_page()
    sign_up(host, "Hana Host")
    form = host.get_by_role("form", name="Create a room")
    if proctoring:
        form.get_by_label(re.compile("integrity signals")).check()
    room = create_room(host, title, auto_admit=True)
    wait_live(host)
    guest = new_context().new_page()
    guest_join(guest, room.invite_link, "Gus Guest")
    wait_live(guest)
    if languages:
        wait_languages(guest)
    return host, guest, room


def wait_languages(page: Page) -> None:
    """Wait until the server's language list (its self-test done) filled the picker."""
    page.wait_for_function(
        "() => document.querySelectorAll('select[aria-label=Language] option').length > 1",
        timeout=60_000,
    )


def set_code(page: Page, code: str) -> None:
    """Replace the open file's text (one input event: no auto-closing or auto-indent)."""
    focus_editor(page)
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def choose_language(page: Page, language: str) -> None:
    """Pick the run language (backend id, e.g. "cpp")."""
    page.get_by_label("Language", exact=True).select_option(language)


def latest_run(page: Page) -> Locator:
    """The newest entry of the shared output console."""
    return page.get_by_test_id("run-entry").last


_LATEST_KEY_JS = """
() => {
  const runs = document.querySelectorAll('[data-testid=run-entry]');
  const last = runs[runs.length - 1];
  return last ? last.dataset.key + '|' + last.dataset.status : '';
}
"""


def latest_state(page: Page) -> str:
    """``key|status`` of the newest console entry ('' before the first run)."""
    state: str = page.evaluate(_LATEST_KEY_JS)
    return state


def wait_new_run(page: Page, before: str, *, timeout_ms: int = 30_000) -> Locator:
    """Wait until the newest console entry is a run other than ``before`` with a verdict."""
    old_key = before.split("|", 1)[0]
    page.wait_for_function(
        """([oldKey]) => {
          const runs = document.querySelectorAll('[data-testid=run-entry]');
          const last = runs[runs.length - 1];
          return !!last && last.dataset.key !== oldKey && last.dataset.status !== 'running';
        }""",
        arg=[old_key],
        timeout=timeout_ms,
    )
    return latest_run(page)


def run_and_wait(page: Page, *, timeout_ms: int = 30_000) -> Locator:
    """Click Run and wait for that run's verdict in this page's console."""
    before = latest_state(page)
    page.get_by_role("button", name="Run", exact=True).click()
    return wait_new_run(page, before, timeout_ms=timeout_ms)
