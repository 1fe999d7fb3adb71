"""Events-socket fixtures: a synchronous TestClient app and helpers driving real sockets.

These tests are synchronous on purpose: Starlette's TestClient runs the app (lifespan,
database engine, bus) on its own event loop in a portal thread, and every WebSocket and
HTTP call goes through that loop.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from coderoom.app import create_app
from coderoom.settings import Settings
from conftest import REDIS_URL


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Shared test settings, with room for the accounts these tests register."""
    settings.auth.register_rate_limit = "1000/minute"
    settings.auth.login_rate_limit = "1000/minute"
    return settings


@pytest.fixture
def tc(request: pytest.FixtureRequest, settings: Settings) -> Iterator[TestClient]:
    """The app with its lifespan running on the TestClient's loop (in-process bus by default)."""
    if getattr(request, "param", "memory") == "redis":
        settings.redis_url = REDIS_URL
    with TestClient(create_app(settings)) as client:
        yield client
