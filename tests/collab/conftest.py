"""Fixtures for document sync: the live server and a fresh room."""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
import httpx
import pytest

from coderoom.settings import Settings
from collab.live import LiveServer, RoomSetup, make_room, serve_app


@pytest.fixture
async def live(settings: Settings) -> AsyncIterator[LiveServer]:
    """The app served by uvicorn over real sockets (y-websocket clients need a real port)."""
    async with anyio.create_task_group() as tg:
        server, address = await serve_app(settings, tg)
        async with httpx.AsyncClient(base_url=f"http://{address}", timeout=20) as http:
            yield LiveServer(http=http, ws_base=f"ws://{address}", state=server.lifespan.state)
        server.should_exit = True


@pytest.fixture
async def room(live: LiveServer) -> RoomSetup:
    """A fresh room on the live server."""
    return await make_room(live.http)
