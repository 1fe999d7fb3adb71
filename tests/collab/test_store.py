"""The update log's writer on SQLite: batches on the loop's thread when the lock is free,
through the session when it is held, and a wake-up from idle for the next edit."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import anyio
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coderoom.collab.models import DocUpdate
from coderoom.collab.store import UpdateLog
from coderoom.storage.db import create_engine, create_inline_writer, create_sessionmaker
from coderoom.storage.inline import InlineWriter

pytestmark = pytest.mark.anyio


@dataclass
class Db:
    path: Path
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    writer: InlineWriter


@pytest.fixture
async def db(tmp_path: Path, sqlite_template: Path) -> AsyncIterator[Db]:
    """A migrated SQLite file with the app's main engine and inline writer on it."""
    path = tmp_path / "db.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite+aiosqlite:///{path}"
    engine, writer = create_engine(url), create_inline_writer(url)
    assert writer is not None
    yield Db(path, engine, create_sessionmaker(engine), writer)
    writer.close()
    await engine.dispose()


async def _logged(db: Db) -> list[bytes]:
    async with db.sessions() as session:
        return list(await session.scalars(select(DocUpdate.data).order_by(DocUpdate.seq)))


async def test_a_batch_is_committed_without_leaving_the_loop_thread(db: Db) -> None:
    log = UpdateLog(db.sessions, writer=db.writer)
    for i in range(3):
        log.append("r1", "p1", bytes([i]))
    # Driven by hand: a flush that awaited anything (aiosqlite's thread) would suspend here.
    with pytest.raises(StopIteration):
        log.flush().send(None)
    assert log.pending == 0
    assert await _logged(db) == [b"\x00", b"\x01", b"\x02"]


async def test_a_held_lock_sends_the_batch_through_the_session(db: Db) -> None:
    # The inline writer gives way at once; the session waits for the lock in its thread,
    # and nothing is lost or reordered.
    log = UpdateLog(db.sessions, writer=db.writer)
    log.append("r1", "p1", b"before")
    await log.flush()
    holder = sqlite3.connect(db.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    log.append("r1", "p1", b"while locked")
    async with anyio.create_task_group() as tg:
        tg.start_soon(log.flush)
        await anyio.sleep(0.2)
        assert await _logged(db) == [b"before"]
        holder.execute("COMMIT")
    holder.close()
    assert await _logged(db) == [b"before", b"while locked"]


async def test_an_edit_after_an_idle_stretch_is_written_within_the_interval(db: Db) -> None:
    log = UpdateLog(db.sessions, interval_s=0.05, writer=db.writer)
    async with anyio.create_task_group() as tg:
        tg.start_soon(log.run)
        await anyio.sleep(0.3)  # idle: the writer waits for an append
        log.append("r1", "p1", b"late")
        started = time.monotonic()
        with anyio.fail_after(2):
            while log.pending:
                await anyio.sleep(0.01)
        assert time.monotonic() - started < 0.5
        tg.cancel_scope.cancel()
    assert await _logged(db) == [b"late"]
