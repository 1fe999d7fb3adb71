"""The app running with its lifespan, and what a room's event topic carries (any domain's tests)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
from asgi_lifespan import LifespanManager

from coderoom.app import create_app
from coderoom.realtime.bus import Bus
from coderoom.realtime.events import room_topic
from coderoom.settings import Settings

Action = Callable[[], Awaitable[Any]]
Collect = Callable[[str, Action], Awaitable[list[dict[str, Any]]]]


@asynccontextmanager
async def running_app(settings: Settings) -> AsyncIterator[LifespanManager]:
    """The real app with its lifespan running; the manager keeps hold of the lifespan state."""
    application = create_app(settings)
    async with LifespanManager(application, startup_timeout=30, shutdown_timeout=30) as manager:
        yield manager


async def collect_room_events(bus: Bus, room_id: str, action: Action) -> list[dict[str, Any]]:
    """Run ``action()`` and return the envelopes published on the room's topic meanwhile."""
    received: list[dict[str, Any]] = []
    async with bus.subscribe(room_topic(room_id)) as subscription:
        await action()
        with anyio.move_on_after(0.2):
            async for _topic, payload in subscription:
                received.append(json.loads(payload))
    return received
