"""SQLite work answered on the event loop's own thread: read sessions, and small writes.

aiosqlite runs every call of a connection in a worker thread: a cursor, an execute, a
fetch, a close, two rollbacks — six thread hand-offs for one primary-key read, each a
futex wake and a fight for the GIL. On the server's one core that cost 3–6 ms of wall time
and about 2 ms of CPU per access check, while the read itself takes 0.03 ms. In a
reconnect storm those checks queue behind each other.

The dialect here is the stock synchronous pysqlite one, marked async so that
``AsyncEngine`` and ``AsyncSession`` accept it: SQLAlchemy's greenlet bridge then calls
sqlite3 directly, and nothing ever awaits. That is only safe for reads, which is what the
connections enforce:

- ``PRAGMA query_only``: any write fails loudly instead of taking the write lock on the
  loop's thread (a write waiting for a lock would stall the whole process);
- in WAL mode readers never wait for writers, and ``busy_timeout`` bounds the rare wait
  (WAL recovery) to a quarter of a second.

Use it through ``AsyncSession`` (``AsyncConnection.execute`` insists on an await and
refuses it), for short indexed reads on hot paths (socket connects, room loads), never for a
scan whose size the caller does not control.

``InlineWriter`` does the same for single-statement inserts on hot paths (a run's record,
a batch of the update log), where aiosqlite's begin, execute, commit and reset cost about
eight hand-offs. It never waits for the write lock: with a zero busy timeout a held lock
fails the insert at once and the caller takes the ordinary (threaded, waiting) session
instead. Its connection never checkpoints (``wal_autocheckpoint`` 0), so a commit appends
to the WAL and does not fsync; the main engine's connections keep the WAL checkpointed
(a frequent writer such as the update log sends some of its writes through them).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import URL, Insert, event, pool
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from typing_extensions import override

DRIVER = "coderoom_inline"
BUSY_TIMEOUT_MS = 250


class _Cursor(sqlite3.Cursor):
    async def _async_soft_close(self) -> None:
        """Nothing to release early; SQLAlchemy's async results call it on every cursor."""


class _Connection(sqlite3.Connection):
    @override
    def cursor(self, factory: Any = _Cursor) -> Any:
        return super().cursor(factory)


class InlineSQLiteDialect(SQLiteDialect_pysqlite):
    """pysqlite, declared async so the asyncio extension runs it inline."""

    is_async = True
    supports_statement_cache = True

    @override
    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        return pool.AsyncAdaptedQueuePool


registry.register(f"sqlite.{DRIVER}", __name__, InlineSQLiteDialect.__name__)


def _read_only(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def create_inline_read_engine(database: str) -> AsyncEngine:
    """A read-only engine on the SQLite file ``database``, answered on the calling thread."""
    engine = create_async_engine(
        URL.create(f"sqlite+{DRIVER}", database=database),
        # Only the event loop's thread uses these connections; the pool may be disposed
        # of from another thread at shutdown.
        connect_args={"check_same_thread": False, "factory": _Connection},
    )
    event.listen(engine.sync_engine, "connect", _read_only)
    return engine


class InlineWriter:
    """Inserts on the loop's thread into the SQLite file ``database``, only if unopposed.

    One connection, used only by the event loop's thread; each call is one transaction
    that never awaits, so nothing else on the loop can interleave with it.
    """

    def __init__(self, database: str) -> None:
        self._engine = create_sync_engine(
            URL.create("sqlite+pysqlite", database=database),
            poolclass=pool.StaticPool,
            # timeout 0: not even a connect waits for a lock. The pool may be disposed of
            # from another thread at shutdown.
            connect_args={"check_same_thread": False, "timeout": 0},
        )
        event.listen(self._engine, "connect", _never_wait)

    def try_insert(
        self, statement: Insert, rows: Mapping[str, Any] | Sequence[Mapping[str, Any]]
    ) -> bool:
        """Insert ``rows`` (one or many) and commit; False, nothing written, if the lock is taken.

        Raises:
            sqlalchemy.exc.DBAPIError: any other failure (constraints...), rolled back.
        """
        try:
            with self._engine.begin() as conn:
                conn.execute(statement, rows)
        except OperationalError as exc:
            if getattr(exc.orig, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY:
                return False
            raise
        return True

    def close(self) -> None:
        """Close the connection."""
        self._engine.dispose()


def _never_wait(dbapi_connection: Any, _record: Any) -> None:
    # The file is in WAL mode already (the main engine sets it; it persists in the file).
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()
