"""AC3 — no lost code on disconnect / reconnect (offline, leave warning, restart, reload)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Locator, Page, expect

from browser.helpers import (
    NewContext,
    create_room,
    editor_text,
    expect_editor_text,
    go_to,
    guest_join,
    shot,
    sign_up,
    wait_live,
)
from browser.server import LiveServer

pytestmark = pytest.mark.timeout(180)

OFFLINE_LABEL = "Offline — changes saved locally"


def _room_with_three_lines(new_context: NewContext, title: str) -> tuple[Page, Page, str]:
    host = new_context().new_page()
    sign_up(host, "Olga Online")
    room = create_room(host, title, auto_admit=True)
    wait_live(host)
    go_to(host, 1)
    host.keyboard.insert_text("first\nsecond\nthird")
    guest = new_context().new_page()
    guest_join(guest, room.invite_link, "Otto Offline")
    wait_live(guest)
    expect_editor_text(guest, lambda t: t == "first\nsecond\nthird")
    return host, guest, room.invite_link


def _status(page: Page) -> Locator:
    return page.get_by_test_id("connection-status")


def test_offline_edits_merge_on_reconnect(new_context: NewContext, screenshot_dir: Path) -> None:
    host, guest, _ = _room_with_three_lines(new_context, "AC3 offline")
    guest.context.set_offline(True)
    expect(_status(guest)).to_have_text(OFFLINE_LABEL, timeout=3_000)
    expect(guest.get_by_text(OFFLINE_LABEL)).to_be_visible()
    # Presence seen from an offline browser is unknown, not "online".
    people = guest.get_by_role("region", name="Participants")
    expect(people).not_to_contain_text(re.compile(r"\bonline\b"))

    go_to(guest, 3)
    guest.keyboard.type(" offline-edit")
    go_to(host, 1)
    host.keyboard.type(" online-edit")
    expect_editor_text(host, lambda t: "online-edit" in t)
    assert "offline-edit" not in editor_text(host)
    shot(guest, screenshot_dir, "room-offline")

    # Leaving with unsynced edits asks first (the dialog is dismissed: we stay).
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    guest.on("dialog", on_dialog)
    guest.close(run_before_unload=True)
    guest.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert not guest.is_closed()
    guest.remove_listener("dialog", on_dialog)

    start = time.monotonic()
    guest.context.set_offline(False)
    both = lambda t: "online-edit" in t and "offline-edit" in t  # noqa: E731
    host_text = expect_editor_text(host, both, timeout_s=5)
    guest_text = expect_editor_text(guest, both, timeout_s=5)
    assert host_text == guest_text == "first online-edit\nsecond\nthird offline-edit"
    expect(_status(guest)).to_have_text("Saved", timeout=5_000)
    assert time.monotonic() - start < 5


def test_server_restart_reconnects_without_loss(
    new_context: NewContext, live_server: LiveServer
) -> None:
    host, guest, link = _room_with_three_lines(new_context, "AC3 restart")
    go_to(guest, 2)
    guest.keyboard.type(" before-restart")
    expect_editor_text(host, lambda t: "before-restart" in t)
    live_server.restart()
    for page in (host, guest):
        expect(_status(page)).to_have_text("Saved", timeout=20_000)
    go_to(host, 1)
    host.keyboard.type(" after-restart")
    expected = "first after-restart\nsecond before-restart\nthird"
    for page in (host, guest):
        expect_editor_text(page, lambda t: t == expected, timeout_s=5)
    third = new_context().new_page()
    guest_join(third, link, "Tess Third")
    wait_live(third)
    expect_editor_text(third, lambda t: t == expected, timeout_s=5)


def test_reload_while_offline_keeps_the_edit(new_context: NewContext) -> None:
    host, guest, _ = _room_with_three_lines(new_context, "AC3 reload offline")
    guest.context.set_offline(True)
    expect(_status(guest)).to_have_text(OFFLINE_LABEL, timeout=3_000)
    go_to(guest, 2)
    guest.keyboard.type(" kept-locally")
    guest.wait_for_timeout(300)  # let IndexedDB write
    guest.on("dialog", lambda dialog: dialog.accept())  # the leave warning: leave anyway
    guest.reload()
    wait_for_editor = guest.get_by_test_id("editor")
    expect(wait_for_editor).to_be_visible(timeout=15_000)
    expect(_status(guest)).to_have_text(OFFLINE_LABEL)
    expect_editor_text(guest, lambda t: "kept-locally" in t)
    guest.context.set_offline(False)
    expected = "first\nsecond kept-locally\nthird"
    for page in (host, guest):
        expect_editor_text(page, lambda t: t == expected, timeout_s=5)
    expect(_status(guest)).to_have_text("Saved", timeout=5_000)
