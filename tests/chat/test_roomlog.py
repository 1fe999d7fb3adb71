"""The room log, the hub and presence, on the in-memory and the Redis implementations."""

from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import AsyncIterator

import anyio
import pytest
import redis.asyncio as aioredis
from redis.exceptions import RedisError

from coderoom.realtime.bus import Bus
from coderoom.realtime.events import (
    RoomEnvelope,
    configure_room_events,
    publish_ephemeral,
    publish_room_event,
    room_topic,
)
from coderoom.realtime.hub import Hub
from coderoom.realtime.memory import InMemoryBus
from coderoom.realtime.presence import PresenceEntry, RedisPresence
from coderoom.realtime.redis import RedisBus
from coderoom.realtime.roomlog import MemoryRoomLog, RedisRoomLog, RoomLog
from collab.ydoc import wait_for
from conftest import REDIS_URL

pytestmark = pytest.mark.anyio


async def _seed(_room_id: str) -> int:
    return 41  # as if the activity log already held 41 events


@pytest.fixture
async def scratch_redis() -> AsyncIterator[tuple[aioredis.Redis, str]]:
    """A Redis client and a private key prefix; every key under it is deleted afterwards.

    The client connects only when used, so in-memory variants run without a Redis server.
    """
    prefix = f"test:{secrets.token_hex(6)}:"
    client = aioredis.Redis.from_url(REDIS_URL)
    try:
        yield client, prefix
    finally:
        with contextlib.suppress(RedisError, OSError):
            keys = [k async for k in client.scan_iter(f"{prefix}*")]
            if keys:
                await client.delete(*keys)
        await client.aclose()


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def backend(
    request: pytest.FixtureRequest, scratch_redis: tuple[aioredis.Redis, str]
) -> AsyncIterator[tuple[Bus, RoomLog]]:
    """A bus and a room log of one kind (Redis ones under a private prefix)."""
    if request.param == "memory":
        yield InMemoryBus(), MemoryRoomLog(size=5, seed=_seed)
        return
    client, prefix = scratch_redis
    async with RedisBus(REDIS_URL, prefix=prefix) as bus:
        yield bus, RedisRoomLog(client, prefix=prefix, size=5, seed=_seed)


def _envelope(n: int) -> RoomEnvelope:
    return {
        "type": "t",
        "room_id": "r",
        "origin_node": "n",
        "ts": 0.0,
        "audience": "all",
        "participant_id": None,
        "actor_id": None,
        "seq": None,
        "data": {"n": n},
    }


async def test_seq_continues_from_seed_and_buffer_is_bounded(backend: tuple[Bus, RoomLog]) -> None:
    _, log = backend
    assert await log.head("r") == 41
    stored = [await log.append("r", _envelope(i)) for i in range(8)]
    assert [e["seq"] for e in stored] == list(range(42, 50))
    assert await log.head("r") == 49
    assert await log.since("r", 49) == []
    recent = await log.since("r", 45)
    assert recent is not None
    assert [e["data"]["n"] for e in recent] == [4, 5, 6, 7]
    assert await log.since("r", 44) is not None  # 45..49 are the five kept
    assert await log.since("r", 43) is None  # 44 was trimmed: resync
    assert await log.since("r", 50) is None  # a seq never given out: resync
    assert await log.head("other") == 41  # rooms are independent


async def test_concurrent_appends_get_distinct_seqs(backend: tuple[Bus, RoomLog]) -> None:
    _, log = backend
    seqs: list[int] = []

    async def append(i: int) -> None:
        seqs.append((await log.append("r", _envelope(i)))["seq"] or 0)

    async with anyio.create_task_group() as tg:
        for i in range(30):
            tg.start_soon(append, i)
    assert sorted(seqs) == list(range(42, 72))


class Collector:
    """A hub client that records what it is given."""

    def __init__(self) -> None:
        self.events: list[RoomEnvelope] = []
        self.resyncs: list[int] = []
        self.lost = False

    def deliver(self, envelope: RoomEnvelope) -> None:
        self.events.append(envelope)

    def resync(self, head: int) -> None:
        self.resyncs.append(head)

    def feed_lost(self) -> None:
        self.lost = True


@contextlib.asynccontextmanager
async def collecting_hub(
    backend: tuple[Bus, RoomLog],
) -> AsyncIterator[tuple[Hub, Collector]]:
    """A hub on ``backend`` (configured for room events) and a client; the hub closes on exit."""
    bus, log = backend
    configure_room_events(bus, log)
    hub = Hub(bus, log)
    try:
        yield hub, Collector()
    finally:
        await hub.aclose()


async def test_hub_delivers_in_order_and_fills_gaps(backend: tuple[Bus, RoomLog]) -> None:
    bus, log = backend
    async with collecting_hub(backend) as (hub, client):
        try:
            assert await hub.join("r", client) == 41
            await publish_room_event(bus, "r", "a", {})
            await publish_ephemeral(bus, "r", "typing", {})
            # An event numbered and kept but lost on the bus (as Redis pub/sub may do) ...
            await log.append("r", _envelope(99))
            # ... is filled in from the log when the next one arrives.
            await publish_room_event(bus, "r", "b", {})
            await wait_for(lambda: len(client.events) == 4, timeout=5, interval=0.01)
            # A duplicate (e.g. a replayed bus message) is dropped.
            await bus.publish(room_topic("r"), json.dumps(client.events[0]).encode())
            await publish_room_event(bus, "r", "c", {})
            await wait_for(lambda: len(client.events) == 5, timeout=5, interval=0.01)
            assert [(e["type"], e["seq"]) for e in client.events] == [
                ("a", 42),
                ("typing", None),
                ("t", 43),
                ("b", 44),
                ("c", 45),
            ]
            assert client.resyncs == []
        finally:
            hub.leave("r", client)
    assert hub.rooms() == 0


async def test_hub_asks_for_resync_when_the_gap_is_gone(backend: tuple[Bus, RoomLog]) -> None:
    bus, log = backend
    async with collecting_hub(backend) as (hub, client):
        await hub.join("r", client)
        for i in range(7):  # more than the buffer keeps, none of them on the bus
            await log.append("r", _envelope(i))
        await publish_room_event(bus, "r", "after", {})
        await wait_for(lambda: client.events, timeout=5, interval=0.01)
        assert client.resyncs == [48]
        assert [e["type"] for e in client.events] == ["after"]
    assert client.lost


@pytest.mark.redis
async def test_redis_presence_hides_and_reaps_entries_of_dead_nodes(
    scratch_redis: tuple[aioredis.Redis, str],
) -> None:
    client, prefix = scratch_redis
    node_a = RedisPresence(client, prefix=prefix, ttl_s=0.3)
    node_b = RedisPresence(client, prefix=prefix, ttl_s=0.3)
    entry: PresenceEntry = {
        "connection_id": "c1",
        "participant_id": "p1",
        "name": "Ghost",
        "role": "candidate",
        "color": "#e6194b",
        "seen": 0.0,
    }
    await node_a.put("r", entry)
    assert [e["connection_id"] for e in await node_b.connections("r")] == ["c1"]
    await anyio.sleep(0.4)  # node A died: nobody refreshes c1
    assert await node_b.connections("r") == []
    reaped: list[list[PresenceEntry]] = []

    async def reap(store: RedisPresence) -> None:
        reaped.append(await store.reap("r"))

    async with anyio.create_task_group() as tg:
        tg.start_soon(reap, node_a)
        tg.start_soon(reap, node_b)
    assert sorted(len(r) for r in reaped) == [0, 1]  # reported exactly once


@pytest.mark.parametrize("kind", ["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def test_log_also_bounds_bytes_per_room(
    kind: str, scratch_redis: tuple[aioredis.Redis, str]
) -> None:
    log: RoomLog = MemoryRoomLog(size=100, max_room_bytes=5000)
    if kind == "redis":
        client, prefix = scratch_redis
        log = RedisRoomLog(client, prefix=prefix, size=100, max_room_bytes=5000)
    for i in range(10):
        envelope = _envelope(i)
        envelope["data"] = {"stdout": "x" * 1000}
        await log.append("r", envelope)
    kept = await log.kept("r")
    assert 3 <= len(kept) <= 5
    assert [e["seq"] for e in kept] == list(range(11 - len(kept), 11))
    assert await log.since("r", 1) is None
