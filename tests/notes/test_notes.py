"""Interviewer notes: autosaved per author, shared with staff unless private, never others'."""

from __future__ import annotations

import httpx
import pytest

from accounts import error_code, join_as_guest, register
from coderoom.notes.schemas import CRITERIA, MAX_NOTE_CHARS
from lifespan import Collect
from notes.staffroom import StaffRoom

pytestmark = pytest.mark.anyio

MARKER = "NOTE-MARKER-7f3a"


@pytest.fixture
async def room(client: httpx.AsyncClient) -> StaffRoom:
    """A fresh room with two staff, a candidate and an observer."""
    return await StaffRoom(client).setup()


async def test_notes_are_saved_and_shared_with_the_other_staff(room: StaffRoom) -> None:
    empty = await room.call(room.host, "GET", "/notes")
    assert empty.status_code == 200, empty.text
    assert empty.json()["mine"]["body"] == ""
    assert empty.json()["mine"]["updated_at"] is None
    assert empty.json()["shared"] == []

    body = f"# Impressions\n\n- {MARKER}: clear about trade-offs\n"
    saved = await room.call(room.host, "PUT", "/notes/me", json={"body": body})
    assert saved.status_code == 200, saved.text
    assert saved.json()["body"] == body
    assert saved.json()["private"] is False

    again = (await room.call(room.host, "GET", "/notes")).json()
    assert again["mine"]["body"] == body
    assert again["mine"]["updated_at"] is not None

    seen = (await room.call(room.interviewer, "GET", "/notes")).json()
    assert seen["mine"]["body"] == ""
    [shared] = seen["shared"]
    assert shared["body"] == body
    assert shared["author_name"] == "Hope Host"
    assert shared["mine"] is False

    # Each author writes only their own: the interviewer's save leaves the host's alone.
    await room.call(room.interviewer, "PUT", "/notes/me", json={"body": "mine"})
    assert (await room.call(room.host, "GET", "/notes")).json()["mine"]["body"] == body


async def test_private_notes_are_for_their_author_only(room: StaffRoom) -> None:
    saved = await room.call(
        room.interviewer, "PUT", "/notes/me", json={"body": MARKER, "private": True}
    )
    assert saved.json()["private"] is True
    host_view = await room.call(room.host, "GET", "/notes")
    assert MARKER not in host_view.text
    mine = (await room.call(room.interviewer, "GET", "/notes")).json()["mine"]
    assert (mine["body"], mine["private"]) == (MARKER, True)
    # Sharing again shows them again.
    await room.call(room.interviewer, "PUT", "/notes/me", json={"body": MARKER})
    assert MARKER in (await room.call(room.host, "GET", "/notes")).text


async def test_candidates_observers_and_outsiders_are_refused(
    client: httpx.AsyncClient, room: StaffRoom
) -> None:
    await room.call(room.host, "PUT", "/notes/me", json={"body": MARKER})
    for who, status, code in [
        (room.candidate, 403, "staff_only"),
        (room.observer, 403, "staff_only"),
    ]:
        for method, path, body in [("GET", "/notes", None), ("PUT", "/notes/me", {"body": "x"})]:
            response = await room.call(who, method, path, json=body)
            assert error_code(response, status) == code
            assert MARKER not in response.text
    outsider = await register(client, name="Otto")
    response = await room.call(outsider, "GET", "/notes")
    assert error_code(response, 404) == "room_not_found"
    # A guest token (even a staff guest's) for another room is not valid here.
    other = await client.post(
        "/api/v1/rooms", json={"title": "Other", "language": "python"}, headers=outsider["headers"]
    )
    stranger = await join_as_guest(client, other.json()["invite_code"])
    response = await room.call(stranger, "GET", "/notes")
    assert error_code(response, 404) == "room_not_found"
    response = await client.get(f"{room.base}/notes")
    assert error_code(response, 401) == "unauthenticated"
    # Staff of another room reach nothing here, nor does this room's host reach theirs.
    response = await client.get(
        f"/api/v1/rooms/{other.json()['id']}/notes", headers=room.host["headers"]
    )
    assert error_code(response, 404) == "room_not_found"


async def test_demoted_staff_lose_the_notes(room: StaffRoom) -> None:
    await room.call(room.host, "PUT", "/notes/me", json={"body": MARKER})
    me = (await room.call(room.interviewer, "GET", "/notes")).json()["mine"]
    await room.set_role(me["participant_id"], "candidate")
    response = await room.call(room.interviewer, "GET", "/notes")
    assert error_code(response, 403) == "staff_only"


async def test_notes_outlive_the_room(room: StaffRoom) -> None:
    await room.call(room.host, "PUT", "/notes/me", json={"body": "before"})
    await room.end()
    assert (await room.call(room.host, "GET", "/notes")).json()["mine"]["body"] == "before"
    after = await room.call(room.host, "PUT", "/notes/me", json={"body": "after the call"})
    assert after.status_code == 200
    response = await room.call(room.candidate, "GET", "/notes")
    assert error_code(response, 403) == "staff_only"


async def test_oversized_and_malformed_notes(room: StaffRoom) -> None:
    at_limit = "a" * MAX_NOTE_CHARS
    ok = await room.call(room.host, "PUT", "/notes/me", json={"body": at_limit})
    assert ok.status_code == 200
    over = await room.call(room.host, "PUT", "/notes/me", json={"body": at_limit + "b"})
    assert error_code(over, 413) == "note_too_large"
    assert over.json()["error"]["details"]["max_chars"] == MAX_NOTE_CHARS
    # Beyond the app's body limit the middleware answers, with the same contract.
    huge = await room.call(room.host, "PUT", "/notes/me", json={"body": "z" * 3_000_000})
    assert error_code(huge, 413) == "payload_too_large"
    for bad in [
        {},
        {"body": None},
        {"body": 5},
        {"body": "nul \x00 inside"},
        {"body": "x", "private": "sometimes"},
        {"body": "x", "extra": 1},
        [],
    ]:
        response = await room.call(room.host, "PUT", "/notes/me", json=bad)
        assert error_code(response, 422) == "invalid_input", bad
    garbled = await room.client.put(
        f"{room.base}/notes/me",
        content=b"{not json",
        headers={**room.host["headers"], "content-type": "application/json"},
    )
    assert error_code(garbled, 400) == "bad_request"
    # Nothing of the refused saves was kept.
    assert (await room.call(room.host, "GET", "/notes")).json()["mine"]["body"] == at_limit
    bad_id = await room.client.get("/api/v1/rooms/bad%00id/notes", headers=room.host["headers"])
    assert error_code(bad_id, 422) == "invalid_input"


async def test_nothing_is_published_on_the_room_sockets(
    room: StaffRoom, room_events: Collect
) -> None:
    # Everyone in the room shares its event topic: notes and scorecards must stay off it.
    async def write() -> None:
        await room.call(room.host, "PUT", "/notes/me", json={"body": MARKER})
        await room.call(room.host, "PUT", "/scorecards/me", json={"comment": MARKER})
        ratings = dict.fromkeys(CRITERIA, "yes")
        submitted = await room.call(
            room.host,
            "POST",
            "/scorecards/me/submit",
            json={"ratings": ratings, "overall": "yes", "comment": MARKER},
        )
        assert submitted.status_code == 200

    assert await room_events(room.room["id"], write) == []
    # The same collector does see what is published (the control).
    ended = await room_events(room.room["id"], room.end)
    assert [e["type"] for e in ended] == ["room.ended"]


async def test_a_guest_made_interviewer_keeps_notes(room: StaffRoom) -> None:
    await room.set_role(room.candidate["participant"]["id"], "interviewer")
    saved = await room.call(room.candidate, "PUT", "/notes/me", json={"body": "guest notes"})
    assert saved.status_code == 200, saved.text
    [shared] = (await room.call(room.host, "GET", "/notes")).json()["shared"]
    assert (shared["author_name"], shared["body"]) == ("Cand", "guest notes")
