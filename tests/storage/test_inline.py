"""The inline read engine: reads on the loop's thread, never a write, never a wait."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coderoom.storage.db import create_engine, create_read_engine, create_sessionmaker

pytestmark = pytest.mark.anyio

Engines = tuple[AsyncEngine, async_sessionmaker[AsyncSession]]


@pytest.fixture
async def engines(tmp_path: Path) -> AsyncIterator[Engines]:
    """The main engine and read sessions on one SQLite file holding ``t(x)`` = 1."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}"
    engine, reader = create_engine(url), create_read_engine(url)
    assert reader is not None
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (x INTEGER)"))
        await conn.execute(text("INSERT INTO t VALUES (1)"))
    yield engine, create_sessionmaker(reader)
    await reader.dispose()
    await engine.dispose()


async def _count(reads: async_sessionmaker[AsyncSession]) -> object:
    async with reads() as session:
        return (await session.execute(text("SELECT count(*) FROM t"))).scalar()


async def test_reads_what_the_main_engine_committed(engines: Engines) -> None:
    engine, reads = engines
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO t VALUES (2)"))
    assert await _count(reads) == 2


async def test_refuses_every_write(engines: Engines) -> None:
    _, reads = engines
    async with reads() as session:
        with pytest.raises(OperationalError, match="readonly"):
            await session.execute(text("INSERT INTO t VALUES (2)"))
    assert await _count(reads) == 1


async def test_does_not_wait_for_an_open_write_transaction(engines: Engines) -> None:
    # The writer holds the lock across awaits (as an ORM session does); a read on the
    # loop's thread must neither block on it (the writer could never finish) nor see it.
    engine, reads = engines
    async with engine.connect() as writer:
        await writer.execute(text("INSERT INTO t VALUES (2)"))  # uncommitted
        started = time.perf_counter()
        seen = await _count(reads)
        elapsed = time.perf_counter() - started
        await writer.commit()
    assert seen == 1
    assert elapsed < 0.2  # busy_timeout is 0.25 s: no lock wait happened
    assert await _count(reads) == 2


@pytest.mark.parametrize(
    "url",
    ["sqlite+aiosqlite:///:memory:", "sqlite+aiosqlite://", "postgresql+asyncpg://u@h/db"],
)
def test_only_for_sqlite_files(url: str) -> None:
    # An in-memory database is private to its connection; PostgreSQL is async already.
    assert create_read_engine(url) is None
