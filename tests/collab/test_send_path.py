"""A client's frames arrive in order whether written directly or queued behind back-pressure."""

from __future__ import annotations

from typing import Any

import anyio
import pytest
import websockets
from starlette.websockets import WebSocket

from asgi_server import Scope, serve_websocket
from coderoom.collab.connection import Connection
from coderoom.realtime.websocket import PROTOCOL, direct_send

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
