"""RoomManager lifecycle: idle unload after flushing, reload, graceful shutdown."""

from __future__ import annotations

import gc
import logging
import weakref
from collections.abc import AsyncIterator

import anyio
import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coderoom.collab.connection import Connection
from coderoom.collab.manager import ManagerConfig, RoomDefaults, RoomManager
from coderoom.collab.models import DocCheckpoint
from coderoom.collab.protocol import (
    MSG_AWARENESS,
    AwarenessEntry,
    awareness_frame,
    decode_awareness,
    encode_awareness,
    parse_frame,
)
from coderoom.collab.room import CollabRoom, collab_topic, initial_update
from coderoom.collab.store import load_doc
from coderoom.core.errors import Unavailable
from coderoom.realtime.memory import InMemoryBus
from coderoom.settings import Settings
from coderoom.storage.db import create_engine, create_sessionmaker
from coderoom.storage.reads import SessionReads
from collab.live import make_room, serve_app
from collab.ydoc import pycrdt_client, text

pytestmark = pytest.mark.anyio
DEFAULTS = RoomDefaults(language="python", filename="main.py")


@pytest.fixture
async def sessionmaker(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on the test database."""
    engine = create_engine(settings.database_url)
    yield create_sessionmaker(engine)
    await engine.dispose()


async def _checkpoints(sessionmaker: async_sessionmaker[AsyncSession], room_id: str) -> int:
    async with sessionmaker() as session:
        count = await session.scalar(
            select(func.count()).select_from(DocCheckpoint).where(DocCheckpoint.room_id == room_id)
        )
    return count or 0


async def _type_and_unload(manager: RoomManager, room_id: str, edits: str) -> CollabRoom:
    """Type ``edits`` into the room, leave it idle, and wait until it has unloaded."""
    room = await manager.acquire(room_id, DEFAULTS)
    for char in edits:
        text(room.doc).insert(len(text(room.doc)), char)
    with anyio.fail_after(5):
        while manager.loaded(room_id) is not None:
            await anyio.sleep(0.02)
    return room


async def test_idle_room_unloads_after_flush_and_reloads(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    config = ManagerConfig(idle_unload_s=0.2, maintenance_s=0.05, checkpoint_every=1)
    manager = RoomManager(sessionmaker, InMemoryBus(), config)
    async with manager.running():
        room = await _type_and_unload(manager, "r1", "kept")
        assert manager.updates.pending == 0
        doc, last_seq, _ = await load_doc(SessionReads(sessionmaker), "r1")
        assert last_seq > 0
        assert str(text(doc)) == "kept"
        again = await manager.acquire("r1", DEFAULTS)
        assert again is not room
        assert str(text(again.doc)) == "kept"


async def test_a_short_tail_unloads_without_a_checkpoint_until_it_grows(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    # A checkpoint only saves its next load from replaying the tail: a short tail is
    # cheaper to replay than to checkpoint at every unload, but the tail stays bounded.
    config = ManagerConfig(
        idle_unload_s=0.1, maintenance_s=0.02, checkpoint_every=1000, unload_checkpoint_from=4
    )
    manager = RoomManager(sessionmaker, InMemoryBus(), config)
    async with manager.running():
        await _type_and_unload(manager, "r5", "ab")  # the initial update + 2 edits: 3 rows
        assert await _checkpoints(sessionmaker, "r5") == 0
        room = await manager.acquire("r5", DEFAULTS)
        assert room.unsaved == 3  # the replayed tail
        assert str(text(room.doc)) == "ab"
        await _type_and_unload(manager, "r5", "c")
        assert await _checkpoints(sessionmaker, "r5") == 1
        room = await manager.acquire("r5", DEFAULTS)
        assert room.unsaved == 0
        assert str(text(room.doc)) == "abc"


async def test_an_unloaded_room_is_freed_with_its_document(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    # pycrdt holds a document's observer in Rust, where the cyclic collector cannot see
    # that it refers to the room: unless the room stops observing, it is never freed.
    config = ManagerConfig(idle_unload_s=0.2, maintenance_s=0.05)
    manager = RoomManager(sessionmaker, InMemoryBus(), config)
    async with manager.running():
        room = weakref.ref(await _type_and_unload(manager, "r6", "gone"))
        with anyio.fail_after(5):  # the room's task ends just after the unload
            while room() is not None:
                gc.collect()
                await anyio.sleep(0.02)


async def test_a_single_process_bus_carries_no_doc_traffic(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    # Only this room would receive it, and it drops its own messages: each edit would
    # cost two task wake-ups for nothing.
    bus = InMemoryBus()
    manager = RoomManager(sessionmaker, bus)
    async with manager.running(), bus.subscribe(collab_topic("r3")) as sub:
        room = await manager.acquire("r3", DEFAULTS)
        room.request_sync()
        text(room.doc).insert(0, "typed")
        with anyio.move_on_after(0.3):
            async for message in sub:
                pytest.fail(f"unexpected bus message {message!r}")
        assert str(text(room.doc)) == "typed"


async def test_concurrent_acquire_loads_once(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    manager = RoomManager(sessionmaker, InMemoryBus())
    async with manager.running():
        rooms = []

        async def acquire() -> None:
            rooms.append(await manager.acquire("r2", DEFAULTS))

        async with anyio.create_task_group() as tg:
            for _ in range(20):
                tg.start_soon(acquire)
        assert len({id(r) for r in rooms}) == 1


async def test_a_cancelled_caller_does_not_cancel_the_load_others_wait_for(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    release = anyio.Event()

    async def slow_defaults(_session: AsyncSession) -> RoomDefaults:
        await release.wait()
        return DEFAULTS

    manager = RoomManager(sessionmaker, InMemoryBus())
    async with manager.running():
        got: list[str] = []

        async def patient() -> None:
            room = await manager.acquire("r6", slow_defaults)
            got.append(str(text(room.doc)))

        async with anyio.create_task_group() as tg:
            with anyio.move_on_after(0.1):  # this caller gives up while the room loads
                await manager.acquire("r6", slow_defaults)
            tg.start_soon(patient)
            await anyio.sleep(0.05)
            release.set()
        assert got == [""]
        assert manager.loaded("r6") is not None


async def test_a_failed_load_fails_every_caller_and_the_next_acquire_loads_afresh(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    attempts = 0

    async def failing_once(_session: AsyncSession) -> RoomDefaults:
        nonlocal attempts
        attempts += 1
        await anyio.sleep(0.05)
        if attempts == 1:
            raise RuntimeError("the problem library is down")
        return DEFAULTS

    manager = RoomManager(sessionmaker, InMemoryBus())
    async with manager.running():
        outcomes: list[str] = []

        async def caller() -> None:
            try:
                await manager.acquire("r7", failing_once)
                outcomes.append("room")
            except Unavailable:
                outcomes.append("unavailable")

        async with anyio.create_task_group() as tg:
            for _ in range(3):
                tg.start_soon(caller)
        assert outcomes == ["unavailable"] * 3
        assert attempts == 1  # one load, however many callers
        room = await manager.acquire("r7", failing_once)
        assert manager.loaded("r7") is room
        assert attempts == 2


async def test_graceful_shutdown_closes_clients_and_flushes(settings: Settings) -> None:
    async with anyio.create_task_group() as tg:
        server, address = await serve_app(settings, tg)
        async with httpx.AsyncClient(base_url=f"http://{address}", timeout=20) as http:
            room = await make_room(http)
        url = f"ws://{address}/ws/rooms/{room.room_id}/doc?token={room.candidate_token}"
        async with pycrdt_client(url) as (doc, ws):
            text(doc).insert(0, "typed just before shutdown")
            await anyio.sleep(0.01)
            server.should_exit = True
            # uvicorn closes sockets itself (1012) before the lifespan's 1001; either is fine.
            with anyio.fail_after(15):
                await ws.wait_closed()
            assert ws.close_code in (1001, 1012)
    engine = create_engine(settings.database_url)
    try:
        saved = (await load_doc(SessionReads(create_sessionmaker(engine)), room.room_id)).doc
    finally:
        await engine.dispose()
    assert str(text(saved)) == "typed just before shutdown"


class _MemorySocket:
    def __init__(self) -> None:
        self.frames: list[bytes] = []

    async def send_bytes(self, data: bytes) -> None:
        self.frames.append(data)

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        pass


async def test_silent_awareness_is_swept_and_removal_relayed(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    config = ManagerConfig(awareness_timeout_s=0.3, maintenance_s=0.05)
    manager = RoomManager(sessionmaker, InMemoryBus(), config)
    async with manager.running(), anyio.create_task_group() as tg:
        room = await manager.acquire("r3", DEFAULTS)
        inbox_a, frames_a = anyio.create_memory_object_stream[bytes | None](10)
        inbox_b, frames_b = anyio.create_memory_object_stream[bytes | None](10)
        sock_b = _MemorySocket()
        conn_a = Connection(_MemorySocket(), participant_id="a", can_write=True)
        conn_b = Connection(sock_b, participant_id="b", can_write=True)
        tg.start_soon(room.serve, conn_a, frames_a.receive)
        tg.start_soon(room.serve, conn_b, frames_b.receive)
        await inbox_a.send(awareness_frame(encode_awareness([AwarenessEntry(9, 1, {"c": 1})])))

        def seen() -> list[AwarenessEntry]:
            out = []
            for frame in sock_b.frames:
                kind, _, body = parse_frame(frame)
                if kind == MSG_AWARENESS:
                    out += decode_awareness(body)
            return out

        with anyio.fail_after(5):
            # A stays connected but silent: after the timeout B is told A's state is gone.
            while AwarenessEntry(9, 2, None) not in seen():
                await anyio.sleep(0.05)
        assert seen()[0] == AwarenessEntry(9, 1, {"c": 1})
        assert len(room.awareness) == 0
        await inbox_a.send(None)
        await inbox_b.send(None)


async def test_a_room_load_writes_no_info_line(
    sessionmaker: async_sessionmaker[AsyncSession], caplog: pytest.LogCaptureFixture
) -> None:
    # A storm of new rooms (every reconnect after a restart) logged one line each: at
    # INFO, formatting and writing it cost more than the rest of the load.
    manager = RoomManager(sessionmaker, InMemoryBus())
    async with manager.running():
        with caplog.at_level(logging.INFO, logger="coderoom.collab"):
            await manager.acquire("r-quiet", DEFAULTS)
    loads = [r for r in caplog.records if "r-quiet" in r.getMessage()]
    assert all(r.levelno < logging.INFO for r in loads), [r.getMessage() for r in loads]


def test_the_first_update_is_built_once_per_content() -> None:
    first = initial_update("go", "main.go", "package main\n")
    assert initial_update("go", "main.go", "package main\n") is first
    assert initial_update("go", "main.go") != first
