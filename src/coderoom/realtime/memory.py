"""InMemoryBus: the single-process default."""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

log = logging.getLogger(__name__)

_QUEUE_SIZE = 1024


class _MemorySubscription:
    def __init__(self, receive: MemoryObjectReceiveStream[tuple[str, bytes]]) -> None:
        self._receive = receive

    async def __aiter__(self) -> AsyncIterator[tuple[str, bytes]]:
        async for item in self._receive:
            yield item


class InMemoryBus:
    """Fans payloads out to subscribers in this process through bounded streams.

    A subscriber whose stream is full loses the message and it is logged: the bus
    never blocks a publisher on a slow consumer (same contract as Redis pub/sub).
    """

    spans_nodes = False

    def __init__(self) -> None:
        self.node_id = uuid.uuid4().hex[:12]
        self._subs: dict[str, set[MemoryObjectSendStream[tuple[str, bytes]]]] = defaultdict(set)

    async def publish(self, topic: str, payload: bytes) -> None:
        """Deliver ``payload`` to the current subscribers of ``topic``."""
        for send in list(self._subs.get(topic, ())):
            try:
                send.send_nowait((topic, bytes(payload)))
            except anyio.WouldBlock:
                log.warning("bus subscriber on %s is full; message dropped", topic)
            except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                self._subs[topic].discard(send)

    @asynccontextmanager
    async def subscribe(self, *topics: str) -> AsyncIterator[_MemorySubscription]:
        """Subscribe to ``topics`` until the context exits."""
        send, receive = anyio.create_memory_object_stream[tuple[str, bytes]](_QUEUE_SIZE)
        for topic in topics:
            self._subs[topic].add(send)
        try:
            yield _MemorySubscription(receive)
        finally:
            for topic in topics:
                self._subs[topic].discard(send)
                if not self._subs[topic]:
                    del self._subs[topic]
            send.close()
            receive.close()
