"""Inline SQLite: reads on the loop's thread, and inserts there only when the lock is free."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coderoom.storage.db import (
    create_engine,
    create_inline_writer,
    create_read_engine,
    create_sessionmaker,
)
from coderoom.storage.inline import InlineWriter

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


@pytest.fixture
def writer(tmp_path: Path, engines: Engines) -> Iterator[tuple[InlineWriter, Table]]:
    """An inline writer on the ``engines`` file, and its table ``t(x)``."""
    database = tmp_path / "db.sqlite"
    inline = create_inline_writer(f"sqlite+aiosqlite:///{database}")
    assert inline is not None
    yield inline, Table("t", MetaData(), Column("x", Integer))
    inline.close()


async def test_writer_commits_what_every_reader_sees(
    engines: Engines, writer: tuple[InlineWriter, Table]
) -> None:
    inline, table = writer
    assert inline.try_insert(insert(table), {"x": 2})
    assert await _count(engines[1]) == 2


async def test_writer_gives_way_at_once_to_a_held_lock(
    tmp_path: Path, engines: Engines, writer: tuple[InlineWriter, Table]
) -> None:
    # The lock's holder may be a session waiting for this very loop: waiting for it on the
    # loop's thread could never end. The writer reports the lock instead and writes nothing.
    inline, table = writer
    holder = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    started = time.perf_counter()
    assert not inline.try_insert(insert(table), {"x": 2})
    assert time.perf_counter() - started < 1  # sqlite3 would wait 5 s by default
    holder.execute("COMMIT")
    holder.close()
    assert inline.try_insert(insert(table), {"x": 3})
    async with engines[1]() as session:
        assert (await session.execute(text("SELECT x FROM t ORDER BY x"))).scalars().all() == [
            1,
            3,
        ]


async def test_writer_raises_other_failures_and_keeps_nothing(
    engines: Engines, writer: tuple[InlineWriter, Table]
) -> None:
    inline, _ = writer
    wrong = Table("t", MetaData(), Column("no_such_column", Integer))
    with pytest.raises(OperationalError, match="no_such_column"):
        inline.try_insert(insert(wrong), {"no_such_column": 1})
    assert await _count(engines[1]) == 1


@pytest.mark.parametrize("url", ["sqlite+aiosqlite:///:memory:", "postgresql+asyncpg://u@h/db"])
def test_writer_only_for_sqlite_files(url: str) -> None:
    assert create_inline_writer(url) is None
