"""AC7 — private interviewer notes and scorecards.

A host, a candidate (guest) and a second interviewer (a third account the host promotes).
Unique marker strings go into the host's notes and scorecard comment; "the guest never
receives them" is checked by searching everything the guest's browser received (HTTP
responses and WebSocket frames) and its DOM, with a chat message as the positive control.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser.helpers import NewContext, create_room, guest_join, shot, sign_up, wait_live
from browser.test_ac5_problems import Traffic

pytestmark = pytest.mark.timeout(300)

NOTE_MARKER = "AC7-NOTE-MARKER-3e9d"
SCORE_MARKER = "AC7-SCORECARD-MARKER-b41f"
CHAT_MARKER = "AC7-CHAT-CONTROL-52aa"
CRITERIA = ["Problem solving", "Communication", "Code quality", "Testing & debugging"]
POLL_MS = 25_000  # the panels poll every 10 s; a loaded machine gets a margin


def _saved(page: Page, action: Callable[[], None]) -> None:
    """Run ``action`` and wait for the note's PUT and the "Saved" state."""
    with page.expect_response(
        lambda r: r.url.endswith("/notes/me") and r.request.method == "PUT"
    ) as response:
        action()
    assert response.value.status == 200
    expect(page.get_by_test_id("notes-status")).to_have_text("Saved")


def _rate(page: Page, ratings: list[str], overall: str, comment: str) -> None:
    panel = page.get_by_test_id("scorecard-panel")
    for criterion, rating in zip(CRITERIA, ratings, strict=True):
        panel.get_by_role("group", name=criterion).get_by_label(rating, exact=True).check()
    group = panel.get_by_role("group", name="Overall recommendation")
    group.get_by_label(overall, exact=True).check()
    panel.get_by_label("Comment").fill(comment)


def _submit(page: Page) -> None:
    panel = page.get_by_test_id("scorecard-panel")
    panel.get_by_role("button", name="Submit", exact=True).click()
    panel.get_by_role("button", name="Submit scorecard").click()
    expect(panel.get_by_test_id("scorecard-card").first).to_contain_text("Your scorecard")
    expect(panel.get_by_test_id("scorecard-card").first).to_contain_text("submitted")


def test_notes_scorecards_and_report(new_context: NewContext, screenshot_dir: Path) -> None:
    host = new_context().new_page()
    sign_up(host, "Hana Host")
    room = create_room(host, "AC7 interview", auto_admit=True)
    wait_live(host)
    # The guest's recorder is on before it even opens the invite.
    guest = new_context().new_page()
    guest_traffic = Traffic(guest)
    guest_join(guest, room.invite_link, "Gus Guest")
    wait_live(guest)
    ivy = new_context().new_page()
    ivy_traffic = Traffic(ivy)
    sign_up(ivy, "Ivy Interviewer")
    ivy.goto(room.invite_link)
    ivy.get_by_role("button", name="Join room").click()
    wait_live(ivy)
    host.get_by_role("tab", name="People").click()
    host.get_by_role("button", name="Make Ivy Interviewer an interviewer").click()
    expect(ivy.get_by_role("tab", name="Notes")).to_be_visible()

    # 1. The host types Markdown notes; they autosave and survive a reload.
    host.get_by_role("tab", name="Notes").click()
    text = host.get_by_test_id("notes-text")
    note = f"## First impressions\n\n- **{NOTE_MARKER}** asked about edge cases\n- `O(n)` plan\n"
    _saved(host, lambda: text.fill(note))
    host.get_by_role("tab", name="Preview").click()
    preview = host.get_by_test_id("notes-preview")
    expect(preview.locator("h2")).to_have_text("First impressions")
    expect(preview.locator("strong")).to_have_text(NOTE_MARKER)
    shot(host, screenshot_dir, "ac7-notes-preview")
    host.reload()
    wait_live(host)
    host.get_by_role("tab", name="Notes").click()
    expect(host.get_by_test_id("notes-text")).to_have_value(note)
    expect(host.get_by_test_id("notes-status")).to_have_text("Saved")
    shot(host, screenshot_dir, "ac7-notes")

    # Shared by default: the other interviewer reads them (read-only).
    ivy.get_by_role("tab", name="Notes").click()
    shared = ivy.get_by_test_id("shared-note")
    expect(shared).to_contain_text(NOTE_MARKER, timeout=POLL_MS)
    expect(shared).to_contain_text("Hana Host")

    # 5. "Visible only to me" hides them from the other interviewer too.
    _saved(host, lambda: host.get_by_label("Visible only to me").check())
    expect(ivy.get_by_test_id("shared-note")).to_have_count(0, timeout=POLL_MS)
    assert NOTE_MARKER not in ivy.content()

    # 3. The host fills in the scorecard and submits it (final).
    host.get_by_role("tab", name="Scorecard").click()
    _rate(host, ["Strong Yes", "Yes", "Yes", "Mixed"], "Yes", f"Solid. {SCORE_MARKER}")
    host.get_by_role("button", name="Save draft").click()
    expect(host.get_by_test_id("scorecard-status")).to_contain_text("Draft saved")
    shot(host, screenshot_dir, "ac7-scorecard-draft")
    _submit(host)
    expect(host.get_by_test_id("scorecard-panel")).to_contain_text("No other interviewer has")
    shot(host, screenshot_dir, "ac7-scorecard-submitted")

    # 4. The second interviewer cannot see it before submitting their own...
    ivy.get_by_role("tab", name="Scorecard").click()
    locked = ivy.get_by_test_id("scorecards-locked")
    expect(locked).to_contain_text("1 other interviewer has submitted", timeout=POLL_MS)
    assert SCORE_MARKER not in ivy.content()
    assert not ivy_traffic.contains(SCORE_MARKER), "the host's scorecard reached Ivy early"
    _rate(ivy, ["Yes", "Strong Yes", "Mixed", "No"], "Mixed", "Good talker, thin tests.")
    _submit(ivy)
    # ...and sees it once theirs is in.
    others = ivy.get_by_role("region", name="Other interviewers' scorecards")
    expect(others.get_by_test_id("scorecard-card")).to_contain_text(SCORE_MARKER)
    expect(others.get_by_test_id("overall")).to_have_text("Yes")

    # 2. The guest got none of it: no panels, nothing in the DOM or on the wire.
    host.get_by_role("tab", name="Chat").click()
    host.get_by_role("textbox", name="Message").fill(CHAT_MARKER)
    host.get_by_role("textbox", name="Message").press("Enter")
    guest.get_by_role("tab", name="Chat").click()
    expect(guest.get_by_test_id("chat-messages")).to_contain_text(CHAT_MARKER)
    expect(guest.get_by_role("tab", name="Notes")).to_have_count(0)
    expect(guest.get_by_role("tab", name="Scorecard")).to_have_count(0)
    assert guest.get_by_test_id("notes-panel").count() == 0
    assert guest.get_by_test_id("scorecard-panel").count() == 0
    # The live room's header links staff to the report, never the guest.
    for staff in (host, ivy):
        report_link = staff.get_by_role("link", name="Report", exact=True)
        expect(report_link).to_have_attribute("href", f"/rooms/{room.room_id}/report")
    expect(guest.get_by_role("link", name="Report", exact=True)).to_have_count(0)

    # The room ends; both scorecards are in the report (linked from the ended room).
    host.get_by_role("tab", name="People").click()
    host.get_by_role("button", name="End room").click()
    host.get_by_role("dialog").get_by_role("button", name="End room").click()
    expect(guest.get_by_text("This room has ended")).to_be_visible()
    host.get_by_role("link", name="Read the report").click()
    host.wait_for_url(f"**/rooms/{room.room_id}/report")
    report = host.get_by_test_id("report-scorecards")
    cards = report.get_by_test_id("scorecard-card")
    expect(cards).to_have_count(2)
    expect(cards.filter(has_text="Your scorecard")).to_contain_text(SCORE_MARKER)
    expect(cards.filter(has_text="Ivy Interviewer")).to_contain_text("thin tests")
    summary = host.get_by_test_id("report-summary")
    expect(summary.get_by_role("row", name="Overall")).to_contain_text("Mixed (3.5)")
    expect(host.get_by_test_id("report-notes")).to_contain_text(NOTE_MARKER)
    expect(host.get_by_test_id("report-results")).to_contain_text("No problem was used")
    shot(host, screenshot_dir, "ac7-report")

    ivy.goto(f"/rooms/{room.room_id}/report")
    expect(ivy.get_by_test_id("report-scorecards").get_by_test_id("scorecard-card")).to_have_count(
        2
    )
    # The host's notes are private: not in the other interviewer's report either.
    expect(ivy.get_by_test_id("report-notes")).to_be_visible()
    assert NOTE_MARKER not in ivy.content()

    # The guest's page cannot open the report, and never received a marker.
    guest.goto(f"/rooms/{room.room_id}/report")
    expect(guest.get_by_test_id("report-refused")).to_be_visible()
    html = guest.content()
    for marker in (NOTE_MARKER, SCORE_MARKER):
        assert marker not in html
        assert not guest_traffic.contains(marker), f"{marker} reached the guest"
    # The recorder does see what the guest was sent (over the events socket).
    assert guest_traffic.contains(CHAT_MARKER)
