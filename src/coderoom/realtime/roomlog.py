"""Per-room sequence numbers and the bounded resume buffer.

Every sequenced room event gets the room's next ``seq`` and is kept in a buffer of the
last ``size`` events, *in one atomic step*: if ``seq = n`` exists, every ``seq < n`` is
already in the buffer. The hub relies on that to fill a gap it sees on the bus (Redis
pub/sub may reorder messages published by different nodes, or drop them).

Two implementations:

- ``MemoryRoomLog``: one process (the default without Redis). The counter starts from
  the highest ``seq`` in the activity log (``seed``), so a restart never reuses numbers.
- ``RedisRoomLog``: several processes. ``INCR`` + ``ZADD`` + trim in one Lua script, so
  all nodes share one sequence. A missing counter (new room, or expired) is seeded from
  the activity log as well.

``since(room, n)`` returns the events after ``n``, or ``None`` when some of them are no
longer kept: the client must resync (never a silent gap).
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, cast

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from coderoom.core.errors import Unavailable

if TYPE_CHECKING:
    from coderoom.realtime.events import RoomEnvelope

log = logging.getLogger(__name__)

Seed = Callable[[str], Awaitable[int]]
"""Returns the highest ``seq`` already used by a room (0 for none)."""

DEFAULT_SIZE = 1000
DEFAULT_ROOM_BYTES = 16 * 1024 * 1024
_REDIS_ERRORS = (RedisError, OSError, TimeoutError)


async def _no_history(_room_id: str) -> int:
    return 0


class RoomLog(Protocol):
    """Sequence numbers and the resume buffer of every room."""

    async def append(self, room_id: str, envelope: RoomEnvelope) -> RoomEnvelope:
        """Give ``envelope`` the room's next ``seq``, keep it, and return the stored copy."""
        ...

    async def head(self, room_id: str) -> int:
        """The room's last assigned ``seq`` (0 before the first event)."""
        ...

    async def since(self, room_id: str, seq: int) -> list[RoomEnvelope] | None:
        """Events with ``seq`` greater than ``seq``, oldest first; ``None`` if some are gone."""
        ...

    async def kept(self, room_id: str, after: int = 0) -> list[RoomEnvelope]:
        """Whatever the buffer still holds after ``after``, oldest first (gaps allowed)."""
        ...


def _after(seq: int, head: int, kept: list[RoomEnvelope]) -> list[RoomEnvelope] | None:
    if seq > head:
        return None  # the client saw numbers this log never gave out (e.g. Redis was reset)
    newer = [e for e in kept if (e["seq"] or 0) > seq]
    if seq == head:
        return []
    if not newer or (newer[0]["seq"] or 0) > seq + 1:
        return None
    return newer


def _with_seq(envelope: RoomEnvelope, seq: int) -> RoomEnvelope:
    stored = envelope.copy()
    stored["seq"] = seq
    return stored


@dataclass
class _Buffer:
    head: int
    events: deque[tuple[RoomEnvelope, int]] = field(default_factory=deque)
    size_bytes: int = 0


class MemoryRoomLog:
    """The single-process ``RoomLog``.

    Args:
        size: events kept per room for resume.
        seed: where a room's counter starts (the activity log's highest ``seq``).
        max_rooms: rooms kept in memory; the least recently used is dropped (its
            counter is re-seeded on next use, its buffer is lost, so resumes resync).
        max_room_bytes: also drop a room's oldest events beyond this much JSON (run
            results carry up to a megabyte of output each).
    """

    def __init__(
        self,
        *,
        size: int = DEFAULT_SIZE,
        seed: Seed = _no_history,
        max_rooms: int = 10_000,
        max_room_bytes: int = DEFAULT_ROOM_BYTES,
    ) -> None:
        self._size = size
        self._seed = seed
        self._max_rooms = max_rooms
        self._max_room_bytes = max_room_bytes
        self._rooms: OrderedDict[str, _Buffer] = OrderedDict()

    async def _buffer(self, room_id: str) -> _Buffer:
        buffer = self._rooms.get(room_id)
        if buffer is None:
            start = await self._seed(room_id)
            # Another task may have seeded the room while we awaited.
            buffer = self._rooms.get(room_id)
            if buffer is None:
                buffer = self._rooms[room_id] = _Buffer(start)
                while len(self._rooms) > self._max_rooms:
                    self._rooms.popitem(last=False)
        self._rooms.move_to_end(room_id)
        return buffer

    async def append(self, room_id: str, envelope: RoomEnvelope) -> RoomEnvelope:
        """Give ``envelope`` the room's next ``seq`` and keep it."""
        buffer = await self._buffer(room_id)
        # No await between numbering and storing: that is the atomicity the hub needs.
        buffer.head += 1
        stored = _with_seq(envelope, buffer.head)
        nbytes = len(json.dumps(stored["data"]))
        buffer.events.append((stored, nbytes))
        buffer.size_bytes += nbytes
        while len(buffer.events) > self._size or (
            buffer.size_bytes > self._max_room_bytes and len(buffer.events) > 1
        ):
            buffer.size_bytes -= buffer.events.popleft()[1]
        return stored

    async def head(self, room_id: str) -> int:
        """The room's last assigned ``seq``."""
        return (await self._buffer(room_id)).head

    async def since(self, room_id: str, seq: int) -> list[RoomEnvelope] | None:
        """Events after ``seq``, or ``None`` when the buffer no longer reaches back."""
        buffer = await self._buffer(room_id)
        return _after(seq, buffer.head, [e for e, _ in buffer.events])

    async def kept(self, room_id: str, after: int = 0) -> list[RoomEnvelope]:
        """Buffered events after ``after``."""
        buffer = await self._buffer(room_id)
        return [e for e, _ in buffer.events if (e["seq"] or 0) > after]


# KEYS: counter, buffer, buffer size in bytes. ARGV: envelope JSON (seq null), max events,
# ttl seconds, max bytes. Returns -1 when the counter is missing: the caller seeds it and
# calls again. Trimming keeps at least the newest event.
_APPEND_LUA = """
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local seq = redis.call('INCR', KEYS[1])
local member = seq .. '|' .. ARGV[1]
redis.call('ZADD', KEYS[2], seq, member)
local total = redis.call('INCRBY', KEYS[3], #member)
local count = redis.call('ZCARD', KEYS[2])
while count > 1 and (count > tonumber(ARGV[2]) or total > tonumber(ARGV[4])) do
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, 0)
  total = redis.call('DECRBY', KEYS[3], #oldest)
  count = count - 1
end
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[3]) end
return seq
"""


class RedisRoomLog:
    """The multi-process ``RoomLog``, shared through Redis.

    Args:
        client: a ``redis.asyncio.Redis`` (the caller owns and closes it).
        prefix: key prefix, so deployments and test runs can share a server.
        size: events kept per room for resume.
        seed: where a missing counter starts (the activity log's highest ``seq``).
        ttl_s: keys of a room without events for this long expire (then re-seeded).
        max_room_bytes: also drop a room's oldest events beyond this much JSON.
    """

    def __init__(
        self,
        client: aioredis.Redis,
        *,
        prefix: str = "coderoom:",
        size: int = DEFAULT_SIZE,
        seed: Seed = _no_history,
        ttl_s: int = 7 * 24 * 3600,
        max_room_bytes: int = DEFAULT_ROOM_BYTES,
    ) -> None:
        self._redis = client
        self._prefix = prefix
        self._size = size
        self._max_room_bytes = max_room_bytes
        self._seed = seed
        self._ttl_s = ttl_s
        self._append = client.register_script(_APPEND_LUA)

    def _keys(self, room_id: str) -> tuple[str, str, str]:
        base = f"{self._prefix}room:{room_id}"
        return f"{base}:seq", f"{base}:buffer", f"{base}:buffer_bytes"

    async def _seed_counter(self, room_id: str) -> None:
        counter, _, _ = self._keys(room_id)
        start = await self._seed(room_id)
        await self._redis.set(counter, start, nx=True, ex=self._ttl_s)

    async def append(self, room_id: str, envelope: RoomEnvelope) -> RoomEnvelope:
        """Give ``envelope`` the room's next ``seq`` and keep it (one Lua call).

        Raises:
            Unavailable: Redis cannot be reached.
        """
        payload = json.dumps(envelope)
        try:
            for _ in range(2):
                seq = int(
                    await self._append(
                        keys=list(self._keys(room_id)),
                        args=[payload, self._size, self._ttl_s, self._max_room_bytes],
                    )
                )
                if seq >= 0:
                    return _with_seq(envelope, seq)
                await self._seed_counter(room_id)
        except _REDIS_ERRORS as exc:
            raise Unavailable("The event bus is unavailable; try again.") from exc
        raise Unavailable("The room's event counter could not be initialised.")

    async def head(self, room_id: str) -> int:
        """The room's last assigned ``seq``."""
        counter, _, _ = self._keys(room_id)
        try:
            value = await self._redis.get(counter)
            if value is None:
                await self._seed_counter(room_id)
                value = await self._redis.get(counter)
        except _REDIS_ERRORS as exc:
            raise Unavailable("The event bus is unavailable; try again.") from exc
        return int(value or 0)

    async def since(self, room_id: str, seq: int) -> list[RoomEnvelope] | None:
        """Events after ``seq``, or ``None`` when the buffer no longer reaches back."""
        head = await self.head(room_id)
        kept = await self.kept(room_id, seq)
        # Events appended after we read ``head`` are fine to return: they are newer.
        return _after(seq, max([head, *(e["seq"] or 0 for e in kept)]), kept)

    async def kept(self, room_id: str, after: int = 0) -> list[RoomEnvelope]:
        """Buffered events after ``after``.

        Raises:
            Unavailable: Redis cannot be reached.
        """
        _, buffer, _ = self._keys(room_id)
        try:
            raw = await self._redis.zrangebyscore(buffer, after + 1, "+inf")
        except _REDIS_ERRORS as exc:
            raise Unavailable("The event bus is unavailable; try again.") from exc
        return [_decode(item) for item in raw]


def _decode(item: bytes | str) -> RoomEnvelope:
    text = item.decode() if isinstance(item, bytes) else item
    seq, _, payload = text.partition("|")
    envelope = cast("RoomEnvelope", json.loads(payload))
    envelope["seq"] = int(seq)
    return envelope
