"""Real uvicorn servers and real ``websockets`` clients on the events socket.

Two app instances share one Redis and one database: an event published on either node
reaches the clients of both, with the same ``seq``, and a client resumes on the other node.
"""

from __future__ import annotations

import json
import time
from typing import Any

import anyio
import httpx
import pytest
import websockets

from coderoom.settings import Settings
from collab.live import make_room, serve_app
from collab.ydoc import closed_within
from conftest import REDIS_URL

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]


async def recv_until(ws: Any, kind: str, timeout: float = 5.0) -> dict[str, Any]:
    with anyio.fail_after(timeout):
        while True:
            body: dict[str, Any] = json.loads(await ws.recv())
            if body["type"] == kind:
                return body


async def recv_chat(ws: Any, text: str) -> dict[str, Any]:
    while True:
        body = await recv_until(ws, "chat.message")
        if body["data"]["text"] == text:
            return body


def url(base: str, room_id: str, token: str, **params: Any) -> str:
    query = "&".join(f"{k}={v}" for k, v in ({"token": token} | params).items())
    return f"ws://{base}/ws/rooms/{room_id}/events?{query}"


async def test_single_node_round_trip_and_reconnect(settings: Settings) -> None:
    settings.auth.register_rate_limit = "100/minute"
    async with anyio.create_task_group() as tg:
        server, base = await serve_app(settings, tg)
        async with httpx.AsyncClient(base_url=f"http://{base}") as http:
            room = await make_room(http)
        async with (
            websockets.connect(url(base, room.room_id, room.host_token)) as h,
            websockets.connect(url(base, room.room_id, room.candidate_token)) as g,
        ):
            await recv_until(h, "chat.history")
            guest_conn = (await recv_until(g, "welcome"))["connection_id"]
            await recv_until(g, "chat.history")
            started = time.perf_counter()
            await g.send(json.dumps({"type": "chat.send", "text": "ping over tcp"}))
            msg = await recv_chat(h, "ping over tcp")
            latency_ms = (time.perf_counter() - started) * 1000
            assert latency_ms < 1000
            await h.send(json.dumps({"type": "ping"}))
            await recv_until(h, "pong")
        # Both sockets closed; a host reconnecting from the chat message resumes and
        # finds the guest's leave (detected on close, not after a heartbeat timeout).
        async with websockets.connect(
            url(base, room.room_id, room.host_token, last_seq=msg["seq"])
        ) as h:
            with anyio.fail_after(5):
                left = await recv_until(h, "presence.left")
            assert left["seq"] > msg["seq"]
            assert left["data"]["connection_id"] == guest_conn
        server.should_exit = True


@pytest.mark.redis
async def test_two_nodes_share_events_and_seq_through_redis(settings: Settings) -> None:
    settings.redis_url = REDIS_URL
    settings.auth.register_rate_limit = "100/minute"
    async with anyio.create_task_group() as tg:
        server_a, base_a = await serve_app(settings, tg)
        server_b, base_b = await serve_app(settings, tg)
        async with httpx.AsyncClient(base_url=f"http://{base_a}") as http:
            room = await make_room(http)
        room_id = room.room_id
        async with (
            websockets.connect(url(base_a, room_id, room.host_token)) as h,
            websockets.connect(url(base_b, room_id, room.candidate_token)) as g,
        ):
            await recv_until(h, "chat.history")
            await recv_until(g, "chat.history")
            # Both nodes publish at once; every client sees every message with one seq.
            texts_a = [f"a{i}" for i in range(10)]
            texts_b = [f"b{i}" for i in range(10)]
            for a, b in zip(texts_a, texts_b, strict=True):
                await h.send(json.dumps({"type": "chat.send", "text": a}))
                await g.send(json.dumps({"type": "chat.send", "text": b}))
            seen: dict[str, dict[str, int]] = {"host": {}, "guest": {}}
            for name, ws in (("host", h), ("guest", g)):
                last = 0
                while len(seen[name]) < 20:
                    body = await recv_until(ws, "chat.message")
                    assert body["seq"] > last, "events arrive in seq order, no duplicates"
                    last = body["seq"]
                    seen[name][body["data"]["text"]] = body["seq"]
            assert seen["host"] == seen["guest"]
            assert len(set(seen["host"].values())) == 20
            last_seq = max(seen["guest"].values())
        # The guest was on node B; it resumes on node A and misses nothing.
        async with websockets.connect(url(base_b, room_id, room.host_token)) as h:
            await recv_until(h, "chat.history")
            await h.send(json.dumps({"type": "chat.send", "text": "while you were away"}))
            await recv_chat(h, "while you were away")
        async with websockets.connect(
            url(base_a, room_id, room.candidate_token, last_seq=last_seq)
        ) as g:
            missed = await recv_chat(g, "while you were away")
            assert missed["seq"] > last_seq
        server_a.should_exit = True
        server_b.should_exit = True


async def test_a_client_that_stops_reading_is_closed_with_1013(settings: Settings) -> None:
    settings.auth.register_rate_limit = "100/minute"
    settings.events.send_queue_size = 8
    settings.events.rate_per_s = 100_000
    settings.events.rate_burst = 100_000
    settings.webrtc.max_sdp_bytes = 64 * 1024
    async with anyio.create_task_group() as tg:
        server, base = await serve_app(settings, tg)
        async with httpx.AsyncClient(base_url=f"http://{base}") as http:
            room = await make_room(http, candidate="Slow")
        async with (
            websockets.connect(url(base, room.room_id, room.host_token)) as h,
            websockets.connect(url(base, room.room_id, room.candidate_token), max_queue=1) as s,
        ):
            await recv_until(h, "chat.history")
            await recv_until(s, "chat.history")
            # Signals flow only between people in the call.
            for ws in (h, s):
                await ws.send(json.dumps({"type": "call.join", "audio": False, "video": False}))
            while (await recv_until(h, "call.state"))["data"][
                "participant_id"
            ] != room.candidate_id:
                pass
            blob = {"type": "offer", "sdp": "v=0" + "x" * 60_000}
            signal = {"type": "rtc.signal", "to": room.candidate_id, "kind": "offer"}
            frame = json.dumps(signal | {"payload": blob})
            # ~36 MB towards a client that reads nothing: TCP buffers fill, then its queue.
            for _ in range(600):
                await h.send(frame)
            assert await closed_within(s, 30) == 1013
            # The sender is unaffected.
            await h.send(json.dumps({"type": "ping"}))
            await recv_until(h, "pong")
        server.should_exit = True
