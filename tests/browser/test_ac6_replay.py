"""AC6 — playback with a timeline: markers, the text at a run, the final frame, no candidates."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser.helpers import NewContext, editor_text, go_to, shot
from browser.panels import open_pair, run_and_wait, set_code
from browser.test_ac5_problems import _create_problem, _problem
from browser.test_ac8_integrity import _paste_from_outside, _switch_away

pytestmark = pytest.mark.timeout(300)

FIRST_RUN = "print(6 * 7)\n"
SOLUTION = "a, b = map(int, input().split())\nprint(a + b)\n"

_REPLAY_TEXT_JS = """
() => {
  const lines = [...document.querySelectorAll('[data-testid=replay-editor] .view-line')];
  lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
  return lines.map((l) => l.textContent.replace(/\\u00a0/g, ' ')).join('\\n');
}
"""


def _replay_text(page: Page) -> str:
    text: str = page.evaluate(_REPLAY_TEXT_JS)
    return text


def _expect_replay_text(page: Page, expected: str, timeout_s: float = 5.0) -> None:
    # Both sides are read from Monaco's rendered lines (the guest's editor and the replay).
    deadline = time.monotonic() + timeout_s
    while _replay_text(page) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"replay shows {_replay_text(page)!r}, not {expected!r}")
        page.wait_for_timeout(50)


def _edit_number(page: Page) -> int:
    found = re.search(r"edit (\d+) of", page.get_by_test_id("replay-time").inner_text())
    assert found is not None
    return int(found.group(1))


def _use_problem(host: Page) -> None:
    title = f"AC6 Sum {time.time_ns() % 100000}"
    _create_problem(host, _problem(title))
    host.get_by_role("tab", name="Problem").click()
    library = host.get_by_role("region", name="Problem library")
    library.get_by_label("Search problems").fill(title)
    library.get_by_role("button", name=f"Use {title} in room").click()
    expect(host.get_by_test_id("problem-statement")).to_contain_text("sum")


def _play_a_room(host: Page, guest: Page) -> tuple[str, str]:
    """Both edit, two runs, a submission, a chat line, a paste, a tab switch.

    Returns the code of the first run and the final document text.
    """
    _use_problem(host)
    set_code(guest, FIRST_RUN)
    expect(run_and_wait(guest)).to_contain_text("42")
    first = editor_text(guest)
    go_to(host, 1, end=False)
    host.keyboard.type("# host was here\n")
    expect(guest.get_by_test_id("editor")).to_contain_text("host was here")
    set_code(guest, "print('second run')\n")
    expect(run_and_wait(guest)).to_contain_text("second run")
    set_code(guest, SOLUTION)
    guest.get_by_role("tab", name="Problem").click()
    guest.get_by_role("button", name="Submit").click()
    expect(guest.get_by_text("Submitted")).to_be_visible(timeout=60_000)
    host.get_by_role("tab", name="Chat").click()
    host.get_by_placeholder("Message").fill("looks good")
    host.get_by_role("button", name="Send").click()
    _paste_from_outside(guest, "\n# pasted " + "p" * 100)
    _switch_away(guest, 2)
    guest.wait_for_timeout(500)
    return first, editor_text(guest)


def _end_room(host: Page) -> None:
    host.get_by_role("tab", name="People").click()
    host.get_by_role("button", name="End room").click()
    host.get_by_role("dialog").get_by_role("button", name="End room").click()
    host.wait_for_timeout(500)


def test_replay_timeline(new_context: NewContext, screenshot_dir: Path) -> None:
    host, guest, room = open_pair(new_context, "AC6 replay", proctoring=True)
    first_run_code, final_text = _play_a_room(host, guest)
    _end_room(host)

    # 1. Host opens Replay from the dashboard's past rooms.
    host.goto("/")
    past = host.get_by_role("region", name="Past")
    past.get_by_test_id("room-row").filter(has_text="AC6 replay").get_by_role(
        "link", name="Replay", exact=True
    ).click()
    host.wait_for_url(re.compile(rf"/rooms/{room.room_id}/replay$"))

    # 2. Markers for runs, submission, chat, paste and tab-away; one lane per participant.
    markers = host.get_by_test_id("replay-marker")
    expect(markers.and_(host.locator("[data-kind=run]"))).to_have_count(2)
    expect(markers.and_(host.locator("[data-kind=submission]"))).to_have_count(1)
    expect(markers.and_(host.locator("[data-kind=chat]"))).to_have_count(1)
    expect(markers.and_(host.locator("[data-kind=paste]"))).to_have_count(1)
    expect(markers.and_(host.locator("[data-kind=tab_away]"))).to_have_count(1)
    # The event list reads as sentences, and a legend says what the shapes mean.
    expect(
        host.get_by_test_id("replay-event").and_(host.locator("[data-kind=run]"))
    ).to_contain_text(["Gus Guest ran the code", "Gus Guest ran the code"])
    expect(
        host.get_by_test_id("replay-event").and_(host.locator("[data-kind=chat]"))
    ).to_contain_text("Hana Host said “looks good”")
    expect(host.get_by_role("list", name="Timeline legend")).to_contain_text("Paste")
    lanes = host.get_by_test_id("replay-lane")
    expect(lanes.filter(has_text="Hana Host")).to_have_count(1)
    expect(lanes.filter(has_text="Gus Guest")).to_have_count(1)
    expect(host.get_by_role("region", name="Analytics")).to_be_visible()

    # 6. The final frame equals the saved final document.
    _expect_replay_text(host, final_text)
    shot(host, screenshot_dir, "ac6-replay-final")

    # 3. A run marker: the text as it was then, and that run's output.
    host.get_by_test_id("replay-event").and_(host.locator("[data-kind=run]")).first.click()
    _expect_replay_text(host, first_run_code)
    expect(host.get_by_test_id("run-stdout")).to_have_text("42\n")
    shot(host, screenshot_dir, "ac6-replay-run-marker")

    # 4. Arrow keys step one edit; the slider's end is the final frame again.
    at_run = _edit_number(host)
    host.keyboard.press("ArrowRight")
    expect(host.get_by_test_id("replay-time")).to_contain_text(f"edit {at_run + 1} of")
    host.keyboard.press("ArrowLeft")
    host.keyboard.press("ArrowLeft")
    expect(host.get_by_test_id("replay-time")).to_contain_text(f"edit {at_run - 1} of")
    slider = host.get_by_label("Replay position")
    slider.focus()
    slider.press("End")
    _expect_replay_text(host, final_text)
    # Play from the start at 8× (skipping idle gaps): the edits come back in order.
    slider.press("Home")
    at_start = _edit_number(host)
    for speed in ("1×", "2×", "4×"):
        expect(host.get_by_role("button", name=speed)).to_be_visible()
    host.get_by_role("button", name="8×").click()
    host.get_by_role("button", name="Play").click()
    expect(host.get_by_role("button", name="Pause")).to_be_visible()
    host.wait_for_timeout(800)
    assert _edit_number(host) > at_start
    expect(host.get_by_role("button", name="Play")).to_be_visible(timeout=15_000)  # at the end
    _expect_replay_text(host, final_text)

    # 5. The candidate cannot open the replay, and the page asks for nothing more (the edit log).
    asked: list[str] = []
    guest.on("request", lambda request: asked.append(request.url))
    guest.goto(f"/rooms/{room.room_id}/replay")
    expect(guest.get_by_test_id("replay-refused")).to_contain_text("not allowed")
    expect(guest.get_by_test_id("replay-editor")).to_have_count(0)
    guest.wait_for_timeout(500)
    assert any(url.endswith(f"/api/v1/rooms/{room.room_id}/replay") for url in asked)
    assert not [url for url in asked if "/replay/" in url]  # neither updates nor analytics
