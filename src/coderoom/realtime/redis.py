"""RedisBus: the bus across processes, on Redis pub/sub.

Every payload is delivered to this node's subscribers straight away (through an
``InMemoryBus``) and published to Redis framed as ``<node_id>|<payload>``; the reader
drops frames carrying its own ``node_id``, so a node never sees its own message twice.
Redis pub/sub is at-most-once: while Redis is unreachable, remote delivery is lost
(local delivery goes on) and the reader reconnects with capped exponential backoff,
resubscribing every live topic. Every Redis call runs under a timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from coderoom.realtime.bus import Subscription
from coderoom.realtime.memory import InMemoryBus

log = logging.getLogger(__name__)

_SEP = b"|"
_CALL_TIMEOUT_S = 3.0
_READ_POLL_S = 1.0
_ACK_WAIT_S = 3.0
_BACKOFF_START_S = 0.1
_BACKOFF_CAP_S = 5.0
_REDIS_ERRORS = (RedisError, OSError, TimeoutError)


class RedisBus:
    """A ``Bus`` shared by every process connected to one Redis.

    Use as an async context manager: entering starts the supervised reader task,
    leaving stops it and closes the connections.

    Args:
        url: ``redis://host:port/db``.
        prefix: channel name prefix, so several deployments (or test runs) share a server.
        node_id: this process's id (random by default).
    """

    spans_nodes = True

    def __init__(self, url: str, *, prefix: str = "coderoom:", node_id: str | None = None) -> None:
        self.node_id = node_id or uuid.uuid4().hex[:12]
        self._prefix = prefix
        self._local = InMemoryBus()
        self._redis = aioredis.Redis.from_url(
            url,
            socket_timeout=_CALL_TIMEOUT_S,
            socket_connect_timeout=_CALL_TIMEOUT_S,
            client_name=f"coderoom-bus-{self.node_id}",
        )
        self._refs: Counter[str] = Counter()
        self._acks: dict[str, asyncio.Event] = {}
        self._pubsub: PubSub | None = None
        self._reader: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()
        self._publish_failing = False

    async def __aenter__(self) -> RedisBus:
        # Connect before returning, so the first subscriptions are confirmed by Redis
        # rather than left to the reader's next reconnect.
        try:
            await self._connect()
        except _REDIS_ERRORS as exc:
            log.warning("redis bus cannot connect yet (%r); retrying in the background", exc)
            await self._close_pubsub()
        self._reader = asyncio.get_running_loop().create_task(
            self._supervise(), name=f"redis-bus-{self.node_id}"
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        await self._close_pubsub()
        with contextlib.suppress(*_REDIS_ERRORS):
            async with asyncio.timeout(_CALL_TIMEOUT_S):
                await self._redis.aclose()

    async def publish(self, topic: str, payload: bytes) -> None:
        """Deliver ``payload`` to ``topic`` here at once, and to other nodes via Redis.

        A Redis failure is logged, not raised: the bus is best-effort across nodes.
        """
        await self._local.publish(topic, payload)
        try:
            async with asyncio.timeout(_CALL_TIMEOUT_S):
                await self._redis.publish(
                    self._channel(topic), self.node_id.encode() + _SEP + payload
                )
        except _REDIS_ERRORS as exc:
            if not self._publish_failing:  # once per outage, not once per message
                log.warning("redis publish failing (%r); remote nodes miss messages", exc)
            self._publish_failing = True
            return
        if self._publish_failing:
            log.warning("redis publish works again")
            self._publish_failing = False

    @asynccontextmanager
    async def subscribe(self, *topics: str) -> AsyncIterator[Subscription]:
        """Subscribe to ``topics``; returns once Redis confirmed (or after a short wait)."""
        async with self._local.subscribe(*topics) as sub:
            fresh = [t for t in topics if self._refs[t] == 0]
            self._refs.update(topics)
            try:
                await self._redis_subscribe(fresh)
                yield sub
            finally:
                self._refs.subtract(topics)
                await self._redis_unsubscribe([t for t in set(topics) if self._refs[t] <= 0])

    def _channel(self, topic: str) -> str:
        return self._prefix + topic

    async def _redis_subscribe(self, topics: list[str]) -> None:
        if not topics or self._pubsub is None:
            return  # the reader subscribes every live topic when it (re)connects
        events = [self._acks.setdefault(self._channel(t), asyncio.Event()) for t in topics]
        try:
            async with asyncio.timeout(_CALL_TIMEOUT_S):
                await self._pubsub.subscribe(*(self._channel(t) for t in topics))
            async with asyncio.timeout(_ACK_WAIT_S):
                for event in events:
                    await event.wait()
        except _REDIS_ERRORS as exc:
            log.warning("redis subscribe to %s not confirmed: %r", topics, exc)

    async def _redis_unsubscribe(self, topics: list[str]) -> None:
        for topic in topics:
            del self._refs[topic]
            self._acks.pop(self._channel(topic), None)
        if not topics or self._pubsub is None:
            return
        try:
            async with asyncio.timeout(_CALL_TIMEOUT_S):
                await self._pubsub.unsubscribe(*(self._channel(t) for t in topics))
        except _REDIS_ERRORS as exc:
            log.warning("redis unsubscribe from %s failed: %r", topics, exc)

    async def _supervise(self) -> None:
        # The one long-lived task: (re)connects, reads, and backs off on failure.
        delay = _BACKOFF_START_S
        while True:
            try:
                if self._pubsub is None:
                    await self._connect()
                    delay = _BACKOFF_START_S
                await self._read_forever()
            except _REDIS_ERRORS as exc:
                log.warning("redis bus connection lost (%r); retrying in %.1fs", exc, delay)
            except Exception:
                # A bug here must not end cross-node delivery for the life of the process.
                log.exception("redis bus reader failed; restarting in %.1fs", delay)
            self.connected.clear()
            await self._close_pubsub()
            await asyncio.sleep(delay)
            delay = min(delay * 2, _BACKOFF_CAP_S)

    async def _connect(self) -> None:
        pubsub = self._redis.pubsub()
        async with asyncio.timeout(_CALL_TIMEOUT_S):
            await pubsub.connect()
            # Published before listing the live topics: a concurrent ``subscribe`` then
            # either is in the list or subscribes on this connection itself.
            self._pubsub = pubsub
            live = [self._channel(t) for t, n in self._refs.items() if n > 0]
            if live:
                await pubsub.subscribe(*live)
        self.connected.set()
        log.info("redis bus %s connected", self.node_id)

    async def _read_forever(self) -> None:
        assert self._pubsub is not None  # noqa: S101 - set by _connect just before
        while True:
            message = await self._pubsub.get_message(timeout=_READ_POLL_S)
            if message is not None:
                await self._dispatch(message)

    async def _dispatch(self, message: dict[str, Any]) -> None:
        channel = message["channel"].decode()
        if message["type"] == "subscribe":
            if (event := self._acks.get(channel)) is not None:
                event.set()
            return
        if message["type"] != "message":
            return
        origin, sep, payload = bytes(message["data"]).partition(_SEP)
        if not sep or origin.decode(errors="replace") == self.node_id:
            return
        await self._local.publish(channel.removeprefix(self._prefix), payload)

    async def _close_pubsub(self) -> None:
        pubsub, self._pubsub = self._pubsub, None
        if pubsub is None:
            return
        with contextlib.suppress(*_REDIS_ERRORS):
            async with asyncio.timeout(_CALL_TIMEOUT_S):
                await pubsub.aclose()  # type: ignore[no-untyped-call]
