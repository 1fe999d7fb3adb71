"""Problems tests: the running app with its state (bus, executor) and a seeded library."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import anyio
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from coderoom.app import create_app
from coderoom.problems.seed import seed_library
from coderoom.realtime.bus import Bus
from coderoom.realtime.events import room_topic
from coderoom.settings import Settings

SEEDED = ("two-sum", "valid-parentheses", "group-anagrams", "binary-tree-level-order")
Collect = Callable[[str, Callable[[], Awaitable[Any]]], Awaitable[list[dict[str, Any]]]]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Room for the accounts these tests register; a few of the library's problems seeded."""
    settings.auth.register_rate_limit = "100/minute"
    return settings


@pytest.fixture
async def manager(settings: Settings) -> AsyncIterator[LifespanManager]:
    """The running app over a database seeded with part of the library."""
    await seed_library(settings, slugs=SEEDED)
    async with LifespanManager(create_app(settings), startup_timeout=30) as running:
        yield running


@pytest.fixture
def app(manager: LifespanManager) -> FastAPI:
    """The app the shared ``client`` fixture talks to."""
    return manager.app  # type: ignore[return-value]


@pytest.fixture
def room_events(manager: LifespanManager) -> Collect:
    """``await room_events(room_id, action)``: the room's envelopes published during action."""
    bus: Bus = manager._state["bus"]

    async def collect(room_id: str, action: Callable[[], Awaitable[Any]]) -> list[dict[str, Any]]:
        received: list[dict[str, Any]] = []
        async with bus.subscribe(room_topic(room_id)) as subscription:
            await action()
            with anyio.move_on_after(0.2):
                async for _topic, payload in subscription:
                    received.append(json.loads(payload))
        return received

    return collect
