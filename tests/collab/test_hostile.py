"""Hostile clients: malformed, oversized and text frames close the socket, the room lives."""

from __future__ import annotations

import pytest
from websockets.asyncio.client import connect

from collab.live import LiveServer, RoomSetup
from collab.ydoc import closed_within, pycrdt_client, text, wait_for

# Frame handling never touches the database: one backend is enough.
pytestmark = [pytest.mark.anyio, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


@pytest.mark.parametrize(
    "frame",
    [
        b"",
        b"\x07",
        b"\x00\x09\x00",
        b"\x00\x02\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01",
        b"\x00\x02\x05garbage",
        b"\x00\x00\x03\xff\xff\xff",
        b"\x01\x05{bad}",
        b"\x01\x09\x01\x01\x01\x03[1]",
    ],
)
async def test_hostile_frames_close_1002_and_room_lives(
    live: LiveServer, room: RoomSetup, frame: bytes
) -> None:
    url = live.doc_url(room.room_id, room.candidate_token)
    async with connect(url) as ws:
        await ws.recv()
        await ws.send(frame)
        assert await closed_within(ws, 3) == 1002
    async with pycrdt_client(url) as (doc, _):
        text(doc).insert(0, "still fine")
    async with pycrdt_client(live.doc_url(room.room_id, room.host_token)) as (doc, _):
        await wait_for(lambda: str(text(doc)) == "still fine")


async def test_text_frame_closes_1002(live: LiveServer, room: RoomSetup) -> None:
    async with connect(live.doc_url(room.room_id, room.candidate_token)) as ws:
        await ws.recv()
        await ws.send("hello")
        assert await closed_within(ws, 3) == 1002


async def test_oversized_update_closes_1009(live: LiveServer, room: RoomSetup) -> None:
    async with connect(live.doc_url(room.room_id, room.candidate_token)) as ws:
        await ws.recv()
        await ws.send(b"\x00\x02" + b"\x80" * (4 * 1024 * 1024))
        assert await closed_within(ws, 10) == 1009
