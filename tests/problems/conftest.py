"""Problems tests: the running app with its state (bus, executor) and a seeded library."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from asgi_lifespan import LifespanManager

from coderoom.problems.seed import seed_library
from coderoom.settings import Settings
from lifespan import running_app
from problems.addtwo import SEEDED


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Room for the accounts these tests register; a few of the library's problems seeded."""
    settings.auth.register_rate_limit = "100/minute"
    return settings


@pytest.fixture
async def manager(settings: Settings) -> AsyncIterator[LifespanManager]:
    """The running app over a database seeded with part of the library."""
    await seed_library(settings, slugs=SEEDED)
    async with running_app(settings) as running:
        yield running
