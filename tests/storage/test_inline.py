"""The inline read engine: reads on the loop's thread, never a write, never a wait."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from coderoom.storage.db import create_engine, create_read_engine, create_sessionmaker

pytestmark = pytest.mark.anyio


async def test_reads_what_the_main_engine_committed(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}"
    engine, reader = create_engine(url), create_read_engine(url)
    assert reader is not None
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (x INTEGER)"))
            await conn.execute(text("INSERT INTO t VALUES (1), (2)"))
        async with create_sessionmaker(reader)() as session:
            assert (await session.execute(text("SELECT sum(x) FROM t"))).scalar() == 3
    finally:
        await reader.dispose()
        await engine.dispose()


async def test_refuses_every_write(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}"
    engine, reader = create_engine(url), create_read_engine(url)
    assert reader is not None
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (x INTEGER)"))
        async with create_sessionmaker(reader)() as session:
            with pytest.raises(OperationalError, match="readonly"):
                await session.execute(text("INSERT INTO t VALUES (1)"))
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM t"))).scalar() == 0
    finally:
        await reader.dispose()
        await engine.dispose()


async def test_does_not_wait_for_an_open_write_transaction(tmp_path: Path) -> None:
    # The writer holds the lock across awaits (as an ORM session does); a read on the
    # loop's thread must neither block on it (the writer could never finish) nor see it.
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}"
    engine, reader = create_engine(url), create_read_engine(url)
    assert reader is not None
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (x INTEGER)"))
            await conn.execute(text("INSERT INTO t VALUES (1)"))
        async with engine.connect() as writer:
            await writer.execute(text("INSERT INTO t VALUES (2)"))  # uncommitted
            started = time.perf_counter()
            async with create_sessionmaker(reader)() as session:
                seen = (await session.execute(text("SELECT count(*) FROM t"))).scalar()
            elapsed = time.perf_counter() - started
            await writer.commit()
        assert seen == 1
        assert elapsed < 0.2  # busy_timeout is 0.25 s: no lock wait happened
    finally:
        await reader.dispose()
        await engine.dispose()


@pytest.mark.parametrize(
    "url",
    ["sqlite+aiosqlite:///:memory:", "sqlite+aiosqlite://", "postgresql+asyncpg://u@h/db"],
)
def test_only_for_sqlite_files(url: str) -> None:
    # An in-memory database is private to its connection; PostgreSQL is async already.
    assert create_read_engine(url) is None
