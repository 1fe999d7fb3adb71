"""The events socket's process-wide pieces, built once by the lifespan component.

Without ``CODEROOM_REDIS_URL`` everything is in-process (sequence numbers continue from
the activity log after a restart). With it, sequence numbers, the resume buffer and
presence live in Redis, so every node sees the same room.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, cast

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.datastructures import State

from coderoom.chat.activity import make_recorder, make_seed
from coderoom.realtime.bus import Bus
from coderoom.realtime.events import configure_room_events
from coderoom.realtime.hub import Hub
from coderoom.realtime.presence import MemoryPresence, PresenceStore, RedisPresence
from coderoom.realtime.roomlog import MemoryRoomLog, RedisRoomLog, RoomLog
from coderoom.settings import Settings

_REDIS_TIMEOUT_S = 3.0


@dataclass(frozen=True)
class EventsRuntime:
    """What every events-socket connection shares."""

    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]
    bus: Bus
    hub: Hub
    log: RoomLog
    presence: PresenceStore

    @classmethod
    def from_state(cls, state: State) -> EventsRuntime:
        """The runtime from a request's or socket's lifespan state."""
        return cast(EventsRuntime, state.events)


@asynccontextmanager
async def events_component(
    settings: Settings, state: dict[str, Any]
) -> AsyncIterator[dict[str, Any]]:
    """Lifespan component: room log, presence, hub; binds the log to the bus.

    Needs ``sessionmaker`` and ``bus`` in ``state`` (earlier components).
    """
    sessionmaker = cast(async_sessionmaker[AsyncSession], state["sessionmaker"])
    bus = cast(Bus, state["bus"])
    seed = make_seed(sessionmaker)
    size = settings.events.resume_buffer_size
    async with contextlib.AsyncExitStack() as stack:
        log: RoomLog
        presence: PresenceStore
        if settings.redis_url:
            client = aioredis.Redis.from_url(
                settings.redis_url,
                socket_timeout=_REDIS_TIMEOUT_S,
                socket_connect_timeout=_REDIS_TIMEOUT_S,
            )
            stack.push_async_callback(_close_redis, client)
            log = RedisRoomLog(client, size=size, seed=seed)
            presence = RedisPresence(client, ttl_s=settings.events.presence_ttl_s)
        else:
            log = MemoryRoomLog(size=size, seed=seed)
            presence = MemoryPresence()
        configure_room_events(bus, log, make_recorder(sessionmaker))
        hub = Hub(bus, log)
        stack.push_async_callback(hub.aclose)
        yield {"events": EventsRuntime(settings, sessionmaker, bus, hub, log, presence)}


async def _close_redis(client: aioredis.Redis) -> None:
    with contextlib.suppress(RedisError, OSError, TimeoutError):
        async with asyncio.timeout(_REDIS_TIMEOUT_S):
            await client.aclose()
