"""The Bus contract, on the in-memory bus and on a real Redis; RedisBus across nodes."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import anyio
import pytest
import redis.asyncio as aioredis

from coderoom.realtime.bus import Bus, Subscription
from coderoom.realtime.memory import InMemoryBus
from coderoom.realtime.redis import RedisBus
from conftest import REDIS_URL

pytestmark = pytest.mark.anyio

BusFactory = Callable[[], AbstractAsyncContextManager[Bus]]


@asynccontextmanager
async def _memory() -> AsyncIterator[Bus]:
    yield InMemoryBus()


@pytest.fixture
def redis_prefix() -> str:
    """A channel prefix of our own, so parallel runs on one Redis never cross."""
    return f"test-{secrets.token_hex(6)}:"


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def bus_factory(request: pytest.FixtureRequest, redis_prefix: str) -> BusFactory:
    """Builds buses of the parametrized kind (all Redis ones share one prefix)."""
    if request.param == "memory":
        shared = InMemoryBus()

        @asynccontextmanager
        async def same() -> AsyncIterator[Bus]:
            yield shared

        return same
    return lambda: RedisBus(REDIS_URL, prefix=redis_prefix)


async def _next(sub: Subscription) -> tuple[str, bytes]:
    with anyio.fail_after(5):
        async for item in sub:
            return item
    raise AssertionError("subscription ended")


async def _nothing(sub: Subscription, wait_s: float = 0.3) -> None:
    with anyio.move_on_after(wait_s):
        async for item in sub:
            raise AssertionError(f"unexpected message {item!r}")


async def test_publish_reaches_subscriber(bus_factory: BusFactory) -> None:
    async with bus_factory() as bus, bus.subscribe("a", "b") as sub:
        await bus.publish("a", b"one")
        await bus.publish("c", b"nobody listens")
        await bus.publish("b", b"\x00two|\xff")
        assert await _next(sub) == ("a", b"one")
        assert await _next(sub) == ("b", b"\x00two|\xff")
        await _nothing(sub)


async def test_unsubscribed_topic_is_silent(bus_factory: BusFactory) -> None:
    async with bus_factory() as bus:
        async with bus.subscribe("a") as first:
            pass
        async with bus.subscribe("b") as sub:
            await bus.publish("a", b"gone")
            await bus.publish("b", b"here")
            assert await _next(sub) == ("b", b"here")
        del first


async def test_two_subscribers_same_topic(bus_factory: BusFactory) -> None:
    async with bus_factory() as bus, bus.subscribe("t") as s1:
        async with bus.subscribe("t") as s2:
            await bus.publish("t", b"x")
            assert await _next(s1) == ("t", b"x")
            assert await _next(s2) == ("t", b"x")
        # The second leaving must not unsubscribe the first.
        await bus.publish("t", b"y")
        assert await _next(s1) == ("t", b"y")


@pytest.mark.redis
async def test_redis_crosses_nodes_once(redis_prefix: str) -> None:
    async with (
        RedisBus(REDIS_URL, prefix=redis_prefix) as a,
        RedisBus(REDIS_URL, prefix=redis_prefix) as b,
        a.subscribe("room") as sub_a,
        b.subscribe("room") as sub_b,
    ):
        assert a.node_id != b.node_id
        await a.publish("room", b"from-a")
        assert await _next(sub_b) == ("room", b"from-a")
        # A node gets its own message once (local delivery), never its Redis echo.
        assert await _next(sub_a) == ("room", b"from-a")
        await _nothing(sub_a)


@pytest.mark.redis
async def test_redis_prefix_isolates(redis_prefix: str) -> None:
    async with (
        RedisBus(REDIS_URL, prefix=redis_prefix) as a,
        RedisBus(REDIS_URL, prefix=redis_prefix + "other:") as b,
        b.subscribe("room") as sub_b,
    ):
        await a.publish("room", b"x")
        await _nothing(sub_b)


@pytest.mark.redis
async def test_redis_reconnects_and_resubscribes(redis_prefix: str) -> None:
    async with (
        RedisBus(REDIS_URL, prefix=redis_prefix) as a,
        RedisBus(REDIS_URL, prefix=redis_prefix) as b,
        b.subscribe("room") as sub_b,
    ):
        admin = aioredis.Redis.from_url(REDIS_URL)
        try:
            clients = await admin.client_list(_type="pubsub")
            ours = [c for c in clients if c.get("name") == f"coderoom-bus-{b.node_id}"]
            assert ours, "the bus names its pubsub connection"
            for c in ours:
                await admin.client_kill_filter(_id=c["id"])
        finally:
            await admin.aclose()
        # Publish until one arrives: the reader reconnects with backoff and resubscribes.
        with anyio.fail_after(10):
            while True:
                await a.publish("room", b"again")
                with anyio.move_on_after(0.3):
                    assert await _next(sub_b) == ("room", b"again")
                    break


@pytest.mark.redis
async def test_redis_down_keeps_local_delivery() -> None:
    # Port 1 refuses connections: the bus must neither raise nor hang.
    async with RedisBus("redis://127.0.0.1:1/0") as bus, bus.subscribe("t") as sub:
        with anyio.fail_after(10):
            await bus.publish("t", b"local")
        assert await _next(sub) == ("t", b"local")
        assert not bus.connected.is_set()
