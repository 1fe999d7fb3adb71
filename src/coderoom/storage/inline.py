"""Read-only SQLite sessions answered on the event loop's own thread.

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
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import URL, event, pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
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
