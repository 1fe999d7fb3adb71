"""The room's other panels: chat (typing, unread, history), snapshots, roles, ending the room."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import FloatRect, Locator, expect

from browser.helpers import NewContext, expect_editor_text, guest_join, shot, wait_live
from browser.panels import open_pair, set_code

pytestmark = pytest.mark.timeout(180)


def _box(locator: Locator) -> FloatRect:
    box = locator.bounding_box()
    assert box is not None
    return box


def _overlap(a: FloatRect, b: FloatRect) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_chat_typing_unread_and_history(new_context: NewContext, screenshot_dir: Path) -> None:
    host, guest, _ = open_pair(new_context, "Panels chat")
    host.get_by_role("tab", name="Chat").click()
    expect(host.get_by_test_id("chat-messages")).to_have_text("No messages yet.")
    message = host.get_by_role("textbox", name="Message")
    message.fill("Hello Gus")
    expect(guest.get_by_test_id("typing")).to_have_text("Hana Host is typing…", timeout=3_000)
    message.press("Enter")
    # The guest is on another tab: the Chat tab counts the unread message.
    expect(guest.get_by_test_id("chat-unread")).to_have_text("1")
    guest.get_by_role("tab", name="Chat").click()
    expect(guest.get_by_test_id("chat-messages")).to_contain_text("Hello Gus")
    expect(guest.get_by_test_id("chat-messages")).not_to_contain_text("No messages yet")
    expect(guest.get_by_test_id("chat-unread")).to_have_count(0)
    expect(guest.get_by_test_id("typing")).to_have_text("")
    shot(guest, screenshot_dir, "panels-chat")

    # History on (re)join.
    guest.reload()
    guest.get_by_role("tab", name="Chat").click()
    expect(guest.get_by_test_id("chat-messages")).to_contain_text("Hello Gus", timeout=15_000)

    # A tablet-wide window stacks the room: the call dock must not cover the run input.
    guest.set_viewport_size({"width": 768, "height": 700})
    dock = _box(guest.get_by_role("region", name="Call"))
    assert not _overlap(dock, _box(guest.get_by_label("Input (stdin)")))
    shot(guest, screenshot_dir, "panels-narrow")


def test_snapshots_roles_and_end(new_context: NewContext, screenshot_dir: Path) -> None:
    host, guest, _ = open_pair(new_context, "Panels snapshots")
    set_code(host, 'print("version one")')
    host.get_by_role("tab", name="Snapshots").click()
    host.get_by_role("textbox", name="Snapshot message").fill("first version")
    host.get_by_role("button", name="Save snapshot").click()
    expect(host.get_by_test_id("snapshots")).to_contain_text("first version")

    set_code(host, 'print("version two")')
    expect_editor_text(guest, lambda t: "version two" in t)
    host.get_by_role("button", name="Preview").click()
    expect(host.get_by_test_id("snapshot-preview")).to_contain_text("version one")
    host.get_by_role("button", name="Restore first version").click()
    host.get_by_role("dialog").get_by_role("button", name="Restore").click()
    # The restore is an edit like any other: the guest's editor shows it.
    expect_editor_text(guest, lambda t: "version one" in t and "version two" not in t)
    shot(host, screenshot_dir, "panels-snapshots")

    # Roles: the host makes the guest an interviewer; the guest then sees the Activity tab.
    host.get_by_role("tab", name="People").click()
    host.get_by_role("button", name="Make Gus Guest an interviewer").click()
    people = guest.get_by_role("region", name="Participants")
    expect(people.get_by_role("listitem").filter(has_text="Gus Guest")).to_contain_text(
        "Interviewer"
    )

    # End the room (with confirmation): everybody is told.
    host.get_by_role("button", name="End room").click()
    host.get_by_role("dialog").get_by_role("button", name="End room").click()
    expect(guest.get_by_text("This room has ended")).to_be_visible()
    expect(host.get_by_text("This room has ended")).to_be_visible()


def test_auto_admit_toggle_remove_and_toasts(new_context: NewContext) -> None:
    host, guest, room = open_pair(new_context, "Panels admission")
    auto = host.get_by_role("checkbox", name="Admit everyone automatically")
    expect(auto).to_be_checked()
    auto.uncheck()
    expect(auto).not_to_be_checked()

    third = new_context().new_page()
    guest_join(third, room.invite_link, "Tia Third")
    expect(third.get_by_text("Waiting for the host to let you in")).to_be_visible()
    waiting = host.get_by_role("region", name="Waiting").get_by_role("listitem")
    waiting.filter(has_text="Tia Third").get_by_role("button", name="Admit Tia Third").click()
    expect(host.get_by_test_id("toasts")).to_contain_text("Tia Third joined")
    wait_live(third)

    # A run by someone else is announced to the others.
    set_code(guest, 'print("toast")')
    guest.get_by_role("button", name="Run", exact=True).click()
    expect(host.get_by_test_id("toasts")).to_contain_text("Gus Guest is running the code")

    host.get_by_role("button", name="Remove Gus Guest").click()
    host.get_by_role("dialog").get_by_role("button", name="Remove").click()
    expect(guest.get_by_text("You were removed from this room")).to_be_visible()
    people = host.get_by_role("region", name="Participants")
    expect(people).not_to_contain_text("Gus Guest")
    expect(people).to_contain_text("Tia Third")
