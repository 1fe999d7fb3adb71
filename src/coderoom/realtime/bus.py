"""The bus port: publish bytes on a topic, subscribe to topics. One node or many.

Implementations: ``memory.InMemoryBus`` (default, single process, tests) and
``redis.RedisBus`` (several processes sharing rooms). Payloads are bytes so the
in-memory bus behaves exactly like the networked one (no shared mutable objects).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from typing import Protocol


class Subscription(Protocol):
    """A live subscription: iterate to receive ``(topic, payload)`` pairs."""

    def __aiter__(self) -> AsyncIterator[tuple[str, bytes]]: ...


class Bus(Protocol):
    """Topic-based fan-out within one process or across processes."""

    node_id: str
    # Whether other processes may be on this bus: with a single process there is nobody
    # to tell about what only this node's own subscribers act on (collab doc updates).
    spans_nodes: bool

    async def publish(self, topic: str, payload: bytes) -> None:
        """Deliver ``payload`` to every subscriber of ``topic`` on every node."""
        ...

    def subscribe(self, *topics: str) -> AbstractAsyncContextManager[Subscription]:
        """Subscribe to ``topics`` for the duration of the context."""
        ...
