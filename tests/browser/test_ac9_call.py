"""AC9 — audio and video calls: Host and Guest see each other, mute shows remotely, and a call
that cannot connect says so within 15 s.

Chromium gets a fake camera and microphone (a test pattern and a beep) and grants them without
a prompt. The call is a WebRTC mesh signalled over the room events socket; on this machine the
peers connect with host candidates. The failure path runs against a second server whose ICE
settings force relaying through a TURN server that does not exist (a closed local port).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright, expect

from browser.conftest import CHROMIUM, CHROMIUM_ARGS
from browser.helpers import NewContext, create_room, guest_join, shot, sign_up, wait_live
from browser.server import LiveServer, free_port

pytestmark = pytest.mark.timeout(240)

MEDIA_ARGS = [
    *CHROMIUM_ARGS,
    "--use-fake-device-for-media-stream",  # a generated camera picture and microphone tone
    "--use-fake-ui-for-media-stream",  # allow camera and microphone without the prompt
    # Offer host candidates as plain addresses, not mDNS names (nothing resolves .local here),
    # and allow loopback ones: this machine may have no network but loopback.
    "--disable-features=WebRtcHideLocalIpsWithMdns",
    "--allow-loopback-in-peer-connection",
]

# The remote <video> of a tile: playing, with frames, and its clock (null if not yet).
_VIDEO_CLOCK_JS = """
(name) => {
  const tile = [...document.querySelectorAll('[data-testid=call-tile]')]
    .find((t) => t.getAttribute('aria-label') === name);
  const video = tile && tile.querySelector('video');
  if (!video || video.paused || video.videoWidth === 0 || video.readyState < 2) return null;
  return {time: video.currentTime, width: video.videoWidth, height: video.videoHeight};
}
"""


@pytest.fixture(scope="module")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """This module's Chromium: the shared one plus fake media devices."""
    instance = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=MEDIA_ARGS)
    yield instance
    instance.close()


@pytest.fixture(scope="module")
def relay_only_server(
    live_server: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """A second server whose calls must go through a TURN server nobody runs."""
    server = LiveServer(tmp_path_factory.mktemp("browser-relay-var"), free_port())
    dead_turn = f"turn:127.0.0.1:{free_port()}?transport=udp"  # nothing listens there
    server.env["CODEROOM_WEBRTC__ICE_SERVERS"] = json.dumps(
        [{"urls": [dead_turn], "username": "nobody", "credential": "nothing"}]
    )
    server.env["CODEROOM_WEBRTC__ICE_TRANSPORT_POLICY"] = "relay"
    server.migrate()
    server.start()
    yield server
    server.stop()


def _tile(page: Page, name: str) -> Locator:
    return page.get_by_test_id("call-tile").and_(page.get_by_label(name, exact=True))


def _join(page: Page, button: str = "Join call") -> None:
    dock = page.get_by_role("region", name="Call")
    dock.get_by_role("button", name=button, exact=True).click()
    expect(dock.get_by_role("toolbar", name="Call controls")).to_be_visible()


def _expect_video_playing(page: Page, name: str, timeout_s: float = 20.0) -> dict[str, float]:
    """Wait until ``name``'s video shows frames and its clock advances; returns its size."""
    deadline = time.monotonic() + timeout_s
    first = None
    while time.monotonic() < deadline:
        clock = page.evaluate(_VIDEO_CLOCK_JS, name)
        if clock is not None and first is None:
            first = clock
        elif clock is not None and first is not None and clock["time"] > first["time"] + 0.2:
            assert clock["width"] > 0
            assert clock["height"] > 0
            return clock
        page.wait_for_timeout(100)
    raise AssertionError(f"{name}'s video never played (first sample: {first})")


def _pair(new_context: NewContext, title: str) -> tuple[Page, Page]:
    host = new_context().new_page()
    sign_up(host, "Hana Host")
    room = create_room(host, title, auto_admit=True)
    wait_live(host)
    guest = new_context().new_page()
    guest_join(guest, room.invite_link, "Gus Guest")
    wait_live(guest)
    return host, guest


def test_host_and_guest_see_each_other_and_mute_shows_remotely(
    new_context: NewContext, screenshot_dir: Path
) -> None:
    host, guest = _pair(new_context, "AC9 call")
    dock = host.get_by_role("region", name="Call")
    expect(dock).to_contain_text("No one is in the call")
    dock.screenshot(path=str(screenshot_dir / "call-join.png"))
    _join(host)
    expect(host.get_by_text("You are the only one in the call.")).to_be_visible()
    expect(guest.get_by_role("region", name="Call")).to_contain_text("1 in the call")
    _join(guest)

    # Both see the other's video playing: frames decoded and the clock moving.
    _expect_video_playing(host, "Gus Guest")
    _expect_video_playing(guest, "Hana Host")
    for page in (host, guest):
        expect(page.get_by_test_id("call-tile")).to_have_count(2)
        expect(page.get_by_test_id("muted-icon")).to_have_count(0)

    # The guest mutes: the host sees the muted microphone on the guest's tile.
    guest.get_by_role("button", name="Mute microphone").click()
    guest_tile = _tile(host, "Gus Guest")
    expect(guest_tile.get_by_role("img", name="Gus Guest: microphone muted")).to_be_visible(
        timeout=3_000
    )
    expect(_tile(guest, "Gus Guest (you)").get_by_test_id("muted-icon")).to_be_visible()
    expect(_tile(guest, "Hana Host").get_by_test_id("muted-icon")).to_have_count(0)
    shot(host, screenshot_dir, "call")

    # Camera off shows remotely, and the picture comes back when it is turned on again.
    guest.get_by_role("button", name="Turn camera off").click()
    expect(guest_tile.get_by_role("img", name="Gus Guest: camera off")).to_be_visible(timeout=3_000)
    guest.get_by_role("button", name="Turn camera on").click()
    expect(guest_tile.get_by_test_id("camera-off-icon")).to_have_count(0, timeout=5_000)
    _expect_video_playing(host, "Gus Guest")
    guest.get_by_role("button", name="Unmute microphone").click()
    expect(guest_tile.get_by_test_id("muted-icon")).to_have_count(0, timeout=3_000)

    # Leaving the call, then closing the tab while in it: the host's tile goes both times.
    guest.get_by_role("button", name="Leave call").click()
    expect(_tile(host, "Gus Guest")).to_have_count(0, timeout=3_000)
    expect(host.get_by_text("You are the only one in the call.")).to_be_visible()
    _join(guest, "Audio only")
    expect(_tile(host, "Gus Guest").get_by_test_id("camera-off-icon")).to_be_visible()
    _expect_video_playing(guest, "Hana Host")  # audio-only still receives the picture
    guest.close()
    expect(_tile(host, "Gus Guest")).to_have_count(0, timeout=5_000)


def test_three_people_joining_at_once_all_see_each_other(new_context: NewContext) -> None:
    host, guest = _pair(new_context, "AC9 mesh")
    third = new_context().new_page()
    invite = host.get_by_label("Invite link", exact=True).input_value()
    guest_join(third, invite, "Tia Third")
    wait_live(third)
    pages = {"Hana Host": host, "Gus Guest": guest, "Tia Third": third}
    # No waiting for one another: each pair has one fixed offerer, so nothing collides.
    for page in pages.values():
        page.get_by_role("region", name="Call").get_by_role("button", name="Join call").click()
    for me, page in pages.items():
        for other in pages:
            if other != me:
                _expect_video_playing(page, other)
        expect(page.get_by_test_id("call-tile")).to_have_count(3)


def test_a_call_that_cannot_connect_says_so_within_15_seconds(
    browser: Browser, relay_only_server: LiveServer
) -> None:
    contexts: list[BrowserContext] = []

    def page() -> Page:
        context = browser.new_context(
            base_url=relay_only_server.url, viewport={"width": 1280, "height": 720}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    try:
        host = page()
        sign_up(host, "Hana Host")
        room = create_room(host, "AC9 no route", auto_admit=True)
        wait_live(host)
        guest = page()
        guest_join(guest, room.invite_link, "Gus Guest")
        wait_live(guest)
        _join(host)
        _join(guest)
        joined = time.monotonic()
        connecting = _tile(host, "Gus Guest").get_by_text("Connecting…")
        expect(connecting).to_be_visible()
        failed = host.get_by_role("alert").filter(has_text="Could not connect to Gus Guest")
        expect(failed).to_be_visible(timeout=15_000)
        expect(
            guest.get_by_role("alert").filter(has_text="Could not connect to Hana Host")
        ).to_be_visible(timeout=15_000)
        elapsed = time.monotonic() - joined
        assert elapsed < 15, f"the failure took {elapsed:.1f} s to show"
        # Retry starts over on both ends and fails the same way, again explicitly.
        failed.get_by_role("button", name="Retry").click()
        expect(connecting).to_be_visible()
        expect(failed).to_be_visible(timeout=15_000)
        expect(guest.get_by_text(re.compile("Could not connect to Hana Host"))).to_be_visible()
    finally:
        for context in contexts:
            context.close()


# What the browser answers when a person refuses camera and microphone (the fake-UI flag
# would otherwise allow them): the real NotAllowedError, from the real API's entry point.
_REFUSE_MEDIA_JS = """
navigator.mediaDevices.getUserMedia = () =>
  Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
"""


def test_refused_camera_and_microphone_still_joins_to_watch_and_listen(
    new_context: NewContext,
) -> None:
    host, guest = _pair(new_context, "AC9 refused")
    guest.context.add_init_script(_REFUSE_MEDIA_JS)
    guest.reload()
    wait_live(guest)
    _join(host)
    _join(guest)
    notice = guest.get_by_role("region", name="Call").get_by_role("status")
    expect(notice.filter(has_text="camera and microphone is blocked")).to_be_visible()
    # Receive-only: the guest sees and hears the host; the host sees the guest as muted, no camera.
    _expect_video_playing(guest, "Hana Host")
    guest_tile = _tile(host, "Gus Guest")
    expect(guest_tile.get_by_test_id("muted-icon")).to_be_visible()
    expect(guest_tile.get_by_test_id("camera-off-icon")).to_be_visible()
    expect(guest_tile).to_have_attribute("data-phase", "connected", timeout=15_000)
    # Trying the microphone again says the same, and the call goes on.
    guest.get_by_role("button", name="Unmute microphone").click()
    expect(notice.filter(has_text="microphone is blocked")).to_be_visible()
    expect(_tile(guest, "Hana Host")).to_have_attribute("data-phase", "connected")
