"""A client's frames arrive in order whether written directly or queued behind back-pressure."""

from __future__ import annotations

import asyncio
from contextvars import Context
from functools import partial
from typing import Any

import anyio
import pytest
import websockets
from pycrdt import Doc, Text
from sqlalchemy.ext.asyncio import async_sessionmaker
from starlette.websockets import WebSocket

from asgi_server import Scope, serve_websocket
from coderoom.collab.connection import Connection
from coderoom.collab.protocol import SyncType, sync_frame
from coderoom.collab.room import CollabRoom
from coderoom.collab.store import UpdateLog
from coderoom.realtime.memory import InMemoryBus
from coderoom.realtime.websocket import PROTOCOL, direct_send
from collab.live import LiveServer, RoomSetup
from collab.ydoc import pycrdt_client, text, wait_for

pytestmark = pytest.mark.anyio

FRAMES = 600
PADDING = b"." * 16_000  # 600 x 16 kB: far more than the socket buffers hold


async def test_a_client_that_stops_reading_still_gets_every_frame_in_order() -> None:
    outcomes: list[bool] = []
    done = anyio.Event()

    async def handler(scope: Scope, receive: Any, send: Any) -> None:
        socket = WebSocket(scope, receive, send)
        await socket.accept()
        writer = direct_send(scope)
        assert writer is not None

        def counted(frame: bytes) -> bool:
            outcomes.append(writer(frame))
            return outcomes[-1]

        conn = Connection(socket, participant_id=None, can_write=False, direct=counted)
        async with anyio.create_task_group() as tg:
            tg.start_soon(conn.write_loop)
            for i in range(FRAMES):
                conn.send_frame(i.to_bytes(4, "big") + PADDING)
            await done.wait()
            conn.close(1000)

    async with (
        serve_websocket(handler, ws=PROTOCOL, ws_per_message_deflate=False) as url,
        websockets.connect(url, max_size=None) as ws,
    ):
        await anyio.sleep(0.3)  # not reading: the server's transport pauses
        received = [int.from_bytes((await ws.recv())[:4], "big") for _ in range(FRAMES)]
        done.set()
    assert received == list(range(FRAMES))
    assert True in outcomes, "the first frames go out directly"
    assert False in outcomes, "back-pressure sends the rest through the queue"
    assert len(outcomes) < FRAMES, "once queued, later frames wait in the queue"


def _writers() -> list[asyncio.Task[Any]]:
    return [t for t in asyncio.all_tasks() if t.get_name().startswith("collab writer")]


async def test_a_client_served_directly_runs_no_writer_task(
    live: LiveServer, room: RoomSetup
) -> None:
    # Every frame goes straight to the transport, so the connection never starts its
    # writer: a task per connection was a measurable share of a reconnect storm.
    url = live.doc_url(room.room_id, room.host_token)
    async with pycrdt_client(url) as (writer, _), pycrdt_client(url) as (reader, _):
        text(writer).insert(0, "typed")
        await wait_for(lambda: str(text(reader)) == "typed")
        assert _writers() == []
        loaded = live.room_manager().loaded(room.room_id)
        assert loaded is not None
        assert len(loaded.connections) == 2


class _PausedSocket:
    """A socket whose direct writes are refused (as under back-pressure) until released."""

    def __init__(self) -> None:
        self.frames: list[bytes] = []
        self.closed: int | None = None
        self.paused = True

    def direct(self, frame: bytes) -> bool:
        if not self.paused:
            self.frames.append(frame)
        return not self.paused

    async def send_bytes(self, data: bytes) -> None:
        self.frames.append(data)

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        self.closed = code


async def test_the_writer_starts_when_a_frame_must_wait_and_keeps_the_order() -> None:
    socket = _PausedSocket()
    conn = Connection(socket, participant_id=None, can_write=True, direct=socket.direct)
    async with anyio.create_task_group() as tg:
        conn.start_writer_with(partial(tg.start_soon, conn.write_loop))
        conn.send_frame(b"\x01")  # refused: queued, and the writer starts
        socket.paused = False
        conn.send_frame(b"\x02")  # behind the queued one, never around it
        with anyio.fail_after(5):
            while len(socket.frames) < 2:
                await anyio.sleep(0.01)
        conn.close(4403, "gone")
    assert socket.frames == [b"\x01", b"\x02"]
    assert socket.closed == 4403


async def test_finish_without_a_writer_closes_the_socket_itself() -> None:
    socket = _PausedSocket()
    socket.paused = False
    conn = Connection(socket, participant_id=None, can_write=True, direct=socket.direct)
    started: list[bool] = []
    conn.start_writer_with(lambda: started.append(True))
    conn.send_frame(b"\x01")
    await conn.finish(1000)
    assert socket.frames == [b"\x01"]
    assert socket.closed == 1000
    assert started == []


async def test_a_frame_queued_inside_a_direct_receive_callback_is_delivered() -> None:
    # Frames arrive through the protocol's callback, where no task is current. When one
    # makes another client's frame wait (back-pressure), that client's writer has to start
    # right there; anyio's start_soon cannot (NoEventLoopError), and the sender was dropped.
    room = CollabRoom("r-cb", Doc(), updates=UpdateLog(async_sessionmaker()), bus=InMemoryBus())
    reader_socket, receivers = _PausedSocket(), []
    reader_socket.paused = False

    def install(receiver: Any) -> bool:
        receivers.append(receiver)
        return True

    reader = Connection(
        reader_socket, participant_id="r", can_write=True, direct=reader_socket.direct
    )
    sender = Connection(_PausedSocket(), participant_id="s", can_write=True)
    ends = [anyio.create_memory_object_stream[bytes | None](1) for _ in range(2)]
    async with anyio.create_task_group() as tg:
        tg.start_soon(room.serve, reader, ends[0][1].receive)
        tg.start_soon(room.serve, sender, ends[1][1].receive, install)
        with anyio.fail_after(5):
            while not receivers or receivers[-1] is None:
                await anyio.sleep(0.01)
        reader_socket.paused = True  # the reader's transport is full: its frames must wait
        edit: Doc = Doc()
        edit["t"] = Text("hello")
        frame = sync_frame(SyncType.UPDATE, edit.get_update())
        # As the protocol calls it: outside any task, in a context of its own.
        asyncio.get_running_loop().call_soon(receivers[-1], frame, context=Context())
        with anyio.fail_after(5):
            while frame not in reader_socket.frames:
                await anyio.sleep(0.01)
        for send, _ in ends:
            await send.send(None)
    assert str(room.doc.get("t", type=Text)) == "hello"
