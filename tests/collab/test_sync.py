"""Document sync over real sockets with pycrdt clients: convergence, log, permissions."""

from __future__ import annotations

import gc

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

import accounts
from coderoom.problems.seed import seed_library
from coderoom.realtime.websocket import DirectSendProtocol
from coderoom.settings import Settings
from collab.live import LiveServer, RoomSetup
from collab.ydoc import pycrdt_client, text, wait_for

pytestmark = pytest.mark.anyio


async def test_two_clients_converge(live: LiveServer, room: RoomSetup) -> None:
    url_a = live.doc_url(room.room_id, room.host_token)
    url_b = live.doc_url(room.room_id, room.candidate_token)
    async with pycrdt_client(url_a) as (doc_a, _), pycrdt_client(url_b) as (doc_b, _):
        text(doc_a).insert(0, "print('hi')")
        await wait_for(lambda: str(text(doc_b)) == "print('hi')")
        text(doc_b).insert(0, "# b\n")
        await wait_for(lambda: str(text(doc_a)) == "# b\nprint('hi')")


async def test_a_room_created_with_a_problem_starts_with_its_starter_code(
    live: LiveServer, settings: Settings
) -> None:
    await seed_library(settings, slugs=("two-sum",))
    host = await accounts.register(live.http, name="Host")
    problem = (await live.http.get("/api/v1/problems/two-sum", headers=host["headers"])).json()
    room = await accounts.create_room(live.http, host["headers"], problem_id=problem["id"])
    async with pycrdt_client(live.doc_url(room["id"], host["access_token"])) as (doc, _):
        assert str(text(doc, "main.py")) == problem["starter_code"]["python"]
        assert str(text(doc, "main.py")).strip()


async def test_new_clients_get_the_current_document_after_every_change(
    live: LiveServer, room: RoomSetup
) -> None:
    # New clients share one encoding of the whole document until it changes: one joining
    # after a change must get that change in its initial sync (nothing resends it later).
    url = live.doc_url(room.room_id, room.host_token)
    async with pycrdt_client(url) as (writer, _), pycrdt_client(url) as (watcher, _):
        for word in ("one", "two", "three"):
            text(writer).insert(len(text(writer)), word)
            expected = str(text(writer))
            await wait_for(lambda e=expected: str(text(watcher)) == e)  # the server has it
            async with pycrdt_client(url) as (first, _), pycrdt_client(url) as (second, _):
                assert str(text(first)) == str(text(second)) == expected


async def test_a_closed_connection_is_freed_without_the_cyclic_collector(
    live: LiveServer, room: RoomSetup
) -> None:
    # Objects in reference cycles outlive their connection until a full collection, and
    # every full collection walks them: in a reconnect storm, tens of thousands of them.
    def alive() -> tuple[int, int]:
        objects = gc.get_objects()
        return (
            sum(isinstance(o, DirectSendProtocol) for o in objects),
            sum(isinstance(o, HttpToolsProtocol) for o in objects),
        )

    url = live.doc_url(room.room_id, room.candidate_token)
    async with pycrdt_client(url):  # the room is loaded
        pass
    gc.collect()
    gc.disable()
    try:
        before = alive()
        for _ in range(3):
            async with pycrdt_client(url) as (doc, _):
                text(doc).insert(0, "x")
        await wait_for(lambda: alive() == before)
    finally:
        gc.enable()


async def test_a_connected_client_keeps_no_database_session_alive(
    live: LiveServer, room: RoomSetup
) -> None:
    # A thousand connected clients must not mean a thousand closed sessions in memory: the
    # garbage collector walks every live object in each full collection.
    def sessions() -> int:
        return sum(isinstance(o, AsyncSession) for o in gc.get_objects())

    url = live.doc_url(room.room_id, room.candidate_token)
    async with pycrdt_client(url):  # the room is loaded and its first connect done
        gc.collect()
        before = sessions()
        async with pycrdt_client(url), pycrdt_client(url), pycrdt_client(url):
            gc.collect()
            assert sessions() - before < 3
