"""Rooms tests see the app's bus, and may register more accounts than the default limit."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import anyio
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from coderoom.app import create_app
from coderoom.realtime.bus import Bus
from coderoom.realtime.events import room_topic
from coderoom.settings import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shared test settings with room for the accounts these tests register."""
    settings.auth.register_rate_limit = "100/minute"
    return settings


@pytest.fixture
async def manager(settings: Settings) -> AsyncIterator[LifespanManager]:
    """The running app, keeping hold of its lifespan state (the bus)."""
    async with LifespanManager(create_app(settings), startup_timeout=30) as running:
        yield running


@pytest.fixture
def app(manager: LifespanManager) -> FastAPI:
    """The app the shared ``client`` fixture talks to."""
    return manager.app  # type: ignore[return-value]


@pytest.fixture
def bus(manager: LifespanManager) -> Bus:
    """The app's bus (asgi-lifespan keeps the lifespan state on the manager)."""
    state: dict[str, Any] = manager._state
    return state["bus"]  # type: ignore[no-any-return]


class RoomEvents:
    """Collects what a room's event topic carried."""

    def __init__(self, bus: Bus, room_id: str) -> None:
        self.bus = bus
        self.room_id = room_id

    async def during(self, action: Any) -> list[dict[str, Any]]:
        """Run ``action()`` (awaitable factory) and return the envelopes published meanwhile."""
        received: list[dict[str, Any]] = []
        async with self.bus.subscribe(room_topic(self.room_id)) as subscription:
            await action()
            with anyio.move_on_after(0.2):
                async for _topic, payload in subscription:
                    received.append(json.loads(payload))
        return received


@pytest.fixture
def room_events(bus: Bus) -> Any:
    """Factory: ``room_events(room_id).during(action)``."""
    return lambda room_id: RoomEvents(bus, room_id)
