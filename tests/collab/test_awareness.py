"""Awareness: relayed, answered on query, cleaned up on leave, capped, not spoofable."""

from __future__ import annotations

import time
from typing import Any

import anyio
import pytest
from websockets.asyncio.client import ClientConnection, connect

from coderoom.collab.protocol import (
    MSG_AWARENESS,
    AwarenessEntry,
    awareness_frame,
    decode_awareness,
    encode_awareness,
    parse_frame,
)
from collab.live import LiveServer, RoomSetup
from collab.ydoc import closed_within

# Awareness never touches the database: one backend is enough.
pytestmark = [pytest.mark.anyio, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]

CURSOR = {"user": {"name": "Ada", "color": "#ff0000"}, "cursor": {"file": "main.py", "pos": 3}}


async def _as_relayed(live: LiveServer, room: RoomSetup, state: dict[str, Any]) -> dict[str, Any]:
    """``state`` sent by the host, as the room sees it: ``user`` is the host's record."""
    response = await live.http.get(
        f"/api/v1/rooms/{room.room_id}/participants", headers=room.host_headers
    )
    host = next(p for p in response.json()["items"] if p["role"] == "host")
    user = {"name": host["display_name"], "color": host["color"], "participantId": host["id"]}
    return {**state, "user": {**state.get("user", {}), **user}}


def _frame(client_id: int, clock: int, state: dict[str, Any] | None) -> bytes:
    return awareness_frame(encode_awareness([AwarenessEntry(client_id, clock, state)]))


async def _next_awareness(ws: ClientConnection, timeout: float = 3) -> list[AwarenessEntry]:
    with anyio.fail_after(timeout):
        while True:
            frame = await ws.recv()
            assert isinstance(frame, bytes)
            kind, _, body = parse_frame(frame)
            if kind == MSG_AWARENESS:
                return decode_awareness(body)


async def test_relay_query_and_cleanup(live: LiveServer, room: RoomSetup) -> None:
    a_url = live.doc_url(room.room_id, room.host_token)
    b_url = live.doc_url(room.room_id, room.candidate_token)
    cursor = await _as_relayed(live, room, CURSOR)
    async with connect(b_url) as b:
        async with connect(a_url) as a:
            await a.send(_frame(111, 1, CURSOR))
            assert await _next_awareness(b) == [AwarenessEntry(111, 1, cursor)]
            # A late joiner gets the current states without asking; query-awareness too.
            async with connect(b_url) as c:
                assert await _next_awareness(c) == [AwarenessEntry(111, 1, cursor)]
                await c.send(b"\x03")
                assert await _next_awareness(c) == [AwarenessEntry(111, 1, cursor)]
        # A left: everyone is told its state is gone.
        assert await _next_awareness(b) == [AwarenessEntry(111, 2, None)]


async def test_cannot_overwrite_someone_elses_state(live: LiveServer, room: RoomSetup) -> None:
    a_url = live.doc_url(room.room_id, room.host_token)
    b_url = live.doc_url(room.room_id, room.candidate_token)
    cursor = await _as_relayed(live, room, CURSOR)
    async with connect(a_url) as a, connect(b_url) as b:
        await a.send(_frame(111, 1, CURSOR))
        assert await _next_awareness(b) == [AwarenessEntry(111, 1, cursor)]
        await b.send(_frame(111, 9, None))  # B tries to erase A's cursor
        with pytest.raises(TimeoutError):
            await _next_awareness(a, timeout=0.5)
        async with connect(b_url) as c:
            assert await _next_awareness(c) == [AwarenessEntry(111, 1, cursor)]


async def test_cannot_wear_someone_elses_name_or_colour(live: LiveServer, room: RoomSetup) -> None:
    a_url = live.doc_url(room.room_id, room.host_token)
    b_url = live.doc_url(room.room_id, room.candidate_token)
    spoof = {"user": {"name": "Cand", "color": "#000000", "participantId": room.candidate_id}}
    async with connect(a_url) as a, connect(b_url) as b:
        await a.send(_frame(222, 1, {**spoof, "file": "main.py"}))
        [entry] = await _next_awareness(b)
    host_user = (await _as_relayed(live, room, {}))["user"]
    assert entry.state == {"user": host_user, "file": "main.py"}
    assert host_user["participantId"] != room.candidate_id


async def test_oversized_awareness_closes(live: LiveServer, room: RoomSetup) -> None:
    async with connect(live.doc_url(room.room_id, room.candidate_token)) as ws:
        await ws.send(_frame(5, 1, {"junk": "x" * 9000}))
        assert await closed_within(ws) == 1002


async def test_awareness_rate_limited(live: LiveServer, room: RoomSetup) -> None:
    a_url = live.doc_url(room.room_id, room.host_token)
    b_url = live.doc_url(room.room_id, room.candidate_token)
    async with connect(a_url) as a, connect(b_url) as b:
        started = time.monotonic()
        for clock in range(1, 501):
            await a.send(_frame(7, clock, {"n": clock}))
        received = 0
        with anyio.move_on_after(1):
            while True:
                received += len(await _next_awareness(b))
        elapsed = time.monotonic() - started
        # Burst 60, then 30 a second: far fewer than the 500 sent, however slow the machine.
        assert 0 < received <= 60 + 30 * elapsed + 5
        assert received < 500
