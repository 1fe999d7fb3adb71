"""Inline SQLite: reads on the loop's thread, and inserts there only when the lock is free."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    insert,
    select,
    text,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from coderoom.storage.db import (
    create_engine,
    create_inline_reads,
    create_inline_writer,
    create_read_engine,
    create_sessionmaker,
)
from coderoom.storage.inline import InlineReads, InlineWriter
from coderoom.storage.types import UTCDateTime

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


# InlineReads: prebuilt statements on a held read-only connection.

_T = Table("t", MetaData(), Column("x", Integer))
_X_AT_LEAST = select(_T.c.x).where(_T.c.x >= bindparam("low")).order_by(_T.c.x)


@pytest.fixture
def inline_reads(tmp_path: Path, engines: Engines) -> Iterator[InlineReads]:
    """Inline reads on the ``engines`` file."""
    reads = create_inline_reads(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}")
    assert reads is not None
    yield reads
    reads.close()


async def test_inline_reads_answer_as_a_session(
    engines: Engines, inline_reads: InlineReads
) -> None:
    engine, sessions = engines
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO t VALUES (5), (7)"))
    async with sessions() as session:
        for low in (0, 6, 8):
            expected = (await session.execute(_X_AT_LEAST, {"low": low})).first()
            assert await inline_reads.first(_X_AT_LEAST, {"low": low}) == (
                None if expected is None else tuple(expected)
            )
    assert await inline_reads.scalar(_X_AT_LEAST, {"low": 6}) == 7
    assert await inline_reads.scalar(_X_AT_LEAST, {"low": 8}) is None


async def test_inline_reads_do_not_wait_for_an_open_write(
    engines: Engines, inline_reads: InlineReads
) -> None:
    engine, _ = engines
    async with engine.connect() as writer:
        await writer.execute(text("INSERT INTO t VALUES (2)"))  # uncommitted, lock held
        started = time.perf_counter()
        assert await inline_reads.scalar(_X_AT_LEAST, {"low": 2}) is None
        assert time.perf_counter() - started < 0.2
        await writer.commit()
    assert await inline_reads.scalar(_X_AT_LEAST, {"low": 2}) == 2


async def test_inline_reads_refuse_columns_that_need_conversion(
    inline_reads: InlineReads,
) -> None:
    # A boolean comes back from sqlite3 as 0/1: these reads skip SQLAlchemy's conversion,
    # so such a statement is refused rather than answered wrong.
    flags = Table("flags", MetaData(), Column("on", Boolean))
    with pytest.raises(TypeError, match="needs conversion"):
        await inline_reads.first(select(flags.c.on), {})


async def test_inline_reads_report_errors_as_sqlalchemy_does(inline_reads: InlineReads) -> None:
    missing = Table("no_such_table", MetaData(), Column("x", Integer))
    with pytest.raises(OperationalError, match="no_such_table"):
        await inline_reads.first(select(missing.c.x), {})


class _Base(DeclarativeBase):
    pass


class _Stamp(_Base):
    __tablename__ = "stamps"
    id: Mapped[str] = mapped_column(String(8), primary_key=True, default=lambda: "generated")
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    flag: Mapped[bool] = mapped_column(Boolean)


async def test_writer_stores_values_as_a_session_does(
    tmp_path: Path, engines: Engines, writer: tuple[InlineWriter, Table]
) -> None:
    # The columns' own bind processors run, in SQLite's forms: an aware datetime and a
    # boolean written inline are stored as the same text and integer as through a session.
    engine, _ = engines
    async with engine.begin() as conn:
        await conn.run_sync(_Base.metadata.create_all)
    inline, _ = writer
    at = datetime(2026, 12, 3, 9, 30, 1, 250, tzinfo=timezone(timedelta(hours=2)))
    stamps = insert(_Stamp.__table__)
    assert inline.try_insert(stamps, [{"id": "inline", "at": at, "flag": True}])
    async with create_sessionmaker(engine)() as session:
        session.add(_Stamp(id="session", at=at, flag=True))
        await session.commit()
        stored = await session.get(_Stamp, "inline")
        raw = (await session.execute(text("SELECT id, at, flag FROM stamps ORDER BY id"))).all()
    assert stored is not None
    assert (stored.at, stored.flag) == (at.astimezone(UTC), True)
    assert [tuple(r) for r in raw] == [
        ("inline", "2026-12-03 07:30:01.000250", 1),
        ("session", "2026-12-03 07:30:01.000250", 1),
    ]
    with pytest.raises(TypeError, match="Python default"):
        inline.try_insert(stamps, {"at": at, "flag": False})  # id's default runs only in the ORM
