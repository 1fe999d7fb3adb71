"""Two ``coderoom serve`` processes on one Redis and one PostgreSQL serve the same room."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect

from coderoom.settings import Settings
from collab.live import make_room
from collab.ydoc import closed_within, pycrdt_client, text, wait_for
from conftest import REDIS_URL, TEST_SECRET, _truncate_all
from e2e.process import ServeProcess, free_port
from interop.node import node_client

pytestmark = [pytest.mark.anyio, pytest.mark.e2e, pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture
def nodes(pg_database: str, tmp_path: Path) -> Iterator[tuple[ServeProcess, ServeProcess]]:
    """Two server processes sharing the session's PostgreSQL database and a real Redis."""
    asyncio.run(_truncate_all(pg_database))
    settings = Settings(
        mode="test",
        var_dir=tmp_path / "var",
        database_url=pg_database,
        secret_key=TEST_SECRET,
        _env_file=None,  # type: ignore[call-arg]
    )
    env = {"CODEROOM_REDIS_URL": REDIS_URL}
    a = ServeProcess(settings, free_port(), tmp_path / "a.log", **env)
    b = ServeProcess(settings, free_port(), tmp_path / "b.log", **env)
    a.start()
    b.start()
    yield a, b
    a.stop()
    b.stop()


async def test_clients_on_two_nodes_converge_and_see_awareness(
    nodes: tuple[ServeProcess, ServeProcess], node_packages: Path
) -> None:
    a, b = nodes
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{a.port}", timeout=20) as http:
        room = await make_room(http)
    ws_a, ws_b = f"ws://127.0.0.1:{a.port}", f"ws://127.0.0.1:{b.port}"
    url_a = f"{ws_a}/ws/rooms/{room.room_id}/doc?token={room.host_token}"
    tag = secrets.token_hex(4)
    async with pycrdt_client(url_a) as (doc, _):
        text(doc).insert(0, f"typed on A before B loaded {tag};")
        async with (
            node_client(node_packages, ws_b, room.room_id, room.candidate_token, "on-b") as js,
            node_client(node_packages, ws_a, room.room_id, room.host_token, "on-a") as js_a,
        ):
            await js.call("wait", path="main.py", contains=[tag])
            await js.call("insert", path="main.py", index=0, text="from B;")
            await wait_for(lambda: "from B;" in str(text(doc)))
            final = await js.call("wait", path="main.py", contains=["from B;", tag])
            await wait_for(lambda: str(text(doc)) == final["text"])
            # Awareness crosses nodes too: the client on B sees the one on A, named as
            # A's server stamped it (the host's participant record, not "on-a").
            peers = (await js.call("peers", count=1))["peers"]
            assert peers[0]["user"]["name"] == "Host"
            await js_a.call("cursor", file="main.py", pos=1)


async def test_removal_on_one_node_closes_the_socket_on_the_other(
    nodes: tuple[ServeProcess, ServeProcess],
) -> None:
    a, b = nodes
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{a.port}", timeout=20) as http:
        room = await make_room(http)
        url_b = f"ws://127.0.0.1:{b.port}/ws/rooms/{room.room_id}/doc?token={room.candidate_token}"
        async with connect(url_b) as ws:
            await ws.recv()  # in the room on node B
            response = await http.delete(
                f"/api/v1/rooms/{room.room_id}/participants/{room.candidate_id}",
                headers=room.host_headers,
            )
            assert response.status_code == 204, response.text
            assert await closed_within(ws, 5) == 4403
