"""AC1 — link join, waiting room, password, admit, reject, regenerate link.

The waiting list and participant list are the room's participants panel
(src/features/participants/); these tests find them by role and accessible name:
a region named "Waiting" whose list items hold the name and "Admit…"/"Reject…" buttons,
and a region named "Participants".
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, WebSocket, expect

from browser.helpers import (
    NewContext,
    create_room,
    expect_editor_text,
    go_to,
    guest_join,
    shot,
    sign_up,
    wait_live,
)

pytestmark = pytest.mark.timeout(180)

MARKER = "secret-doc-marker-7f3a"


class FrameRecorder:
    """Every WebSocket URL and text/binary frame a page receives."""

    def __init__(self, page: Page) -> None:
        self.urls: list[str] = []
        self.payloads: list[bytes] = []
        page.on("websocket", self._on_socket)

    def _on_socket(self, ws: WebSocket) -> None:
        self.urls.append(ws.url)
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload: str | bytes) -> None:
        self.payloads.append(payload.encode() if isinstance(payload, str) else payload)

    def saw(self, text: str) -> bool:
        return any(text.encode() in p for p in self.payloads)


def _waiting_item(host: Page, name: str) -> Locator:
    return host.get_by_role("region", name="Waiting").get_by_role("listitem").filter(has_text=name)


def test_join_wait_admit_reject_regenerate(new_context: NewContext, screenshot_dir: Path) -> None:
    host = new_context().new_page()
    sign_up(host, "Hilda Host")
    shot(host, screenshot_dir, "dashboard")
    room = create_room(host, "AC1 interview", password="s3cret")
    wait_live(host)
    go_to(host, 1)
    host.keyboard.type(MARKER)
    expect(host.get_by_label("Invite link", exact=True)).to_have_value(room.invite_link)
    expect(host.get_by_role("button", name="Copy link")).to_be_visible()

    # A fresh context: name and password, no account form, and what is recorded.
    guest = new_context().new_page()
    frames = FrameRecorder(guest)
    guest.goto(room.invite_link)
    expect(guest.get_by_label("Your name")).to_be_visible()
    expect(guest.get_by_label("Room password")).to_be_visible()
    expect(guest.get_by_label("Email")).to_have_count(0)
    expect(guest.get_by_role("region", name="What is recorded")).to_be_visible()
    # The language by its name, not its id ("python"). Names come with the list of languages
    # that run here, which waits for their self-tests (run on first use in test mode).
    expect(guest.get_by_test_id("join-hosted-by")).to_have_text(
        "Hosted by Hilda Host · Python 3", timeout=30_000
    )
    shot(guest, screenshot_dir, "join")

    guest_join(guest, room.invite_link, "Gina Guest", password="wrong")
    expect(guest.get_by_role("alert")).to_contain_text(re.compile("password", re.I))
    expect(guest).to_have_url(room.invite_link)

    guest.get_by_label("Room password").fill("s3cret")
    guest.get_by_role("button", name="Join room").click()
    expect(guest.get_by_text("Waiting for the host to let you in")).to_be_visible()
    shot(guest, screenshot_dir, "waiting")
    assert guest.get_by_test_id("editor").count() == 0
    assert MARKER not in guest.content()

    # The host sees the guest waiting within 2 s and admits them.
    item = _waiting_item(host, "Gina Guest")
    expect(item).to_be_visible(timeout=2_000)
    expect(item.get_by_role("button", name=re.compile("^Reject"))).to_be_visible()
    item.get_by_role("button", name=re.compile("^Admit")).click()
    start = time.monotonic()
    expect(guest.get_by_test_id("editor")).to_be_visible(timeout=2_000)
    expect_editor_text(guest, lambda t: MARKER in t, timeout_s=2)
    assert time.monotonic() - start < 2.5
    for page in (host, guest):
        people = page.get_by_role("region", name="Participants")
        expect(people).to_contain_text("Hilda Host")
        expect(people).to_contain_text("Gina Guest")
    assert not any("/doc" in url for url in frames.urls[:1]), "no doc socket before admission"

    # A third person is turned away and never gets the document.
    third = new_context().new_page()
    third_frames = FrameRecorder(third)
    guest_join(third, room.invite_link, "Rex Rejected", password="s3cret")
    expect(third.get_by_text("Waiting for the host to let you in")).to_be_visible()
    _waiting_item(host, "Rex Rejected").get_by_role("button", name=re.compile("^Reject")).click()
    expect(third.get_by_text("The host declined your request")).to_be_visible(timeout=2_000)
    assert MARKER not in third.content()
    assert not third_frames.saw(MARKER)
    assert not any("/doc" in url for url in third_frames.urls)

    # A new link kills the old one.
    old_link = room.invite_link
    host.get_by_role("button", name="Regenerate invite link").click()
    expect(host.get_by_label("Invite link", exact=True)).not_to_have_value(old_link)
    stale = new_context().new_page()
    stale.goto(old_link)
    expect(stale.get_by_text("This link is no longer valid")).to_be_visible()


def test_dead_link_and_waiting_gets_no_document(new_context: NewContext) -> None:
    page = new_context().new_page()
    page.goto("/join/this-code-does-not-exist-000")
    expect(page.get_by_text("This link is no longer valid")).to_be_visible()

    host = new_context().new_page()
    sign_up(host, "Wanda Host")
    room = create_room(host, "AC1 waiting isolation")
    wait_live(host)
    go_to(host, 1)
    host.keyboard.type(MARKER)
    guest = new_context().new_page()
    frames = FrameRecorder(guest)
    guest_join(guest, room.invite_link, "Walt Waiting")
    expect(guest.get_by_text("Waiting for the host to let you in")).to_be_visible()
    guest.wait_for_timeout(1_000)
    assert MARKER not in guest.content()
    assert not frames.saw(MARKER)
    assert not any("/doc" in url for url in frames.urls)
