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
    func,
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
    create_sessionmaker,
)
from coderoom.storage.inline import InlineReads, InlineWriter
from coderoom.storage.types import UTCDateTime

pytestmark = pytest.mark.anyio

Engines = tuple[AsyncEngine, async_sessionmaker[AsyncSession]]
_T = Table("t", MetaData(), Column("x", Integer))
_X_AT_LEAST = select(_T.c.x).where(_T.c.x >= bindparam("low")).order_by(_T.c.x)
_COUNT = select(func.count()).select_from(_T)


@pytest.fixture
async def engines(tmp_path: Path) -> AsyncIterator[Engines]:
    """The main engine and its sessions on one SQLite file holding ``t(x)`` = 1."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}")
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (x INTEGER)"))
        await conn.execute(text("INSERT INTO t VALUES (1)"))
    yield engine, create_sessionmaker(engine)
    await engine.dispose()


@pytest.fixture
def reads(tmp_path: Path, engines: Engines) -> Iterator[InlineReads]:
    """Inline reads on the ``engines`` file."""
    inline = create_inline_reads(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}")
    assert inline is not None
    yield inline
    inline.close()


@pytest.fixture
def writer(tmp_path: Path, engines: Engines) -> Iterator[InlineWriter]:
    """An inline writer on the ``engines`` file."""
    inline = create_inline_writer(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}")
    assert inline is not None
    yield inline
    inline.close()


@pytest.mark.parametrize(
    "url",
    ["sqlite+aiosqlite:///:memory:", "sqlite+aiosqlite://", "postgresql+asyncpg://u@h/db"],
)
def test_only_for_sqlite_files(url: str) -> None:
    # An in-memory database is private to its connection; PostgreSQL is async already.
    assert create_inline_reads(url) is None
    assert create_inline_writer(url) is None


# Reads


async def test_reads_answer_as_a_session_does(engines: Engines, reads: InlineReads) -> None:
    engine, sessions = engines
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO t VALUES (5), (7)"))
    async with sessions() as session:
        for low in (0, 6, 8):
            expected = (await session.execute(_X_AT_LEAST, {"low": low})).all()
            assert await reads.all(_X_AT_LEAST, {"low": low}) == [tuple(r) for r in expected]
            first = await reads.first(_X_AT_LEAST, {"low": low})
            assert first == (tuple(expected[0]) if expected else None)
    assert await reads.scalar(_X_AT_LEAST, {"low": 6}) == 7
    assert await reads.scalar(_X_AT_LEAST, {"low": 8}) is None


async def test_reads_refuse_every_write(reads: InlineReads) -> None:
    # Its statements are selects; the connection itself refuses writes too (query_only).
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reads._conn.execute("INSERT INTO t VALUES (2)")
    assert await reads.scalar(_COUNT, {}) == 1


async def test_reads_do_not_wait_for_an_open_write_transaction(
    engines: Engines, reads: InlineReads
) -> None:
    # The writer holds the lock across awaits (as an ORM session does); a read on the
    # loop's thread must neither block on it (the writer could never finish) nor see it.
    engine, _ = engines
    async with engine.connect() as open_write:
        await open_write.execute(text("INSERT INTO t VALUES (2)"))  # uncommitted
        started = time.perf_counter()
        seen = await reads.scalar(_COUNT, {})
        elapsed = time.perf_counter() - started
        await open_write.commit()
    assert seen == 1
    assert elapsed < 0.2  # busy_timeout is 0.25 s: no lock wait happened
    assert await reads.scalar(_COUNT, {}) == 2


async def test_reads_report_errors_as_sqlalchemy_does(reads: InlineReads) -> None:
    missing = Table("no_such_table", MetaData(), Column("x", Integer))
    with pytest.raises(OperationalError, match="no_such_table"):
        await reads.first(select(missing.c.x), {})


# Writes


async def test_writer_commits_what_every_reader_sees(
    reads: InlineReads, writer: InlineWriter
) -> None:
    assert writer.try_insert(insert(_T), {"x": 2})
    assert writer.try_insert(insert(_T), [{"x": 3}, {"x": 4}])
    assert await reads.all(_X_AT_LEAST, {"low": 0}) == [(1,), (2,), (3,), (4,)]


async def test_writer_gives_way_at_once_to_a_held_lock(
    tmp_path: Path, reads: InlineReads, writer: InlineWriter
) -> None:
    # The lock's holder may be a session waiting for this very loop: waiting for it on the
    # loop's thread could never end. The writer reports the lock instead and writes nothing.
    holder = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    started = time.perf_counter()
    assert not writer.try_insert(insert(_T), {"x": 2})
    assert time.perf_counter() - started < 1  # sqlite3 would wait 5 s by default
    holder.execute("COMMIT")
    holder.close()
    assert writer.try_insert(insert(_T), {"x": 3})
    assert await reads.all(_X_AT_LEAST, {"low": 0}) == [(1,), (3,)]


async def test_writer_raises_other_failures_and_keeps_nothing(
    reads: InlineReads, writer: InlineWriter
) -> None:
    wrong = Table("t", MetaData(), Column("no_such_column", Integer))
    with pytest.raises(OperationalError, match="no_such_column"):
        writer.try_insert(insert(wrong), {"no_such_column": 1})
    assert await reads.scalar(_COUNT, {}) == 1
    assert writer.try_insert(insert(_T), {"x": 2})  # rolled back: the connection goes on


class _Base(DeclarativeBase):
    pass


class _Stamp(_Base):
    __tablename__ = "stamps"
    id: Mapped[str] = mapped_column(String(8), primary_key=True, default=lambda: "generated")
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    flag: Mapped[bool] = mapped_column(Boolean)


_STAMPS = select(_Stamp.id, _Stamp.at, _Stamp.flag).order_by(_Stamp.id)


async def test_values_are_stored_and_read_as_through_a_session(
    engines: Engines, reads: InlineReads, writer: InlineWriter
) -> None:
    # The columns' own processors run, in SQLite's forms: an aware datetime and a boolean
    # written inline are stored as the same text and integer as through a session, and
    # read back as a session reads them.
    engine, sessions = engines
    async with engine.begin() as conn:
        await conn.run_sync(_Base.metadata.create_all)
    at = datetime(2026, 12, 3, 9, 30, 1, 250, tzinfo=timezone(timedelta(hours=2)))
    stamps = insert(_Stamp.__table__)
    assert writer.try_insert(stamps, [{"id": "inline", "at": at, "flag": True}])
    async with sessions() as session:
        session.add(_Stamp(id="session", at=at, flag=True))
        await session.commit()
        raw = (await session.execute(text("SELECT id, at, flag FROM stamps ORDER BY id"))).all()
        expected = [tuple(r) for r in (await session.execute(_STAMPS)).all()]
    assert [tuple(r) for r in raw] == [
        ("inline", "2026-12-03 07:30:01.000250", 1),
        ("session", "2026-12-03 07:30:01.000250", 1),
    ]
    assert expected == [("inline", at.astimezone(UTC), True), ("session", at.astimezone(UTC), True)]
    assert await reads.all(_STAMPS, {}) == expected
    with pytest.raises(TypeError, match="Python default"):
        writer.try_insert(stamps, {"at": at, "flag": False})  # id's default runs only in the ORM
