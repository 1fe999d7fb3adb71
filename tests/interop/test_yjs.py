"""Stock JavaScript y-websocket clients and a pycrdt client edit one room together."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest

from collab.live import LiveServer, RoomSetup
from collab.ydoc import pycrdt_client, text, wait_for
from interop.node import node_client

# The protocol is what is under test here, not the database: SQLite only.
pytestmark = [
    pytest.mark.anyio,
    pytest.mark.interop,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]


async def test_js_and_pycrdt_converge(
    live: LiveServer, room: RoomSetup, node_packages: Path
) -> None:
    py_url = live.doc_url(room.room_id, room.host_token)
    async with (
        node_client(node_packages, live.ws_base, room.room_id, room.candidate_token, "js1") as js1,
        node_client(node_packages, live.ws_base, room.room_id, room.host_token, "js2") as js2,
        pycrdt_client(py_url) as (doc, _),
    ):
        await js1.call("type", path="main.py", chars="from js1;", delayMs=2)
        await js2.call("insert", path="main.py", index=0, text="from js2;")
        text(doc).insert(0, "from py;")
        expected = ["from js1;", "from js2;", "from py;"]
        a = await js1.call("wait", path="main.py", contains=expected)
        b = await js2.call("wait", path="main.py", contains=expected)
        await wait_for(lambda: str(text(doc)) == a["text"])
        assert a["text"] == b["text"] == str(text(doc))


async def test_js_sees_awareness_of_others(
    live: LiveServer, room: RoomSetup, node_packages: Path
) -> None:
    async with (
        node_client(node_packages, live.ws_base, room.room_id, room.candidate_token, "ada") as a,
        node_client(node_packages, live.ws_base, room.room_id, room.host_token, "bob") as b,
    ):
        await a.call("cursor", file="main.py", pos=4)
        peers = (await b.call("peers", count=1))["peers"]
        # The client called itself "ada"; the server shows its participant record's name.
        assert peers[0]["user"]["name"] == "Cand"
        assert peers[0]["user"]["participantId"] == room.candidate_id
        await wait_for_cursor(b)
    # (cleanup on leave is covered with raw frames in tests/collab/test_awareness.py)


async def wait_for_cursor(client: object) -> None:
    with anyio.fail_after(10):
        while True:
            peers = (await client.call("peers", count=1))["peers"]  # type: ignore[attr-defined]
            if peers[0].get("cursor") == {"file": "main.py", "pos": 4}:
                return
            await anyio.sleep(0.05)


async def test_js_offline_edits_merge(
    live: LiveServer, room: RoomSetup, node_packages: Path
) -> None:
    # The pycrdt-websocket failure case with the browser's client: B edits while offline,
    # A keeps editing; once B reconnects by itself, A has B's edits and B has A's.
    async with (
        node_client(node_packages, live.ws_base, room.room_id, room.host_token, "A") as a,
        node_client(node_packages, live.ws_base, room.room_id, room.candidate_token, "B") as b,
    ):
        await a.call("insert", path="main.py", index=0, text="base;")
        await b.call("wait", path="main.py", contains=["base;"])
        await b.call("disconnect")
        await b.call("insert", path="main.py", text="B-offline;")
        await a.call("insert", path="main.py", text="A-online;")
        await anyio.sleep(0.3)
        await b.call("connect")
        want = ["base;", "B-offline;", "A-online;"]
        got_a = await a.call("wait", path="main.py", contains=want)
        got_b = await b.call("wait", path="main.py", contains=want)
        assert got_a["text"] == got_b["text"]
    async with pycrdt_client(live.doc_url(room.room_id, room.host_token)) as (doc, _):
        await wait_for(lambda: str(text(doc)) == got_a["text"])
