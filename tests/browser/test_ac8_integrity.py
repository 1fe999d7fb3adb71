"""AC8 — integrity signals (paste from outside, tab switch) with notice, for interviewers only."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from browser.helpers import NewContext, editor_text, expect_editor_text, focus_editor, shot
from browser.panels import open_pair, set_code

pytestmark = pytest.mark.timeout(240)

PASTE = "p" * 300


def _activity(host: Page) -> Locator:
    """Open the host's Activity tab; returns the log."""
    host.get_by_role("tab", name="Activity").click()
    return host.get_by_test_id("activity-log")


def _paste_from_outside(page: Page, text: str) -> None:
    """Put ``text`` on the system clipboard (as another app would) and paste into the editor."""
    page.evaluate("(t) => navigator.clipboard.writeText(t)", text)
    focus_editor(page)
    page.keyboard.press("End")
    page.keyboard.press("Control+v")


_SET_VISIBILITY_JS = """
(hidden) => {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true, get: () => (hidden ? 'hidden' : 'visible'),
  });
  Object.defineProperty(document, 'hidden', {configurable: true, get: () => hidden});
  window.dispatchEvent(new Event(hidden ? 'blur' : 'focus'));
  document.dispatchEvent(new Event('visibilitychange'));
}
"""


def _switch_away(page: Page, seconds: float) -> None:
    """Leave the tab for ``seconds`` and come back.

    Headless Chromium never hides a page (bring_to_front of another tab changes nothing),
    so the test does what the browser does on a tab switch: flip ``document.visibilityState``
    and fire ``blur`` and ``visibilitychange``, then the reverse.
    """
    page.evaluate(_SET_VISIBILITY_JS, True)
    page.wait_for_timeout(seconds * 1000)
    page.evaluate(_SET_VISIBILITY_JS, False)


def _recorded_signals(host: Page, room_id: str) -> list[dict[str, Any]]:
    """The room's recorded proctoring events, read through the API with the host's token."""
    events: list[dict[str, Any]] = host.evaluate(
        """async (roomId) => {
          const token = JSON.parse(localStorage.getItem('coderoom.account')).accessToken;
          const res = await fetch(`/api/v1/rooms/${roomId}/events?type=proctor.signal`, {
            headers: {Authorization: `Bearer ${token}`},
          });
          return (await res.json()).events;
        }""",
        room_id,
    )
    return events


def test_signals_reach_the_interviewer_only(new_context: NewContext, screenshot_dir: Path) -> None:
    host, guest, room = open_pair(new_context, "AC8 integrity", proctoring=True)

    # 1. The join page said what is recorded (a fresh person opening the same link).
    viewer = new_context().new_page()
    viewer.goto(room.invite_link)
    notice = viewer.get_by_role("region", name="What is recorded")
    expect(notice).to_contain_text(re.compile("paste", re.I))
    expect(notice).to_contain_text(re.compile("tab", re.I))
    shot(viewer, screenshot_dir, "ac8-join-notice")
    viewer.close()

    # Inside the room the candidate is reminded of it too.
    expect(guest.get_by_test_id("recording-notice")).to_be_visible()

    log = _activity(host)
    # 2. A 300-character paste from outside: the host sees it within 2 s; the guest is not blocked.
    set_code(guest, "x = 1\n")
    _paste_from_outside(guest, PASTE)
    expect(log).to_contain_text("External paste (300 chars)", timeout=2_000)
    expect(
        log.get_by_role("listitem").filter(has_text="External paste").locator("time")
    ).to_be_visible()
    assert PASTE in editor_text(guest).replace("\n", "")
    guest.keyboard.type(" # still typing")
    # The editor renders the last keystroke a moment after it is typed.
    expect_editor_text(guest, lambda text: "still typing" in text)

    # 3. Leaving the tab for ~5 s.
    _switch_away(guest, 5)
    expect(log).to_contain_text("Left tab", timeout=3_000)
    expect(log).to_contain_text(re.compile(r"Returned after [4-7] s"), timeout=3_000)
    shot(host, screenshot_dir, "ac8-activity-log")

    # 4. Copy and paste inside the editor is not flagged.
    focus_editor(guest)
    guest.keyboard.press("Control+Home")
    guest.keyboard.press("Shift+End")
    guest.keyboard.press("Control+c")
    guest.keyboard.press("Control+End")
    guest.keyboard.press("Enter")
    guest.keyboard.press("Control+v")
    guest.wait_for_timeout(2_000)
    assert editor_text(guest).count("x = 1") == 2
    expect(log.get_by_role("listitem").filter(has_text="External paste")).to_have_count(1)

    # The candidate never sees the signals.
    expect(guest.get_by_role("tab", name="Activity")).to_have_count(0)
    assert "External paste" not in guest.content()
    # And nothing is automatic: no submission, no block.
    expect(guest.get_by_role("button", name="Run", exact=True)).to_be_enabled()


def test_signals_off_records_nothing(new_context: NewContext) -> None:
    host, guest, room = open_pair(new_context, "AC8 signals off", proctoring=False)
    # The join page of an unproctored room lists no integrity signals.
    viewer = new_context().new_page()
    viewer.goto(room.invite_link)
    expect(viewer.get_by_role("region", name="What is recorded")).not_to_contain_text(
        re.compile("paste", re.I)
    )
    viewer.close()

    expect(guest.get_by_test_id("recording-notice")).to_have_count(0)
    set_code(guest, "y = 2\n")
    _paste_from_outside(guest, PASTE)
    _switch_away(guest, 2)
    log = _activity(host)
    guest.wait_for_timeout(2_000)
    expect(log).not_to_contain_text("External paste")
    expect(log).not_to_contain_text("Left tab")
    assert _recorded_signals(host, room.room_id) == []
