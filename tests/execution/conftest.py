"""Execution tests: one sandbox (so queue tests are deterministic) and access to app state."""

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
    """One sandbox slot, and room for the accounts these tests register."""
    settings.auth.register_rate_limit = "100/minute"
    settings.sandbox.concurrency = 1
    return settings


@pytest.fixture
async def manager(settings: Settings) -> AsyncIterator[LifespanManager]:
    """The running app, keeping hold of its lifespan state."""
    async with LifespanManager(create_app(settings), startup_timeout=30) as running:
        yield running


@pytest.fixture
def app(manager: LifespanManager) -> FastAPI:
    """The app the shared ``client`` fixture talks to."""
    return manager.app  # type: ignore[return-value]


@pytest.fixture
def state(manager: LifespanManager) -> dict[str, Any]:
    """The app's lifespan state (bus, executor...)."""
    return manager._state


@pytest.fixture
def room_events(state: dict[str, Any]) -> Any:
    """``await room_events(room_id, action)``: the room's envelopes published during action."""
    bus: Bus = state["bus"]

    async def collect(room_id: str, action: Any) -> list[dict[str, Any]]:
        received: list[dict[str, Any]] = []
        async with bus.subscribe(room_topic(room_id)) as subscription:
            await action()
            with anyio.move_on_after(0.2):
                async for _topic, payload in subscription:
                    received.append(json.loads(payload))
        return received

    return collect
