"""AC2 — real-time co-editing with presence, follow and per-user undo."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser.helpers import (
    ARTIFACTS,
    NewContext,
    RoomInfo,
    create_room,
    editor_text,
    expect_editor_text,
    focus_editor,
    go_to,
    guest_join,
    shot,
    sign_up,
    wait_live,
)

pytestmark = pytest.mark.timeout(180)


def _open_pair(new_context: NewContext, title: str) -> tuple[Page, Page, RoomInfo]:
    host = new_context().new_page()
    sign_up(host, "Hana Host")
    room = create_room(host, title, auto_admit=True)
    wait_live(host)
    guest = new_context().new_page()
    guest_join(guest, room.invite_link, "Gus Guest")
    wait_live(guest)
    return host, guest, room


def _rgb(hex_color: str) -> str:
    value = int(hex_color.lstrip("#"), 16)
    return f"rgb({value >> 16}, {(value >> 8) & 255}, {value & 255})"


def _cursor_label(page: Page) -> dict[str, str]:
    """The name label and colour drawn for the first remote cursor."""
    result: dict[str, str] = page.evaluate(
        """() => {
          const el = document.querySelector('[data-testid=editor] .remote-cursor');
          if (!el) return {};
          const after = getComputedStyle(el, '::after');
          return {content: after.content, color: getComputedStyle(el).borderLeftColor};
        }"""
    )
    return result


def test_typing_shows_up_for_the_other_within_500ms(
    new_context: NewContext, screenshot_dir: Path
) -> None:
    host, guest, _ = _open_pair(new_context, "AC2 co-editing")
    go_to(host, 1)
    start = time.monotonic()
    host.keyboard.type("abc")
    expect_editor_text(guest, lambda t: t.startswith("abc"), timeout_s=2)
    elapsed = time.monotonic() - start
    assert elapsed < 0.5 + 0.3, f"took {elapsed:.3f}s"  # typing itself takes ~3 key events
    shot(host, screenshot_dir, "room-host")
    shot(guest, screenshot_dir, "room-guest")


def test_remote_cursor_has_name_and_stable_colour(new_context: NewContext) -> None:
    host, guest, room = _open_pair(new_context, "AC2 cursors")
    go_to(host, 1)
    host.keyboard.type("hello")
    go_to(guest, 1)
    expect(host.locator("[data-testid=editor] .remote-cursor")).to_have_count(1)
    expect(guest.locator("[data-testid=editor] .remote-cursor")).to_have_count(1)
    on_host = _cursor_label(host)
    on_guest = _cursor_label(guest)
    assert on_host["content"] == '"Gus Guest"'
    assert on_guest["content"] == '"Hana Host"'
    assert on_host["color"] != on_guest["color"], "each participant has their own colour"
    # The colour the host draws for the guest is the guest's server-assigned colour.
    own = guest.evaluate(
        "id => JSON.parse(localStorage.getItem('coderoom.room.' + id)).me.color", room.room_id
    )
    assert on_host["color"] == _rgb(own)
    guest.reload()
    wait_live(guest)
    go_to(guest, 1)
    expect(host.locator("[data-testid=editor] .remote-cursor")).to_have_count(1)
    assert _cursor_label(host)["color"] == on_host["color"], "colour survives a reload"


def test_undo_is_per_user(new_context: NewContext) -> None:
    host, guest, _ = _open_pair(new_context, "AC2 undo")
    go_to(host, 1)
    host.keyboard.type("line1")
    host.keyboard.press("Enter")
    host.keyboard.type("line2")
    expect_editor_text(guest, lambda t: t == "line1\nline2")
    host.wait_for_timeout(600)  # end the host's typing group
    go_to(host, 1)
    host.keyboard.type("X")
    expect_editor_text(guest, lambda t: t == "line1X\nline2")
    go_to(guest, 2)
    guest.keyboard.type("Y")
    expect_editor_text(host, lambda t: t == "line1X\nline2Y")

    host.keyboard.press("Control+z")
    for page in (host, guest):
        expect_editor_text(page, lambda t: t == "line1\nline2Y")
    guest.keyboard.press("Control+z")
    for page in (host, guest):
        expect_editor_text(page, lambda t: t == "line1\nline2")
    host.keyboard.press("Control+Shift+z")
    guest.keyboard.press("Control+y")
    for page in (host, guest):
        expect_editor_text(page, lambda t: t == "line1X\nline2Y")


def test_enter_after_a_word_the_editor_suggests_starts_a_new_line(new_context: NewContext) -> None:
    host, guest, _ = _open_pair(new_context, "AC2 suggest")
    widget = host.locator("[data-testid=editor] .suggest-widget.visible")
    go_to(host, 1)
    host.keyboard.insert_text("line1\n")  # pasted: no suggest widget yet
    # Asked for explicitly (typing alone may or may not open it in time), the widget offers
    # "line1" from the line above; typed out in full, it still offers "line1" as typed, and
    # Enter starts a new line all the same (Tab accepts).
    host.keyboard.type("lin")
    host.keyboard.press("Control+Space")
    expect(widget).to_be_visible()
    host.keyboard.type("e1")
    expect(widget).to_be_visible()
    host.keyboard.press("Enter")
    host.keyboard.type("x")
    expect_editor_text(guest, lambda t: t == "line1\nline1\nx")


def test_follow_and_stop_following(new_context: NewContext) -> None:
    host, guest, _ = _open_pair(new_context, "AC2 follow")
    focus_editor(guest)
    guest.keyboard.insert_text("\n".join(f"line {i}" for i in range(1, 301)))
    expect_editor_text(host, lambda t: "line" in t)
    host.get_by_role("button", name="Follow Gus Guest").click()
    # The guest scrolls far down; the host's viewport follows.
    guest.keyboard.press("Control+Home")
    guest.locator("[data-testid=editor] .view-lines").hover()
    guest.mouse.wheel(0, 200 * 19)
    expect_editor_text(host, lambda t: "line 1\n" not in t and "line 2" in t, timeout_s=5)
    # The guest opens another file; the host follows there too.
    guest.get_by_role("button", name="Add file").click()
    guest.get_by_label("New file name").fill("util.py")
    guest.keyboard.press("Enter")
    expect(host.locator(".file.active")).to_have_text(re.compile("util.py"))
    # Any own keypress ends following.
    focus_editor(host)
    host.keyboard.press("ArrowDown")
    expect(host.get_by_text("Stopped following")).to_be_visible()
    expect(host.get_by_role("button", name="Follow Gus Guest")).to_be_visible()


def test_leaving_removes_cursor_within_5s(new_context: NewContext) -> None:
    host, guest, _ = _open_pair(new_context, "AC2 leave")
    go_to(guest, 1)
    guest.keyboard.type("bye")
    expect(host.get_by_test_id("peer")).to_have_count(1)
    expect(host.locator("[data-testid=editor] .remote-cursor")).to_have_count(1)
    guest.context.close()
    start = time.monotonic()
    expect(host.get_by_test_id("peer")).to_have_count(0, timeout=5_000)
    expect(host.locator("[data-testid=editor] .remote-cursor")).to_have_count(0, timeout=1_000)
    assert time.monotonic() - start < 5
    guest_row = host.get_by_role("region", name="Participants").get_by_role("listitem")
    expect(guest_row.filter(has_text="Gus Guest")).to_contain_text(re.compile("left|offline"))
    assert "bye" in editor_text(host)


_SEEN_AT_JS = """
(expected) => new Promise((resolve) => {
  const root = document.querySelector('[data-testid=editor] .view-lines');
  const has = () => root.textContent.replace(/\\u00a0/g, ' ').includes(expected);
  if (has()) return resolve(Date.now());
  const observer = new MutationObserver(() => {
    if (has()) { observer.disconnect(); resolve(Date.now()); }
  });
  observer.observe(root, {subtree: true, childList: true, characterData: true});
})
"""


def test_edit_latency_p95_under_500ms(new_context: NewContext) -> None:
    host, guest, _ = _open_pair(new_context, "AC2 latency")
    go_to(host, 1)
    samples: list[int] = []
    typed = ""
    for i in range(30):
        ch = "abcdefghij"[i % 10]
        typed += ch
        sent_at: int = host.evaluate("Date.now()")
        host.keyboard.type(ch)
        samples.append(guest.evaluate(_SEEN_AT_JS, typed) - sent_at)
    samples.sort()
    stats = {
        "p50_ms": samples[len(samples) // 2],
        "p95_ms": samples[int(len(samples) * 0.95) - 1],
        "max_ms": samples[-1],
        "n": len(samples),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "edit-latency.json").write_text(json.dumps(stats, indent=2))
    assert stats["p95_ms"] < 500, stats


# keymap, text typed to insert "X" at the caret, undo keys, redo keys
KEYMAPS = [
    ("vim", "iX", ["u"], ["Control+r"]),
    ("emacs", "X", ["Control+/"], ["Control+Shift+z"]),
]


@pytest.mark.parametrize(("keymap", "insert", "undo", "redo"), KEYMAPS)
def test_keymap_undo_is_per_user_too(
    new_context: NewContext, keymap: str, insert: str, undo: list[str], redo: list[str]
) -> None:
    host = new_context().new_page()
    sign_up(host, "Kim Keymap")
    with host.expect_response(
        lambda r: r.url.endswith("/api/v1/auth/me") and r.request.method == "PATCH"
    ):
        host.get_by_label("Keyboard").select_option(keymap)
    host.reload()
    expect(host.get_by_label("Keyboard")).to_have_value(keymap)
    room = create_room(host, f"AC2 {keymap} undo", auto_admit=True)
    wait_live(host)
    # The keymap loads after the editor; keys sent before it would mean something else.
    expect(host.locator(f"[data-testid=editor][data-keymap={keymap}]")).to_have_count(1)
    guest = new_context().new_page()
    guest_join(guest, room.invite_link, "Gus Guest")
    wait_live(guest)
    go_to(guest, 1)
    guest.keyboard.type("guest\n")
    expect_editor_text(host, lambda t: t == "guest\n")
    focus_editor(host)
    host.keyboard.press("Control+Home")
    host.keyboard.type(insert)
    if keymap == "vim":
        host.keyboard.press("Escape")  # back to normal mode, where u undoes
    expect_editor_text(guest, lambda t: t == "Xguest\n")
    go_to(guest, 2)
    guest.keyboard.type("Y")
    expect_editor_text(host, lambda t: t == "Xguest\nY")
    for key in undo:
        host.keyboard.press(key)
    for page in (host, guest):
        expect_editor_text(page, lambda t: t == "guest\nY")
    for key in redo:
        host.keyboard.press(key)
    for page in (host, guest):
        expect_editor_text(page, lambda t: t == "Xguest\nY")
