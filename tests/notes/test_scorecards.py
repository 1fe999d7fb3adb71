"""Scorecards: drafts, final submissions, independent ratings, the report after the end."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from accounts import error_code, register
from coderoom.notes.schemas import CRITERIA, MAX_COMMENT_CHARS
from notes.staffroom import StaffRoom

pytestmark = pytest.mark.anyio

SECRET = "SCORECARD-MARKER-91c2"


def full(rating: str = "yes", comment: str = SECRET) -> dict[str, Any]:
    """A complete scorecard rating every criterion ``rating``."""
    return {"ratings": dict.fromkeys(CRITERIA, rating), "overall": rating, "comment": comment}


@pytest.fixture
async def room(client: httpx.AsyncClient) -> StaffRoom:
    """A fresh room with two staff, a candidate and an observer."""
    return await StaffRoom(client).setup()


async def test_draft_then_submit_is_final(room: StaffRoom) -> None:
    empty = (await room.call(room.host, "GET", "/scorecards")).json()
    assert empty["criteria"] == list(CRITERIA)
    assert empty["ratings"] == ["strong_no", "no", "mixed", "yes", "strong_yes"]
    assert empty["mine"]["status"] == "empty"

    draft = {"ratings": {"communication": "strong_yes"}, "comment": "so far"}
    saved = await room.call(room.host, "PUT", "/scorecards/me", json=draft)
    assert saved.status_code == 200, saved.text
    assert saved.json()["status"] == "draft"
    assert saved.json()["ratings"] == {"communication": "strong_yes"}
    assert saved.json()["submitted_at"] is None

    incomplete = await room.call(room.host, "POST", "/scorecards/me/submit", json=draft)
    assert error_code(incomplete, 422) == "scorecard_incomplete"
    missing = incomplete.json()["error"]["details"]["missing"]
    assert set(missing) == {*CRITERIA, "overall"} - {"communication"}

    submitted = await room.call(room.host, "POST", "/scorecards/me/submit", json=full())
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["submitted_at"] is not None

    for method, path in [("PUT", "/scorecards/me"), ("POST", "/scorecards/me/submit")]:
        again = await room.call(room.host, method, path, json=full("no"))
        assert error_code(again, 409) == "scorecard_submitted"
    mine = (await room.call(room.host, "GET", "/scorecards")).json()["mine"]
    assert mine["overall"] == "yes"
    assert mine["comment"] == SECRET


async def test_others_are_hidden_until_you_submit(room: StaffRoom) -> None:
    await room.call(room.host, "POST", "/scorecards/me/submit", json=full("strong_yes"))
    # The second interviewer's draft does not unlock anything.
    await room.call(room.interviewer, "PUT", "/scorecards/me", json={"overall": "no"})
    locked = await room.call(room.interviewer, "GET", "/scorecards")
    body = locked.json()
    assert (body["others_visible"], body["others_submitted"], body["others"]) == (False, 1, [])
    assert SECRET not in locked.text
    assert "strong_yes" not in str(body["others"])

    # The host, who has submitted, does not see the other's draft either.
    host_view = (await room.call(room.host, "GET", "/scorecards")).json()
    assert (host_view["others_visible"], host_view["others"]) == (True, [])

    await room.call(room.interviewer, "POST", "/scorecards/me/submit", json=full("mixed", "ok"))
    unlocked = (await room.call(room.interviewer, "GET", "/scorecards")).json()
    [other] = unlocked["others"]
    assert (other["author_name"], other["overall"], other["comment"]) == (
        "Hope Host",
        "strong_yes",
        SECRET,
    )
    [seen_by_host] = (await room.call(room.host, "GET", "/scorecards")).json()["others"]
    assert seen_by_host["overall"] == "mixed"


async def test_report_after_the_end(room: StaffRoom) -> None:
    await room.call(room.interviewer, "POST", "/scorecards/me/submit", json=full("yes", "fine"))
    await room.end()
    # The host, who wrote none, sees every submitted scorecard once the room has ended.
    report = (await room.call(room.host, "GET", "/scorecards")).json()
    assert report["others_visible"] is True
    assert [c["comment"] for c in report["others"]] == ["fine"]
    # Write-ups may be finished after the end; then the interviewer sees the host's.
    await room.call(room.host, "POST", "/scorecards/me/submit", json=full("strong_no", SECRET))
    seen = (await room.call(room.interviewer, "GET", "/scorecards")).json()
    assert [c["overall"] for c in seen["others"]] == ["strong_no"]


async def test_interviewer_without_a_submission_stays_blind_after_the_end(
    room: StaffRoom,
) -> None:
    await room.call(room.host, "POST", "/scorecards/me/submit", json=full())
    await room.end()
    view = await room.call(room.interviewer, "GET", "/scorecards")
    assert view.json()["others"] == []
    assert SECRET not in view.text


async def test_scorecards_refuse_non_staff(client: httpx.AsyncClient, room: StaffRoom) -> None:
    await room.call(room.host, "POST", "/scorecards/me/submit", json=full())
    calls = [
        ("GET", "/scorecards", None),
        ("PUT", "/scorecards/me", full()),
        ("POST", "/scorecards/me/submit", full()),
    ]
    for who in (room.candidate, room.observer):
        for method, path, body in calls:
            response = await room.call(who, method, path, json=body)
            assert error_code(response, 403) == "staff_only"
            assert SECRET not in response.text
    outsider = await register(client, name="Otto")
    for method, path, body in calls:
        response = await room.call(outsider, method, path, json=body)
        assert error_code(response, 404) == "room_not_found"


async def test_malformed_scorecards(room: StaffRoom) -> None:
    for bad in [
        {"ratings": {"problem_solving": "amazing"}},
        {"ratings": {"charisma": "yes"}},
        {"ratings": ["yes"]},
        {"overall": "maybe"},
        {"overall": 3},
        {"comment": "c" * (MAX_COMMENT_CHARS + 1)},
        {"comment": "bell \x07"},
        {"comment": None},
        {"unknown": True},
    ]:
        for method, path in [("PUT", "/scorecards/me"), ("POST", "/scorecards/me/submit")]:
            response = await room.call(room.host, method, path, json=bad)
            assert error_code(response, 422) == "invalid_input", bad
    assert (await room.call(room.host, "GET", "/scorecards")).json()["mine"]["status"] == "empty"


async def test_a_draft_save_racing_a_submission_never_changes_the_final_card(
    room: StaffRoom,
) -> None:
    await room.call(room.host, "PUT", "/scorecards/me", json={"comment": "draft"})
    submit, draft = await asyncio.gather(
        room.call(room.host, "POST", "/scorecards/me/submit", json=full("yes", "final")),
        room.call(room.host, "PUT", "/scorecards/me", json=full("no", "late draft")),
    )
    assert submit.status_code == 200, submit.text
    assert draft.status_code in (200, 409), draft.text
    # Whatever order they ran in, the submitted content is what stays.
    mine = (await room.call(room.host, "GET", "/scorecards")).json()["mine"]
    assert (mine["status"], mine["overall"], mine["comment"]) == ("submitted", "yes", "final")
