"""Who may open a room's document: close codes, observers, removal and ending at once."""

from __future__ import annotations

import logging

import anyio
import pytest
from websockets.asyncio.client import connect

import accounts
from coderoom.collab.protocol import SyncType, sync_frame
from collab.live import LiveServer, RoomSetup, make_room
from collab.ydoc import close_code, closed_within, pycrdt_client, text, wait_for

pytestmark = pytest.mark.anyio


async def test_no_token_4401(live: LiveServer, room: RoomSetup) -> None:
    assert await close_code(live.doc_url(room.room_id, None)) == 4401


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c", "x" * 5000])
async def test_bad_token_4401(live: LiveServer, room: RoomSetup, token: str) -> None:
    assert await close_code(live.doc_url(room.room_id, token)) == 4401


async def test_missing_room_and_outsider_4403(live: LiveServer, room: RoomSetup) -> None:
    assert await close_code(live.doc_url("no-such-room", room.host_token)) == 4403
    other = await make_room(live.http)
    # A guest token is bound to its own room; an account with no record is an outsider.
    assert await close_code(live.doc_url(room.room_id, other.candidate_token)) == 4403
    assert await close_code(live.doc_url(room.room_id, other.host_token)) == 4403


async def test_waiting_and_rejected_4403(live: LiveServer) -> None:
    host = await accounts.register(live.http, name="Host")
    created = await accounts.create_room(live.http, host["headers"], auto_admit=False)
    guest = await accounts.join_as_guest(live.http, created["invite_code"])
    assert guest["status"] == "waiting"
    url = live.doc_url(created["id"], guest["access_token"])
    assert await close_code(url) == 4403
    pid = guest["participant"]["id"]
    response = await live.http.post(
        f"/api/v1/rooms/{created['id']}/participants/{pid}/reject", headers=host["headers"]
    )
    assert response.status_code == 200, response.text
    assert await close_code(url) == 4403


async def test_observer_updates_refused(
    live: LiveServer, room: RoomSetup, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="coderoom.collab.room")
    response = await live.http.patch(
        f"/api/v1/rooms/{room.room_id}/participants/{room.candidate_id}",
        json={"role": "observer"},
        headers=room.host_headers,
    )
    assert response.status_code == 200, response.text
    host_url = live.doc_url(room.room_id, room.host_token)
    obs_url = live.doc_url(room.room_id, room.candidate_token)
    async with connect(obs_url) as ws:
        await ws.recv()  # the server's sync step 1: answered, as every client does, with
        await ws.send(sync_frame(SyncType.STEP2, b"\x00\x00"))  # nothing new: not a write
    async with pycrdt_client(host_url):
        assert "refused" not in caplog.text
    async with pycrdt_client(host_url) as (host_doc, _), pycrdt_client(obs_url) as (obs_doc, _):
        text(obs_doc).insert(0, "observer was here")
        text(host_doc).insert(0, "host ")
        # The observer still reads the host's edits...
        await wait_for(lambda: "host " in str(text(obs_doc)))
        await anyio.sleep(0.3)
        # ...but its own never reach the room.
        assert str(text(host_doc)) == "host "
    async with pycrdt_client(host_url) as (fresh, _):
        assert str(text(fresh)) == "host "
    await wait_for(lambda: f"read-only participant {room.candidate_id}" in caplog.text)


async def test_removed_participant_closed_at_once(live: LiveServer, room: RoomSetup) -> None:
    url = live.doc_url(room.room_id, room.candidate_token)
    async with connect(url) as ws:
        await ws.recv()  # sync step 1: the socket is in the room
        response = await live.http.delete(
            f"/api/v1/rooms/{room.room_id}/participants/{room.candidate_id}",
            headers=room.host_headers,
        )
        assert response.status_code == 204, response.text
        assert await closed_within(ws, 3) == 4403
    assert await close_code(url) == 4403


async def test_ended_room_closes_everyone(live: LiveServer, room: RoomSetup) -> None:
    async with (
        connect(live.doc_url(room.room_id, room.candidate_token)) as cand,
        connect(live.doc_url(room.room_id, room.host_token)) as host,
    ):
        await cand.recv()
        await host.recv()
        response = await live.http.post(
            f"/api/v1/rooms/{room.room_id}/end", headers=room.host_headers
        )
        assert response.status_code == 200, response.text
        assert await closed_within(cand, 3) == 4403
        assert await closed_within(host, 3) == 4403
    assert await close_code(live.doc_url(room.room_id, room.host_token)) == 4403
