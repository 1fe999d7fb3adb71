"""Who is connected to a room's events socket, on every node.

Each connection is one entry, refreshed by its heartbeat. ``MemoryPresence`` serves one
process; ``RedisPresence`` keeps a hash per room so every node sees every connection.
An entry whose node died without removing it stops being listed once it is older than
``ttl_s`` (the heartbeat refreshes live ones well within that), and the next heartbeat
of any connection in the room reaps it and announces the leave.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Awaitable
from typing import NotRequired, Protocol, TypedDict, cast

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from coderoom.core.errors import Unavailable

_REDIS_ERRORS = (RedisError, OSError, TimeoutError)


class CallMedia(TypedDict):
    """A connection in the room's call, and whether it sends sound and picture."""

    audio: bool
    video: bool


class PresenceEntry(TypedDict):
    """One live connection. Keep in sync with ``presence.*`` in docs/protocol.md."""

    connection_id: str
    participant_id: str
    name: str
    role: str
    color: str
    seen: float
    call: NotRequired[CallMedia]  # present while this connection is in the call


class PresenceStore(Protocol):
    """Registry of the live connections of every room."""

    async def put(self, room_id: str, entry: PresenceEntry) -> None:
        """Add or refresh ``entry`` (its ``seen`` is set to now)."""
        ...

    async def remove(self, room_id: str, connection_id: str) -> None:
        """Forget a connection."""
        ...

    async def connections(self, room_id: str) -> list[PresenceEntry]:
        """The room's live connections."""
        ...

    async def reap(self, room_id: str) -> list[PresenceEntry]:
        """Remove entries nobody refreshed within the TTL; return those this call removed."""
        ...


class MemoryPresence:
    """The single-process ``PresenceStore``."""

    def __init__(self) -> None:
        self._rooms: defaultdict[str, dict[str, PresenceEntry]] = defaultdict(dict)

    async def put(self, room_id: str, entry: PresenceEntry) -> None:
        """Add or refresh ``entry``."""
        entry["seen"] = time.time()
        self._rooms[room_id][entry["connection_id"]] = entry

    async def remove(self, room_id: str, connection_id: str) -> None:
        """Forget a connection."""
        room = self._rooms.get(room_id)
        if room is not None:
            room.pop(connection_id, None)
            if not room:
                del self._rooms[room_id]

    async def connections(self, room_id: str) -> list[PresenceEntry]:
        """The room's live connections."""
        return list(self._rooms.get(room_id, {}).values())

    async def reap(self, room_id: str) -> list[PresenceEntry]:
        """Nothing to reap: in one process every connection removes its own entry."""
        return []


class RedisPresence:
    """The multi-process ``PresenceStore``: one Redis hash per room.

    Args:
        client: a ``redis.asyncio.Redis`` (the caller owns it).
        prefix: key prefix.
        ttl_s: entries not refreshed for this long are treated as gone.
    """

    def __init__(self, client: aioredis.Redis, *, prefix: str = "coderoom:", ttl_s: float) -> None:
        self._redis = client
        self._prefix = prefix
        self._ttl_s = ttl_s

    def _key(self, room_id: str) -> str:
        return f"{self._prefix}room:{room_id}:presence"

    async def put(self, room_id: str, entry: PresenceEntry) -> None:
        """Add or refresh ``entry``.

        Raises:
            Unavailable: Redis cannot be reached.
        """
        entry["seen"] = time.time()
        key = self._key(room_id)
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.hset(key, entry["connection_id"], json.dumps(entry))
                pipe.expire(key, int(self._ttl_s) + 1)
                await pipe.execute()
        except _REDIS_ERRORS as exc:
            raise Unavailable("Presence is unavailable; try again.") from exc

    async def remove(self, room_id: str, connection_id: str) -> None:
        """Forget a connection (a Redis failure leaves it to expire)."""
        try:
            await cast("Awaitable[int]", self._redis.hdel(self._key(room_id), connection_id))
        except _REDIS_ERRORS as exc:
            raise Unavailable("Presence is unavailable.") from exc

    async def _entries(self, key: str) -> list[PresenceEntry]:
        raw = await cast("Awaitable[dict[bytes, bytes]]", self._redis.hgetall(key))
        return [cast(PresenceEntry, json.loads(v)) for v in raw.values()]

    async def connections(self, room_id: str) -> list[PresenceEntry]:
        """The room's live connections (stale entries are left out)."""
        try:
            entries = await self._entries(self._key(room_id))
        except _REDIS_ERRORS as exc:
            raise Unavailable("Presence is unavailable; try again.") from exc
        cutoff = time.time() - self._ttl_s
        return sorted((e for e in entries if e["seen"] >= cutoff), key=lambda e: e["seen"])

    async def reap(self, room_id: str) -> list[PresenceEntry]:
        """Remove entries of connections whose node stopped refreshing them (it died).

        Several nodes may reap at once; ``HDEL`` tells each which entries it removed, so
        every dead connection is reported exactly once.
        """
        key = self._key(room_id)
        cutoff = time.time() - self._ttl_s
        try:
            stale = [e for e in await self._entries(key) if e["seen"] < cutoff]
            reaped = [
                entry
                for entry in stale
                if await cast("Awaitable[int]", self._redis.hdel(key, entry["connection_id"]))
            ]
        except _REDIS_ERRORS as exc:
            raise Unavailable("Presence is unavailable.") from exc
        return reaped
