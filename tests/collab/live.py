"""A real uvicorn server on a free port, and rooms made over its HTTP API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import anyio
import httpx
import pytest
import uvicorn

import accounts
from coderoom.app import create_app
from coderoom.collab.manager import RoomManager
from coderoom.realtime.websocket import PROTOCOL
from coderoom.settings import Settings


@dataclass
class LiveServer:
    """A running coderoom server and an HTTP client for it."""

    http: httpx.AsyncClient
    ws_base: str
    state: dict[str, Any]

    def doc_url(self, room_id: str, token: str | None) -> str:
        query = f"?token={token}" if token is not None else ""
        return f"{self.ws_base}/ws/rooms/{room_id}/doc{query}"

    def room_manager(self) -> RoomManager:
        """The server's room manager (from its lifespan state)."""
        manager: RoomManager = self.state["room_manager"]
        return manager


async def serve_app(settings: Settings, tg: anyio.abc.TaskGroup) -> tuple[uvicorn.Server, str]:
    """Start uvicorn with the real app on a free port inside ``tg``; returns it and its URL."""
    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        lifespan="on",
        log_level="warning",
        ws_per_message_deflate=False,
        ws=PROTOCOL,  # as `coderoom serve` runs it
    )
    server = uvicorn.Server(config)
    tg.start_soon(server.serve)
    with anyio.fail_after(20):
        while not server.started:
            await anyio.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, f"127.0.0.1:{port}"


@dataclass
class RoomSetup:
    """A room with a host, an admitted candidate and an observer, with their tokens."""

    room_id: str
    invite_code: str
    host_token: str
    candidate_token: str
    candidate_id: str
    host_headers: dict[str, str]


async def make_room(http: httpx.AsyncClient, candidate: str = "Cand", **fields: Any) -> RoomSetup:
    """A room (auto-admit on) with its host and one admitted guest candidate."""
    host = await accounts.register(http, name="Host")
    room = await accounts.create_room(http, host["headers"], auto_admit=True, **fields)
    guest = await accounts.join_as_guest(http, room["invite_code"], name=candidate)
    return RoomSetup(
        room_id=room["id"],
        invite_code=room["invite_code"],
        host_token=host["access_token"],
        candidate_token=guest["access_token"],
        candidate_id=guest["participant"]["id"],
        host_headers=host["headers"],
    )


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
