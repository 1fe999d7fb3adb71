"""Shared fixtures: real databases (SQLite file and PostgreSQL), the app, an HTTP client."""

from __future__ import annotations

import functools
import os
import secrets
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import anyio
import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import text

from coderoom import models
from coderoom.migrations import upgrade_blocking
from coderoom.realtime.bus import Bus
from coderoom.settings import AuthSettings, Settings
from coderoom.storage.db import create_engine
from lifespan import Collect, collect_room_events, running_app

PG_ADMIN_DSN = os.environ.get("TEST_PG_ADMIN_DSN", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = "redis://127.0.0.1:6379/0"  # the test Redis (tests marked ``redis``)
TEST_SECRET = "test-secret-key-" + "x" * 32
T = TypeVar("T")


def run_blocking(func: Callable[..., Awaitable[T]], *args: Any) -> T:
    """Run an async helper to completion on a fresh loop in a worker thread.

    Session fixtures may be set up while a test's event loop is already running.
    """
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(anyio.run, func, *args).result()


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    """Everything async runs on asyncio (uvicorn, asyncpg and redis need it)."""
    return "asyncio"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating per test is slow)."""
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    upgrade_blocking(f"sqlite+aiosqlite:///{path}")
    return path


async def _pg_admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextmanager
def scratch_pg_database(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server (its URL), dropped afterwards."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    run_blocking(_pg_admin, f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    try:
        yield f"{base}/{name}"
    finally:
        run_blocking(_pg_admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, migrated once, dropped at the end.

    A database per session lets several developers (and CI) share one server.
    """
    with scratch_pg_database("coderoom_test") as url:
        upgrade_blocking(url)
        yield url


async def _truncate_all(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            tables = ", ".join(f'"{t.name}"' for t in models.metadata.sorted_tables)
            if tables:
                await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[str]:
    """A clean, migrated database: each test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "coderoom.db"
        shutil.copy(sqlite_template, path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    url = request.getfixturevalue("pg_database")
    run_blocking(_truncate_all, url)
    yield url


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """Test settings: private var dir, the parametrized database, a fixed secret."""
    return Settings(
        mode="test",
        var_dir=tmp_path / "var",
        database_url=database_url,
        secret_key=TEST_SECRET,
        # Real argon2id at its cheapest cost: accounts are made in almost every test.
        auth=AuthSettings(argon2_time_cost=1, argon2_memory_kib=1024, argon2_parallelism=1),
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
async def manager(settings: Settings) -> AsyncIterator[LifespanManager]:
    """The real app with its lifespan running (the manager keeps hold of its state)."""
    async with running_app(settings) as running:
        yield running


@pytest.fixture
def app(manager: LifespanManager) -> FastAPI:
    """The running app (what the shared ``client`` fixture talks to)."""
    return manager.app  # type: ignore[return-value]


@pytest.fixture
def state(manager: LifespanManager) -> dict[str, Any]:
    """The app's lifespan state (bus, executor, sessionmaker...)."""
    return manager._state


@pytest.fixture
def room_events(state: dict[str, Any]) -> Collect:
    """``await room_events(room_id, action)``: the room's envelopes published during action."""
    bus: Bus = state["bus"]
    return functools.partial(collect_room_events, bus)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in-process."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last.

    Playwright's sync API keeps its own event loop running on the main thread for as
    long as its session fixture lives; async tests collected after it would fail with
    "Cannot run the event loop while another loop is running".
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
